"""Budget tables and the Erasmus+ reporting-tool export, as rows, CSV and XLSX.

The builders take mobilities (or proposals priced as mobilities) already
fetched with what the rows need and return a :class:`Table`: a title, the
header row, the body rows and the rows of totals. :func:`to_csv` and
:func:`to_xlsx` write any table in the house style of the catalogue exports
(:mod:`mobinnov.practices.exports`): CSV in UTF-8 with a byte order mark so
Excel reads the accents, text that a spreadsheet would run as a formula
prefixed with an apostrophe, XLSX with a bold frozen header and text cells
that stay text.

Budget tables speak the user's language (their headers are translated).
The reporting-tool export does not: see :data:`REPORTING_COLUMNS`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobinnov.core.spreadsheet import csv_safe
from mobinnov.mobility import services
from mobinnov.mobility.models import Format, Mobility, Proposal
from mobinnov.mobility.rates import RateBook
from mobinnov.practices.exports import FORMATS as CATALOGUE_FORMATS

# Content type and file extension of each download format.
FORMATS = {name: CATALOGUE_FORMATS[name] for name in ("csv", "xlsx")}

AMOUNT_FIELDS = (
    "travel_grant",
    "individual_support",
    "course_fees",
    "organisational_support",
    "inclusion_support",
    "grant_total",
)
AMOUNT_LABELS = {
    "travel_grant": gettext_lazy("Travel grant"),
    "individual_support": gettext_lazy("Individual support"),
    "course_fees": gettext_lazy("Course fees"),
    "organisational_support": gettext_lazy("Organisational support"),
    "inclusion_support": gettext_lazy("Inclusion support"),
    "grant_total": gettext_lazy("Total"),
}
BASIS_LABELS = {
    "estimated": gettext_lazy("Estimated"),
    "actual": gettext_lazy("Actual"),
    "pending": gettext_lazy("Estimated (proposal waiting for decisions)"),
}


@dataclass
class Table:
    """A sheet: ``rows`` then ``totals`` (each a list of cells: text, whole
    numbers, :class:`~decimal.Decimal` amounts, dates or None)."""

    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    totals: list[list[Any]] = field(default_factory=list)
    # How date cells are written in CSV (XLSX keeps real dates).
    date_format: str = "%d/%m/%Y"


def activity_label(code: str) -> str:
    return str(dict(Format.choices).get(code, code))


def basis_label(basis: str) -> str:
    return str(BASIS_LABELS.get(basis, basis))


def amounts(source: Any) -> list[Decimal]:
    """The six amounts of a mobility, or of a dictionary of totals."""
    if isinstance(source, dict):
        return [Decimal(source.get(name) or 0) for name in AMOUNT_FIELDS]
    return [Decimal(getattr(source, name) or 0) for name in AMOUNT_FIELDS]


# --- budget of an organisation, of a round --------------------------------------------


def mobility_budget_headers(*, with_sender: bool = False) -> list[str]:
    headers = [_("Mobility ID"), _("Participant")]
    if with_sender:
        headers.append(_("Sending organisation"))
    headers += [
        _("Receiving organisation"),
        _("Activity"),
        _("First day"),
        _("Last day"),
        _("Days"),
        _("Distance band (km)"),
        *(str(AMOUNT_LABELS[name]) for name in AMOUNT_FIELDS),
        _("Estimated or actual"),
    ]
    return headers


def mobility_budget_row(
    mobility: Mobility, *, with_sender: bool = False, basis: str | None = None
) -> list[Any]:
    """One mobility: ``participant``, ``sending_organisation`` and
    ``receiving_organisation`` must be fetched with it."""
    row: list[Any] = [mobility.reference or "", mobility.participant.get_full_name()]
    if with_sender:
        row.append(mobility.sending_organisation.name)
    row += [
        mobility.receiving_organisation.name,
        activity_label(mobility.activity_type),
        mobility.start_date,
        mobility.end_date,
        mobility.days,
        mobility.distance_band,
        *amounts(mobility),
        basis_label(basis or mobility.budget_basis),
    ]
    return row


def totals_row(label: str, totals: dict[str, Any], *, leading: int) -> list[Any]:
    """``label`` (with the number of mobilities) then blanks up to the amounts."""
    count = int(totals.get("count") or 0)
    first = _("%(label)s (%(count)s mobilities)") % {"label": label, "count": count}
    return [first, *([None] * (leading - 1)), *amounts(totals), None]


def organisation_budget_table(
    organisation: Any, mobilities: Iterable[Mobility], totals: dict[str, Any]
) -> Table:
    headers = mobility_budget_headers()
    table = Table(
        title=_("Budget of %(organisation)s") % {"organisation": organisation.name},
        headers=headers,
        rows=[mobility_budget_row(m) for m in mobilities],
    )
    table.totals.append(totals_row(_("Total"), totals, leading=len(headers) - 7))
    return table


@dataclass
class RoundLine:
    """A row of a round's budget: a mobility of the round, or a pending
    proposal priced as the mobility it would become (``pending`` True)."""

    mobility: Mobility
    pending: bool


def round_budget_table(
    round_: Any,
    lines: Sequence[RoundLine],
    per_organisation: Sequence[tuple[Any, dict[str, Any]]],
    grand_total: dict[str, Any],
) -> Table:
    headers = mobility_budget_headers(with_sender=True)
    table = Table(
        title=_("Budget of the round %(name)s") % {"name": round_.name},
        headers=headers,
        rows=[
            mobility_budget_row(
                line.mobility, with_sender=True, basis="pending" if line.pending else None
            )
            for line in lines
        ],
    )
    leading = len(headers) - 7
    for organisation, totals in per_organisation:
        table.totals.append(totals_row(organisation.name, totals, leading=leading))
    table.totals.append(totals_row(_("Total"), grand_total, leading=leading))
    return table


# --- pricing the pending proposals of a round ---------------------------------------


def price(mobility: Mobility, book: RateBook) -> None:
    """Price an unsaved mobility with the rate book given (no query each)."""
    services.apply_budget(mobility, book)


def proposal_mobility(proposal: Proposal, book: RateBook) -> Mobility:
    """The unsaved, priced mobility a pending proposal would become, built as
    :func:`mobinnov.mobility.services.decide` and ``create_mobility`` build it
    (the need's person and organisation, the offer's host, the proposed dates
    and activity, travel from the sending organisation's city). Fetch
    ``need__person``, ``need__organisation`` and ``offer__organisation`` with
    the proposal."""
    need = proposal.need
    sending = need.organisation
    mobility = Mobility(
        participant=need.person,
        sending_organisation=sending,
        receiving_organisation=proposal.offer.organisation,
        activity_type=proposal.activity_type,
        call_year=services.default_call_year(proposal.start_date, book),
        start_date=proposal.start_date,
        end_date=proposal.end_date,
        offer=proposal.offer,
        offer_period_id=proposal.period_id,
        need=need,
        origin_city=sending.city,
        origin_country=sending.country,
    )
    price(mobility, book)
    return mobility


def add_to(totals: dict[str, Any], mobility: Mobility) -> None:
    """Count ``mobility`` in ``totals`` (a dictionary like
    :func:`mobinnov.mobility.services.budget_totals` returns)."""
    totals["count"] = int(totals.get("count") or 0) + 1
    for name, value in zip(AMOUNT_FIELDS, amounts(mobility), strict=True):
        totals[name] = Decimal(totals.get(name) or 0) + value


def empty_totals() -> dict[str, Any]:
    return {"count": 0, **{name: Decimal(0) for name in AMOUNT_FIELDS}}


# --- budget of the network ------------------------------------------------------------


def network_budget_headers() -> list[str]:
    return [
        _("Sending organisation"),
        _("Country"),
        _("Mobilities"),
        *(str(AMOUNT_LABELS[name]) for name in AMOUNT_FIELDS),
    ]


def network_budget_table(rows: Iterable[dict[str, Any]], grand_total: dict[str, Any]) -> Table:
    """``rows``: one dictionary per sending organisation with
    ``sending_organisation__name``, ``sending_organisation__country``,
    ``count`` and the amounts (what :func:`views_money` aggregates)."""
    table = Table(title=_("Budget of the network"), headers=network_budget_headers())
    for row in rows:
        table.rows.append(
            [
                row["sending_organisation__name"],
                str(row["sending_organisation__country"] or ""),
                int(row["count"]),
                *amounts(row),
            ]
        )
    table.totals.append(
        [_("Total"), None, int(grand_total.get("count") or 0), *amounts(grand_total)]
    )
    return table


# --- Erasmus+ reporting tool ------------------------------------------------------------

# The columns of the Erasmus+ reporting tool (Beneficiary Module) mobility
# import/export file. They stay in English on purpose, whatever the user's
# language: they mirror the English import template the National Agencies
# publish, and a translated header would not be recognised. The values follow
# the same rule (Yes/No, status names in English), dates are DD-MM-YYYY as
# the template requires, countries are ISO 3166-1 alpha-2 codes and amounts
# are in euro with two decimals.
REPORTING_COLUMNS = (
    "Mobility ID",
    "Project code",
    "Participant name",
    "Participant e-mail",
    "Sending organisation ID",
    "Sending organisation",
    "Sending country",
    "Receiving organisation ID",
    "Receiving organisation",
    "Receiving country",
    "Receiving city",
    "Activity type",
    "Start date",
    "End date",
    "Duration (days, travel excluded)",
    "Funded travel days",
    "Distance band",
    "Distance (km)",
    "Main means of transport",
    "Green travel",
    "Blended",
    "Fewer opportunities",
    "Travel grant",
    "Individual support",
    "Course fees",
    "Organisational support",
    "Inclusion support",
    "Total grant",
    "Status",
)
REPORTING_DATE_FORMAT = "%d-%m-%Y"


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def reporting_row(mobility: Mobility) -> list[Any]:
    """One mobility as a reporting-tool row (call in English: see
    :func:`reporting_table`). ``participant`` and both organisations must be
    fetched with it."""
    sending, receiving = mobility.sending_organisation, mobility.receiving_organisation
    distance = mobility.effective_distance_km
    return [
        mobility.reference,
        mobility.project_code,
        mobility.participant.get_full_name(),
        mobility.participant.email,
        sending.erasmus_oid,
        sending.name,
        str(sending.country or ""),
        receiving.erasmus_oid,
        receiving.name,
        str(receiving.country or ""),
        receiving.city,
        mobility.activity_type,
        mobility.start_date.strftime(REPORTING_DATE_FORMAT),
        mobility.end_date.strftime(REPORTING_DATE_FORMAT),
        mobility.days,
        mobility.funded_travel_days,
        mobility.distance_band,
        distance if distance is not None else None,
        mobility.get_transport_display() if mobility.transport else "",
        _yes_no(mobility.green_travel),
        _yes_no(mobility.blended),
        _yes_no(mobility.fewer_opportunities),
        *amounts(mobility),
        mobility.get_status_display(),
    ]


def reporting_table(mobilities: Iterable[Mobility]) -> Table:
    """The reporting-tool rows of the active (not cancelled) ``mobilities``."""
    with translation.override("en"):
        rows = [reporting_row(m) for m in mobilities if m.status != Mobility.Status.CANCELLED]
    return Table(
        title="Mobilities",
        headers=list(REPORTING_COLUMNS),
        rows=rows,
        date_format=REPORTING_DATE_FORMAT,
    )


# --- writers ------------------------------------------------------------------------------


def _csv_cell(value: Any, date_format: str) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime(date_format)
    if isinstance(value, Decimal | int):
        return value
    return csv_safe(str(value))


def to_csv(table: Table) -> bytes:
    """UTF-8 CSV with a byte order mark, so Excel reads the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(name, table.date_format) for name in table.headers])
    for row in [*table.rows, *table.totals]:
        writer.writerow([_csv_cell(value, table.date_format) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    """An Excel workbook: one sheet, the header row bold and frozen, the
    totals in bold. Amounts are numbers, dates real dates, text stays text
    (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    # A sheet title has at most 31 characters and none of []:*?/\ .
    title = "".join(c for c in table.title if c not in "[]:*?/\\")[:31]
    sheet.title = title or "Sheet"
    sheet.append([str(name) for name in table.headers])
    for header in sheet[1]:
        header.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    bold_from = len(table.rows) + 2
    for number, row in enumerate([*table.rows, *table.totals], start=2):
        for column, value in enumerate(row, start=1):
            if value is None:
                continue
            if isinstance(value, dt.date):
                target = sheet.cell(row=number, column=column, value=value)
                target.number_format = "DD/MM/YYYY"
            elif isinstance(value, Decimal | int):
                target = sheet.cell(row=number, column=column, value=value)
                if isinstance(value, Decimal):
                    target.number_format = "#,##0.00"
            else:
                target = sheet.cell(row=number, column=column, value=str(value))
                target.data_type = "s"  # "=..." is text here, not a formula
            if number >= bold_from:
                target.font = Font(bold=True)
    for column in range(1, len(table.headers) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 20
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WRITERS = {"csv": to_csv, "xlsx": to_xlsx}
