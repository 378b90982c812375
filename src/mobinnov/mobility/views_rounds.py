"""Planning rounds on the web (list, create, detail, solve, decide, close) and
the reciprocity ledger (network matrix with its SVG chart, one partner).

Privacy: a coordinator sees the proposals and unmatched needs of the
organisations they coordinate only, unless they may see all the round's
proposals (admins; the coordinators of an organisation's own round). The
participant's name is shown only to the coordinators of the pair and admins.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobinnov.accounts.models import signed_in_user
from mobinnov.core.pagination import paginate
from mobinnov.core.permissions import (
    can,
    coordinated_organisation_ids,
    is_admin,
    is_coordinator,
    require,
)
from mobinnov.mobility import services
from mobinnov.mobility.forms_rounds import DecisionForm, LedgerFilterForm, RoundForm
from mobinnov.mobility.ledger_chart import render_ledger_chart
from mobinnov.mobility.models import Format, PlanningRound, Proposal, RoundNeed
from mobinnov.mobility.services import MobilityError
from mobinnov.network.models import Organisation

PER_PAGE = 25
SIDES = ("sending", "host")


# --- who sees which rounds, proposals and needs (additive to permissions.py) ---------


def may_use_rounds(user: Any) -> bool:
    """Admins and coordinators work with rounds; other members never do."""
    return is_admin(user) or bool(coordinated_organisation_ids(user))


def require_round_access(user: Any, round_: PlanningRound) -> None:
    """``mobility.round.view``: the rule also admits the coordinators of a host
    with a live proposal in the round, so that they can decide on it."""
    require(user, "mobility.round.view", round_)


def visible_rounds(user: Any) -> QuerySet[PlanningRound]:
    """The rounds ``mobility.round.view`` lets ``user`` open, as one query."""
    rounds = PlanningRound.objects.all()
    if is_admin(user):
        return rounds
    coordinated = coordinated_organisation_ids(user)
    if not coordinated:
        return rounds.none()
    hosting = Proposal.objects.filter(
        round=OuterRef("pk"), offer__organisation_id__in=coordinated
    ).exclude(status=Proposal.Status.SUPERSEDED)
    return rounds.filter(
        Q(organisation__isnull=True) | Q(organisation_id__in=coordinated) | Exists(hosting)
    )


def visible_proposals(user: Any, round_: PlanningRound, see_all: bool) -> QuerySet[Proposal]:
    """Live (not superseded) proposals ``user`` may read: all of them, or those
    whose sending or host organisation they coordinate."""
    proposals = round_.proposals.exclude(status=Proposal.Status.SUPERSEDED)
    if see_all:
        return proposals
    coordinated = coordinated_organisation_ids(user)
    return proposals.filter(
        Q(need__organisation_id__in=coordinated) | Q(offer__organisation_id__in=coordinated)
    )


def visible_unmatched(user: Any, round_: PlanningRound, see_all: bool) -> QuerySet[RoundNeed]:
    """Needs the last solve left out, restricted like the proposals."""
    entries = round_.entries.exclude(unmatched_reasons=[])
    if see_all:
        return entries
    return entries.filter(need__organisation_id__in=coordinated_organisation_ids(user))


def solve_message(result: services.RoundResult) -> str:
    """The figures of a solve, for example "Round solved: 12 proposals, 3 needs
    unmatched; proven optimal."."""
    proposals = ngettext("%(count)s proposal", "%(count)s proposals", result.proposals) % {
        "count": result.proposals
    }
    unmatched = ngettext(
        "%(count)s need unmatched", "%(count)s needs unmatched", result.unmatched
    ) % {"count": result.unmatched}
    quality = (
        _("proven optimal")
        if result.optimal
        else _("best found within the time limit, not proven optimal")
    )
    return _("Round solved: %(proposals)s, %(unmatched)s; %(quality)s.") % {
        "proposals": proposals,
        "unmatched": unmatched,
        "quality": quality,
    }


# --- helpers ------------------------------------------------------------------------


def _url(obj: Any) -> str | None:
    """``obj.get_absolute_url()``, or None while its page does not exist yet."""
    try:
        return str(obj.get_absolute_url())
    except NoReverseMatch:
        return None


def _error_text(error: MobilityError) -> str:
    return " ".join(str(message) for messages_ in error.errors.values() for message in messages_)


def _round_choices(user: Any) -> tuple[list[Organisation], bool]:
    """The organisations ``user`` may open a round for, and whether they may
    open a round of the whole network."""
    organisations = Organisation.objects.filter(is_active=True).order_by("name", "pk")
    if not is_admin(user):
        organisations = organisations.filter(pk__in=coordinated_organisation_ids(user))
    allowed = [org for org in organisations if can(user, "mobility.round.create", org)]
    return allowed, can(user, "mobility.round.create", None)


def _decision_form(
    proposal: Proposal, side: str, bound: tuple[int, str, DecisionForm] | None
) -> DecisionForm:
    if bound is not None and bound[0] == proposal.pk and bound[1] == side:
        return bound[2]
    return DecisionForm(auto_id=f"id_p{proposal.pk}_{side}_%s", initial={"side": side})


def _decision_facts(proposal: Proposal, side: str) -> dict[str, Any]:
    decision = getattr(proposal, f"{side}_decision")
    return {
        "side": side,
        "label": _("Sending organisation") if side == "sending" else _("Host organisation"),
        "organisation": (
            proposal.need.organisation if side == "sending" else proposal.offer.organisation
        ),
        "decision": decision,
        "decision_label": dict(Proposal.Decision.choices).get(decision, "") if decision else "",
        "by": getattr(proposal, f"{side}_decided_by"),
        "at": getattr(proposal, f"{side}_decided_at"),
    }


def _proposal_row(
    user: Any, proposal: Proposal, bound: tuple[int, str, DecisionForm] | None
) -> dict[str, Any]:
    sending_id, host_id = proposal.need.organisation_id, proposal.offer.organisation_id
    open_sides = []
    if proposal.status == Proposal.Status.PROPOSED:
        open_sides = [
            side
            for side in services.decision_sides(user, proposal)
            if not getattr(proposal, f"{side}_decision")
        ]
    try:
        mobility = proposal.mobility
    except ObjectDoesNotExist:
        mobility = None
    activity = dict(Format.choices).get(proposal.activity_type, proposal.activity_type)
    return {
        "proposal": proposal,
        "show_person": is_admin(user)
        or is_coordinator(user, sending_id)
        or is_coordinator(user, host_id),
        "activity": activity,
        "days": (proposal.end_date - proposal.start_date).days + 1,
        "explanation": services.explain(proposal.score_parts),
        "offer_url": _url(proposal.offer),
        "mobility": mobility,
        "mobility_url": _url(mobility) if mobility is not None else None,
        "decisions": [_decision_facts(proposal, side) for side in SIDES],
        "forms": [
            {
                "side": side,
                "form": _decision_form(proposal, side, bound),
                "accept_label": _("Accept for the sending organisation")
                if side == "sending"
                else _("Accept as host"),
                "decline_label": _("Decline for the sending organisation")
                if side == "sending"
                else _("Decline as host"),
            }
            for side in open_sides
        ],
    }


def _render_round(
    request: HttpRequest,
    round_: PlanningRound,
    bound: tuple[int, str, DecisionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    see_all = can(user, "mobility.round.see_all_proposals", round_)
    proposals = visible_proposals(user, round_, see_all).select_related(
        "need__person",
        "need__organisation",
        "offer__organisation",
        "sending_decided_by",
        "host_decided_by",
        "mobility",
    )
    # A decision refused re-renders the page of the proposal it was made on.
    page = Paginator(proposals, PER_PAGE).get_page(
        request.GET.get("page") or request.POST.get("page")
    )
    unmatched = (
        visible_unmatched(user, round_, see_all)
        .select_related("need__person", "need__organisation")
        .order_by("need__organisation__name", "need__earliest_start", "pk")
    )
    unmatched_page = Paginator(unmatched, PER_PAGE).get_page(request.GET.get("unmatched"))
    reasons = services.UNMATCHED_REASONS
    return render(
        request,
        "mobility/rounds/detail.html",
        {
            "round": round_,
            "see_all": see_all,
            "may_manage": can(user, "mobility.round.manage", round_),
            "is_closed": round_.status == PlanningRound.Status.CLOSED,
            "need_count": services.round_needs(round_).count(),
            "offer_count": services.open_offers_between(round_.period_start, round_.period_end)
            .filter(organisation__is_active=True)
            .count(),
            "page": page,
            "rows": [_proposal_row(user, p, bound) for p in page.object_list],
            "unmatched_page": unmatched_page,
            "unmatched_rows": [
                {
                    "entry": entry,
                    "reasons": [str(reasons.get(code, code)) for code in entry.unmatched_reasons],
                }
                for entry in unmatched_page.object_list
            ],
        },
        status=status,
    )


# --- rounds -----------------------------------------------------------------------------


@login_required
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not may_use_rounds(user):
        raise PermissionDenied("mobility.round.view")
    rounds = visible_rounds(user).select_related("organisation")
    organisations, network = _round_choices(user)
    return render(
        request,
        "mobility/rounds/list.html",
        {"page": paginate(request, rounds, PER_PAGE), "may_create": bool(organisations) or network},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    organisations, network = _round_choices(user)
    if not organisations and not network:
        raise PermissionDenied("mobility.round.create")
    form = RoundForm(request.POST or None, organisations=organisations, network=network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        require(user, "mobility.round.create", data["organisation"])
        round_ = services.create_round(
            user,
            name=data["name"],
            organisation=data["organisation"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            reciprocity_weight=data["reciprocity_weight"],
            time_limit_s=data["time_limit_s"],
        )
        messages.success(request, _("The round is created. Solve it to get proposals."))
        return redirect(round_)
    status = 400 if request.method == "POST" else 200
    return render(request, "mobility/rounds/create.html", {"form": form}, status=status)


def _round_for(request: HttpRequest, pk: int) -> PlanningRound:
    return get_object_or_404(
        PlanningRound.objects.select_related("organisation", "created_by"), pk=pk
    )


@login_required
@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round_for(request, pk)
    require_round_access(request.user, round_)
    return _render_round(request, round_)


@login_required
@require_POST
def round_solve(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round_for(request, pk)
    require(request.user, "mobility.round.manage", round_)
    try:
        result = services.solve_round(round_, signed_in_user(request))
    except MobilityError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, solve_message(result))
    return redirect(round_)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round_for(request, pk)
    require(request.user, "mobility.round.manage", round_)
    try:
        superseded = services.close_round(round_, signed_in_user(request))
    except MobilityError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            ngettext(
                "The round is closed; %(count)s proposal waiting for decisions was withdrawn.",
                "The round is closed; %(count)s proposals waiting for decisions were withdrawn.",
                superseded,
            )
            % {"count": superseded},
        )
    return redirect(round_)


@login_required
@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        Proposal.objects.select_related(
            "round__organisation", "need__organisation", "offer__organisation"
        ),
        pk=pk,
    )
    user = signed_in_user(request)
    round_ = proposal.round
    require_round_access(user, round_)
    see_all = can(user, "mobility.round.see_all_proposals", round_)
    if not visible_proposals(user, round_, see_all).filter(pk=proposal.pk).exists():
        raise Http404
    side = request.POST.get("side", "")
    form = DecisionForm(
        request.POST, auto_id=f"id_p{proposal.pk}_{side if side in SIDES else 'x'}_%s"
    )
    if not form.is_valid():
        if side in SIDES and set(form.errors) <= {"reason"}:
            form.fields["reason"].widget.attrs["autofocus"] = True
            return _render_round(request, round_, (proposal.pk, side, form), status=400)
        messages.error(request, _("The decision could not be read: choose a button again."))
        return redirect(round_)
    accept = form.cleaned_data["decision"] == "accept"
    try:
        mobility = services.decide(
            proposal, user, form.cleaned_data["side"], accept, form.cleaned_data["reason"]
        )
    except MobilityError as error:
        if "reason" not in error.errors:
            messages.error(request, _error_text(error))
            return redirect(round_)
        for field, field_messages in error.errors.items():
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
        # Bring the person back to the field that needs them.
        form.fields["reason"].widget.attrs["autofocus"] = True
        return _render_round(request, round_, (proposal.pk, side, form), status=400)
    if mobility is not None:
        url = _url(mobility)
        reference = (
            format_html('<a href="{}">{}</a>', url, mobility.reference)
            if url
            else conditional_escape(mobility.reference)
        )
        text = conditional_escape(_("Both sides accepted: the mobility %(reference)s is planned."))
        messages.success(request, mark_safe(text % {"reference": reference}))
    elif accept:
        messages.success(
            request, _("Your acceptance is recorded. The other organisation decides next.")
        )
    else:
        messages.success(
            request,
            _("The proposal is declined; this pair will not be proposed again in this round."),
        )
    page = request.POST.get("page", "")
    query = f"?page={page}" if page.isdigit() and page != "1" else ""
    return redirect(f"{round_.get_absolute_url()}{query}#proposal-{proposal.pk}")


# --- reciprocity ledger -------------------------------------------------------------------


def _ledger_filter(request: HttpRequest) -> LedgerFilterForm:
    bound = "year" in request.GET
    return LedgerFilterForm(request.GET if bound else None, years=services.ledger_years())


@login_required
@require_GET
def ledger(request: HttpRequest) -> HttpResponse:
    require(request.user, "mobility.ledger.view")
    form = _ledger_filter(request)
    year = form.chosen_year
    book = services.ledger(year=year)
    partners = list(
        Organisation.objects.filter(pk__in=book.organisation_ids())
        .only("pk", "name", "slug")
        .order_by("name", "pk")
    )
    sent: dict[int, int] = {}
    received: dict[int, int] = {}
    for (sender, receiver), cell in book.cells.items():
        sent[sender] = sent.get(sender, 0) + cell.sent
        received[receiver] = received.get(receiver, 0) + cell.sent
    rows = [
        {
            "partner": partner,
            "cells": [
                None if other.pk == partner.pk else book.get(partner.pk, other.pk)
                for other in partners
            ],
            "sent": sent.get(partner.pk, 0),
            "received": received.get(partner.pk, 0),
            "balance": sent.get(partner.pk, 0) - received.get(partner.pk, 0),
        }
        for partner in partners
    ]
    index = {partner.pk: position for position, partner in enumerate(partners)}
    period = str(year) if year is not None else _("all years")
    chart = ""
    if partners:
        chart = render_ledger_chart(
            [partner.name for partner in partners],
            {(index[s], index[r]): cell.sent for (s, r), cell in book.cells.items()},
            title=_("Participants sent between partners, %(period)s") % {"period": period},
            description=_(
                "Heat map: each row is a sending partner, each column a receiving partner; "
                "the number in a cell is the participants sent, and the darker the cell, "
                "the more participants. The table above gives the same figures with "
                "participant-days."
            ),
            row_axis=_("Rows: sending partner"),
            column_axis=_("Columns: receiving partner"),
        )
    return render(
        request,
        "mobility/ledger/network.html",
        {
            "form": form,
            "year": year,
            "period": period,
            "partners": partners,
            "rows": rows,
            "chart": chart,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_GET
def ledger_partner(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.only("pk", "name", "slug"), slug=slug)
    require(request.user, "mobility.ledger.view", organisation)
    form = _ledger_filter(request)
    year = form.chosen_year
    book = services.ledger(year=year, organisation_id=organisation.pk)
    others = Organisation.objects.filter(pk__in=book.organisation_ids() - {organisation.pk}).only(
        "pk", "name", "slug"
    )
    rows: list[dict[str, Any]] = [
        {
            "partner": other,
            "sent": book.get(organisation.pk, other.pk),
            "received": book.get(other.pk, organisation.pk),
            "balance": book.balance(organisation.pk, other.pk),
        }
        for other in others.order_by("name", "pk")
    ]
    totals = {
        "sent": sum(row["sent"].sent for row in rows),
        "sent_days": sum(row["sent"].days for row in rows),
        "received": sum(row["received"].sent for row in rows),
        "received_days": sum(row["received"].days for row in rows),
        "balance": sum(row["balance"] for row in rows),
    }
    return render(
        request,
        "mobility/ledger/partner.html",
        {
            "organisation": organisation,
            "form": form,
            "year": year,
            "period": str(year) if year is not None else _("all years"),
            "page": paginate(request, rows, PER_PAGE),
            "totals": totals,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
