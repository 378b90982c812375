from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mobinnov.mobility.estimator import item_label, note_message
from mobinnov.mobility.forms import EstimatorForm

FORM_FIELDS = set(EstimatorForm.base_fields)


@require_GET
def estimator(request: HttpRequest) -> HttpResponse:
    """Public Erasmus+ budget estimator: a GET form, so an estimate has a URL."""
    bound = bool(FORM_FIELDS & set(request.GET))
    form = EstimatorForm(request.GET if bound else None)
    result = form.result if bound and form.is_valid() else None
    context: dict[str, object] = {"form": form, "result": None}
    if result is not None:
        estimate = result.estimate
        context.update(
            result=result,
            estimate=estimate,
            lines=[{"label": item_label(line.item), "line": line} for line in estimate.breakdown],
            notes=[note_message(code) for code in estimate.notes],
        )
    status = 400 if bound and result is None else 200
    return render(request, "mobility/estimator.html", context, status=status)


def home(request: HttpRequest) -> HttpResponse:
    """The mobility area: what waits for the signed-in person, and the way in
    to offers, needs, rounds, mobilities, the ledger and budgets."""
    from django.db.models import Q

    from mobinnov.core.permissions import coordinated_organisation_ids, is_admin
    from mobinnov.mobility.models import Approval, LearningNeed, Mobility, Proposal
    from mobinnov.network.models import Organisation

    user = request.user
    context: dict[str, object] = {"signed_in": user.is_authenticated}
    if user.is_authenticated:
        coordinated = coordinated_organisation_ids(user)
        admin = is_admin(user)
        context["to_endorse"] = LearningNeed.objects.filter(
            organisation_id__in=coordinated, status=LearningNeed.Status.SUBMITTED
        ).count()
        waiting = Proposal.objects.filter(status=Proposal.Status.PROPOSED)
        context["to_decide"] = waiting.filter(
            Q(need__organisation_id__in=coordinated, sending_decision="")
            | Q(offer__organisation_id__in=coordinated, host_decision="")
        ).count()
        unapproved = Mobility.objects.filter(
            agreement__frozen_at__isnull=True,
            status=Mobility.Status.PLANNED,
        )
        context["to_approve"] = (
            unapproved.filter(participant=user)
            .exclude(agreement__approvals__party=Approval.Party.PARTICIPANT)
            .count()
            + unapproved.filter(sending_organisation_id__in=coordinated)
            .exclude(agreement__approvals__party=Approval.Party.SENDING)
            .count()
            + unapproved.filter(receiving_organisation_id__in=coordinated)
            .exclude(agreement__approvals__party=Approval.Party.RECEIVING)
            .count()
        )
        context["upcoming"] = list(
            Mobility.objects.filter(participant=user)
            .exclude(status__in=[Mobility.Status.CANCELLED])
            .select_related("receiving_organisation")
            .order_by("-start_date")[:5]
        )
        context["coordinated"] = list(
            Organisation.objects.filter(pk__in=coordinated).order_by("name")
        )
        context["is_admin"] = admin
        context["is_coordinator"] = bool(coordinated) or admin
    return render(request, "mobility/home.html", context)
