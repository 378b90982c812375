"""Impact dashboards (an organisation's, the network's, the public summary),
the impact report (PDF and anonymised CSV) and the choice of the stories
that go into reports.

The figures come from :mod:`mobinnov.impact.selectors` (a bounded number of
aggregate queries; groups under 5 respondents are hidden there) and the
charts from :mod:`mobinnov.impact.charts` (SVG, each followed by a table)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mobinnov.accounts.models import signed_in_user
from mobinnov.core.pagination import paginate
from mobinnov.core.pdf import render_pdf
from mobinnov.core.permissions import can, coordinated_organisation_ids, is_admin, require
from mobinnov.core.spreadsheet import csv_safe
from mobinnov.impact import charts, selectors, statistics
from mobinnov.impact.forms_dashboards import DashboardFilterForm, ReportForm
from mobinnov.impact.models import ImplementationRecord, Story, Wave
from mobinnov.network.models import Organisation

TOO_FEW = gettext_lazy("too few answers to show")
STORIES_PER_PAGE = 25


def _number(value: float, places: int = 2, sign: bool = False) -> str:
    text = formats.number_format(round(value, places), places)
    return f"+{text}" if sign and value > 0 else text


# --- what the pages and the PDF share ----------------------------------------------------


def chart_set(dash: selectors.Dashboard) -> dict[str, str]:
    """The SVG charts of a dashboard ("" for a chart with nothing to draw)."""
    too_few = str(TOO_FEW)
    decimal = str(formats.get_format("DECIMAL_SEPARATOR"))
    rate_bars = [
        charts.RateBar(
            rate.label,
            rate.rate,
            _("%(rate)s %% (%(submitted)s of %(sent)s)")
            % {
                "rate": _number(100 * rate.rate, 0),
                "submitted": rate.submitted,
                "sent": rate.sent,
            }
            if rate.rate is not None
            else "",
        )
        for rate in dash.rates
    ]
    result = {
        "rates": charts.rate_chart(
            rate_bars,
            title=_("Response rate per wave"),
            description=_(
                "Horizontal bars, one per questionnaire wave: the share of the invitations "
                "sent that were answered and submitted. The table after the chart gives the "
                "same figures."
            ),
            hidden_text=too_few,
            chart_id="chart-rates",
        ),
        "flow": charts.flow_chart(
            [charts.FlowBox(step.wave, step.answered, step.retained) for step in dash.flow],
            title=_("Participants from one wave to the next"),
            description=_(
                "Columns from T0 (before departure) to T3 (six to twelve months later), as high "
                "as the participants who answered each wave; under each arrow, the participants "
                "who answered that wave and every earlier one. The table after the chart gives "
                "the same figures."
            ),
            hidden_text=too_few,
            answered_text=_("{n} answered"),
            retained_text=_("{n} answered every wave so far"),
            chart_id="chart-flow",
        ),
    }
    for key, title, description in (
        (
            "pre_post",
            _("Change in self-rated competence, before (T0) to after (T1)"),
            _(
                "One line per competence: the dot is the mean change on the 1-5 scale between "
                "the rating before departure and the rating on return, the line its "
                "confidence interval at 95 %; the dashed line is no change. The table after the chart "
                "gives the same figures with the effect sizes."
            ),
        ),
        (
            "then_post",
            _("Change seen on return: level before (looking back) to now (T1)"),
            _(
                "One line per competence: the dot is the mean difference, on return, between "
                "the participants' rating of their level now and of their level before the "
                "mobility (looking back), the line its confidence interval at 95 %; the "
                "dashed line is no change. The table after the chart gives the same figures."
            ),
        ),
    ):
        dots = []
        for row in dash.competences.rows:
            comparison: selectors.Change = getattr(row, key)
            if comparison.hidden or comparison.mean_change is None:
                dots.append(charts.ChangeDot(row.label, None))
                continue
            low, high = comparison.ci if comparison.ci else (None, None)
            text = _number(comparison.mean_change, sign=True)
            if low is not None and high is not None:
                text += f" [{_number(low)}; {_number(high)}]"
            dots.append(charts.ChangeDot(row.label, comparison.mean_change, low, high, text))
        result[key] = charts.change_chart(
            dots,
            title=title,
            description=description,
            hidden_text=too_few,
            axis_label=_("Mean change on the 1-5 scale (confidence interval at 95 %)"),
            chart_id=f"chart-{key.replace('_', '-')}",
            decimal=decimal,
        )
    implementations = dash.implementations
    result["stages"] = charts.stage_chart(
        [charts.StackBar(bar.label, bar.counts) for bar in implementations.bars],
        [(str(code), str(label)) for code, label in ImplementationRecord.Stage.choices],
        title=_("What was put in place, by kind and stage"),
        description=_(
            "Stacked bars, one per kind of change (new method, material, tool...): each bar is "
            "split by stage, from planned to embedded, with the number of records written in "
            "each part and the total at the end. The table after the chart gives the same "
            "figures."
        ),
        hidden_text=too_few,
        chart_id="chart-stages",
    )
    return result


def competence_tables(dash: selectors.Dashboard) -> list[dict[str, Any]]:
    """The three comparisons as tables: title, explanation and rows."""
    tables = [
        (
            "pre_post",
            _("Before (T0) to after (T1)"),
            _(
                "The conventional change: the rating given on return minus the rating given "
                "before departure, for the same person and competence."
            ),
        ),
        (
            "then_post",
            _("Before, looking back, to after (both at T1)"),
            _(
                "The change the participants see on return: their level now minus their level "
                "before the mobility as they judge it looking back."
            ),
        ),
        (
            "shift",
            _("Response shift (looking back minus before departure)"),
            _(
                "How much the participants' view of their starting point moved: a negative "
                "shift means that, after the mobility, they judge they knew less before than "
                "they thought before leaving."
            ),
        ),
    ]
    return [
        {
            "key": key,
            "title": title,
            "explanation": explanation,
            "rows": [(row.label, getattr(row, key)) for row in dash.competences.rows],
        }
        for key, title, explanation in tables
    ]


def stage_table(dash: selectors.Dashboard) -> dict[str, Any]:
    stages = [(str(code), str(label)) for code, label in ImplementationRecord.Stage.choices]
    return {
        "stages": stages,
        "rows": [
            {
                "label": bar.label,
                "hidden": bar.hidden,
                "cells": [bar.counts.get(code, 0) for code, _label in stages]
                if bar.counts is not None
                else [],
                "total": bar.total,
            }
            for bar in dash.implementations.bars
        ],
    }


def dashboard_context(dash: selectors.Dashboard) -> dict[str, Any]:
    return {
        "dash": dash,
        "charts": chart_set(dash),
        "competence_tables": competence_tables(dash),
        "stage_table": stage_table(dash),
        "too_few": TOO_FEW,
        "min_group": statistics.MIN_GROUP,
        "sections": {section.key: section for section in dash.sections},
        "wave_labels": dict(Wave.choices),
    }


# --- the dashboards ----------------------------------------------------------------------


def _dashboard_page(
    request: HttpRequest,
    template: str,
    *,
    sending_ids: tuple[int, ...] | None,
    with_sending: bool,
    extra: dict[str, Any],
) -> HttpResponse:
    years = selectors.years(selectors.Filters(sending_ids=sending_ids))
    bound = DashboardFilterForm.asked(request.GET)
    form = DashboardFilterForm(
        request.GET if bound else None, years=years, with_sending=with_sending
    )
    context: dict[str, Any] = {"form": form, **extra}
    if form.is_bound and not form.is_valid():
        return render(request, template, {**context, "dash": None}, status=400)
    filters = form.filters(sending_ids=sending_ids)
    context.update(dashboard_context(selectors.dashboard(filters)))
    return render(request, template, context)


@login_required
@require_GET
def dashboard_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """The mobilities an organisation sent."""
    organisation = get_object_or_404(Organisation.objects.only("pk", "name", "slug"), slug=slug)
    require(request.user, "impact.organisation_dashboard", organisation)
    response = _dashboard_page(
        request,
        "impact/dashboards/organisation.html",
        sending_ids=(organisation.pk,),
        with_sending=False,
        extra={
            "organisation": organisation,
            "may_select_stories": can(request.user, "impact.select_story", organisation),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def dashboard_network(request: HttpRequest) -> HttpResponse:
    require(request.user, "impact.network_dashboard")
    response = _dashboard_page(
        request,
        "impact/dashboards/network.html",
        sending_ids=None,
        with_sending=True,
        extra={},
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    """The public summary: network-level aggregates only."""
    require(request.user, "impact.public_summary")
    return _dashboard_page(
        request, "impact/dashboards/summary.html", sending_ids=None, with_sending=False, extra={}
    )


# --- the report ----------------------------------------------------------------------------


def _report_organisations(user: Any) -> list[Organisation]:
    """The organisations whose report ``user`` may ask for."""
    queryset = Organisation.objects.only("pk", "name", "slug").order_by("name", "pk")
    if is_admin(user):
        return list(queryset)
    return list(queryset.filter(pk__in=coordinated_organisation_ids(user)))


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponseBase:
    """Without ``format``: the page to ask for a report. With it: the PDF or
    the CSV of an organisation (``organisation=<slug>``) or of the network."""
    user = signed_in_user(request)
    slug = request.GET.get("organisation", "")
    organisation = None
    if slug:
        organisation = get_object_or_404(Organisation.objects.only("pk", "name", "slug"), slug=slug)
        require(user, "impact.organisation_dashboard", organisation)
    elif "format" in request.GET:
        require(user, "impact.network_dashboard")
    else:
        require(user, "impact.any_dashboard")
    network = can(user, "impact.network_dashboard")
    organisations = _report_organisations(user)
    if "format" not in request.GET:
        today = timezone.localdate()
        form = ReportForm(
            initial={
                "organisation": slug,
                "from": today.replace(month=1, day=1, year=today.year - 1),
                "to": today,
                "format": "pdf",
            },
            organisations=organisations,
            network=network,
        )
        return render(request, "impact/dashboards/report_form.html", {"form": form})
    form = ReportForm(request.GET, organisations=organisations, network=network)
    if not form.is_valid():
        return render(request, "impact/dashboards/report_form.html", {"form": form}, status=400)
    start, end = form.cleaned_data["from"], form.cleaned_data["to"]
    filters = selectors.Filters(
        start=start, end=end, sending_ids=(organisation.pk,) if organisation else None
    )
    name = f"impact-{organisation.slug if organisation else 'network'}-{start:%Y%m%d}-{end:%Y%m%d}"
    if form.cleaned_data["format"] == "csv":
        response: HttpResponseBase = StreamingHttpResponse(
            csv_lines(filters), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        dash = selectors.dashboard(filters)
        context = {
            **dashboard_context(dash),
            "organisation": organisation,
            "start": start,
            "end": end,
            "generated": timezone.localdate(),
            "stories": selectors.selected_stories(filters),
            "network_name": settings.NETWORK_NAME,
        }
        data = render_pdf(
            "impact/pdf/report.html",
            context,
            language=get_language() or "en",
            base_url=request.build_absolute_uri("/"),
        )
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


class _Line:
    """A file-like object csv.writer writes one line into."""

    def __init__(self) -> None:
        self.value = ""

    def write(self, value: str) -> int:
        self.value = value
        return len(value)


def csv_lines(filters: selectors.Filters) -> Iterator[str]:
    """The anonymised answers as CSV, line by line (UTF-8 with a byte order
    mark, so that spreadsheets read the accents)."""
    line = _Line()
    writer = csv.writer(line, lineterminator="\r\n")
    writer.writerow(selectors.EXPORT_COLUMNS)
    yield "\ufeff" + line.value
    for row in selectors.export_rows(filters):
        writer.writerow([csv_safe(value) for value in row])
        yield line.value


# --- stories -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def stories(request: HttpRequest, slug: str) -> HttpResponse:
    """The Most Significant Change answers of an organisation's participants,
    each with a checkbox "include in reports"."""
    organisation = get_object_or_404(Organisation.objects.only("pk", "name", "slug"), slug=slug)
    user = signed_in_user(request)
    require(user, "impact.select_story", organisation)
    answers = selectors.msc_answers(organisation.pk)
    status = 200
    if request.method == "POST":
        shown_ids = _ids(request.POST.getlist("shown"))
        chosen = _ids(request.POST.getlist("include"))
        valid = shown_ids is not None and chosen is not None and chosen <= shown_ids
        if valid and shown_ids:
            known = set(answers.filter(pk__in=shown_ids).values_list("pk", flat=True))
            valid = known == shown_ids
        if not valid or shown_ids is None or chosen is None:
            messages.error(
                request,
                _("These stories could not be saved: reload the page and choose again."),
            )
            status = 400
        else:
            with transaction.atomic():
                for story in Story.objects.filter(answer_id__in=shown_ids - chosen):
                    story.delete()
                existing = set(
                    Story.objects.filter(answer_id__in=chosen).values_list("answer_id", flat=True)
                )
                for answer_id in sorted(chosen - existing):
                    Story.objects.create(answer_id=answer_id, selected_by=user)
            messages.success(request, _("The choice of stories for reports is saved."))
            page_number = request.POST.get("page", "")
            query = f"?page={page_number}" if page_number.isdigit() and page_number != "1" else ""
            return redirect(reverse("impact:stories", kwargs={"slug": slug}) + query)
    page = paginate(request, answers, STORIES_PER_PAGE)
    return render(
        request,
        "impact/dashboards/stories.html",
        {"organisation": organisation, "page": page},
        status=status,
    )


def _ids(values: list[str]) -> set[int] | None:
    """The integers of ``values`` as a set; None when one is not an integer."""
    result: set[int] = set()
    for value in values:
        if not value.isdigit():
            return None
        result.add(int(value))
    return result
