"""Mobility records and their agreements: the list, booking, the record with
its programme, status and budget, the agreement with its approvals, its PDF
and the complement written after the mobility.

Who may do what is decided by the rules of :mod:`mobinnov.mobility.permissions`
("mobility.view", "mobility.edit", "mobility.create", "mobility.agreement.edit");
what may change when, by :mod:`mobinnov.mobility.services`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobinnov.accounts.models import User, signed_in_user
from mobinnov.core.concurrency import EditConflict, rebase_form
from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.core.pagination import paginate
from mobinnov.core.pdf import render_pdf
from mobinnov.core.permissions import can, coordinated_organisation_ids, is_admin, require
from mobinnov.mobility import services
from mobinnov.mobility.estimator import ACTIVITY_LABELS, item_label
from mobinnov.mobility.forms_records import (
    AgreementForm,
    ComplementForm,
    MobilityCreateForm,
    MobilityEditForm,
    MobilityFilterForm,
    ProgrammeFormSet,
    ProgrammeVersionForm,
    StatusForm,
    activity_label,
    add_service_errors,
    changed_values,
    programme_bounds,
    programme_rows,
)
from mobinnov.mobility.models import Agreement, Approval, Mobility
from mobinnov.mobility.services import MobilityError
from mobinnov.network.models import Organisation
from mobinnov.practices.models import Practice

PER_PAGE = 25

# The status buttons, in order, with what pressing them does.
STATUS_ACTIONS = {
    Mobility.Status.UNDER_WAY: gettext_lazy("Mark as under way"),
    Mobility.Status.COMPLETED: gettext_lazy("Mark as completed"),
    Mobility.Status.CANCELLED: gettext_lazy("Cancel the mobility"),
}
PARTY_ORDER = [
    Approval.Party.PARTICIPANT,
    Approval.Party.SENDING,
    Approval.Party.RECEIVING,
]
COMPLEMENT_STATUSES = {
    Mobility.Status.UNDER_WAY,
    Mobility.Status.COMPLETED,
    Mobility.Status.EVALUATED,
}


def _posted(request: HttpRequest) -> Any:
    """The POST data of a POST request (even empty: it is still a submission)."""
    return request.POST if request.method == "POST" else None


# --- reading -------------------------------------------------------------------------


def visible_mobilities(user: Any) -> QuerySet[Mobility]:
    """The mobilities ``user`` may see ("mobility.view"): their own, those sent
    or received by the organisations they coordinate; all for admins."""
    queryset = Mobility.objects.all()
    if is_admin(user):
        return queryset
    organisations = coordinated_organisation_ids(user)
    return queryset.filter(
        Q(participant_id=user.pk)
        | Q(sending_organisation_id__in=organisations)
        | Q(receiving_organisation_id__in=organisations)
    )


def _mobility(reference: str) -> Mobility:
    return get_object_or_404(
        Mobility.objects.select_related(
            "participant",
            "sending_organisation",
            "receiving_organisation",
            "offer",
            "offer_period",
            "need",
            "agreement",
            "agreement__approvals_reset_by",
            "agreement__complement_by",
        ),
        reference=reference,
    )


def _agreement(mobility: Mobility) -> Agreement:
    try:
        return mobility.agreement
    except Agreement.DoesNotExist:
        # Every mobility gets its agreement when created; never leave one without.
        return Agreement.objects.create(mobility=mobility)


def _offer_url(user: Any, mobility: Mobility) -> str:
    """A link to the mobility's offer, when its page exists and ``user`` may see it."""
    offer = mobility.offer
    if offer is None or not can(user, "mobility.offer.view", offer):
        return ""
    try:
        return offer.get_absolute_url()
    except NoReverseMatch:
        return ""


def approval_rows(agreement: Agreement) -> list[dict[str, Any]]:
    """The three parties in order, each with its approval (or None)."""
    by_party = {a.party: a for a in agreement.approvals.select_related("user")}
    labels = dict(Approval.Party.choices)
    return [
        {"party": str(party), "label": labels[party], "approval": by_party.get(str(party))}
        for party in PARTY_ORDER
    ]


def budget_lines(mobility: Mobility) -> list[dict[str, Any]]:
    return [{**line, "label": item_label(line["item"])} for line in mobility.budget_breakdown]


def _parties_to_approve(user: Any, agreement: Agreement, rows: list[dict[str, Any]]) -> list[Any]:
    if agreement.is_frozen or agreement.mobility.status == Mobility.Status.CANCELLED:
        return []
    approved = {row["party"] for row in rows if row["approval"] is not None}
    labels = dict(Approval.Party.choices)
    return [
        {"party": party, "label": labels[party]}
        for party in services.agreement_parties(user, agreement)
        if party not in approved
    ]


def _agreement_context(user: Any, mobility: Mobility) -> dict[str, Any]:
    agreement = _agreement(mobility)
    rows = approval_rows(agreement)
    return {
        "agreement": agreement,
        "approvals": rows,
        "parties_to_approve": _parties_to_approve(user, agreement, rows),
        "language_name": dict(WORKING_LANGUAGES).get(agreement.language, agreement.language),
    }


# --- list ----------------------------------------------------------------------------


@login_required
@require_GET
def mobility_list(request: HttpRequest) -> HttpResponse:
    """The mobilities I take part in, and those of the organisations I coordinate."""
    user = signed_in_user(request)
    queryset = visible_mobilities(user)
    coordinated = coordinated_organisation_ids(user)
    years = sorted({d.year for d in queryset.dates("start_date", "year")}, reverse=True)
    form = MobilityFilterForm(request.GET or None, years=years, directions=bool(coordinated))
    if form.is_bound:
        form.is_valid()
        filters = getattr(form, "cleaned_data", {})
        direction = filters.get("direction")
        if direction == "sent":
            queryset = queryset.filter(sending_organisation_id__in=coordinated)
        elif direction == "received":
            queryset = queryset.filter(receiving_organisation_id__in=coordinated)
        if filters.get("status"):
            queryset = queryset.filter(status=filters["status"])
        if filters.get("year"):
            queryset = queryset.filter(start_date__year=filters["year"])
    queryset = queryset.select_related(
        "participant", "sending_organisation", "receiving_organisation"
    ).order_by("-start_date", "-pk")
    page = paginate(request, queryset, PER_PAGE)
    rows = [
        {
            "mobility": mobility,
            "activity": activity_label(mobility.activity_type),
            "show_participant": can(user, "mobility.view", mobility),
        }
        for mobility in page.object_list
    ]
    bookable = [
        organisation
        for organisation in Organisation.objects.filter(pk__in=coordinated, is_active=True)
        if can(user, "mobility.create", organisation)
    ]
    return render(
        request,
        "mobility/records/list.html",
        {"page": page, "rows": rows, "form": form, "bookable": bookable},
    )


# --- booking and editing --------------------------------------------------------------


def _sending_organisation(request: HttpRequest, user: User) -> Organisation | HttpResponse:
    slug = request.GET.get("organisation", "").strip()
    if slug:
        organisation = get_object_or_404(Organisation, slug=slug, is_active=True)
        require(user, "mobility.create", organisation)
        return organisation
    choices = [
        organisation
        for organisation in Organisation.objects.filter(
            pk__in=coordinated_organisation_ids(user), is_active=True
        ).order_by("name")
        if can(user, "mobility.create", organisation)
    ]
    if len(choices) == 1:
        return redirect(f"{reverse('mobility:mobility_create')}?organisation={choices[0].slug}")
    if not choices and not is_admin(user):
        raise PermissionDenied("mobility.create")
    if not choices:
        choices = list(Organisation.objects.filter(is_active=True).order_by("name"))
    return render(request, "mobility/records/choose_organisation.html", {"choices": choices})


@login_required
@require_http_methods(["GET", "POST"])
def mobility_create(request: HttpRequest) -> HttpResponse:
    """Manual booking of a mobility by a coordinator of the sending organisation."""
    user = signed_in_user(request)
    sending = _sending_organisation(request, user)
    if isinstance(sending, HttpResponse):
        return sending
    form = MobilityCreateForm(_posted(request), sending=sending)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                mobility = services.create_mobility(
                    user, practices=form.cleaned_data["practices"], **form.mobility_values()
                )
        except MobilityError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The mobility %(reference)s is booked. Write its agreement with the participant.")
                % {"reference": mobility.reference},
            )
            return redirect(mobility)
    return render(request, "mobility/records/create.html", {"form": form, "organisation": sending})


@login_required
@require_http_methods(["GET", "POST"])
def mobility_edit(request: HttpRequest, reference: str) -> HttpResponse:
    mobility = _mobility(reference)
    require(request.user, "mobility.edit", mobility)
    user = signed_in_user(request)
    status = 200
    if request.method == "POST":
        form = MobilityEditForm(request.POST, mobility=mobility)
        if form.is_valid():
            values = changed_values(mobility, form.mobility_values())
            try:
                reset = services.update_mobility(
                    mobility,
                    values,
                    user,
                    form.cleaned_data["version"],
                    practices=form.cleaned_data["practices"],
                )
            except EditConflict:
                rebase_form(form, Mobility.objects.get(pk=mobility.pk).version)
                status = 409
            except MobilityError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The mobility is saved."))
                if reset:
                    messages.warning(
                        request,
                        _("The agreement's approvals were reset because the mobility changed."),
                    )
                return redirect(mobility)
    else:
        form = MobilityEditForm(initial=MobilityEditForm.initial_for(mobility), mobility=mobility)
    return render(
        request,
        "mobility/records/edit.html",
        {"form": form, "mobility": mobility},
        status=status,
    )


# --- the record ------------------------------------------------------------------------


@login_required
@require_GET
def mobility_detail(request: HttpRequest, reference: str) -> HttpResponse:
    mobility = _mobility(reference)
    require(request.user, "mobility.view", mobility)
    user = signed_in_user(request)
    may_edit = can(user, "mobility.edit", mobility)
    transitions = []
    if may_edit:
        labels = dict(Mobility.Status.choices)
        transitions = [
            {"status": str(status), "label": labels[status], "action": action}
            for status, action in STATUS_ACTIONS.items()
            if status in services.TRANSITIONS[Mobility.Status(mobility.status)]
        ]
    practices = [
        {"practice": practice, "visible": can(user, "practice.view", practice)}
        for practice in mobility.practices.select_related("host").order_by("title")
    ]
    context = {
        "mobility": mobility,
        "activity": activity_label(mobility.activity_type),
        "status_buttons": [t for t in transitions if t["status"] != Mobility.Status.CANCELLED],
        "cancel": next((t for t in transitions if t["status"] == Mobility.Status.CANCELLED), None),
        "may_edit": may_edit,
        "may_edit_agreement": can(user, "mobility.agreement.edit", _agreement(mobility)),
        "programme": list(mobility.programme.all()),
        "practices": practices,
        "offer_url": _offer_url(user, mobility),
        "lines": budget_lines(mobility),
        "may_complement": mobility.status in COMPLEMENT_STATUSES,
        "may_see_invitations": can(user, "impact.manage_invitations", mobility),
        "may_record_implementation": mobility.status
        in (Mobility.Status.COMPLETED, Mobility.Status.EVALUATED)
        and can(user, "impact.record_implementation", mobility),
        "pdf_languages": settings.LANGUAGES,
        **_agreement_context(user, mobility),
    }
    return render(request, "mobility/records/detail.html", context)


@login_required
@require_POST
def mobility_status(request: HttpRequest, reference: str) -> HttpResponse:
    mobility = _mobility(reference)
    require(request.user, "mobility.edit", mobility)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses offered."))
        return redirect(mobility)
    new_status = form.cleaned_data["status"]
    try:
        services.set_status(
            mobility, new_status, signed_in_user(request), form.cleaned_data["reason"]
        )
    except MobilityError as error:
        for texts in error.errors.values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(
            request,
            _("The mobility is now %(status)s.")
            % {"status": str(dict(Mobility.Status.choices)[new_status]).lower()},
        )
    return redirect(mobility)


# --- programme ---------------------------------------------------------------------------


@transaction.atomic
@login_required
@require_http_methods(["GET", "POST"])
def mobility_programme(request: HttpRequest, reference: str) -> HttpResponse:
    """The day-by-day programme: one row per activity, empty rows to add more."""
    mobility = _mobility(reference)
    require(request.user, "mobility.edit", mobility)
    first, last = programme_bounds(mobility)
    kwargs: dict[str, Any] = {"form_kwargs": {"first": first, "last": last}, "prefix": "day"}
    status = 200
    if request.method == "POST":
        formset = ProgrammeFormSet(request.POST, **kwargs)
        meta = ProgrammeVersionForm(request.POST)
        if formset.is_valid() and meta.is_valid():
            try:
                changed, reset = services.programme_replace(
                    mobility,
                    programme_rows(formset),
                    signed_in_user(request),
                    meta.cleaned_data["version"],
                )
            except EditConflict:
                rebase_form(meta, Mobility.objects.get(pk=mobility.pk).version)
                status = 409
            except MobilityError as error:
                add_service_errors(meta, error)
            else:
                if not changed:
                    messages.info(request, _("The programme did not change."))
                elif reset:
                    messages.warning(
                        request,
                        _(
                            "The programme is saved. The agreement's approvals were reset "
                            "because the programme changed."
                        ),
                    )
                elif _agreement(mobility).is_frozen:
                    messages.success(
                        request,
                        _(
                            "The programme is saved. The agreement is frozen: "
                            "its approvals are kept."
                        ),
                    )
                else:
                    messages.success(request, _("The programme is saved."))
                return redirect(mobility)
        elif "version" in meta.errors:
            meta.add_error(None, _("The form was incomplete: reload the page and try again."))
    else:
        initial = [
            {"date": d.date, "activity": d.activity, "with_whom": d.with_whom, "place": d.place}
            for d in mobility.programme.all()
        ]
        formset = ProgrammeFormSet(initial=initial, **kwargs)
        meta = ProgrammeVersionForm(initial={"version": mobility.version})
    return render(
        request,
        "mobility/records/programme.html",
        {
            "mobility": mobility,
            "formset": formset,
            "meta": meta,
            "first": first,
            "last": last,
            "frozen": _agreement(mobility).is_frozen,
        },
        status=status,
    )


# --- agreement -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """The agreement's text, read-only once the three parties approved it."""
    mobility = _mobility(reference)
    agreement = _agreement(mobility)
    require(request.user, "mobility.agreement.edit", agreement)
    user = signed_in_user(request)
    status = 200
    form = AgreementForm(_posted(request), initial=AgreementForm.initial_for(agreement))
    if request.method == "POST" and form.is_valid():
        try:
            reset = services.update_agreement(
                agreement, form.agreement_values(), user, form.cleaned_data["version"]
            )
        except EditConflict:
            rebase_form(form, Agreement.objects.get(pk=agreement.pk).version)
            status = 409
        except MobilityError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The agreement is saved."))
            if reset:
                messages.warning(
                    request,
                    _(
                        "The approvals were reset because the agreement changed: "
                        "the parties approve it again."
                    ),
                )
            return redirect("mobility:agreement_edit", reference=mobility.reference)
    return render(
        request,
        "mobility/records/agreement.html",
        {
            "mobility": mobility,
            "form": form,
            "activity": activity_label(mobility.activity_type),
            **_agreement_context(user, mobility),
        },
        status=status,
    )


@login_required
@require_POST
def agreement_approve(request: HttpRequest, reference: str) -> HttpResponse:
    mobility = _mobility(reference)
    agreement = _agreement(mobility)
    require(request.user, "mobility.agreement.edit", agreement)
    party = str(request.POST.get("party", ""))
    try:
        frozen = services.approve_agreement(agreement, signed_in_user(request), party)
    except MobilityError as error:
        for texts in error.errors.values():
            for text in texts:
                messages.error(request, text)
    else:
        if frozen:
            messages.success(
                request,
                _(
                    "The three parties approved: the agreement is frozen and the mobility is agreed."
                ),
            )
        else:
            messages.success(
                request,
                _("Approved as %(party)s.")
                % {"party": str(dict(Approval.Party.choices)[party]).lower()},
            )
    return redirect(mobility)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_complement(request: HttpRequest, reference: str) -> HttpResponse:
    """After the mobility: confirm it took place as planned, or say what differed."""
    mobility = _mobility(reference)
    agreement = _agreement(mobility)
    require(request.user, "mobility.agreement.edit", agreement)
    initial = {}
    if agreement.took_place_as_planned is not None:
        initial = {
            "took_place_as_planned": "yes" if agreement.took_place_as_planned else "no",
            "complement": agreement.complement,
        }
    form = ComplementForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_complement(
                agreement,
                signed_in_user(request),
                as_planned=form.cleaned_data["took_place_as_planned"],
                text=form.cleaned_data["complement"],
            )
        except MobilityError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The complement of the agreement is recorded."))
            return redirect(mobility)
    return render(
        request,
        "mobility/records/complement.html",
        {
            "mobility": mobility,
            "agreement": agreement,
            "form": form,
            "open": mobility.status in COMPLEMENT_STATUSES,
        },
    )


# --- agreement PDF ---------------------------------------------------------------------------

PDF_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def pdf_language(request: HttpRequest, mobility: Mobility) -> str:
    """``?lang=`` when it is an interface language, else the participant's."""
    asked = str(request.GET.get("lang", "")).strip().lower()
    if asked in PDF_LANGUAGES:
        return asked
    preferred = mobility.participant.preferred_language
    return preferred if preferred in PDF_LANGUAGES else settings.LANGUAGE_CODE


def agreement_pdf_context(mobility: Mobility) -> dict[str, Any]:
    agreement = _agreement(mobility)
    return {
        "mobility": mobility,
        "agreement": agreement,
        "participant": mobility.participant,
        "sending": mobility.sending_organisation,
        "receiving": mobility.receiving_organisation,
        "activity": ACTIVITY_LABELS.get(mobility.activity_type, mobility.activity_type),
        "language_name": dict(WORKING_LANGUAGES).get(agreement.language, agreement.language),
        "approvals": approval_rows(agreement),
        "programme": list(mobility.programme.all()),
        "practices": list(
            Practice.objects.filter(mobilities=mobility).select_related("host").order_by("title")
        ),
        "generated": timezone.localdate(),
    }


@login_required
@require_GET
def agreement_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    """The mobility agreement as a PDF in the shape national agencies expect."""
    mobility = _mobility(reference)
    require(request.user, "mobility.view", mobility)
    data = render_pdf(
        "mobility/pdf/agreement.html",
        agreement_pdf_context(mobility),
        language=pdf_language(request, mobility),
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(data, content_type="application/pdf")
    # A reference is ASCII (digits, "-MOB-").
    response["Content-Disposition"] = f'attachment; filename="agreement-{mobility.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
