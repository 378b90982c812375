"""What the impact dashboards and reports show, as plain data.

Every function here reads the database with a fixed number of aggregate
queries, whatever the number of mobilities and answers, and computes the
statistics with :mod:`mobinnov.impact.statistics`. The results are
dataclasses of numbers and strings that templates, charts and CSV files use
as they are.

The threshold: a group of fewer than ``statistics.MIN_GROUP`` (5)
respondents never gets a figure. Its numbers are not even computed into the
results (they are None and ``hidden`` is true), so no template can show them
by mistake.

Which answers count:
- only answers of **submitted** questionnaires (drafts are not answers yet);
- only mobilities that are not cancelled;
- the filters (:class:`Filters`) apply to the mobility: year of its last day,
  activity type, field of excellence of its practices, host organisation and
  sending organisation(s), and the report's period (last day between two dates).

Items are chosen by their construct (``Item.construct``), not by their code,
so that editors can add or rename items without touching this module.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from mobinnov.impact import codes, statistics
from mobinnov.impact.models import (
    PARTICIPANT_WAVES,
    Answer,
    ImplementationRecord,
    Invitation,
    Item,
    Wave,
)
from mobinnov.mobility.models import Format, Mobility

# Item codes come from :mod:`mobinnov.impact.codes`; items are chosen by
# construct wherever possible (an editor may add items to a construct).
COMPETENCE_ITEM = codes.COMPETENCE
MSC = codes.MSC


class Construct:
    """The constructs of the item bank (``Item.construct``) the dashboards use."""

    COMPETENCE = codes.CONSTRUCT_COMPETENCE
    REACTION = codes.CONSTRUCT_REACTION
    CONFIDENCE = codes.CONSTRUCT_CONFIDENCE
    COMMITMENT = codes.CONSTRUCT_COMMITMENT
    APPLICATION = codes.CONSTRUCT_APPLICATION
    DISSEMINATION = codes.CONSTRUCT_DISSEMINATION
    TRANSFER_CLIMATE = codes.CONSTRUCT_TRANSFER_CLIMATE
    ADOPTION = codes.CONSTRUCT_ADOPTION
    CURRICULUM = codes.CONSTRUCT_CURRICULUM
    PARTNERSHIP = codes.CONSTRUCT_PARTNERSHIP
    MSC = codes.CONSTRUCT_MSC
    HOST = codes.CONSTRUCT_HOST


# Sections summarised item by item (choice, several choices, number or
# Likert), in the order the dashboard shows them: (key, constructs, wave).
SUMMARISED: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("reaction", (Construct.REACTION,), Wave.T1),
    ("commitment", (Construct.CONFIDENCE, Construct.COMMITMENT), Wave.T1),
    ("application", (Construct.APPLICATION,), Wave.T2),
    ("dissemination", (Construct.DISSEMINATION,), Wave.T2),
    ("transfer_climate", (Construct.TRANSFER_CLIMATE,), Wave.T2),
    ("adoption", (Construct.ADOPTION, Construct.CURRICULUM, Construct.PARTNERSHIP), Wave.T3),
)
SUMMARISED_CONSTRUCTS = tuple(c for _key, constructs, _wave in SUMMARISED for c in constructs)
SUMMARISED_KINDS = (
    Item.Kind.LIKERT,
    Item.Kind.CHOICE,
    Item.Kind.MULTI_CHOICE,
    Item.Kind.NUMBER,
)
LIKERT_SCALE = (1, 2, 3, 4, 5)

# Invitations that were really sent (a rate's denominator): neither waiting
# to be sent nor cancelled.
SENT_STATUSES = (
    Invitation.Status.SENT,
    Invitation.Status.OPENED,
    Invitation.Status.DRAFT,
    Invitation.Status.SUBMITTED,
    Invitation.Status.BOUNCED,
)
OPENED_STATUSES = (Invitation.Status.OPENED, Invitation.Status.DRAFT, Invitation.Status.SUBMITTED)
ALL_WAVES = (*PARTICIPANT_WAVES, Wave.HOST)

# Mobilities that count in EQAVET indicator 2.
FINISHED = (Mobility.Status.COMPLETED, Mobility.Status.EVALUATED)


def shown(n: int) -> bool:
    """True when a group of ``n`` respondents may be shown."""
    return not statistics.too_small(n)


# --- filters --------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Which mobilities count. ``sending_ids`` None means every organisation."""

    year: int | None = None
    activity_type: str = ""
    field_id: int | None = None
    host_id: int | None = None
    sending_ids: tuple[int, ...] | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def q(self, prefix: str = "") -> Q:
        """The condition on the mobility, reached from another model through
        ``prefix`` (``""`` for Mobility, ``"mobility__"`` for Invitation,
        ``"invitation__mobility__"`` for Answer)."""
        p = prefix
        pk = f"{p[:-2]}_id" if p else "pk"
        condition = ~Q(**{f"{p}status": Mobility.Status.CANCELLED})
        if self.year is not None:
            condition &= Q(**{f"{p}end_date__year": self.year})
        if self.start is not None:
            condition &= Q(**{f"{p}end_date__gte": self.start})
        if self.end is not None:
            condition &= Q(**{f"{p}end_date__lte": self.end})
        if self.activity_type:
            condition &= Q(**{f"{p}activity_type": self.activity_type})
        if self.host_id is not None:
            condition &= Q(**{f"{p}receiving_organisation_id": self.host_id})
        if self.sending_ids is not None:
            condition &= Q(**{f"{p}sending_organisation_id__in": list(self.sending_ids)})
        if self.field_id is not None:
            through = Mobility.practices.through.objects.filter(
                practice__fields=self.field_id
            ).values("mobility_id")
            condition &= Q(**{f"{pk}__in": through})
        return condition


# --- results --------------------------------------------------------------------------


@dataclass
class WaveRate:
    """Invitations of one wave. The figures are None when fewer than 5 answered."""

    wave: str
    label: str
    sent: int | None
    opened: int | None
    submitted: int | None
    rate: float | None  # submitted / sent, between 0 and 1

    @property
    def hidden(self) -> bool:
        return self.submitted is None


@dataclass
class FlowStep:
    """Participants who answered a wave (``answered``) and those who answered
    it and every earlier one (``retained``); None when fewer than 5."""

    wave: str
    label: str
    answered: int | None
    retained: int | None


@dataclass
class LikertRow:
    code: str
    question: str
    n: int | None
    mean: float | None = None
    median: float | None = None
    share_top2: float | None = None
    # (point, anchor, count) from the lowest point.
    counts: list[tuple[int, str, int]] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.n is None


@dataclass
class ChoiceRow:
    """One answer option of a choice item: how many chose it."""

    value: str
    label: str
    count: int
    share: float  # of the item's respondents


@dataclass
class Distribution:
    """A choice or several-choice item. ``n``: respondents (None when hidden)."""

    code: str
    question: str
    multiple: bool
    n: int | None
    rows: list[ChoiceRow] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.n is None


@dataclass
class NumberSummary:
    code: str
    question: str
    n: int | None
    total: float | None = None
    mean: float | None = None

    @property
    def hidden(self) -> bool:
        return self.n is None


@dataclass
class ItemSection:
    """The items of some constructs, summarised (``key``: see SUMMARISED)."""

    key: str
    wave: str
    likert: list[LikertRow] = field(default_factory=list)
    distributions: list[Distribution] = field(default_factory=list)
    numbers: list[NumberSummary] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.likert or self.distributions or self.numbers)


@dataclass
class Change:
    """One paired comparison (for instance pre -> post) of one competence row."""

    n: int  # pairs; never shown when hidden
    hidden: bool
    mean_change: float | None = None
    median_change: float | None = None
    ci: tuple[float, float] | None = None
    d_z: float | None = None
    hedges_g: float | None = None
    d_z_ci: tuple[float, float] | None = None
    rank_biserial: float | None = None
    p_value: float | None = None
    p_holm: float | None = None
    improved: float | None = None  # percentages of the pairs
    same: float | None = None
    worse: float | None = None


@dataclass
class CompetenceRow:
    label: str
    overall: bool
    n: int  # participants with at least one pair (the row is listed when >= 5)
    pre_post: Change
    then_post: Change
    shift: Change


@dataclass
class Competences:
    rows: list[CompetenceRow]
    hidden_labels: int  # competences left out: fewer than 5 respondents each

    @property
    def overall(self) -> CompetenceRow | None:
        return self.rows[0] if self.rows and self.rows[0].overall else None


@dataclass
class StageBar:
    """Implementation records of one kind, by stage (None when fewer than 5)."""

    kind: str
    label: str
    counts: dict[str, int] | None

    @property
    def hidden(self) -> bool:
        return self.counts is None

    @property
    def total(self) -> int:
        return sum((self.counts or {}).values())


@dataclass
class Implementations:
    total: int | None  # None when fewer than 5 records
    by_stage: list[tuple[str, str, int]]  # (stage, label, count)
    bars: list[StageBar]
    learners_reached: int | None
    colleagues_reached: int | None

    @property
    def hidden(self) -> bool:
        return self.total is None


@dataclass
class Eqavet:
    """EQAVET indicator 2: participants in mobility / staff x 100."""

    participants: int | None
    staff: int
    value: float | None  # percentage


@dataclass
class Dashboard:
    filters: Filters
    rates: list[WaveRate]
    flow: list[FlowStep]
    sections: list[ItemSection]
    competences: Competences
    implementations: Implementations
    eqavet: Eqavet

    def section(self, key: str) -> ItemSection | None:
        return next((s for s in self.sections if s.key == key), None)


# --- the queries ----------------------------------------------------------------------


def dashboard(filters: Filters) -> Dashboard:
    """Everything a dashboard shows, for the mobilities ``filters`` selects.
    About ten queries, whatever the size of the data."""
    items = list(
        Item.objects.filter(
            Q(construct=Construct.COMPETENCE, kind=Item.Kind.COMPETENCE)
            | Q(construct__in=SUMMARISED_CONSTRUCTS, kind__in=SUMMARISED_KINDS)
        ).order_by("pk")
    )
    rates, flow = invitation_figures(filters)
    return Dashboard(
        filters=filters,
        rates=rates,
        flow=flow,
        sections=item_sections(filters, items),
        competences=competence_change(filters, items),
        implementations=implementation_figures(filters),
        eqavet=eqavet(filters),
    )


def invitation_figures(filters: Filters) -> tuple[list[WaveRate], list[FlowStep]]:
    """Response rate per wave and the T0 -> T1 -> T2 -> T3 flow (two queries)."""
    by_status: dict[str, Counter[str]] = defaultdict(Counter)
    for wave, status, n in (
        Invitation.objects.filter(filters.q("mobility__"))
        .values("wave", "status")
        .annotate(n=Count("id"))
        .values_list("wave", "status", "n")
        .order_by()
    ):
        by_status[wave][status] += n
    rates = []
    for wave in ALL_WAVES:
        counts = by_status.get(wave, Counter())
        submitted = counts[Invitation.Status.SUBMITTED]
        sent = sum(counts[s] for s in SENT_STATUSES)
        if shown(submitted):
            rates.append(
                WaveRate(
                    wave=wave,
                    label=str(Wave(wave).label),
                    sent=sent,
                    opened=sum(counts[s] for s in OPENED_STATUSES),
                    submitted=submitted,
                    rate=submitted / sent if sent else None,
                )
            )
        else:
            rates.append(WaveRate(wave, str(Wave(wave).label), None, None, None, None))

    answered: dict[str, set[int]] = defaultdict(set)
    for mobility_id, wave in (
        Invitation.objects.filter(filters.q("mobility__"))
        .filter(status=Invitation.Status.SUBMITTED, wave__in=PARTICIPANT_WAVES)
        .values_list("mobility_id", "wave")
        .order_by()
    ):
        answered[wave].add(mobility_id)
    flow = []
    retained: set[int] | None = None
    for wave in PARTICIPANT_WAVES:
        current = answered.get(wave, set())
        retained = set(current) if retained is None else retained & current
        flow.append(
            FlowStep(
                wave=wave,
                label=str(Wave(wave).label),
                answered=len(current) if shown(len(current)) else None,
                retained=len(retained) if shown(len(retained)) else None,
            )
        )
    return rates, flow


def item_sections(filters: Filters, items: Sequence[Item]) -> list[ItemSection]:
    """Likert, choice and number items of the summarised constructs, from one
    grouped query (answers counted per item and value in the database)."""
    summarised = [item for item in items if item.kind in SUMMARISED_KINDS]
    groups: dict[int, list[tuple[float | None, Any, int]]] = defaultdict(list)
    if summarised:
        for item_id, number, choices, n in (
            Answer.objects.filter(
                item_id__in=[item.pk for item in summarised],
                invitation_id__in=_submitted(filters),
            )
            .values("item_id", "number", "choices")
            .annotate(n=Count("id"))
            .values_list("item_id", "number", "choices", "n")
            .order_by()
        ):
            groups[item_id].append((number, choices, n))
    sections = []
    for key, constructs, wave in SUMMARISED:
        section = ItemSection(key=key, wave=wave)
        for construct in constructs:
            for item in summarised:
                if item.construct != construct:
                    continue
                rows = groups.get(item.pk, [])
                if item.kind == Item.Kind.LIKERT:
                    section.likert.append(_likert(item, rows))
                elif item.kind in (Item.Kind.CHOICE, Item.Kind.MULTI_CHOICE):
                    section.distributions.append(_distribution(item, rows))
                else:
                    section.numbers.append(_numbers(item, rows))
        sections.append(section)
    return sections


def _likert(item: Item, rows: Iterable[tuple[float | None, Any, int]]) -> LikertRow:
    values: list[int | None] = []
    for number, _choices, n in rows:
        if number is not None and int(number) == number and int(number) in LIKERT_SCALE:
            values.extend([int(number)] * n)
    text = item.translated("text")
    if not shown(len(values)):
        return LikertRow(item.code, text, None)
    summary = statistics.likert_summary(values, LIKERT_SCALE)
    anchors = item.translated_anchors()
    return LikertRow(
        code=item.code,
        question=text,
        n=summary["n"],
        mean=summary["mean"],
        median=summary["median"],
        share_top2=summary["share_top2"],
        counts=[
            (point, anchors[index] if index < len(anchors) else str(point), count)
            for index, (point, count) in enumerate(summary["counts"].items())
        ],
    )


def _distribution(item: Item, rows: Iterable[tuple[float | None, Any, int]]) -> Distribution:
    respondents = 0
    counts: Counter[str] = Counter()
    for _number, choices, n in rows:
        chosen = [str(value) for value in (choices or [])]
        if not chosen:
            continue
        respondents += n
        for value in set(chosen):
            counts[value] += n
    multiple = item.kind == Item.Kind.MULTI_CHOICE
    text = item.translated("text")
    if not shown(respondents):
        return Distribution(item.code, text, multiple, None)
    known = item.translated_choices()
    labels = dict(known)
    order = [value for value, _label in known] + sorted(set(counts) - set(labels))
    return Distribution(
        code=item.code,
        question=text,
        multiple=multiple,
        n=respondents,
        rows=[
            ChoiceRow(value, labels.get(value, value), counts[value], counts[value] / respondents)
            for value in order
        ],
    )


def _numbers(item: Item, rows: Iterable[tuple[float | None, Any, int]]) -> NumberSummary:
    n, total = 0, 0.0
    for number, _choices, count in rows:
        if number is None:
            continue
        n += count
        total += number * count
    text = item.translated("text")
    if not shown(n):
        return NumberSummary(item.code, text, None)
    return NumberSummary(item.code, text, n, total, total / n)


# --- competences --------------------------------------------------------------------

# The three paired comparisons: (name, first rating, second rating), the
# ratings being 0 pre (T0 now), 1 post (T1 now) and 2 then (T1 then).
COMPARISONS = (("pre_post", 0, 1), ("then_post", 2, 1), ("shift", 0, 2))


def normalise_label(label: str) -> str:
    return " ".join(label.split()).casefold()


Differences = tuple[tuple[float, int], ...]


@functools.lru_cache(maxsize=2048)
def _paired(
    differences: Differences,
) -> tuple[statistics.PairedChange, tuple[float, float] | None]:
    """:func:`statistics.paired_change` and the mean's confidence interval of
    one set of differences, given as (difference, how many times) pairs.
    Everything they compute depends on the differences only, so these are the
    cache key: a group, or another with the same differences, is computed once
    per process (the exact Wilcoxon test SciPy runs for groups of 5 to 13
    with ties takes up to a second)."""
    values = [value for value, count in differences for _ in range(count)]
    return statistics.paired_change([0.0] * len(values), values), statistics.mean_ci(values)


def change(pairs: Sequence[tuple[float, float]]) -> Change:
    """The comparison of ``pairs`` (first, second); hidden under 5 pairs, and
    then nothing is computed."""
    return change_of([float(second) - float(first) for first, second in pairs])


def change_of(differences: Sequence[float]) -> Change:
    """The comparison whose differences (second - first, one per pair) are
    ``differences``; hidden under 5 pairs, and then nothing is computed."""
    n = len(differences)
    if not shown(n):
        return Change(n=n, hidden=True)
    result, ci = _paired(tuple(sorted(Counter(differences).items())))
    d_z = result["d_z"]
    return Change(
        n=n,
        hidden=False,
        mean_change=result["mean_change"],
        median_change=result["median_change"],
        ci=ci,
        d_z=d_z,
        hedges_g=result["hedges_g"],
        d_z_ci=statistics.d_z_ci(d_z, n) if d_z is not None else None,
        rank_biserial=result["rank_biserial"],
        p_value=result["p_value"],
        improved=100 * result["improved"] / n,
        same=100 * result["same"] / n,
        worse=100 * result["worse"] / n,
    )


def _submitted(filters: Filters, waves: Sequence[str] | None = None) -> QuerySet[Any]:
    """The ids of the submitted invitations of the mobilities selected (a
    subquery: the answers are then read by invitation without joining)."""
    invitations = Invitation.objects.filter(
        filters.q("mobility__"), status=Invitation.Status.SUBMITTED
    )
    if waves is not None:
        invitations = invitations.filter(wave__in=list(waves))
    return invitations.values("pk")


def competence_change(filters: Filters, items: Sequence[Item]) -> Competences:
    """Per competence (and for all competences together): pre -> post (T0 now
    vs T1 now), then -> post (T1 then vs T1 now) and the response shift
    (then - pre), paired per participant and competence. One query, which
    pairs the ratings in the database (one row per participant and competence).

    "All competences": each participant counts once, with the average of the
    competences they rated both times, so that the pairs are independent.
    A competence is listed on its own only when at least 5 participants rated
    it; Holm's correction runs over the rows listed, comparison by comparison.
    """
    ids = [item.pk for item in items if item.kind == Item.Kind.COMPETENCE]
    # (mobility, competence key) -> [pre, post, then]
    ratings: dict[tuple[int, str], list[float | None]] = {}
    keys: dict[str, str] = {}
    spelt: Counter[str] = Counter()
    if ids:
        t0, t1 = Q(invitation__wave=Wave.T0), Q(invitation__wave=Wave.T1)
        now, then = Q(variant=Answer.Variant.NOW), Q(variant=Answer.Variant.THEN)
        rows = (
            Answer.objects.filter(
                item_id__in=ids,
                number__isnull=False,
                invitation_id__in=_submitted(filters, (Wave.T0, Wave.T1)),
            )
            .values("invitation__mobility_id", "competence")
            .annotate(
                pre=Max("number", filter=t0 & now),
                post=Max("number", filter=t1 & now),
                then=Max("number", filter=t1 & then),
            )
            .values_list("invitation__mobility_id", "competence", "pre", "post", "then")
            .order_by()
        )
        for mobility_id, competence, pre, post, then_rating in rows:
            key = keys.get(competence)
            if key is None:
                key = keys[competence] = normalise_label(competence)
            if not key:
                continue
            spelt[competence] += 1
            entry = ratings.get((mobility_id, key))
            if entry is None:
                ratings[(mobility_id, key)] = [pre, post, then_rating]
            else:  # the same competence spelt two ways
                for index, value in enumerate((pre, post, then_rating)):
                    if value is not None:
                        entry[index] = value

    # Differences per comparison and competence, and per comparison and
    # participant: a participant's average change over their competences is
    # their "All competences" difference. Computed on arrays (one row per
    # participant and competence): the network-wide dashboard pairs some
    # 13,000 rows.
    label_diffs: list[dict[str, list[float]]] = [{} for _ in COMPARISONS]
    label_people: Counter[str] = Counter()
    rows_out: list[CompetenceRow] = []
    person_changes: list[list[float]] = [[] for _ in COMPARISONS]
    if ratings:
        labels = list(dict.fromkeys(key for _mobility, key in ratings))
        label_index = {label: number for number, label in enumerate(labels)}
        mobility_codes, mobility_of = np.unique(
            np.fromiter(
                (mobility for mobility, _key in ratings), dtype=np.int64, count=len(ratings)
            ),
            return_inverse=True,
        )
        label_of = np.fromiter(
            (label_index[key] for _mobility, key in ratings), dtype=np.int64, count=len(ratings)
        )
        values = np.array(list(ratings.values()), dtype=float)  # None -> nan
        paired_rows = np.zeros(len(ratings), dtype=bool)
        for number, (_name, first, second) in enumerate(COMPARISONS):
            a, b = values[:, first], values[:, second]
            present = ~np.isnan(a) & ~np.isnan(b)
            paired_rows |= present
            differences = b[present] - a[present]
            labels_here = label_of[present]
            order = np.argsort(labels_here, kind="stable")
            sorted_labels = labels_here[order]
            bounds = np.flatnonzero(np.diff(sorted_labels)) + 1
            for chunk, group in zip(
                np.split(differences[order], bounds),
                np.split(sorted_labels, bounds),
                strict=True,
            ):
                if group.size:
                    label_diffs[number][labels[int(group[0])]] = chunk.tolist()
            owners = mobility_of[present]
            counts = np.bincount(owners, minlength=len(mobility_codes))
            sums = np.bincount(owners, weights=differences, minlength=len(mobility_codes))
            with_pairs = counts > 0
            person_changes[number] = (sums[with_pairs] / counts[with_pairs]).tolist()
        per_label = np.bincount(label_of[paired_rows], minlength=len(labels))
        for position in np.flatnonzero(per_label).tolist():
            label_people[labels[position]] = int(per_label[position])
        people_count = len(np.unique(mobility_of[paired_rows]))
        if people_count:
            rows_out.append(
                CompetenceRow(
                    _("All competences"),
                    True,
                    people_count,
                    *[change_of(person_changes[number]) for number in range(len(COMPARISONS))],
                )
            )
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for competence, count in spelt.items():
        spellings[keys[competence]][" ".join(competence.split())] += count
    hidden_labels = 0
    listed = []
    for key, n in label_people.items():
        if not shown(n):
            hidden_labels += 1
            continue
        label = sorted(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        changes = [
            change_of(label_diffs[number].get(key, [])) for number in range(len(COMPARISONS))
        ]
        listed.append(CompetenceRow(label, False, n, *changes))
    listed.sort(key=lambda row: (-row.n, row.label.casefold()))
    rows_out.extend(listed)
    for name, _first, _second in COMPARISONS:
        comparisons: list[Change] = [getattr(row, name) for row in rows_out]
        adjusted = statistics.holm([c.p_value for c in comparisons])
        for comparison, p in zip(comparisons, adjusted, strict=True):
            comparison.p_holm = p
    return Competences(rows=rows_out, hidden_labels=hidden_labels)


# --- implementation records and EQAVET ---------------------------------------------


def implementation_figures(filters: Filters) -> Implementations:
    """Records of what was put in place, by kind and stage (one query)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    learners = colleagues = total = 0
    for kind, stage, n, reached_learners, reached_colleagues in (
        ImplementationRecord.objects.filter(filters.q("mobility__"))
        .values("kind", "stage")
        .annotate(
            n=Count("id"),
            learners=Sum("learners_reached"),
            colleagues=Sum("colleagues_reached"),
        )
        .values_list("kind", "stage", "n", "learners", "colleagues")
        .order_by()
    ):
        counts[kind][stage] += n
        total += n
        learners += reached_learners or 0
        colleagues += reached_colleagues or 0
    stages = ImplementationRecord.Stage.choices
    if not shown(total):
        return Implementations(None, [], [], None, None)
    by_stage = [
        (stage, str(label), sum(c[stage] for c in counts.values())) for stage, label in stages
    ]
    bars = []
    for kind, label in ImplementationRecord.Kind.choices:
        kind_counts = counts.get(kind, Counter())
        n = sum(kind_counts.values())
        if not n:
            continue
        bars.append(
            StageBar(
                kind,
                str(label),
                {stage: kind_counts[stage] for stage, _l in stages} if shown(n) else None,
            )
        )
    return Implementations(total, by_stage, bars, learners, colleagues)


def eqavet(filters: Filters) -> Eqavet:
    """EQAVET indicator 2: distinct participants of the completed or evaluated
    mobilities selected, per 100 staff (people with a membership) of the
    sending organisation(s) - every active organisation when none is chosen."""
    from mobinnov.network.models import Membership

    participants = (
        Mobility.objects.filter(filters.q(), status__in=FINISHED)
        .values("participant_id")
        .distinct()
        .count()
    )
    members = Membership.objects.all()
    if filters.sending_ids is not None:
        members = members.filter(organisation_id__in=list(filters.sending_ids))
    else:
        members = members.filter(organisation__is_active=True)
    staff = members.values("user_id").distinct().count()
    if not shown(participants):
        return Eqavet(None, staff, None)
    return Eqavet(participants, staff, 100 * participants / staff if staff else None)


def years(filters: Filters) -> list[int]:
    """The years from the first to the last day of the mobilities ``filters``
    (without a year) select, newest first (one query)."""
    base = Filters(sending_ids=filters.sending_ids)
    span = Mobility.objects.filter(base.q()).aggregate(first=Min("end_date"), last=Max("end_date"))
    if span["first"] is None or span["last"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


# --- most significant change stories ------------------------------------------------


def msc_condition(prefix: str = "") -> Q:
    """Answers (reached through ``prefix``) to the Most Significant Change
    question: an item of construct "msc", or the item coded ``MSC``."""
    return Q(**{f"{prefix}item__construct": Construct.MSC}) | Q(**{f"{prefix}item__code": MSC})


def msc_answers(organisation_id: int) -> QuerySet[Answer]:
    """The submitted Most Significant Change answers of the participants the
    organisation sent, newest first, with what the stories page shows
    (personal: for that organisation's coordinators and admins only)."""
    return (
        Answer.objects.filter(
            msc_condition(),
            invitation__status=Invitation.Status.SUBMITTED,
            invitation__mobility__sending_organisation_id=organisation_id,
        )
        .exclude(text="")
        .select_related(
            "story",
            "invitation__mobility__participant",
            "invitation__mobility__receiving_organisation",
        )
        .order_by("-invitation__submitted_at", "-pk")
    )


@dataclass
class StoryRow:
    text: str
    activity_type: str
    host: str
    year: int

    @property
    def activity_label(self) -> str:
        return str(dict(Format.choices).get(self.activity_type, self.activity_type))


def selected_stories(filters: Filters) -> list[StoryRow]:
    """Stories coordinators selected for reports, of the mobilities
    ``filters`` select: the text, the activity type, the host and the year;
    never who wrote it (one query)."""
    rows = (
        Answer.objects.filter(
            msc_condition(),
            story__isnull=False,
            invitation__status=Invitation.Status.SUBMITTED,
        )
        .filter(filters.q("invitation__mobility__"))
        .exclude(text="")
        .values_list(
            "text",
            "invitation__mobility__activity_type",
            "invitation__mobility__receiving_organisation__name",
            "invitation__mobility__end_date",
        )
        .order_by("-invitation__mobility__end_date", "pk")
    )
    return [StoryRow(text, activity, host, end.year) for text, activity, host, end in rows]


# --- anonymised answers (CSV) ---------------------------------------------------------

EXPORT_COLUMNS = (
    "respondent",
    "wave",
    "item",
    "construct",
    "competence",
    "variant",
    "value",
    "activity_type",
    "year",
    "sending_organisation",
    "receiving_organisation",
)
EXPORT_SEPARATOR = "; "


def pseudonym(participant_id: int) -> str:
    """A stable pseudonymous id of a participant: an HMAC of their id keyed
    with SECRET_KEY, truncated. The same in every wave and every report, and
    no one without the key can go back to the person."""
    from django.utils.crypto import salted_hmac

    return salted_hmac(
        "mobinnov.impact.respondent", str(participant_id), algorithm="sha256"
    ).hexdigest()[:16]


def export_rows(filters: Filters) -> Iterable[tuple[Any, ...]]:
    """One row per answer of a submitted participant questionnaire (T0 to T3)
    of the mobilities selected, in :data:`EXPORT_COLUMNS` order: no name, no
    e-mail, no mobility ID, no file, and no free text except the Most
    Significant Change stories a coordinator selected for reports."""
    numeric = (Item.Kind.LIKERT, Item.Kind.COMPETENCE, Item.Kind.NUMBER)
    choice = (Item.Kind.CHOICE, Item.Kind.MULTI_CHOICE)
    story = Q(item__kind=Item.Kind.TEXT) & msc_condition() & Q(story__isnull=False)
    rows = (
        Answer.objects.filter(
            invitation__status=Invitation.Status.SUBMITTED,
            invitation__wave__in=PARTICIPANT_WAVES,
        )
        .filter(filters.q("invitation__mobility__"))
        .filter(Q(item__kind__in=(*numeric, *choice)) | story)
        .values_list(
            "invitation__mobility__participant_id",
            "invitation__wave",
            "item__code",
            "item__construct",
            "item__kind",
            "competence",
            "variant",
            "number",
            "choices",
            "text",
            "invitation__mobility__activity_type",
            "invitation__mobility__end_date",
            "invitation__mobility__sending_organisation__name",
            "invitation__mobility__receiving_organisation__name",
        )
        .order_by(
            "invitation__mobility_id", "invitation__wave", "item__code", "competence", "variant"
        )
    )
    names: dict[int, str] = {}
    for (
        participant_id,
        wave,
        code,
        construct,
        kind,
        competence,
        variant,
        number,
        choices,
        text,
        activity,
        end,
        sending,
        receiving,
    ) in rows.iterator(chunk_size=2000):
        if kind in numeric:
            value: Any = number
            if isinstance(number, float) and number.is_integer():
                value = int(number)
        elif kind in choice:
            value = EXPORT_SEPARATOR.join(str(v) for v in (choices or []))
        else:
            value = text
        if participant_id not in names:
            names[participant_id] = pseudonym(participant_id)
        yield (
            names[participant_id],
            wave,
            code,
            construct,
            competence,
            variant,
            value,
            activity,
            end.year,
            sending,
            receiving,
        )
