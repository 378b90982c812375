"""Money pages: budgets per organisation, round and network (with CSV and
XLSX downloads), the Erasmus+ reporting-tool export, the private calendar
feeds and the editing of the rate tables."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mobinnov.accounts.models import signed_in_user
from mobinnov.core.concurrency import EditConflict, rebase_form
from mobinnov.core.pagination import paginate
from mobinnov.core.permissions import coordinated_organisation_ids, is_admin, require
from mobinnov.mobility import calendars, exports, ratebook, services
from mobinnov.mobility.forms_money import (
    BudgetFilterForm,
    DownloadForm,
    RatesForm,
    ReportingExportForm,
    YearFilterForm,
)
from mobinnov.mobility.models import Mobility, PlanningRound, Proposal, RateTable
from mobinnov.mobility.rates import RatesError
from mobinnov.network.models import Organisation

PER_PAGE = 25
AMOUNT_SUMS = {name: Sum(name) for name in services.BUDGET_COLUMNS}


def _download_format(request: HttpRequest, form: Any) -> str | None:
    """The requested download format ("csv", "xlsx") or None for the page; an
    unknown one is reported on the form."""
    fmt = request.GET.get("format", "")
    if fmt in ("", "html"):
        return None
    if fmt not in exports.FORMATS:
        form.add_error(None, _("Unknown download format: choose CSV or Excel (XLSX)."))
        return None
    return fmt


def _download(table: exports.Table, fmt: str, filename: str) -> HttpResponse:
    content_type, extension = exports.FORMATS[fmt]
    response = HttpResponse(exports.WRITERS[fmt](table), content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{extension}"'
    response["Cache-Control"] = "private, no-store"  # names of participants
    return response


def _detail_url(mobility: Mobility) -> str:
    """The mobility's page, or "" while the records pages are not installed."""
    try:
        return mobility.get_absolute_url()
    except NoReverseMatch:
        return ""


def _budget_mobilities() -> QuerySet[Mobility]:
    return (
        Mobility.objects.exclude(status=Mobility.Status.CANCELLED)
        .select_related("participant", "sending_organisation", "receiving_organisation")
        .order_by("start_date", "reference")
    )


# --- budget of an organisation -----------------------------------------------------------


@login_required
@require_GET
def organisation_budget(request: HttpRequest, slug: str) -> HttpResponse:
    """The grant of the mobilities an organisation sends, by call year and round."""
    organisation = get_object_or_404(Organisation, slug=slug)
    require(request.user, "mobility.organisation_budget", organisation)
    rounds = PlanningRound.objects.filter(
        proposals__mobility__sending_organisation=organisation
    ).distinct()
    form = BudgetFilterForm(request.GET, rounds=rounds)
    fmt = _download_format(request, form)
    context: dict[str, Any] = {"organisation": organisation, "form": form}
    if not form.is_valid():
        return render(request, "mobility/money/organisation_budget.html", context, status=400)
    mobilities = _budget_mobilities().filter(sending_organisation=organisation)
    if form.cleaned_data["year"] is not None:
        mobilities = mobilities.filter(call_year=form.cleaned_data["year"])
    if form.cleaned_data["round"] is not None:
        mobilities = mobilities.filter(proposal__round=form.cleaned_data["round"])
    totals = services.budget_totals(mobilities)
    if fmt is not None:
        table = exports.organisation_budget_table(organisation, mobilities, totals)
        return _download(table, fmt, f"budget-{organisation.slug}")
    page = paginate(request, mobilities, PER_PAGE)
    context.update(
        page=page,
        rows=[
            {
                "mobility": m,
                "url": _detail_url(m),
                "activity": exports.activity_label(m.activity_type),
            }
            for m in page.object_list
        ],
        totals=totals,
    )
    return render(request, "mobility/money/organisation_budget.html", context)


# --- budget of the network ------------------------------------------------------------------


@login_required
@require_GET
def network_budget(request: HttpRequest) -> HttpResponse:
    """Admins: the grant per sending organisation and in all."""
    require(request.user, "mobility.network_budget")
    form = YearFilterForm(request.GET)
    fmt = _download_format(request, form)
    if not form.is_valid():
        return render(request, "mobility/money/network_budget.html", {"form": form}, status=400)
    mobilities = Mobility.objects.exclude(status=Mobility.Status.CANCELLED)
    if form.cleaned_data["year"] is not None:
        mobilities = mobilities.filter(call_year=form.cleaned_data["year"])
    per_organisation = (
        mobilities.values(
            "sending_organisation_id",
            "sending_organisation__name",
            "sending_organisation__slug",
            "sending_organisation__country",
        )
        .annotate(count=Count("id"), **AMOUNT_SUMS)
        .order_by("sending_organisation__name", "sending_organisation_id")
    )
    grand_total = services.budget_totals(mobilities)
    if fmt is not None:
        return _download(
            exports.network_budget_table(per_organisation, grand_total), fmt, "budget-network"
        )
    return render(
        request,
        "mobility/money/network_budget.html",
        {
            "form": form,
            "page": paginate(request, per_organisation, PER_PAGE),
            "totals": grand_total,
        },
    )


# --- budget of a planning round ----------------------------------------------------------------


def round_budget_lines(
    round_: PlanningRound,
) -> tuple[list[exports.RoundLine], list[tuple[Organisation, dict[str, Any]]], dict[str, Any]]:
    """The mobilities made from the round and its pending proposals (priced
    as the mobilities they would become), the totals per sending organisation
    (by name) and the grand total. Three queries, whatever the size."""
    book = ratebook.active_rates()
    lines = [
        exports.RoundLine(mobility, pending=False)
        for mobility in _budget_mobilities().filter(proposal__round=round_)
    ]
    pending = (
        round_.proposals.filter(status=Proposal.Status.PROPOSED)
        .select_related("need__person", "need__organisation", "offer__organisation")
        .order_by("start_date", "pk")
    )
    lines += [
        exports.RoundLine(exports.proposal_mobility(proposal, book), pending=True)
        for proposal in pending
    ]
    organisations: dict[int, Organisation] = {}
    per_organisation: dict[int, dict[str, Any]] = {}
    grand_total = exports.empty_totals()
    for line in lines:
        sender = line.mobility.sending_organisation
        organisations[sender.pk] = sender
        exports.add_to(
            per_organisation.setdefault(sender.pk, exports.empty_totals()), line.mobility
        )
        exports.add_to(grand_total, line.mobility)
    by_name = sorted(organisations.values(), key=lambda org: (org.name.lower(), org.pk))
    return lines, [(org, per_organisation[org.pk]) for org in by_name], grand_total


@login_required
@require_GET
def round_budget(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's mobilities plus the estimate of its pending proposals."""
    round_ = get_object_or_404(PlanningRound.objects.select_related("organisation"), pk=pk)
    require(request.user, "mobility.round.see_all_proposals", round_)
    form = DownloadForm(request.GET)
    fmt = _download_format(request, form)
    context: dict[str, Any] = {"round": round_, "form": form, "round_url": _round_url(round_)}
    if not form.is_valid():
        return render(request, "mobility/money/round_budget.html", context, status=400)
    lines, per_organisation, grand_total = round_budget_lines(round_)
    if fmt is not None:
        table = exports.round_budget_table(round_, lines, per_organisation, grand_total)
        return _download(table, fmt, f"budget-round-{round_.pk}")
    page = Paginator(lines, PER_PAGE).get_page(request.GET.get("page"))
    context.update(
        page=page,
        rows=[
            {
                "line": line,
                "url": "" if line.pending else _detail_url(line.mobility),
                "activity": exports.activity_label(line.mobility.activity_type),
            }
            for line in page.object_list
        ],
        per_organisation=per_organisation,
        totals=grand_total,
    )
    return render(request, "mobility/money/round_budget.html", context)


def _round_url(round_: PlanningRound) -> str:
    try:
        return round_.get_absolute_url()
    except NoReverseMatch:  # the rounds pages are not installed
        return ""


# --- Erasmus+ reporting tool ----------------------------------------------------------------------


@login_required
@require_GET
def reporting_export(request: HttpRequest) -> HttpResponse:
    """The file to import into the Erasmus+ reporting tool (Beneficiary
    Module): coordinators for their organisation, admins for any or all."""
    user = request.user
    slug = request.GET.get("organisation", "")
    if slug:
        wanted = Organisation.objects.filter(slug=slug).first()
        if wanted is not None:
            require(user, "mobility.organisation_budget", wanted)
    elif request.GET.get("format"):
        require(user, "mobility.network_budget")  # all organisations: admins
    allow_all = is_admin(user)
    if allow_all:
        organisations = Organisation.objects.order_by("name")
    else:
        organisations = Organisation.objects.filter(
            pk__in=coordinated_organisation_ids(user)
        ).order_by("name")
        if not organisations.exists():
            raise PermissionDenied("mobility.organisation_budget")
    if "format" not in request.GET:
        form = ReportingExportForm(
            organisations=organisations, allow_all=allow_all, initial={"organisation": slug}
        )
        return render(request, "mobility/money/reporting_export.html", {"form": form})
    form = ReportingExportForm(request.GET, organisations=organisations, allow_all=allow_all)
    if not form.is_valid():
        return render(request, "mobility/money/reporting_export.html", {"form": form}, status=400)
    organisation = form.cleaned_data["organisation"]
    mobilities = _budget_mobilities().order_by(
        "sending_organisation__name", "start_date", "reference"
    )
    if organisation is not None:
        mobilities = mobilities.filter(sending_organisation=organisation)
    if form.cleaned_data["year"] is not None:
        mobilities = mobilities.filter(call_year=form.cleaned_data["year"])
    name = f"erasmus-reporting-{organisation.slug if organisation else 'network'}"
    return _download(exports.reporting_table(mobilities), form.cleaned_data["format"], name)


# --- calendars -----------------------------------------------------------------------------------


@login_required
@require_GET
def calendar_links(request: HttpRequest) -> HttpResponse:
    """The private addresses of the person's calendar feeds."""
    user = signed_in_user(request)
    organisations = Organisation.objects.filter(pk__in=coordinated_organisation_ids(user)).order_by(
        "name"
    )
    feeds = [
        {
            "organisation": organisation,
            "url": request.build_absolute_uri(
                reverse(
                    "mobility:calendar_organisation",
                    kwargs={"token": calendars.organisation_token(user, organisation)},
                )
            ),
        }
        for organisation in organisations
    ]
    user_url = request.build_absolute_uri(
        reverse("mobility:calendar_user", kwargs={"token": calendars.user_token(user)})
    )
    response = render(
        request,
        "mobility/money/calendar_links.html",
        {"user_url": user_url, "feeds": feeds},
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _calendar_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def calendar_user(request: HttpRequest, token: str) -> HttpResponse:
    """A person's mobilities; the signed token is the permission."""
    user = calendars.user_from_token(token)
    if user is None:
        raise Http404
    return _calendar_response(calendars.user_feed(user, _base(request)), "mobilities")


@require_GET
def calendar_organisation(request: HttpRequest, token: str) -> HttpResponse:
    """An organisation's mobilities, while the token's holder coordinates it."""
    found = calendars.organisation_from_token(token)
    if found is None:
        raise Http404
    organisation, holder = found
    data = calendars.organisation_feed(organisation, holder, _base(request))
    return _calendar_response(data, f"mobilities-{organisation.slug}")


# --- rate tables ------------------------------------------------------------------------------------


@login_required
@require_GET
def rates(request: HttpRequest) -> HttpResponse:
    """Admins: the call years in force, shipped or edited."""
    require(request.user, "mobility.rates.edit")
    edited = {row.call_year: row for row in RateTable.objects.select_related("updated_by")}
    years = [
        {"year": node["call_year"], "edited": edited.get(node["call_year"])}
        for node in ratebook.document()["call_years"]
    ]
    years.sort(key=lambda item: -int(item["year"]))
    page = Paginator(years, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "mobility/money/rates.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def rates_edit(request: HttpRequest, year: int) -> HttpResponse:
    """Admins: change the figures of one call year, each with its source."""
    require(request.user, "mobility.rates.edit")
    node = ratebook.call_year_document(year)
    if node is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = RatesForm(node, request.POST)
        if form.is_valid():
            try:
                ratebook.save_call_year(
                    year, form.apply(), signed_in_user(request), form.cleaned_data["version"]
                )
            except EditConflict:
                rebase_form(form, ratebook.table_version(year))
                status = 409
            except RatesError as error:
                form.add_error(
                    None,
                    _("The tables were not saved: %(problem)s") % {"problem": error},
                )
                status = 400
            else:
                messages.success(
                    request,
                    _(
                        "The rates of the call year %(year)s are saved: budgets use them from now on."
                    )
                    % {"year": year},
                )
                return redirect("mobility:rates")
        else:
            status = 400
    else:
        form = RatesForm(node, initial={"version": ratebook.table_version(year)})
    edited = RateTable.objects.select_related("updated_by").filter(call_year=year).first()
    return render(
        request,
        "mobility/money/rates_edit.html",
        {
            "form": form,
            "year": year,
            "edited": edited,
            "note": node.get("na_rates_note", ""),
        },
        status=status,
    )
