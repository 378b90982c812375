"""What happens to offers, needs, rounds, mobilities and agreements.

Every function that writes runs in one transaction and validates before it
writes; refusals raise :class:`MobilityError` with messages per form field in
the active language, so views show them next to the field and nothing is
half-written."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobinnov.accounts.models import User
from mobinnov.core.concurrency import claim_version
from mobinnov.core.emails import send_templated_email
from mobinnov.core.languages import WORKING_LANGUAGE_CODES
from mobinnov.mobility import matching
from mobinnov.mobility.budget import BudgetInputError, estimate, great_circle_km
from mobinnov.mobility.models import (
    ACTIVITY_FORMATS,
    DEFAULT_ACTIVITY,
    Agreement,
    Approval,
    Format,
    HostOffer,
    LearningNeed,
    Mobility,
    OfferPeriod,
    PlanningRound,
    ProgrammeDay,
    Proposal,
    RoundNeed,
)
from mobinnov.mobility.ratebook import active_rates
from mobinnov.mobility.rates import RateBook
from mobinnov.network.models import Membership, Organisation
from mobinnov.practices.models import Practice


class MobilityError(Exception):
    """A refused change: ``errors`` maps form field names (or ``None`` for the
    whole form) to messages."""

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors

    @classmethod
    def single(cls, message: str, field: str | None = None) -> MobilityError:
        return cls({field: [message]})


def _now() -> dt.datetime:
    return timezone.now()


# --- scoring ------------------------------------------------------------------

# Points of each part of a pair's fit (the explanation shown with a proposal).
SCORE_WEIGHTS = {
    "practices": 25.0,  # per practice of interest the offer shows (at most 2)
    "fields": 10.0,  # per field of excellence in common (at most 3)
    "language": 10.0,  # a working language in common (required)
    "format": 15.0,  # a preferred format offered (half when no preference)
    "dates": 10.0,  # share of the wished duration the dates allow
    "duration": 10.0,  # the wished duration fits the offer's limits entirely
}
SCORE_PART_LABELS = {
    "practices": gettext_lazy("Practices of interest"),
    "fields": gettext_lazy("Fields of excellence in common"),
    "language": gettext_lazy("Working language"),
    "format": gettext_lazy("Format"),
    "dates": gettext_lazy("Dates"),
    "duration": gettext_lazy("Duration"),
}

# Why a need was left out, in the order they are checked.
UNMATCHED_REASONS = {
    "own_organisation": gettext_lazy("the only offers are from their own organisation"),
    "dates": gettext_lazy("no offer is available in their dates"),
    "language": gettext_lazy("no offer works in their languages"),
    "duration": gettext_lazy("no offer allows their duration"),
    "capacity": gettext_lazy("the offers that fit them are full"),
    "declined": gettext_lazy("their proposals were declined"),
    "balance": gettext_lazy("matching them would unbalance the exchanges between partners"),
    "no_offers": gettext_lazy("there is no open offer in the round's period"),
}


@dataclass
class OfferFacts:
    """What scoring needs of an offer, read once per round."""

    offer: HostOffer
    practice_ids: set[int]
    field_ids: set[int]
    periods: list[OfferPeriod]


@dataclass
class NeedFacts:
    need: LearningNeed
    practice_ids: set[int]
    field_ids: set[int]


@dataclass
class PairFit:
    score: float
    parts: dict[str, float]
    start: dt.date
    end: dt.date
    activity: str


@dataclass
class Exclusion:
    reason: str


def activity_for(need_formats: Iterable[str], offer_formats: Iterable[str]) -> str:
    """The Erasmus+ activity type of a visit: the first activity format both
    want, else the offer's first activity format, else job shadowing."""
    wanted = list(need_formats)
    offered = list(offer_formats)
    for code in ACTIVITY_FORMATS:
        if code in wanted and code in offered:
            return str(code)
    for offered_code in offered:
        if offered_code in ACTIVITY_FORMATS:
            return str(offered_code)
    return str(DEFAULT_ACTIVITY)


def activity_limits(activity: str, call_year: int) -> tuple[int, int]:
    book = active_rates()
    year = book.years.get(call_year) or book.years[max(book.years)]
    kind = year.activities.get(activity)
    if kind is None:
        return 1, 365
    return kind.min_days, kind.max_days


def default_call_year(start: dt.date, rates: RateBook | None = None) -> int:
    """The call year a mobility starting on ``start`` is budgeted under by
    default: its year, within the years the tables cover."""
    years = (rates or active_rates()).call_years
    return min(max(start.year, years[0]), years[-1])


def fit(
    need: NeedFacts,
    offer: OfferFacts,
    period: OfferPeriod,
    window: tuple[dt.date, dt.date] | None = None,
) -> PairFit | Exclusion:
    """Score one need-period pair, or say which hard constraint excludes it."""
    n, o = need.need, offer.offer
    if n.organisation_id == o.organisation_id:
        return Exclusion("own_organisation")
    start = max(n.earliest_start, period.start)
    end = min(n.latest_end, period.end)
    if window is not None:
        start, end = max(start, window[0]), min(end, window[1])
    if end < start:
        return Exclusion("dates")
    if not set(n.languages) & set(o.languages):
        return Exclusion("language")
    activity = activity_for(n.formats, o.formats)
    act_min, act_max = activity_limits(activity, start.year)
    shortest = max(n.min_days, o.min_days, act_min)
    longest = min(n.max_days, o.max_days, act_max)
    available = (end - start).days + 1
    if shortest > longest:
        return Exclusion("duration")
    if available < shortest:
        return Exclusion("dates")
    days = min(longest, available)
    parts: dict[str, float] = {}
    parts["practices"] = SCORE_WEIGHTS["practices"] * min(
        2, len(need.practice_ids & offer.practice_ids)
    )
    parts["fields"] = SCORE_WEIGHTS["fields"] * min(3, len(need.field_ids & offer.field_ids))
    parts["language"] = SCORE_WEIGHTS["language"]
    if not n.formats:
        parts["format"] = SCORE_WEIGHTS["format"] / 2
    elif set(n.formats) & set(o.formats):
        parts["format"] = SCORE_WEIGHTS["format"]
    else:
        parts["format"] = 0.0
    parts["dates"] = round(SCORE_WEIGHTS["dates"] * min(1.0, days / n.max_days), 2)
    within = o.min_days <= n.min_days and n.max_days <= o.max_days
    parts["duration"] = SCORE_WEIGHTS["duration"] if within else SCORE_WEIGHTS["duration"] / 2
    score = round(sum(parts.values()), 2)
    return PairFit(score, parts, start, start + dt.timedelta(days=days - 1), activity)


def explain(parts: dict[str, float]) -> list[tuple[str, float]]:
    """The parts of a score as (label, points), largest first, for display."""
    return sorted(
        ((str(SCORE_PART_LABELS.get(key, key)), value) for key, value in parts.items()),
        key=lambda item: -item[1],
    )


# --- offers and needs -----------------------------------------------------------


def open_offers_between(start: dt.date, end: dt.date) -> QuerySet[HostOffer]:
    return HostOffer.objects.filter(
        status=HostOffer.Status.OPEN, periods__start__lte=end, periods__end__gte=start
    ).distinct()


def booked_in_period(period_ids: Iterable[int]) -> dict[int, int]:
    """Active mobilities per offer period."""
    rows = (
        Mobility.objects.filter(offer_period_id__in=list(period_ids))
        .exclude(status=Mobility.Status.CANCELLED)
        .values("offer_period_id")
        .annotate(n=Count("id"))
    )
    return {row["offer_period_id"]: row["n"] for row in rows}


@transaction.atomic
def _mark_submitted(need: LearningNeed, user: Any) -> None:
    if need.status not in (LearningNeed.Status.DRAFT,):
        raise MobilityError.single(_("Only a draft can be sent for endorsement."))
    need.status = LearningNeed.Status.SUBMITTED
    need.updated_at = _now()
    need.version += 1
    need.save(update_fields=["status", "updated_at", "version"])


@transaction.atomic
def endorse_need(need: LearningNeed, user: Any) -> None:
    if need.status not in (LearningNeed.Status.DRAFT, LearningNeed.Status.SUBMITTED):
        raise MobilityError.single(_("This need cannot be endorsed in its current state."))
    need.status = LearningNeed.Status.ENDORSED
    need.endorsed_by = user
    need.endorsed_at = _now()
    need.updated_at = need.endorsed_at
    need.version += 1
    need.save(update_fields=["status", "endorsed_by", "endorsed_at", "updated_at", "version"])


@transaction.atomic
def withdraw_need(need: LearningNeed, user: Any) -> None:
    if need.status == LearningNeed.Status.MATCHED:
        raise MobilityError.single(
            _("This need already became a mobility: cancel the mobility instead.")
        )
    if need.status == LearningNeed.Status.WITHDRAWN:
        raise MobilityError.single(_("This need is already withdrawn."))
    need.status = LearningNeed.Status.WITHDRAWN
    need.updated_at = _now()
    need.version += 1
    need.save(update_fields=["status", "updated_at", "version"])
    need.proposals.filter(status=Proposal.Status.PROPOSED).update(status=Proposal.Status.SUPERSEDED)


# --- reciprocity ledger ------------------------------------------------------------


@dataclass
class LedgerCell:
    sent: int = 0
    days: int = 0


@dataclass
class Ledger:
    """Participants and participant-days sent from one organisation to another."""

    cells: dict[tuple[int, int], LedgerCell] = field(default_factory=dict)

    def get(self, sender: int, receiver: int) -> LedgerCell:
        return self.cells.get((sender, receiver), LedgerCell())

    def balance(self, a: int, b: int) -> int:
        """Participants a sent to b minus those b sent to a."""
        return self.get(a, b).sent - self.get(b, a).sent

    def organisation_ids(self) -> set[int]:
        return {org for pair in self.cells for org in pair}


def ledger(
    *, year: int | None = None, organisation_id: int | None = None, exclude_round: int | None = None
) -> Ledger:
    """The reciprocity ledger of active (not cancelled) mobilities, for one
    year of start date or all years, all partners or those of one partner."""
    queryset = Mobility.objects.exclude(status=Mobility.Status.CANCELLED)
    if year is not None:
        queryset = queryset.filter(start_date__year=year)
    if organisation_id is not None:
        queryset = queryset.filter(
            Q(sending_organisation_id=organisation_id)
            | Q(receiving_organisation_id=organisation_id)
        )
    if exclude_round is not None:
        queryset = queryset.exclude(proposal__round_id=exclude_round)
    result = Ledger()
    rows = queryset.values_list(
        "sending_organisation_id", "receiving_organisation_id", "start_date", "end_date"
    )
    for sender, receiver, start, end in rows:
        cell = result.cells.setdefault((sender, receiver), LedgerCell())
        cell.sent += 1
        cell.days += (end - start).days + 1
    return result


def ledger_years() -> list[int]:
    dates = Mobility.objects.exclude(status=Mobility.Status.CANCELLED).dates("start_date", "year")
    return [d.year for d in dates]


# --- planning rounds --------------------------------------------------------------


def round_needs(round_: PlanningRound) -> QuerySet[LearningNeed]:
    """Endorsed needs whose wished period meets the round's, in its scope."""
    queryset = LearningNeed.objects.filter(
        status=LearningNeed.Status.ENDORSED,
        earliest_start__lte=round_.period_end,
        latest_end__gte=round_.period_start,
        organisation__is_active=True,
    )
    if round_.organisation_id is not None:
        queryset = queryset.filter(organisation_id=round_.organisation_id)
    return queryset


def _fixed_proposals(round_: PlanningRound) -> QuerySet[Proposal]:
    """Proposals a re-solve keeps: accepted, or accepted by one side already."""
    return (
        round_.proposals.select_related("need", "offer")
        .exclude(mobility__status=Mobility.Status.CANCELLED)
        .filter(
            Q(status=Proposal.Status.ACCEPTED)
            | Q(status=Proposal.Status.PROPOSED)
            & (
                Q(sending_decision=Proposal.Decision.ACCEPTED)
                | Q(host_decision=Proposal.Decision.ACCEPTED)
            )
        )
    )


@dataclass
class RoundResult:
    proposals: int
    unmatched: int
    optimal: bool
    objective: float
    status: str


def solve_round(round_: PlanningRound, user: Any) -> RoundResult:
    """Score every compatible pair, solve exactly (with the round's time limit
    and reciprocity weight, counting earlier mobilities) and store proposals.

    Undecided proposals of an earlier solve are replaced; accepted and
    half-accepted ones are kept, and declined pairs are never proposed again
    in this round."""
    if round_.status == PlanningRound.Status.CLOSED:
        raise MobilityError.single(_("This round is closed."))
    with transaction.atomic():
        round_ = PlanningRound.objects.select_for_update().get(pk=round_.pk)
        if round_.status == PlanningRound.Status.CLOSED:
            raise MobilityError.single(_("This round is closed."))
        window = (round_.period_start, round_.period_end)
        fixed = list(_fixed_proposals(round_))
        fixed_needs = {p.need_id for p in fixed}
        declined = set(
            round_.proposals.filter(status=Proposal.Status.DECLINED).values_list(
                "need_id", "offer_id"
            )
        )
        needs = [
            NeedFacts(n, set(), set())
            for n in round_needs(round_).exclude(pk__in=fixed_needs).select_related("person")
        ]
        by_need = {facts.need.pk: facts for facts in needs}
        for need_id, practice_id in LearningNeed.practices.through.objects.filter(
            learningneed_id__in=by_need
        ).values_list("learningneed_id", "practice_id"):
            by_need[need_id].practice_ids.add(practice_id)
        for need_id, field_id in LearningNeed.fields.through.objects.filter(
            learningneed_id__in=by_need
        ).values_list("learningneed_id", "fieldofexcellence_id"):
            by_need[need_id].field_ids.add(field_id)

        offers = {
            o.pk: OfferFacts(o, set(), set(), [])
            for o in open_offers_between(*window).filter(organisation__is_active=True)
        }
        from mobinnov.practices.models import Practice

        for offer_id, practice_id in HostOffer.practices.through.objects.filter(
            hostoffer_id__in=offers
        ).values_list("hostoffer_id", "practice_id"):
            offers[offer_id].practice_ids.add(practice_id)
        practice_ids = {pid for each in offers.values() for pid in each.practice_ids}
        practice_fields: dict[int, set[int]] = defaultdict(set)
        for practice_id, field_id in Practice.fields.through.objects.filter(
            practice_id__in=practice_ids
        ).values_list("practice_id", "fieldofexcellence_id"):
            practice_fields[practice_id].add(field_id)
        for offer_facts in offers.values():
            for pid in offer_facts.practice_ids:
                offer_facts.field_ids |= practice_fields[pid]
        periods = list(
            OfferPeriod.objects.filter(
                offer_id__in=offers, start__lte=window[1], end__gte=window[0]
            )
        )
        for period in periods:
            offers[period.offer_id].periods.append(period)
        booked = booked_in_period(p.pk for p in periods)
        # Half-accepted proposals hold their place too.
        held = Counter(p.period_id for p in fixed if p.status == Proposal.Status.PROPOSED)

        period_index = {p.pk: p for p in periods}
        fits: dict[tuple[int, int], PairFit] = {}
        reasons: dict[int, set[str]] = defaultdict(set)
        candidates: dict[int, list[matching.Candidate]] = defaultdict(list)
        for facts in needs:
            for offer_facts in offers.values():
                if (facts.need.pk, offer_facts.offer.pk) in declined:
                    reasons[facts.need.pk].add("declined")
                    continue
                for period in offer_facts.periods:
                    result = fit(facts, offer_facts, period, window)
                    if isinstance(result, Exclusion):
                        reasons[facts.need.pk].add(result.reason)
                        continue
                    fits[(facts.need.pk, period.pk)] = result
                    candidates[facts.need.pk].append(
                        matching.Candidate(offer=f"p{period.pk}", score=result.score)
                    )
        capacity = {
            p.pk: max(0, offers[p.offer_id].offer.capacity - booked.get(p.pk, 0) - held[p.pk])
            for p in periods
        }
        organisation_ledger = ledger(exclude_round=round_.pk)
        for p in fixed:
            # Kept proposals count in the balance as if already mobilities.
            if p.status == Proposal.Status.PROPOSED:
                cell = organisation_ledger.cells.setdefault(
                    (p.need.organisation_id, p.offer.organisation_id), LedgerCell()
                )
                cell.sent += 1
        problem = matching.MatchingProblem(
            needs=tuple(
                matching.Need(
                    id=f"n{facts.need.pk}",
                    organisation=str(facts.need.organisation_id),
                    candidates=tuple(candidates[facts.need.pk]),
                )
                for facts in needs
            ),
            offers=tuple(
                matching.Offer(
                    id=f"p{p.pk}",
                    organisation=str(offers[p.offer_id].offer.organisation_id),
                    capacity=capacity[p.pk],
                )
                for p in periods
            ),
            reciprocity_weight=float(round_.reciprocity_weight),
            time_limit_s=float(round_.time_limit_s),
            ledger={
                (str(a), str(b)): cell.sent for (a, b), cell in organisation_ledger.cells.items()
            },
        )
        solution = matching.solve(problem)

        round_.proposals.filter(status=Proposal.Status.PROPOSED).exclude(
            pk__in=[p.pk for p in fixed]
        ).update(status=Proposal.Status.SUPERSEDED)
        new = []
        for need_key, period_key in solution.assignments.items():
            need_id, period_id = int(need_key[1:]), int(period_key[1:])
            pair = fits[(need_id, period_id)]
            period = period_index[period_id]
            new.append(
                Proposal(
                    round=round_,
                    need_id=need_id,
                    offer_id=period.offer_id,
                    period=period,
                    start_date=pair.start,
                    end_date=pair.end,
                    activity_type=pair.activity,
                    score=pair.score,
                    score_parts=pair.parts,
                )
            )
        Proposal.objects.bulk_create(new)

        # Unmatched needs and why.
        assigned = {int(key[1:]) for key in solution.assignments}
        used = Counter(int(key[1:]) for key in solution.assignments.values())
        RoundNeed.objects.filter(round=round_).delete()
        entries = []
        for facts in needs:
            need_id = facts.need.pk
            why: list[str] = []
            if need_id not in assigned:
                if candidates[need_id]:
                    full = all(
                        used[int(c.offer[1:])] >= capacity[int(c.offer[1:])]
                        for c in candidates[need_id]
                    )
                    why = ["capacity"] if full else ["balance"]
                elif not offers:
                    why = ["no_offers"]
                else:
                    why = [code for code in UNMATCHED_REASONS if code in reasons[need_id]]
                    why = why or ["dates"]
            entries.append(
                RoundNeed(
                    round=round_,
                    need_id=need_id,
                    unmatched_reasons=why,
                    candidate_count=len(candidates[need_id]),
                )
            )
        entries.extend(
            RoundNeed(round=round_, need_id=need_id, candidate_count=0) for need_id in fixed_needs
        )
        RoundNeed.objects.bulk_create(entries)

        round_.status = PlanningRound.Status.SOLVED
        round_.solved_at = _now()
        round_.solve_count += 1
        round_.objective = solution.objective
        round_.optimal = solution.optimal
        round_.solver_status = solution.status[:200]
        round_.solve_time_s = solution.solve_time_s
        round_.save()
    return RoundResult(
        proposals=len(new),
        unmatched=len(needs) - len(assigned),
        optimal=solution.optimal,
        objective=solution.objective,
        status=solution.status,
    )


def decision_sides(user: Any, proposal: Proposal) -> list[str]:
    """The sides ("sending", "host") ``user`` may decide for."""
    from mobinnov.core.permissions import is_admin, is_coordinator

    sides = []
    if is_admin(user) or is_coordinator(user, proposal.need.organisation_id):
        sides.append("sending")
    if is_admin(user) or is_coordinator(user, proposal.offer.organisation_id):
        sides.append("host")
    return sides


def decide(
    proposal: Proposal, user: Any, side: str, accept: bool, reason: str = ""
) -> Mobility | None:
    """Record one side's decision. When both sides accepted, the proposal
    becomes a planned mobility (returned)."""
    if side not in decision_sides(user, proposal):
        raise MobilityError.single(_("You cannot decide for this side of the proposal."))
    if not accept and not reason.strip():
        raise MobilityError.single(_("Say briefly why you decline."), "reason")
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("need", "offer", "round")
            .get(pk=proposal.pk)
        )
        if proposal.status != Proposal.Status.PROPOSED:
            raise MobilityError.single(_("This proposal has already been decided."))
        if accept and proposal.need.status != LearningNeed.Status.ENDORSED:
            raise MobilityError.single(
                _("The learning need was withdrawn or already matched elsewhere.")
            )
        if accept and proposal.offer.status != HostOffer.Status.OPEN:
            raise MobilityError.single(_("The host closed this offer."))
        decision = Proposal.Decision.ACCEPTED if accept else Proposal.Decision.DECLINED
        now = _now()
        if side == "sending":
            proposal.sending_decision, proposal.sending_decided_by, proposal.sending_decided_at = (
                decision,
                user,
                now,
            )
        else:
            proposal.host_decision, proposal.host_decided_by, proposal.host_decided_at = (
                decision,
                user,
                now,
            )
        mobility = None
        if not accept:
            proposal.status = Proposal.Status.DECLINED
            proposal.decline_reason = reason.strip()[:300]
        elif proposal.sending_decision == proposal.host_decision == Proposal.Decision.ACCEPTED:
            proposal.status = Proposal.Status.ACCEPTED
        proposal.save()
        if proposal.status == Proposal.Status.ACCEPTED:
            need = proposal.need
            mobility = create_mobility(
                user,
                participant=need.person,
                sending_organisation=need.organisation,
                receiving_organisation=proposal.offer.organisation,
                activity_type=proposal.activity_type,
                start_date=proposal.start_date,
                end_date=proposal.end_date,
                offer=proposal.offer,
                offer_period=proposal.period,
                need=need,
                proposal=proposal,
                practices=list(need.practices.filter(pk__in=proposal.offer.practices.all()))
                or list(proposal.offer.practices.all()),
            )
            need.status = LearningNeed.Status.MATCHED
            need.updated_at = now
            need.save(update_fields=["status", "updated_at"])
    return mobility


# --- mobility records ---------------------------------------------------------------


MOBILITY_FIELDS = (
    "participant",
    "sending_organisation",
    "receiving_organisation",
    "activity_type",
    "call_year",
    "project_code",
    "start_date",
    "end_date",
    "travel_days",
    "offer",
    "offer_period",
    "origin_city",
    "origin_country",
    "green_travel",
    "transport",
    "blended",
    "fewer_opportunities",
    "official_distance_km",
)


def mobility_errors(mobility: Mobility) -> dict[str | None, list[str]]:
    """Everything wrong with a mobility about to be saved (not yet saved)."""
    from mobinnov.network.models import Membership

    errors: dict[str | None, list[str]] = defaultdict(list)
    m = mobility
    if m.start_date and m.end_date and m.end_date < m.start_date:
        errors["end_date"].append(_("The last day cannot be before the first day."))
    if m.sending_organisation_id and m.sending_organisation_id == m.receiving_organisation_id:
        errors["receiving_organisation"].append(
            _("The receiving organisation must be another partner than the sending one.")
        )
    if (
        m.participant_id
        and m.receiving_organisation_id
        and Membership.objects.filter(
            user_id=m.participant_id, organisation_id=m.receiving_organisation_id
        ).exists()
    ):
        errors["participant"].append(
            _(
                "The participant works for the receiving organisation: a mobility is always abroad, at another partner."
            )
        )
    if (
        m.participant_id
        and m.sending_organisation_id
        and not Membership.objects.filter(
            user_id=m.participant_id, organisation_id=m.sending_organisation_id
        ).exists()
    ):
        errors["participant"].append(
            _("The participant must be a member of the sending organisation.")
        )
    book = active_rates()
    if m.call_year not in book.years:
        errors["call_year"].append(
            _("There are no rates for the call year %(year)s. Available call years: %(years)s.")
            % {"year": m.call_year, "years": ", ".join(map(str, book.call_years))}
        )
    elif m.activity_type not in book.years[m.call_year].activities:
        errors["activity_type"].append(_("Choose an Erasmus+ activity type."))
    elif m.start_date and m.end_date and m.end_date >= m.start_date:
        kind = book.years[m.call_year].activities[m.activity_type]
        if not kind.min_days <= m.days <= kind.max_days:
            errors["end_date"].append(
                _(
                    "%(activity)s lasts %(min)s to %(max)s days (travel days not included); "
                    "these dates make %(days)s days."
                )
                % {
                    "activity": kind.name,
                    "min": kind.min_days,
                    "max": kind.max_days,
                    "days": m.days,
                }
            )
        limit = (
            book.years[m.call_year].travel_days_green
            if m.green_travel
            else book.years[m.call_year].travel_days_standard
        )
        if m.travel_days > limit:
            errors["travel_days"].append(
                _("At most %(limit)s travel days are funded (up to 6 with green travel).")
                % {"limit": limit}
            )
    if m.project_code and not PROJECT_CODE.fullmatch(m.project_code):
        errors["project_code"].append(
            _("A project code looks like 2024-1-FR01-KA121-VET-000123456.")
        )
    if m.participant_id and m.start_date and m.end_date and m.end_date >= m.start_date:
        overlapping = (
            Mobility.objects.filter(
                participant_id=m.participant_id,
                start_date__lte=m.end_date,
                end_date__gte=m.start_date,
            )
            .exclude(status=Mobility.Status.CANCELLED)
            .exclude(pk=m.pk)
            .first()
        )
        if overlapping is not None:
            errors["start_date"].append(
                _(
                    "These dates overlap the participant's mobility %(reference)s (%(start)s to %(end)s)."
                )
                % {
                    "reference": overlapping.reference,
                    "start": overlapping.start_date.strftime("%d/%m/%Y"),
                    "end": overlapping.end_date.strftime("%d/%m/%Y"),
                }
            )
    offer = m.offer if m.offer_id is not None else None
    chosen_period = m.offer_period if m.offer_period_id is not None else None
    if chosen_period is not None and (offer is None or chosen_period.offer_id != offer.pk):
        errors["offer_period"].append(_("This period belongs to another offer."))
    if offer is not None:
        if offer.organisation_id != m.receiving_organisation_id:
            errors["offer"].append(
                _("The offer belongs to another host than the receiving organisation.")
            )
        period = m.offer_period
        if period is not None and period.offer_id == offer.pk and m.start_date and m.end_date:
            if m.start_date < period.start or m.end_date > period.end:
                errors["start_date"].append(
                    _("The offer's period runs from %(start)s to %(end)s.")
                    % {
                        "start": period.start.strftime("%d/%m/%Y"),
                        "end": period.end.strftime("%d/%m/%Y"),
                    }
                )
            taken = (
                Mobility.objects.filter(offer_period=period)
                .exclude(status=Mobility.Status.CANCELLED)
                .exclude(pk=m.pk)
                .count()
            )
            if m.status != Mobility.Status.CANCELLED and taken >= offer.capacity:
                errors["offer_period"].append(
                    _(
                        "This period of the offer is full: %(capacity)s visitor(s) are already booked."
                    )
                    % {"capacity": offer.capacity}
                )
    return {key: value for key, value in errors.items() if value}


PROJECT_CODE = re.compile(r"\d{4}-\d-[A-Z]{2}\d{2}-KA\d{3}-[A-Z]{3}-\d{9}")


def _next_reference(sending_id: int) -> str:
    prefix = f"{sending_id:06d}-MOB-"
    last = (
        Mobility.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


@transaction.atomic
def create_mobility(
    user: Any,
    *,
    practices: Iterable[Any] = (),
    programme: Iterable[dict[str, Any]] = (),
    **values: Any,
) -> Mobility:
    """Validate and create a planned mobility with its (empty) agreement and
    its estimated budget; :class:`MobilityError` if anything is wrong."""
    values.setdefault("call_year", default_call_year(values["start_date"]))
    if values.get("offer_period") is not None:
        # Two bookings of the same period at the same moment: the second waits.
        OfferPeriod.objects.select_for_update().filter(pk=values["offer_period"].pk).first()
    mobility = Mobility(created_by=user, **values)
    if not mobility.origin_city:
        mobility.origin_city = mobility.sending_organisation.city
        mobility.origin_country = mobility.sending_organisation.country
    errors = mobility_errors(mobility)
    if errors:
        raise MobilityError(errors)
    apply_budget(mobility)
    for attempt in range(5):
        mobility.reference = _next_reference(mobility.sending_organisation_id)
        try:
            with transaction.atomic():
                mobility.save()
                break
        except IntegrityError:
            if attempt == 4:
                raise
            mobility.pk = None
    mobility.practices.set(list(practices))
    language = ""
    if mobility.offer is not None and mobility.offer.languages:
        language = mobility.offer.languages[0]
    Agreement.objects.create(mobility=mobility, language=language)
    ProgrammeDay.objects.bulk_create(ProgrammeDay(mobility=mobility, **row) for row in programme)
    return mobility


@transaction.atomic
def update_mobility(
    mobility: Mobility,
    values: dict[str, Any],
    user: Any,
    expected_version: int,
    practices: Iterable[Any] | None = None,
) -> bool:
    """Change a mobility's details; recompute its budget. Returns True when the
    change reset the agreement's approvals."""
    if mobility.status in (Mobility.Status.CANCELLED, Mobility.Status.EVALUATED):
        raise MobilityError.single(_("A cancelled or evaluated mobility cannot be changed."))
    before = {name: getattr(mobility, name) for name in values}
    for name, value in values.items():
        setattr(mobility, name, value)
    errors = mobility_errors(mobility)
    if errors:
        for name, value in before.items():
            setattr(mobility, name, value)
        raise MobilityError(errors)
    claim_version(mobility, expected_version)
    apply_budget(mobility)
    mobility.updated_at = _now()
    mobility.save()
    changed = any(before[name] != values[name] for name in values)
    if practices is not None:
        chosen = {p.pk for p in practices}
        if chosen != set(mobility.practices.values_list("pk", flat=True)):
            mobility.practices.set(list(chosen))
            changed = True
    return changed and reset_approvals(mobility.agreement, user)


def reset_approvals(agreement: Agreement, user: Any) -> bool:
    """Drop the approvals of an agreement that is not frozen yet, because what
    was approved changed. True if there were approvals to drop."""
    if agreement.is_frozen:
        return False
    dropped, _kinds = agreement.approvals.all().delete()
    if dropped:
        agreement.approvals_reset_at = _now()
        agreement.approvals_reset_by = user
        agreement.save(update_fields=["approvals_reset_at", "approvals_reset_by"])
    return bool(dropped)


# Which statuses may follow which, by a person's action.
TRANSITIONS = {
    Mobility.Status.PLANNED: {Mobility.Status.CANCELLED},
    Mobility.Status.AGREED: {Mobility.Status.UNDER_WAY, Mobility.Status.CANCELLED},
    Mobility.Status.UNDER_WAY: {Mobility.Status.COMPLETED, Mobility.Status.CANCELLED},
    Mobility.Status.COMPLETED: set(),
    Mobility.Status.EVALUATED: set(),
    Mobility.Status.CANCELLED: set(),
}


@transaction.atomic
def set_status(mobility: Mobility, status: str, user: Any, reason: str = "") -> None:
    mobility = Mobility.objects.select_for_update().get(pk=mobility.pk)
    if status not in TRANSITIONS[Mobility.Status(mobility.status)]:
        raise MobilityError.single(
            _("A mobility that is %(current)s cannot become %(new)s.")
            % {
                "current": mobility.get_status_display().lower(),
                "new": str(dict(Mobility.Status.choices).get(status, status)).lower(),
            }
        )
    if status == Mobility.Status.CANCELLED:
        if not reason.strip():
            raise MobilityError.single(_("Give the reason for cancelling."), "reason")
        mobility.cancellation_reason = reason.strip()
        mobility.cancelled_at = _now()
        if mobility.need_id:
            LearningNeed.objects.filter(
                pk=mobility.need_id, status=LearningNeed.Status.MATCHED
            ).update(status=LearningNeed.Status.ENDORSED)
    if status == Mobility.Status.UNDER_WAY and mobility.start_date > timezone.localdate():
        raise MobilityError.single(_("A mobility cannot be under way before its first day."))
    if status == Mobility.Status.COMPLETED and mobility.end_date > timezone.localdate():
        raise MobilityError.single(_("A mobility can be completed only after its last day."))
    mobility.status = status
    mobility.updated_at = _now()
    mobility.version += 1
    apply_budget(mobility)
    mobility.save()


# --- budget ------------------------------------------------------------------------


def apply_budget(mobility: Mobility, rates: RateBook | None = None) -> None:
    """Price ``mobility`` from its dates, activity, route and transport with the
    rates in force (not saved). The estimate made at planning becomes the
    actual figure once the mobility took place."""
    from mobinnov.network.gazetteer import locate

    sending, receiving = mobility.sending_organisation, mobility.receiving_organisation
    mobility.budget_error = ""
    origin = None
    if mobility.origin_city and mobility.origin_country:
        origin = locate(str(mobility.origin_country), mobility.origin_city)
    start: tuple[float, float] | None = None
    end: tuple[float, float] | None = None
    if origin is not None:
        start = (origin.latitude, origin.longitude)
    elif sending.latitude is not None and sending.longitude is not None:
        start = (sending.latitude, sending.longitude)
    if receiving.latitude is not None and receiving.longitude is not None:
        end = (receiving.latitude, receiving.longitude)
    mobility.distance_km = (
        int(great_circle_km(start[0], start[1], end[0], end[1])) if start and end else None
    )
    distance = mobility.effective_distance_km
    mobility.budget_basis = (
        "actual"
        if mobility.status in (Mobility.Status.COMPLETED, Mobility.Status.EVALUATED)
        else "estimated"
    )
    zero = Decimal(0)
    if distance is None:
        mobility.budget_error = _(
            "No distance: the places have no coordinates. Enter the official calculator's distance."
        )
        result = None
    else:
        try:
            result = estimate(
                distance_km=distance,
                receiving_country=str(receiving.country),
                activity=mobility.activity_type,
                days=mobility.days,
                call_year=mobility.call_year,
                green=mobility.green_travel,
                fewer_opportunities=mobility.fewer_opportunities,
                rates=rates or active_rates(),
            )
        except BudgetInputError as error:
            from mobinnov.mobility.estimator import budget_error_message

            mobility.budget_error = budget_error_message(error)[:300]
            result = None
    if result is None:
        mobility.distance_band = ""
        mobility.funded_travel_days = 0
        mobility.travel_grant = mobility.individual_support = mobility.course_fees = zero
        mobility.organisational_support = mobility.inclusion_support = mobility.grant_total = zero
        mobility.budget_breakdown = []
        return
    # Travel days actually planned, within the funded maximum.
    funded = min(mobility.travel_days, result.travel_days)
    support = result.individual_support - result.daily_rate * (result.travel_days - funded)
    mobility.distance_band = result.distance_band
    mobility.funded_travel_days = funded
    mobility.travel_grant = result.travel_grant
    mobility.individual_support = support
    mobility.course_fees = result.course_fees
    mobility.organisational_support = result.organisational_support
    mobility.inclusion_support = result.inclusion_support
    mobility.grant_total = (
        result.travel_grant
        + support
        + result.course_fees
        + result.organisational_support
        + result.inclusion_support
    )
    mobility.budget_breakdown = [
        {
            "item": line.item,
            "quantity": funded if line.item == "individual_support_travel_days" else line.quantity,
            "unit_amount": str(line.unit_amount),
            "amount": str(
                line.unit_amount * funded
                if line.item == "individual_support_travel_days"
                else line.amount
            ),
            "source": line.source,
            "confidence": line.confidence,
        }
        for line in result.breakdown
    ]


BUDGET_COLUMNS = (
    "travel_grant",
    "individual_support",
    "course_fees",
    "organisational_support",
    "inclusion_support",
    "grant_total",
)


def budget_totals(queryset: QuerySet[Mobility]) -> dict[str, Decimal]:
    """Sums of the budget columns of active mobilities, and their count."""
    sums = queryset.exclude(status=Mobility.Status.CANCELLED).aggregate(
        count=Count("id"), **{name: Sum(name) for name in BUDGET_COLUMNS}
    )
    return {key: (value if value is not None else Decimal(0)) for key, value in sums.items()}


# --- agreements -------------------------------------------------------------------------

AGREEMENT_FIELDS = (
    "language",
    "objectives",
    "added_value",
    "activities",
    "expected_outcomes",
    "competences",
    "recognition",
)
REQUIRED_FOR_APPROVAL = ("objectives", "activities", "expected_outcomes", "recognition")


def agreement_parties(user: Any, agreement: Agreement) -> list[str]:
    """The parties ``user`` may approve for."""
    from mobinnov.core.permissions import is_coordinator

    mobility = agreement.mobility
    parties = []
    if user.pk == mobility.participant_id:
        parties.append(Approval.Party.PARTICIPANT)
    if is_coordinator(user, mobility.sending_organisation_id):
        parties.append(Approval.Party.SENDING)
    if is_coordinator(user, mobility.receiving_organisation_id):
        parties.append(Approval.Party.RECEIVING)
    return [str(p) for p in parties]


@transaction.atomic
def update_agreement(
    agreement: Agreement, values: dict[str, Any], user: Any, expected_version: int
) -> bool:
    """Save the agreement's text. Returns True when approvals were reset."""
    # The stored state decides (the form may have been opened before the
    # third approval froze it).
    agreement.frozen_at = (
        Agreement.objects.select_for_update()
        .filter(pk=agreement.pk)
        .values_list("frozen_at", flat=True)
        .get()
    )
    if agreement.is_frozen:
        raise MobilityError.single(
            _("The agreement was approved by the three parties and is frozen.")
        )
    claim_version(agreement, expected_version)
    changed = False
    for name in AGREEMENT_FIELDS:
        if name in values and getattr(agreement, name) != values[name]:
            setattr(agreement, name, values[name])
            changed = True
    agreement.updated_at = _now()
    agreement.save(update_fields=[*AGREEMENT_FIELDS, "updated_at", "version"])
    return changed and reset_approvals(agreement, user)


@transaction.atomic
def approve_agreement(agreement: Agreement, user: Any, party: str) -> bool:
    """Record ``user``'s approval for ``party``; returns True when this was the
    third approval and the agreement is now frozen (the mobility agreed)."""
    agreement = (
        Agreement.objects.select_for_update().select_related("mobility").get(pk=agreement.pk)
    )
    if party not in agreement_parties(user, agreement):
        raise MobilityError.single(_("You cannot approve for this party."))
    if agreement.is_frozen:
        raise MobilityError.single(_("The agreement is already frozen."))
    if agreement.mobility.status == Mobility.Status.CANCELLED:
        raise MobilityError.single(_("The mobility is cancelled."))
    missing = [
        str(getattr(Agreement._meta.get_field(name), "verbose_name", name))
        for name in REQUIRED_FOR_APPROVAL
        if not getattr(agreement, name)
    ]
    if missing:
        raise MobilityError.single(
            _("Complete the agreement before approving it: %(fields)s.")
            % {"fields": ", ".join(missing)}
        )
    if agreement.approvals.filter(party=party).exists():
        raise MobilityError.single(_("This party has already approved."))
    Approval.objects.create(
        agreement=agreement, party=party, user=user, agreement_version=agreement.version
    )
    if agreement.approvals.count() < len(Approval.Party.choices):
        return False
    agreement.frozen_at = _now()
    agreement.version += 1
    agreement.save(update_fields=["frozen_at", "version"])
    mobility = agreement.mobility
    if mobility.status == Mobility.Status.PLANNED:
        mobility.status = Mobility.Status.AGREED
        mobility.version += 1
        mobility.updated_at = agreement.frozen_at
        mobility.save(update_fields=["status", "version", "updated_at"])
    return True


@transaction.atomic
def record_complement(agreement: Agreement, user: Any, *, as_planned: bool, text: str) -> None:
    """After the mobility: confirm what took place."""
    mobility = agreement.mobility
    if mobility.status not in (
        Mobility.Status.COMPLETED,
        Mobility.Status.EVALUATED,
        Mobility.Status.UNDER_WAY,
    ):
        raise MobilityError.single(
            _("The complement is written once the mobility has taken place.")
        )
    if not as_planned and not text.strip():
        raise MobilityError.single(_("Say what was different from the plan."), "complement")
    agreement.took_place_as_planned = as_planned
    agreement.complement = text.strip()
    agreement.complement_by = user
    agreement.complement_at = _now()
    agreement.save(
        update_fields=["took_place_as_planned", "complement", "complement_by", "complement_at"]
    )


# --- offers and needs: create, change, submit -------------------------------------

Errors = dict[str | None, list[str]]
FORMAT_CODES = frozenset(Format.values)


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _period_label(start: dt.date, end: dt.date) -> str:
    return f"{_day(start)} - {_day(end)}"


def offer_errors(
    offer: HostOffer, practices: Iterable[Practice], periods: list[dict[str, Any]]
) -> Errors:
    """What is wrong with ``offer`` (not saved yet), its practices and its
    periods as typed (``{"id", "start", "end", "delete"}``)."""
    errors: dict[str | None, list[str]] = defaultdict(list)
    if not offer.title.strip():
        errors["title"].append(_("Give the offer a title."))
    if not offer.programme.strip():
        errors["programme"].append(_("Say what visitors will do and learn."))
    if not offer.formats:
        errors["formats"].append(_("Choose at least one format."))
    elif set(offer.formats) - FORMAT_CODES:
        errors["formats"].append(_("Choose formats from the list."))
    if not offer.languages:
        errors["languages"].append(_("Choose at least one working language."))
    elif set(offer.languages) - WORKING_LANGUAGE_CODES:
        errors["languages"].append(_("Choose languages from the list."))
    if offer.capacity < 1:
        errors["capacity"].append(_("Receive at least one visitor per period."))
    if offer.min_days < 1:
        errors["min_days"].append(_("A visit lasts at least one day."))
    if offer.min_days > offer.max_days:
        errors["max_days"].append(_("The maximum must be at least the minimum."))
    for practice in practices:
        if practice.host_id != offer.organisation_id or not practice.is_public:
            errors["practices"].append(
                _("“%(title)s” is not a published practice of your organisation.")
                % {"title": practice}
            )
    existing = {p.pk: p for p in offer.periods.all()} if offer.pk else {}
    kept = [row for row in periods if not row["delete"]]
    # Periods the form does not mention (added meanwhile by someone else) stay.
    mentioned = {row["id"] for row in periods if row["id"] in existing}
    spans = sorted(
        [(row["start"], row["end"]) for row in kept]
        + [(p.start, p.end) for pk, p in existing.items() if pk not in mentioned]
    )
    if offer.status == HostOffer.Status.OPEN and not spans:
        errors["status"].append(_("Give at least one available period to open the offer."))
    for (start, end), (next_start, next_end) in itertools.pairwise(spans):
        if next_start <= end:
            errors["periods"].append(
                _("The periods %(first)s and %(second)s overlap.")
                % {
                    "first": _period_label(start, end),
                    "second": _period_label(next_start, next_end),
                }
            )
    _check_booked_periods(offer, existing, periods, errors)
    return {key: value for key, value in errors.items() if value}


def _check_booked_periods(
    offer: HostOffer,
    existing: dict[int, OfferPeriod],
    periods: list[dict[str, Any]],
    errors: dict[str | None, list[str]],
) -> None:
    """A period with visits booked or proposed keeps them: it cannot be
    removed, shrunk around them, or hold fewer visitors than are booked."""
    if not existing:
        return
    booked: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for period_id, start, end in (
        Mobility.objects.filter(offer_period_id__in=existing)
        .exclude(status=Mobility.Status.CANCELLED)
        .values_list("offer_period_id", "start_date", "end_date")
    ):
        booked[period_id].append((start, end))
    for period_id, start, end in Proposal.objects.filter(
        period_id__in=existing, status__in=[Proposal.Status.PROPOSED, Proposal.Status.ACCEPTED]
    ).values_list("period_id", "start_date", "end_date"):
        booked[period_id].append((start, end))
    for row in periods:
        spans = booked.get(row["id"]) if row["id"] in existing else None
        if not spans:
            continue
        period = existing[row["id"]]
        label = _period_label(period.start, period.end)
        first, last = min(s for s, _e in spans), max(e for _s, e in spans)
        if row["delete"]:
            errors["periods"].append(
                _("The period %(period)s has visits booked or proposed: it cannot be removed.")
                % {"period": label}
            )
        elif row["start"] > first or row["end"] < last:
            errors["periods"].append(
                _(
                    "The period %(period)s has visits booked or proposed from %(first)s to "
                    "%(last)s: keep these dates inside it."
                )
                % {"period": label, "first": _day(first), "last": _day(last)}
            )
    counts = booked_in_period(existing)
    most = max(counts.values(), default=0)
    if most > offer.capacity:
        errors["capacity"].append(
            _("%(count)s visitors are already booked in one period: keep room for them.")
            % {"count": most}
        )


@transaction.atomic
def save_offer(
    offer: HostOffer,
    values: dict[str, Any],
    practices: list[Practice],
    periods: list[dict[str, Any]],
    user: Any,
    expected_version: int | None = None,
) -> HostOffer:
    """Create (``offer.pk`` None) or change an offer with its practices and
    periods; :class:`MobilityError` if anything is wrong, :class:`EditConflict`
    if someone saved it meanwhile."""
    for name, value in values.items():
        setattr(offer, name, value)
    errors = offer_errors(offer, practices, periods)
    if errors:
        raise MobilityError(errors)
    now = timezone.now()
    if offer.pk is None:
        offer.created_by = user
        offer.created_at = now
        existing: set[int] = set()
    else:
        claim_version(offer, expected_version or 0)
        existing = set(offer.periods.values_list("pk", flat=True))
    offer.updated_at = now
    offer.save()
    offer.practices.set(practices)
    deleted = [row["id"] for row in periods if row["delete"] and row["id"] in existing]
    OfferPeriod.objects.filter(offer=offer, pk__in=deleted).delete()
    for row in periods:
        if row["delete"]:
            continue
        if row["id"] in existing:
            OfferPeriod.objects.filter(offer=offer, pk=row["id"]).update(
                start=row["start"], end=row["end"]
            )
        else:
            OfferPeriod.objects.create(offer=offer, start=row["start"], end=row["end"])
    return offer


def need_errors(need: LearningNeed) -> Errors:
    errors: dict[str | None, list[str]] = defaultdict(list)
    if not need.goals.strip():
        errors["goals"].append(_("Say what you want to learn."))
    if need.latest_end < need.earliest_start:
        errors["latest_end"].append(_("The latest end is before the earliest start."))
    if need.min_days < 1:
        errors["min_days"].append(_("A stay lasts at least one day."))
    if need.min_days > need.max_days:
        errors["max_days"].append(_("The longest stay must be at least the shortest."))
    if not need.languages:
        errors["languages"].append(_("Choose at least one language."))
    elif set(need.languages) - WORKING_LANGUAGE_CODES:
        errors["languages"].append(_("Choose languages from the list."))
    if set(need.formats) - FORMAT_CODES:
        errors["formats"].append(_("Choose formats from the list."))
    return {key: value for key, value in errors.items() if value}


NEED_VALUES = (
    "goals",
    "earliest_start",
    "latest_end",
    "min_days",
    "max_days",
    "languages",
    "formats",
    "accessibility_needs",
)


@transaction.atomic
def create_need(
    user: Any,
    *,
    person: Any,
    organisation: Organisation,
    fields: Iterable[Any],
    practices: Iterable[Practice],
    values: dict[str, Any],
) -> LearningNeed:
    """Record a draft need of ``person`` (a member of ``organisation``)."""
    if not Membership.objects.filter(user=person, organisation=organisation).exists():
        raise MobilityError.single(
            _("%(person)s is not a member of %(organisation)s.")
            % {"person": person, "organisation": organisation.name},
            "person",
        )
    now = timezone.now()
    need = LearningNeed(
        person=person,
        organisation=organisation,
        created_by=user,
        created_at=now,
        updated_at=now,
        **values,
    )
    errors = need_errors(need)
    if errors:
        raise MobilityError(errors)
    need.save()
    need.fields.set(list(fields))
    need.practices.set(list(practices))
    return need


@transaction.atomic
def update_need(
    need: LearningNeed,
    values: dict[str, Any],
    fields: Iterable[Any],
    practices: Iterable[Practice],
    user: Any,
    expected_version: int,
) -> None:
    """Change a need's answers; its status (an endorsement too) is kept."""
    if need.status in (LearningNeed.Status.MATCHED, LearningNeed.Status.WITHDRAWN):
        raise MobilityError.single(_("A matched or withdrawn need cannot be changed."))
    for name, value in values.items():
        setattr(need, name, value)
    errors = need_errors(need)
    if errors:
        raise MobilityError(errors)
    claim_version(need, expected_version)
    need.updated_at = timezone.now()
    need.save()
    need.fields.set(list(fields))
    need.practices.set(list(practices))


def submit_need(need: LearningNeed, user: Any) -> None:
    """Send a draft for endorsement and tell the coordinators of its
    organisation (each in their language, once the change is committed)."""
    with transaction.atomic():
        _mark_submitted(need, user)
        coordinators = User.objects.filter(
            is_active=True,
            memberships__organisation_id=need.organisation_id,
            memberships__role=Membership.Role.COORDINATOR,
        ).exclude(pk=user.pk)
        for coordinator in coordinators:
            send_templated_email(
                to=coordinator.email,
                template="mobility/needs/email/submitted",
                context={"need": need, "person": need.person, "recipient": coordinator},
                language=coordinator.preferred_language,
            )


# --- rounds: open and close ---------------------------------------------------------


@transaction.atomic
def create_round(user: Any, **values: Any) -> PlanningRound:
    """Open a planning round (the form validated the values)."""
    return PlanningRound.objects.create(created_by=user, **values)


@transaction.atomic
def close_round(round_: PlanningRound, user: Any) -> int:
    """Close a round: no more solving or decisions. Proposals still waiting for
    decisions become superseded; returns how many."""
    round_ = PlanningRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status == PlanningRound.Status.CLOSED:
        raise MobilityError.single(_("This round is already closed."))
    superseded = round_.proposals.filter(status=Proposal.Status.PROPOSED).update(
        status=Proposal.Status.SUPERSEDED
    )
    round_.status = PlanningRound.Status.CLOSED
    round_.version += 1
    round_.save(update_fields=["status", "version"])
    return superseded


# --- the day-by-day programme --------------------------------------------------------


@transaction.atomic
def programme_replace(
    mobility: Mobility, rows: list[dict[str, Any]], user: Any, expected_version: int
) -> tuple[bool, bool]:
    """Replace the day-by-day programme by ``rows``. Returns (changed, reset):
    whether the rows changed, and whether that reset the agreement's approvals
    (a frozen agreement keeps its approvals). Raises EditConflict when the
    mobility was saved since ``expected_version``."""
    if mobility.status in (Mobility.Status.CANCELLED, Mobility.Status.EVALUATED):
        raise MobilityError.single(
            _("The programme of a cancelled or evaluated mobility cannot be changed.")
        )

    def key(row: Any) -> tuple[Any, ...]:
        return (row["date"], row["activity"], row["with_whom"], row["place"])

    current = mobility.programme.values("date", "activity", "with_whom", "place")
    if sorted(map(key, current)) == sorted(map(key, rows)):
        return False, False
    claim_version(mobility, expected_version)
    ProgrammeDay.objects.filter(mobility=mobility).delete()
    ProgrammeDay.objects.bulk_create(ProgrammeDay(mobility=mobility, **row) for row in rows)
    mobility.updated_at = timezone.now()
    mobility.save(update_fields=["updated_at"])
    try:
        agreement = mobility.agreement
    except Agreement.DoesNotExist:
        agreement = Agreement.objects.create(mobility=mobility)
    return True, reset_approvals(agreement, user)
