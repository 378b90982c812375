"""Budget pages: an organisation's budget, the network's, a planning round's
(with its pending proposals priced), their downloads, filters, permissions
and query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mobinnov.mobility import exports, services
from mobinnov.mobility.models import Mobility, OfferPeriod, PlanningRound, Proposal
from mobinnov.mobility.ratebook import active_rates
from mobinnov.network.models import Membership, Organisation
from mobinnov.network.services import organisation_create
from tests.conftest import make_user
from tests.mobility import factories as f

D = dt.date
MONDAY = D(2025, 1, 6)


def week(number: int) -> tuple[dt.date, dt.date]:
    start = MONDAY + dt.timedelta(days=7 * number)
    return start, start + dt.timedelta(days=4)


def send(
    person: Any, sending: Organisation, receiving: Organisation, count: int, first: int = 0
) -> list[Mobility]:
    """``count`` mobilities of ``person``, one a week."""
    made = []
    for number in range(first, first + count):
        start, end = week(number)
        made.append(f.mobility(person, sending, receiving, start=start, end=end))
    return made


def csv_rows(response: Any) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def org_c(db: None) -> Organisation:
    return organisation_create(
        data={
            "name": "Istituto Gamma",
            "org_type": "vet_school",
            "country": "IT",
            "city": "Torino",
            "latitude": 45.07,
            "longitude": 7.69,
            "erasmus_oid": "E10000003",
        }
    )


def budget_url(organisation: Organisation, **params: Any) -> str:
    url = reverse("mobility:budget_organisation", kwargs={"slug": organisation.slug})
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


# --- budget of an organisation -------------------------------------------------------------


def test_organisation_budget_permissions(
    as_user, org_a, org_b, staff_a, coordinator_a, coordinator_b, editor, admin
):
    url = budget_url(org_a)
    anonymous = as_user(None).get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    for user in (staff_a, coordinator_b, editor):
        assert as_user(user).get(url).status_code == 403
    for user in (coordinator_a, admin):
        assert as_user(user).get(url).status_code == 200
    # Downloads are guarded the same way.
    assert as_user(coordinator_b).get(budget_url(org_a, format="csv")).status_code == 403
    assert as_user(None).get(budget_url(org_a, format="csv")).status_code == 302


def test_organisation_budget_rows_and_totals(as_user, org_a, org_b, staff_a, coordinator_a):
    sent = send(staff_a, org_a, org_b, 2)
    cancelled = f.mobility(staff_a, org_a, org_b, start=week(5)[0], end=week(5)[1])
    services.set_status(cancelled, Mobility.Status.CANCELLED, coordinator_a, "Illness.")
    response = as_user(coordinator_a).get(budget_url(org_a))
    assert response.status_code == 200
    text = response.content.decode()
    for mobility in sent:
        assert mobility.reference in text
    assert cancelled.reference not in text
    assert "06/01/2025" in text and "10/01/2025" in text  # DD/MM/YYYY
    assert staff_a.full_name in text and org_b.name in text
    totals = response.context["totals"]
    assert totals["count"] == 2
    assert totals["grant_total"] == sum(m.grant_total for m in sent)
    assert str(totals["grant_total"]) in text
    assert response.context["rows"][0]["activity"] == "Job shadowing"


def test_organisation_budget_shows_only_what_it_sends(
    as_user, org_a, org_b, staff_a, coordinator_b
):
    """A mobility from A to B is A's grant: B's budget does not list it, so
    B's coordinator never sees A's participant there."""
    send(staff_a, org_a, org_b, 1)
    response = as_user(coordinator_b).get(budget_url(org_b))
    assert response.status_code == 200
    assert response.context["totals"]["count"] == 0
    assert staff_a.full_name not in response.content.decode()
    assert "No mobility matches this selection." in response.content.decode()


def test_organisation_budget_filters(as_user, org_a, org_b, staff_a, coordinator_a, coordinator_b):
    (in_2025,) = send(staff_a, org_a, org_b, 1)
    start, end = week(3)
    in_2024 = f.mobility(staff_a, org_a, org_b, start=start, end=end, call_year=2024)
    rnd = f.planning_round()
    offer = f.offer(org_b, capacity=5)
    need = f.need(staff_a, org_a)
    proposal = Proposal.objects.create(
        round=rnd,
        need=need,
        offer=offer,
        period=offer.periods.get(),
        start_date=D(2025, 4, 7),
        end_date=D(2025, 4, 11),
        activity_type="SM-JOB-SHDW",
        score=50,
        status=Proposal.Status.ACCEPTED,
    )
    from_round = f.mobility(
        staff_a,
        org_a,
        org_b,
        start=proposal.start_date,
        end=proposal.end_date,
        proposal=proposal,
        offer=offer,
        offer_period=proposal.period,
        need=need,
    )
    client = as_user(coordinator_a)

    def references(**params: Any) -> set[str]:
        response = client.get(budget_url(org_a, **params))
        assert response.status_code == 200
        return {row["mobility"].reference for row in response.context["rows"]}

    assert references() == {in_2025.reference, in_2024.reference, from_round.reference}
    assert references(year=2024) == {in_2024.reference}
    assert references(year=2025) == {in_2025.reference, from_round.reference}
    assert references(round=rnd.pk) == {from_round.reference}
    assert references(round=rnd.pk, year=2024) == set()
    # The round filter offers the rounds the organisation's mobilities come from.
    response = client.get(budget_url(org_a))
    assert list(response.context["form"].fields["round"].queryset) == [rnd]


def test_organisation_budget_bad_filters(as_user, org_a, coordinator_a):
    client = as_user(coordinator_a)
    response = client.get(budget_url(org_a, year="abc"))
    assert response.status_code == 400
    assert response.context["form"].errors["year"]
    assert "page" not in response.context
    other_round = PlanningRound.objects.create(
        name="Other", period_start=D(2025, 1, 1), period_end=D(2025, 12, 31)
    )
    response = client.get(budget_url(org_a, round=other_round.pk))
    assert response.status_code == 400 and response.context["form"].errors["round"]
    response = client.get(budget_url(org_a, format="pdf"))
    assert response.status_code == 400
    assert "Unknown download format" in response.content.decode()


def test_organisation_budget_totals_cover_every_page_and_downloads_every_row(
    as_user, org_a, org_b, staff_a, coordinator_a
):
    sent = send(staff_a, org_a, org_b, 26)
    client = as_user(coordinator_a)
    response = client.get(budget_url(org_a))
    assert len(response.context["rows"]) == 25
    assert response.context["page"].paginator.num_pages == 2
    total = sum(m.grant_total for m in sent)
    assert response.context["totals"]["count"] == 26
    assert response.context["totals"]["grant_total"] == total
    second = client.get(budget_url(org_a, page=2))
    assert len(second.context["rows"]) == 1

    download = client.get(budget_url(org_a, format="csv", page=2))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"].startswith(f'attachment; filename="budget-{org_a.slug}-')
    rows = csv_rows(download)
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header[0] == "Mobility ID" and header[-2] == "Total"
    assert len(body) == 26
    assert {row[0] for row in body} == {m.reference for m in sent}
    assert totals[0] == "Total (26 mobilities)"
    assert Decimal(totals[-2]) == total

    workbook = load_workbook(io.BytesIO(client.get(budget_url(org_a, format="xlsx")).content))
    sheet = workbook.active
    assert sheet.max_row == 1 + 26 + 1
    assert sheet.cell(row=28, column=14).value == total
    assert sheet.cell(row=2, column=5).number_format == "DD/MM/YYYY"


@pytest.mark.parametrize("count", [2, 10])
def test_organisation_budget_query_count(
    count, as_user, org_a, org_b, staff_a, coordinator_a, django_assert_max_num_queries
):
    send(staff_a, org_a, org_b, count)
    client = as_user(coordinator_a)
    with django_assert_max_num_queries(9):
        response = client.get(budget_url(org_a))
    assert len(response.context["rows"]) == count
    with django_assert_max_num_queries(9):
        assert client.get(budget_url(org_a, format="xlsx")).status_code == 200


# --- budget of the network -------------------------------------------------------------------


def test_network_budget_permissions(as_user, staff_a, coordinator_a, coordinator_b, editor, admin):
    url = reverse("mobility:budget_network")
    assert as_user(None).get(url).status_code == 302
    for user in (staff_a, coordinator_a, coordinator_b, editor):
        assert as_user(user).get(url).status_code == 403
        assert as_user(user).get(url + "?format=csv").status_code == 403
    assert as_user(admin).get(url).status_code == 200


def test_network_budget_per_organisation(as_user, org_a, org_b, staff_a, admin):
    person_b = make_user("staff.b@example.org")
    Membership.objects.create(user=person_b, organisation=org_b)
    from_a = send(staff_a, org_a, org_b, 2)
    from_b = send(person_b, org_b, org_a, 1)
    start, end = week(8)
    f.mobility(staff_a, org_a, org_b, start=start, end=end, call_year=2024)
    client = as_user(admin)
    response = client.get(reverse("mobility:budget_network") + "?year=2025")
    assert response.status_code == 200
    rows = {row["sending_organisation__name"]: row for row in response.context["page"]}
    assert rows[org_a.name]["count"] == 2
    assert rows[org_a.name]["grant_total"] == sum(m.grant_total for m in from_a)
    assert rows[org_b.name]["count"] == 1
    assert rows[org_b.name]["grant_total"] == from_b[0].grant_total
    totals = response.context["totals"]
    assert totals["count"] == 3
    assert totals["grant_total"] == sum(m.grant_total for m in [*from_a, *from_b])
    text = response.content.decode()
    assert budget_url(org_a) + "?year=2025" in text
    # No participant names on the network page.
    assert staff_a.full_name not in text

    all_years = client.get(reverse("mobility:budget_network") + "?format=csv")
    rows_csv = csv_rows(all_years)
    assert rows_csv[0][:3] == ["Sending organisation", "Country", "Mobilities"]
    by_name = {row[0]: row for row in rows_csv[1:-1]}
    assert by_name[org_a.name][1:3] == ["FR", "3"]
    assert rows_csv[-1][0] == "Total" and rows_csv[-1][2] == "4"

    bad = client.get(reverse("mobility:budget_network") + "?year=1990")
    assert bad.status_code == 400 and bad.context["form"].errors["year"]


@pytest.mark.parametrize("count", [2, 10])
def test_network_budget_query_count(count, as_user, org_a, admin, django_assert_max_num_queries):
    for number in range(count):
        sender = organisation_create(
            data={
                "name": f"Sender {number}",
                "org_type": "vet_school",
                "country": "DE",
                "city": "Köln",
                "latitude": 50.94,
                "longitude": 6.96,
            }
        )
        person = make_user(f"sender{number}@example.org")
        Membership.objects.create(user=person, organisation=sender)
        send(person, sender, org_a, 1)
    client = as_user(admin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("mobility:budget_network"))
    assert len(response.context["page"].object_list) == count


# --- budget of a planning round -----------------------------------------------------------------


@pytest.fixture
def round_setup(org_a, org_b, staff_a, coordinator_a, coordinator_b) -> dict[str, Any]:
    """An organisation round of A: one accepted proposal that became a
    mobility, one pending proposal, one declined."""
    rnd = f.planning_round(organisation=org_a)
    offer = f.offer(org_b, capacity=10)
    period = offer.periods.get()

    def proposal(person: Any, start: dt.date, status: str) -> Proposal:
        need = f.need(person, org_a, endorsed_by=coordinator_a)
        return Proposal.objects.create(
            round=rnd,
            need=need,
            offer=offer,
            period=period,
            start_date=start,
            end_date=start + dt.timedelta(days=4),
            activity_type="SM-JOB-SHDW",
            score=40,
            status=status,
        )

    accepted = proposal(staff_a, D(2025, 4, 7), Proposal.Status.ACCEPTED)
    mobility = f.mobility(
        staff_a,
        org_a,
        org_b,
        start=accepted.start_date,
        end=accepted.end_date,
        proposal=accepted,
        offer=offer,
        offer_period=period,
        need=accepted.need,
    )
    other = make_user("second.a@example.org")
    Membership.objects.create(user=other, organisation=org_a)
    pending = proposal(other, D(2025, 5, 5), Proposal.Status.PROPOSED)
    declined_person = make_user("third.a@example.org")
    Membership.objects.create(user=declined_person, organisation=org_a)
    declined = proposal(declined_person, D(2025, 5, 12), Proposal.Status.DECLINED)
    return {
        "round": rnd,
        "mobility": mobility,
        "pending": pending,
        "declined": declined,
        "other": other,
        "offer": offer,
    }


def round_url(rnd: PlanningRound, **params: Any) -> str:
    url = reverse("mobility:budget_round", kwargs={"pk": rnd.pk})
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def test_round_budget_permissions(
    as_user, round_setup, staff_a, coordinator_a, coordinator_b, editor, admin
):
    url = round_url(round_setup["round"])
    assert as_user(None).get(url).status_code == 302
    for user in (staff_a, coordinator_b, editor):
        assert as_user(user).get(url).status_code == 403
        assert as_user(user).get(round_url(round_setup["round"], format="csv")).status_code == 403
    for user in (coordinator_a, admin):
        assert as_user(user).get(url).status_code == 200
    network_round = f.planning_round()
    assert as_user(coordinator_a).get(round_url(network_round)).status_code == 403
    assert as_user(admin).get(round_url(network_round)).status_code == 200
    assert (
        as_user(admin).get(reverse("mobility:budget_round", kwargs={"pk": 999999})).status_code
        == 404
    )


def test_round_budget_adds_pending_proposals(as_user, round_setup, org_a, coordinator_a):
    mobility = round_setup["mobility"]
    response = as_user(coordinator_a).get(round_url(round_setup["round"]))
    assert response.status_code == 200
    lines = [row["line"] for row in response.context["rows"]]
    assert [line.pending for line in lines] == [False, True]
    assert lines[0].mobility.reference == mobility.reference
    estimate = lines[1].mobility
    assert estimate.participant == round_setup["other"]
    assert estimate.grant_total > 0 and estimate.distance_band == "500-1999"
    totals = response.context["totals"]
    assert totals["count"] == 2
    assert totals["grant_total"] == mobility.grant_total + estimate.grant_total
    ((organisation, per_org),) = response.context["per_organisation"]
    assert organisation == org_a and per_org["grant_total"] == totals["grant_total"]
    text = response.content.decode()
    assert "Estimated (proposal waiting for decisions)" in text
    assert "05/05/2025" in text

    rows = csv_rows(as_user(coordinator_a).get(round_url(round_setup["round"], format="csv")))
    assert rows[0][2] == "Sending organisation"
    assert [row[0] for row in rows[1:3]] == [mobility.reference, ""]
    assert rows[2][-1] == "Estimated (proposal waiting for decisions)"
    assert rows[-2][0] == f"{org_a.name} (2 mobilities)"
    assert rows[-1][0] == "Total (2 mobilities)"
    assert Decimal(rows[-1][-2]) == totals["grant_total"]


def test_pending_estimate_is_what_accepting_gives(round_setup, coordinator_a, coordinator_b):
    """The estimate of a pending proposal is the budget of the mobility that
    accepting it creates."""
    pending = Proposal.objects.select_related(
        "need__person", "need__organisation", "offer__organisation"
    ).get(pk=round_setup["pending"].pk)
    estimate = exports.proposal_mobility(pending, active_rates())
    services.decide(pending, coordinator_a, "sending", True)
    created = services.decide(pending, coordinator_b, "host", True)
    assert created is not None
    for name in (*exports.AMOUNT_FIELDS, "distance_km", "distance_band", "funded_travel_days"):
        assert getattr(estimate, name) == getattr(created, name), name
    assert estimate.call_year == created.call_year


def test_price_without_coordinates(org_a, staff_a):
    nowhere = organisation_create(
        data={"name": "Nowhere", "org_type": "vet_school", "country": "DE", "city": "Atlantis"}
    )
    values = {
        "participant": staff_a,
        "sending_organisation": org_a,
        "receiving_organisation": nowhere,
        "activity_type": "SM-JOB-SHDW",
        "call_year": 2025,
        "start_date": D(2025, 4, 7),
        "end_date": D(2025, 4, 11),
    }
    mobility = Mobility(**values)
    exports.price(mobility, active_rates())
    assert "official calculator" in mobility.budget_error
    assert mobility.grant_total == 0 and mobility.distance_band == ""


def test_round_budget_bad_format_and_empty_round(as_user, admin):
    rnd = f.planning_round()
    client = as_user(admin)
    response = client.get(round_url(rnd))
    assert response.status_code == 200
    assert "This round has no mobility" in response.content.decode()
    bad = client.get(round_url(rnd, format="ods"))
    assert bad.status_code == 400 and "Unknown download format" in bad.content.decode()


@pytest.mark.parametrize("count", [2, 10])
def test_round_budget_query_count(
    count, as_user, org_a, org_b, coordinator_a, django_assert_max_num_queries
):
    rnd = f.planning_round(organisation=org_a)
    offer = f.offer(org_b, capacity=30, periods=((D(2025, 1, 1), D(2025, 12, 31)),))
    period = OfferPeriod.objects.get(offer=offer)
    for number in range(count):
        person = make_user(f"p{number}@example.org")
        Membership.objects.create(user=person, organisation=org_a)
        need = f.need(person, org_a, earliest=D(2025, 1, 1), latest=D(2025, 12, 31))
        start, end = week(number)
        status = Proposal.Status.ACCEPTED if number % 2 else Proposal.Status.PROPOSED
        proposal = Proposal.objects.create(
            round=rnd,
            need=need,
            offer=offer,
            period=period,
            start_date=start,
            end_date=end,
            activity_type="SM-JOB-SHDW",
            score=40,
            status=status,
        )
        if status == Proposal.Status.ACCEPTED:
            f.mobility(
                person,
                org_a,
                org_b,
                start=start,
                end=end,
                proposal=proposal,
                offer=offer,
                offer_period=period,
                need=need,
            )
    client = as_user(coordinator_a)
    with django_assert_max_num_queries(8):
        response = client.get(round_url(rnd))
    assert len(response.context["rows"]) == count
    assert response.context["totals"]["count"] == count
    with django_assert_max_num_queries(8):
        assert client.get(round_url(rnd, format="xlsx")).status_code == 200
