"""CSV and XLSX writers and the Erasmus+ reporting-tool export (builder and
page)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from mobinnov.mobility import exports, services
from mobinnov.mobility.models import Mobility
from mobinnov.network.models import Membership
from mobinnov.network.services import organisation_create
from tests.conftest import make_user
from tests.mobility import factories as f

D = dt.date
URL = reverse("mobility:reporting_export")

EXPECTED_COLUMNS = [
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
]


def parse_csv(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:])))


# --- writers -------------------------------------------------------------------------------


def sample_table() -> exports.Table:
    return exports.Table(
        title="Budget: [test]/2025 with a very long title",
        headers=["Name", "Date", "Days", "Amount"],
        rows=[
            ['=HYPERLINK("http://evil")', D(2025, 4, 7), 5, Decimal("309.50")],
            ["Köln", None, 0, Decimal("0")],
            ["+33 1 23", D(2025, 12, 31), 1, Decimal("1.00")],
        ],
        totals=[["Total", None, 6, Decimal("310.50")]],
    )


def test_csv_house_style():
    data = exports.to_csv(sample_table())
    assert b"\r\n" in data
    rows = parse_csv(data)
    assert rows[0] == ["Name", "Date", "Days", "Amount"]
    # Formula guard: a spreadsheet would run these.
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[3][0] == "'+33 1 23"
    assert rows[1][1:] == ["07/04/2025", "5", "309.50"]
    assert rows[2] == ["Köln", "", "0", "0"]
    assert rows[-1] == ["Total", "", "6", "310.50"]


def test_xlsx_house_style():
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(sample_table())))
    sheet = workbook.active
    assert len(sheet.title) <= 31 and "[" not in sheet.title and "/" not in sheet.title
    assert [c.value for c in sheet[1]] == ["Name", "Date", "Days", "Amount"]
    assert sheet[1][0].font.bold and sheet.freeze_panes == "A2"
    formula = sheet.cell(row=2, column=1)
    assert formula.data_type == "s" and formula.value == '=HYPERLINK("http://evil")'
    assert sheet.cell(row=2, column=2).value == dt.datetime(2025, 4, 7)
    assert sheet.cell(row=2, column=2).number_format == "DD/MM/YYYY"
    assert sheet.cell(row=2, column=4).value == pytest.approx(309.5)
    assert sheet.cell(row=3, column=2).value is None
    assert sheet.cell(row=5, column=1).font.bold  # totals
    assert not sheet.cell(row=4, column=1).font.bold


# --- reporting-tool rows ------------------------------------------------------------------------


@pytest.fixture
def mobilities(org_a, org_b, staff_a, coordinator_a) -> list[Mobility]:
    first = f.mobility(
        staff_a,
        org_a,
        org_b,
        start=D(2025, 4, 7),
        end=D(2025, 4, 11),
        project_code="2025-1-FR01-KA121-VET-000123456",
        green_travel=True,
        travel_days=4,
        transport=Mobility.Transport.TRAIN,
        fewer_opportunities=True,
    )
    second = f.mobility(staff_a, org_a, org_b, start=D(2025, 6, 2), end=D(2025, 6, 6), blended=True)
    cancelled = f.mobility(staff_a, org_a, org_b, start=D(2025, 9, 1), end=D(2025, 9, 5))
    services.set_status(cancelled, Mobility.Status.CANCELLED, coordinator_a, "No budget.")
    return [first, second, cancelled]


def fetched(**filters: Any) -> list[Mobility]:
    return list(
        Mobility.objects.filter(**filters)
        .select_related("participant", "sending_organisation", "receiving_organisation")
        .order_by("start_date")
    )


def test_reporting_table_columns_and_values(mobilities, org_a, org_b, staff_a):
    first = mobilities[0]
    with translation.override("fr"):  # the file stays in English whatever the language
        table = exports.reporting_table(fetched())
    assert table.headers == EXPECTED_COLUMNS
    assert len(table.rows) == 2  # cancelled left out
    row = dict(zip(EXPECTED_COLUMNS, table.rows[0], strict=True))
    assert row["Mobility ID"] == first.reference
    assert row["Project code"] == "2025-1-FR01-KA121-VET-000123456"
    assert row["Participant name"] == staff_a.full_name
    assert row["Participant e-mail"] == "staff.a@example.org"
    assert row["Sending organisation ID"] == "E10000001"
    assert row["Sending organisation"] == org_a.name
    assert row["Sending country"] == "FR"
    assert row["Receiving organisation ID"] == "E10000002"
    assert row["Receiving country"] == "DE"
    assert row["Receiving city"] == "Köln"
    assert row["Activity type"] == "SM-JOB-SHDW"
    assert row["Start date"] == "07-04-2025" and row["End date"] == "11-04-2025"
    assert row["Duration (days, travel excluded)"] == 5
    assert row["Funded travel days"] == 4
    assert row["Distance band"] == "500-1999"
    assert row["Distance (km)"] == first.distance_km and 500 <= first.distance_km <= 1999
    assert row["Main means of transport"] == "Train"
    assert (row["Green travel"], row["Blended"], row["Fewer opportunities"]) == ("Yes", "No", "Yes")
    assert row["Travel grant"] == first.travel_grant
    assert row["Inclusion support"] == first.inclusion_support > 0
    assert row["Total grant"] == first.grant_total
    assert row["Status"] == "Planned"
    other = dict(zip(EXPECTED_COLUMNS, table.rows[1], strict=True))
    assert (other["Green travel"], other["Blended"]) == ("No", "Yes")
    assert other["Main means of transport"] == ""


def test_reporting_csv_keeps_dates_as_the_template_wants(mobilities):
    rows = parse_csv(exports.to_csv(exports.reporting_table(fetched())))
    assert rows[0] == EXPECTED_COLUMNS
    assert rows[1][12:14] == ["07-04-2025", "11-04-2025"]
    assert rows[1][-1] == "Planned"


# --- reporting-tool page ---------------------------------------------------------------------------


def test_reporting_export_permissions(
    as_user, mobilities, org_a, org_b, staff_a, coordinator_a, coordinator_b, editor, admin
):
    own = f"{URL}?organisation={org_a.slug}&format=csv"
    assert as_user(None).get(URL).status_code == 302
    assert as_user(None).get(own).status_code == 302
    for user in (staff_a, editor):
        assert as_user(user).get(URL).status_code == 403
        assert as_user(user).get(own).status_code == 403
    # Another organisation's coordinator: neither A's file nor all organisations.
    assert as_user(coordinator_b).get(own).status_code == 403
    assert as_user(coordinator_b).get(f"{URL}?format=csv").status_code == 403
    assert as_user(coordinator_b).get(f"{URL}?organisation=&format=csv").status_code == 403
    for user in (coordinator_a, admin):
        assert as_user(user).get(own).status_code == 200
    assert as_user(admin).get(f"{URL}?format=xlsx").status_code == 200


def test_reporting_export_page_offers_own_organisations(as_user, org_a, coordinator_a, admin):
    response = as_user(coordinator_a).get(URL)
    assert response.status_code == 200
    field = response.context["form"].fields["organisation"]
    assert list(field.queryset) == [org_a] and field.required
    assert "Download the file" in response.content.decode()
    response = as_user(admin).get(URL)
    assert not response.context["form"].fields["organisation"].required
    assert "All organisations of the network" in response.content.decode()


def test_reporting_export_download(as_user, mobilities, org_a, org_b, coordinator_a, admin):
    person_b = make_user("staff.b@example.org")
    Membership.objects.create(user=person_b, organisation=org_b)
    from_b = f.mobility(person_b, org_b, org_a, start=D(2025, 4, 7), end=D(2025, 4, 9))
    response = as_user(coordinator_a).get(f"{URL}?organisation={org_a.slug}&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="erasmus-reporting-{org_a.slug}-'
    )
    assert response["Cache-Control"] == "private, no-store"
    rows = parse_csv(response.content)
    assert [row[0] for row in rows[1:]] == [mobilities[0].reference, mobilities[1].reference]
    assert from_b.reference not in response.content.decode()

    everything = as_user(admin).get(f"{URL}?organisation=&format=xlsx")
    assert everything["Content-Type"] == exports.FORMATS["xlsx"][0]
    sheet = load_workbook(io.BytesIO(everything.content)).active
    assert [c.value for c in sheet[1]] == EXPECTED_COLUMNS
    references = {sheet.cell(row=n, column=1).value for n in range(2, sheet.max_row + 1)}
    assert references == {mobilities[0].reference, mobilities[1].reference, from_b.reference}
    assert sheet.cell(row=2, column=13).value == "07-04-2025"  # text, as the template wants


def test_reporting_export_year_filter(as_user, org_a, org_b, staff_a, coordinator_a):
    in_2024 = f.mobility(staff_a, org_a, org_b, call_year=2024)
    in_2025 = f.mobility(staff_a, org_a, org_b, start=D(2025, 6, 2), end=D(2025, 6, 6))
    client = as_user(coordinator_a)
    rows = parse_csv(client.get(f"{URL}?organisation={org_a.slug}&year=2024&format=csv").content)
    assert [row[0] for row in rows[1:]] == [in_2024.reference]
    rows = parse_csv(client.get(f"{URL}?organisation={org_a.slug}&format=csv").content)
    assert {row[0] for row in rows[1:]} == {in_2024.reference, in_2025.reference}


def test_reporting_export_bad_input(as_user, org_a, coordinator_a, admin):
    client = as_user(coordinator_a)
    bad_year = client.get(f"{URL}?organisation={org_a.slug}&year=1999&format=csv")
    assert bad_year.status_code == 400
    assert bad_year.context["form"].errors["year"]
    bad_format = client.get(f"{URL}?organisation={org_a.slug}&format=pdf")
    assert bad_format.status_code == 400 and bad_format.context["form"].errors["format"]
    missing = client.get(f"{URL}?organisation=&format=csv")
    assert missing.status_code == 403  # all organisations: admins only
    unknown = as_user(admin).get(f"{URL}?organisation=no-such-school&format=csv")
    assert unknown.status_code == 400 and unknown.context["form"].errors["organisation"]


@pytest.mark.parametrize("count", [2, 10])
def test_reporting_export_query_count(
    count, as_user, org_a, org_b, staff_a, coordinator_a, django_assert_max_num_queries
):
    for number in range(count):
        start = D(2025, 1, 6) + dt.timedelta(days=7 * number)
        f.mobility(staff_a, org_a, org_b, start=start, end=start + dt.timedelta(days=4))
    other = organisation_create(
        data={"name": "Other", "org_type": "vet_school", "country": "IT", "city": "Roma"}
    )
    assert other.pk
    client = as_user(coordinator_a)
    with django_assert_max_num_queries(8):
        response = client.get(f"{URL}?organisation={org_a.slug}&format=csv")
    assert len(parse_csv(response.content)) == count + 1
