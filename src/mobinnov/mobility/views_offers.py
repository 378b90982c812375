"""Web pages of host offers and learning needs.

Every view asks :mod:`mobinnov.core.permissions` first. The writes at the top
of this module follow the rules of :mod:`mobinnov.mobility.services` (one
transaction, validation before any write, :class:`MobilityError` with
messages per field); they are candidates to move into ``services.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobinnov.accounts.models import User, signed_in_user
from mobinnov.core.concurrency import EditConflict, rebase_form
from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.core.pagination import paginate
from mobinnov.core.permissions import can, coordinated_organisation_ids, is_admin, require
from mobinnov.mobility import services
from mobinnov.mobility.forms_offers import (
    NeedFilterForm,
    NeedForm,
    OfferFilterForm,
    OfferForm,
    PeriodFormSet,
)
from mobinnov.mobility.models import (
    Format,
    HostOffer,
    LearningNeed,
    OfferPeriod,
)
from mobinnov.mobility.services import MobilityError
from mobinnov.network.models import Membership, Organisation

PER_PAGE = 25
FORMAT_CODES = frozenset(Format.values)
Errors = dict[str | None, list[str]]


# --- writes ------------------------------------------------------------------------


# --- helpers ------------------------------------------------------------------------


def _add_errors(form: Any, errors: Errors) -> None:
    """Show a service's refusal next to the fields it names."""
    for field, texts in errors.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _language_names() -> dict[str, str]:
    return {code: str(name) for code, name in WORKING_LANGUAGES}


def _deny_or_login(request: HttpRequest, action: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(action)


# --- host offers ----------------------------------------------------------------------


def _open_offer_ids(offers: QuerySet[HostOffer], format_code: str, language: str) -> list[int]:
    """Offers offering ``format_code`` and working in ``language`` (JSON
    lists, compared here so that every database gives the same answer)."""
    return [
        pk
        for pk, formats, languages in offers.values_list("pk", "formats", "languages")
        if (not format_code or format_code in formats) and (not language or language in languages)
    ]


@require_GET
def offer_list(request: HttpRequest) -> HttpResponse:
    """Open offers with filters; coordinators may list all their own (?mine=1)."""
    user = request.user
    coordinated = coordinated_organisation_ids(user)
    mine = request.GET.get("mine") == "1" and bool(coordinated)
    if mine:
        offers = HostOffer.objects.filter(organisation_id__in=coordinated)
    else:
        offers = HostOffer.objects.filter(
            status=HostOffer.Status.OPEN, organisation__is_active=True
        )
    country_codes = [
        str(code) for code in offers.values_list("organisation__country", flat=True).distinct()
    ]
    form = OfferFilterForm(request.GET, country_codes=country_codes)
    form.is_valid()
    wanted = form.cleaned_data
    if wanted.get("q"):
        offers = offers.filter(
            Q(title__icontains=wanted["q"]) | Q(programme__icontains=wanted["q"])
        )
    if wanted.get("country"):
        offers = offers.filter(organisation__country=wanted["country"])
    if wanted.get("field"):
        offers = offers.filter(
            Exists(
                HostOffer.practices.through.objects.filter(
                    hostoffer_id=OuterRef("pk"), practice__fields__code=wanted["field"]
                )
            )
        )
    start, end = wanted.get("available_from"), wanted.get("available_to")
    if start or end:
        periods = OfferPeriod.objects.filter(offer_id=OuterRef("pk"))
        if start:
            periods = periods.filter(end__gte=start)
        if end:
            periods = periods.filter(start__lte=end)
        offers = offers.filter(Exists(periods))
    if wanted.get("format") or wanted.get("language"):
        offers = HostOffer.objects.filter(
            pk__in=_open_offer_ids(offers, wanted.get("format", ""), wanted.get("language", ""))
        )
    today = timezone.localdate()
    offers = (
        offers.select_related("organisation")
        .prefetch_related(
            Prefetch(
                "periods",
                queryset=OfferPeriod.objects.filter(end__gte=today),
                to_attr="upcoming_periods",
            )
        )
        .order_by("title", "pk")
    )
    page = paginate(request, offers, PER_PAGE)
    filtered = any(request.GET.get(name) for name in form.fields)
    return render(
        request,
        "mobility/offers/list.html",
        {
            "form": form,
            "page": page,
            "mine": mine,
            "coordinator": bool(coordinated),
            "may_create": bool(coordinated) or is_admin(user),
            "filtered": filtered,
            "language_names": _language_names(),
        },
    )


@require_GET
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(HostOffer.objects.select_related("organisation"), pk=pk)
    if not can(request.user, "mobility.offer.view", offer):
        return _deny_or_login(request, "mobility.offer.view")
    capacity = offer.capacity
    periods = list(offer.periods.all())
    booked = services.booked_in_period([p.pk for p in periods])
    today = timezone.localdate()
    rows = [
        {
            "period": period,
            "booked": booked.get(period.pk, 0),
            "left": max(0, capacity - booked.get(period.pk, 0)),
            "past": period.end < today,
        }
        for period in periods
    ]
    return render(
        request,
        "mobility/offers/detail.html",
        {
            "offer": offer,
            "rows": rows,
            "practices": offer.practices.filter(is_public=True).order_by("title", "pk"),
            "language_names": _language_names(),
            "may_edit": can(request.user, "mobility.offer.edit", offer),
        },
    )


def _offer_values(form: OfferForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"].strip(),
        "formats": list(data["formats"]),
        "languages": list(data["languages"]),
        "capacity": data["capacity"],
        "min_days": data["min_days"],
        "max_days": data["max_days"],
        "programme": data["programme"].strip(),
        "practical_information": data["practical_information"].strip(),
        "status": data["status"],
    }


def _show_offer_errors(form: OfferForm, formset: Any, errors: Errors) -> None:
    for field, texts in errors.items():
        for text in texts:
            if field == "periods":
                formset.non_form_errors().append(text)
            else:
                form.add_error(field if field in form.fields else None, text)


def _offer_host_for_create(request: HttpRequest, user: User) -> Organisation | HttpResponse:
    slug = request.GET.get("organisation", "")
    if slug:
        organisation = get_object_or_404(Organisation, slug=slug, is_active=True)
        require(user, "mobility.offer.create", organisation)
        return organisation
    hosts = Organisation.objects.filter(is_active=True).order_by("name")
    if not is_admin(user):
        hosts = hosts.filter(pk__in=coordinated_organisation_ids(user))
    candidates = [host for host in hosts if can(user, "mobility.offer.create", host)]
    if not candidates:
        raise PermissionDenied("mobility.offer.create")
    if len(candidates) == 1:
        return candidates[0]
    return render(
        request, "mobility/offers/choose_organisation.html", {"organisations": candidates}
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    host = _offer_host_for_create(request, user)
    if isinstance(host, HttpResponse):
        return host
    data = request.POST if request.method == "POST" else None
    form = OfferForm(
        data,
        organisation=host,
        initial={"status": HostOffer.Status.DRAFT, "capacity": 2, "min_days": 2, "max_days": 10},
    )
    formset: Any = PeriodFormSet(data, prefix="periods")
    if data is not None and form.is_valid() and formset.is_valid():
        try:
            offer = services.save_offer(
                HostOffer(organisation=host),
                _offer_values(form),
                list(form.cleaned_data["practices"]),
                formset.periods(),
                user,
            )
        except MobilityError as error:
            _show_offer_errors(form, formset, error.errors)
        else:
            messages.success(request, _("The offer is saved."))
            return redirect(offer)
    return render(
        request,
        "mobility/offers/form.html",
        {"form": form, "formset": formset, "organisation": host, "offer": None},
        status=400 if form.errors or formset.total_error_count() else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(HostOffer.objects.select_related("organisation"), pk=pk)
    require(request.user, "mobility.offer.edit", offer)
    user = signed_in_user(request)
    status = 200
    if request.method == "POST":
        form = OfferForm(request.POST, organisation=offer.organisation)
        formset: Any = PeriodFormSet(request.POST, prefix="periods")
        if form.is_valid() and formset.is_valid():
            try:
                services.save_offer(
                    offer,
                    _offer_values(form),
                    list(form.cleaned_data["practices"]),
                    formset.periods(),
                    user,
                    form.cleaned_data.get("version") or 0,
                )
            except EditConflict:
                rebase_form(form, HostOffer.objects.get(pk=offer.pk).version)
                status = 409
            except MobilityError as error:
                _show_offer_errors(form, formset, error.errors)
            else:
                messages.success(request, _("The offer is saved."))
                return redirect(offer)
        if status == 200:
            status = 400
    else:
        form = OfferForm(
            organisation=offer.organisation,
            initial={
                **_offer_initial(offer),
                "practices": list(offer.practices.values_list("pk", flat=True)),
                "version": offer.version,
            },
        )
        formset = PeriodFormSet(
            prefix="periods",
            initial=[{"id": p.pk, "start": p.start, "end": p.end} for p in offer.periods.all()],
        )
    return render(
        request,
        "mobility/offers/form.html",
        {"form": form, "formset": formset, "organisation": offer.organisation, "offer": offer},
        status=status,
    )


def _offer_initial(offer: HostOffer) -> dict[str, Any]:
    return {
        "title": offer.title,
        "formats": offer.formats,
        "languages": offer.languages,
        "capacity": offer.capacity,
        "min_days": offer.min_days,
        "max_days": offer.max_days,
        "programme": offer.programme,
        "practical_information": offer.practical_information,
        "status": offer.status,
    }


# --- learning needs ----------------------------------------------------------------------


@login_required
@require_GET
def need_list(request: HttpRequest) -> HttpResponse:
    """The signed-in person's needs and, for coordinators, their staff's."""
    user = signed_in_user(request)
    coordinated = coordinated_organisation_ids(user)
    organisations: QuerySet[Organisation] | None = None
    if is_admin(user):
        needs = LearningNeed.objects.all()
        organisations = Organisation.objects.filter(is_active=True).order_by("name")
    else:
        needs = LearningNeed.objects.filter(Q(person=user) | Q(organisation_id__in=coordinated))
        if coordinated:
            organisations = Organisation.objects.filter(pk__in=coordinated).order_by("name")
    form = NeedFilterForm(request.GET, organisations=organisations)
    form.is_valid()
    wanted = form.cleaned_data
    waiting = (
        needs.filter(status=LearningNeed.Status.SUBMITTED, organisation_id__in=coordinated).count()
        if coordinated
        else 0
    )
    if wanted.get("status"):
        needs = needs.filter(status=wanted["status"])
    if wanted.get("organisation"):
        needs = needs.filter(organisation=wanted["organisation"])
    needs = needs.select_related("person", "organisation").order_by("-created_at", "-pk")
    may_create = (
        is_admin(user)
        or Membership.objects.filter(user=user, organisation__is_active=True).exists()
    )
    return render(
        request,
        "mobility/needs/list.html",
        {
            "form": form,
            "page": paginate(request, needs, PER_PAGE),
            "coordinator": bool(coordinated) or is_admin(user),
            "waiting": waiting,
            "may_create": may_create,
            "filtered": any(request.GET.get(name) for name in form.fields),
        },
    )


def _need_values(form: NeedForm) -> dict[str, Any]:
    data = form.cleaned_data
    values = {name: data[name] for name in services.NEED_VALUES}
    values["goals"] = values["goals"].strip()
    values["accessibility_needs"] = values["accessibility_needs"].strip()
    values["languages"] = list(values["languages"])
    values["formats"] = list(values["formats"])
    return values


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    candidates = Organisation.objects.filter(is_active=True).order_by("name")
    if not is_admin(user):
        candidates = candidates.filter(memberships__user=user)
    allowed = [org for org in candidates if can(user, "mobility.need.create", org)]
    if not allowed:
        raise PermissionDenied("mobility.need.create")
    for_others = [org.pk for org in allowed if can(user, "mobility.need.create_for_others", org)]
    people = None
    if for_others:
        people = (
            User.objects.filter(is_active=True, memberships__organisation_id__in=for_others)
            .distinct()
            .order_by("full_name", "email")
        )
    organisations = Organisation.objects.filter(pk__in=[org.pk for org in allowed]).order_by("name")
    initial: dict[str, Any] = {"min_days": 2, "max_days": 10}
    if len(allowed) == 1:
        initial["organisation"] = allowed[0].pk
    data = request.POST if request.method == "POST" else None
    form = NeedForm(data, organisations=organisations, people=people, initial=initial)
    if data is not None and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        person = form.cleaned_data.get("person") or user
        if person.pk != user.pk and not can(user, "mobility.need.create_for_others", organisation):
            form.add_error(
                "person",
                _("You can record a need for someone else only in an organisation you coordinate."),
            )
        else:
            try:
                need = services.create_need(
                    user,
                    person=person,
                    organisation=organisation,
                    fields=form.cleaned_data["fields_of_excellence"],
                    practices=form.cleaned_data["practices"],
                    values=_need_values(form),
                )
            except MobilityError as error:
                _add_errors(form, error.errors)
            else:
                messages.success(
                    request,
                    _("The need is saved as a draft. Send it for endorsement when it is ready."),
                )
                return redirect(need)
    return render(
        request,
        "mobility/needs/form.html",
        {"form": form, "need": None},
        status=400 if form.errors else 200,
    )


def _need_for(pk: int) -> LearningNeed:
    return get_object_or_404(
        LearningNeed.objects.select_related("person", "organisation", "endorsed_by"), pk=pk
    )


def _may_withdraw(user: Any, need: LearningNeed) -> bool:
    return can(user, "mobility.need.withdraw", need)


@login_required
@require_GET
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for(pk)
    require(request.user, "mobility.need.view", need)
    user = request.user
    status = LearningNeed.Status
    return render(
        request,
        "mobility/needs/detail.html",
        {
            "need": need,
            "fields_of_excellence": need.fields.select_related("cluster"),
            "practices": need.practices.select_related("host").order_by("title", "pk"),
            "language_names": _language_names(),
            "may_edit": can(user, "mobility.need.edit", need),
            "may_submit": need.status == status.DRAFT
            and need.person_id == user.pk
            and can(user, "mobility.need.edit", need),
            "may_endorse": need.status in (status.DRAFT, status.SUBMITTED)
            and can(user, "mobility.need.endorse", need),
            "may_withdraw": need.status not in (status.MATCHED, status.WITHDRAWN)
            and _may_withdraw(user, need),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for(pk)
    require(request.user, "mobility.need.edit", need)
    user = signed_in_user(request)
    initial = {
        **{name: getattr(need, name) for name in services.NEED_VALUES},
        "fields_of_excellence": list(need.fields.values_list("pk", flat=True)),
        "practices": list(need.practices.values_list("pk", flat=True)),
        "version": need.version,
    }
    status = 200
    if request.method == "POST":
        form = NeedForm(request.POST, initial=initial)
        status = 400
        if form.is_valid():
            try:
                services.update_need(
                    need,
                    _need_values(form),
                    form.cleaned_data["fields_of_excellence"],
                    form.cleaned_data["practices"],
                    user,
                    form.cleaned_data.get("version") or 0,
                )
            except EditConflict:
                rebase_form(form, LearningNeed.objects.get(pk=need.pk).version)
                status = 409
            except MobilityError as error:
                _add_errors(form, error.errors)
            else:
                messages.success(request, _("The need is saved."))
                return redirect(need)
    else:
        form = NeedForm(initial=initial)
    return render(request, "mobility/needs/form.html", {"form": form, "need": need}, status=status)


@login_required
@require_POST
def need_submit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for(pk)
    require(request.user, "mobility.need.edit", need)
    user = signed_in_user(request)
    if need.person_id != user.pk:
        raise PermissionDenied("mobility.need.submit")
    try:
        services.submit_need(need, user)
    except MobilityError as error:
        messages.error(request, " ".join(" ".join(texts) for texts in error.errors.values()))
    else:
        messages.success(request, _("The need is sent to your coordinators: they will endorse it."))
    return redirect(need)


@login_required
@require_POST
def need_endorse(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for(pk)
    require(request.user, "mobility.need.endorse", need)
    try:
        services.endorse_need(need, signed_in_user(request))
    except MobilityError as error:
        messages.error(request, " ".join(" ".join(texts) for texts in error.errors.values()))
    else:
        messages.success(request, _("The need is endorsed: planning rounds can match it."))
    return redirect(need)


@login_required
@require_POST
def need_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_for(pk)
    require(request.user, "mobility.need.view", need)
    user = signed_in_user(request)
    if not _may_withdraw(user, need):
        raise PermissionDenied("mobility.need.withdraw")
    if need.status == LearningNeed.Status.WITHDRAWN:
        messages.error(request, _("This need is already withdrawn."))
        return redirect(need)
    try:
        services.withdraw_need(need, user)
    except MobilityError as error:
        messages.error(request, " ".join(" ".join(texts) for texts in error.errors.values()))
    else:
        messages.success(request, _("The need is withdrawn."))
    return redirect(need)
