"""The reciprocity ledger pages: who sees them, the figures of known
mobilities per year, the embedded SVG chart, bad input, constant queries."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.urls import reverse

from mobinnov.mobility import services
from mobinnov.network.models import Membership, Organisation
from mobinnov.network.services import organisation_create
from tests.conftest import make_user
from tests.mobility import factories as f
from tests.mobility.test_rounds_web import check_page

D = dt.date
LEDGER = reverse("mobility:ledger")
PERSONAS = ["staff_a", "coordinator_a", "coordinator_b", "editor", "admin"]
SVG = "{http://www.w3.org/2000/svg}"


def partner(name: str, number: int) -> Organisation:
    return organisation_create(
        data={
            "name": name,
            "org_type": "vet_school",
            "country": "IT",
            "city": "Bologna",
            "latitude": 44.49,
            "longitude": 11.34 + number / 10,
        }
    )


def member(organisation: Organisation, email: str) -> Any:
    person = make_user(email)
    Membership.objects.create(user=person, organisation=organisation)
    return person


@pytest.fixture
def exchanges(org_a, org_b, staff_a, coordinator_a):
    """A -> B in 2025 (5 days), B -> A in 2024 (10 days), A -> "A & B <test>"
    in 2025 (2 days), and a cancelled A -> B that never counts."""
    odd = partner("A & B <test>", 1)
    visitor = member(org_b, "visitor.b@example.org")
    f.mobility(staff_a, org_a, org_b, by=coordinator_a)
    f.mobility(visitor, org_b, org_a, start=D(2024, 5, 6), end=D(2024, 5, 15))
    f.mobility(staff_a, org_a, odd, start=D(2025, 9, 1), end=D(2025, 9, 2))
    other = member(org_a, "other.a@example.org")
    cancelled = f.mobility(other, org_a, org_b, start=D(2025, 6, 2), end=D(2025, 6, 20))
    services.set_status(cancelled, "cancelled", coordinator_a, "Illness.")
    return {"a": org_a, "b": org_b, "odd": odd}


def matrix(response: Any) -> dict[tuple[str, str], tuple[int, int]]:
    """(sender, receiver) -> (participants, days) of the page's table."""
    partners = response.context["partners"]
    out = {}
    for row in response.context["rows"]:
        for other, cell in zip(partners, row["cells"], strict=True):
            if cell is not None and cell.sent:
                out[(row["partner"].name, other.name)] = (cell.sent, cell.days)
    return out


def balances(response: Any) -> dict[str, int]:
    return {row["partner"].name: row["balance"] for row in response.context["rows"]}


def svg_of(response: Any) -> str:
    match = re.search(r'<svg[^>]*class="ledger-chart".*?</svg>', response.content.decode(), re.S)
    assert match, "no chart on the page"
    return match.group(0)


# --- who sees the ledger ------------------------------------------------------------------


@pytest.mark.parametrize("url", [LEDGER, "partner"])
def test_anonymous_visitors_are_sent_to_sign_in(client, org_a, url):
    url = reverse("mobility:ledger_partner", args=[org_a.slug]) if url == "partner" else url
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_signed_in_member_reads_the_ledger(request, as_user, exchanges, persona):
    client = as_user(request.getfixturevalue(persona))
    network = client.get(LEDGER)
    assert network.status_code == 200
    check_page(network)
    page = client.get(reverse("mobility:ledger_partner", args=[exchanges["a"].slug]))
    assert page.status_code == 200
    check_page(page)


def test_the_ledger_never_names_participants(as_user, coordinator_b, exchanges, staff_a):
    text = html.unescape(as_user(coordinator_b).get(LEDGER).content.decode())
    assert staff_a.full_name not in text and "Visitor.B" not in text


# --- figures ------------------------------------------------------------------------------


def test_network_matrix_of_all_years(as_user, staff_a, exchanges):
    response = as_user(staff_a).get(LEDGER)
    a, b, odd = "Lycée professionnel Alpha", "Berufskolleg Beta", "A & B <test>"
    assert matrix(response) == {(a, b): (1, 5), (b, a): (1, 10), (a, odd): (1, 2)}
    assert balances(response) == {a: 1, b: 0, odd: -1}
    assert [p.name for p in response.context["partners"]] == [odd, b, a]
    text = response.content.decode()
    assert "1 / 5" in text and "1 / 10" in text and "1 / 2" in text
    assert "<test>" not in text and "A &amp; B &lt;test&gt;" in text
    assert "all years" in text


def test_year_filter(as_user, staff_a, exchanges):
    client = as_user(staff_a)
    a, b, odd = "Lycée professionnel Alpha", "Berufskolleg Beta", "A & B <test>"
    year_2025 = client.get(LEDGER, {"year": "2025"})
    assert year_2025.status_code == 200
    assert matrix(year_2025) == {(a, b): (1, 5), (a, odd): (1, 2)}
    assert balances(year_2025) == {a: 2, b: -1, odd: -1}
    year_2024 = client.get(LEDGER, {"year": "2024"})
    assert matrix(year_2024) == {(b, a): (1, 10)}
    assert balances(year_2024) == {a: -1, b: 1}
    # The filter offers the years with mobilities (the cancelled one counts for none).
    choices = [value for value, _label in year_2024.context["form"].fields["year"].choices]
    assert choices == ["", "2025", "2024"]
    assert '<option value="2024" selected>' in year_2024.content.decode()
    everything = client.get(LEDGER, {"year": ""})
    assert len(matrix(everything)) == 3


def test_a_year_without_mobilities_is_an_empty_ledger(as_user, staff_a, exchanges):
    response = as_user(staff_a).get(LEDGER, {"year": "2019"})
    assert response.status_code == 200
    assert response.context["rows"] == [] and response.context["chart"] == ""
    assert "No mobility is recorded for this period." in response.content.decode()


@pytest.mark.parametrize("year", ["abc", "20250", "-1"])
def test_a_bad_year_is_refused_next_to_the_field(as_user, staff_a, exchanges, year):
    response = as_user(staff_a).get(LEDGER, {"year": year})
    assert response.status_code == 400
    assert "year" in response.context["form"].errors
    text = response.content.decode()
    field = re.search(r'<div class="field field--error">.*?</div>', text, re.S)
    assert field and "Select a valid choice" in field.group(0) and 'id="id_year"' in field.group(0)
    # The page still shows the ledger of all years.
    assert len(matrix(response)) == 3


def test_partner_view(as_user, coordinator_b, exchanges):
    url = reverse("mobility:ledger_partner", args=[exchanges["a"].slug])
    response = as_user(coordinator_b).get(url)
    rows = {
        row["partner"].name: (
            row["sent"].sent,
            row["sent"].days,
            row["received"].sent,
            row["received"].days,
            row["balance"],
        )
        for row in response.context["page"].object_list
    }
    assert rows == {"Berufskolleg Beta": (1, 5, 1, 10, 0), "A & B <test>": (1, 2, 0, 0, 1)}
    assert response.context["totals"] == {
        "sent": 2,
        "sent_days": 7,
        "received": 1,
        "received_days": 10,
        "balance": 1,
    }
    text = response.content.decode()
    assert "Reciprocity ledger of Lycée professionnel Alpha" in text
    assert "A &amp; B &lt;test&gt;" in text and "<test>" not in text
    in_2024 = as_user(coordinator_b).get(url, {"year": "2024"})
    assert [
        (row["partner"].name, row["balance"]) for row in in_2024.context["page"].object_list
    ] == [("Berufskolleg Beta", -1)]
    assert "?year=2024" in in_2024.content.decode()


def test_partner_view_of_an_unknown_partner_is_404(as_user, staff_a):
    assert (
        as_user(staff_a).get(reverse("mobility:ledger_partner", args=["nobody"])).status_code == 404
    )


def test_partner_without_exchanges(as_user, staff_a, org_b):
    response = as_user(staff_a).get(reverse("mobility:ledger_partner", args=[org_b.slug]))
    assert response.status_code == 200
    assert (
        "Berufskolleg Beta has no exchange recorded for this period." in response.content.decode()
    )


# --- the chart ----------------------------------------------------------------------------


def test_the_page_embeds_a_well_formed_escaped_chart(as_user, staff_a, exchanges):
    response = as_user(staff_a).get(LEDGER, {"year": "2025"})
    svg = svg_of(response)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    labelled_by = root.get("aria-labelledby").split()
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    assert set(labelled_by) <= ids
    assert root.find(f"{SVG}title").text == "Participants sent between partners, 2025"
    assert "A &amp; B &lt;test&gt;" in svg
    labels = [element.text for element in root.iter(f"{SVG}text")]
    assert labels.count("A & B <test>") == 2
    tooltips = {element.text for element in root.iter(f"{SVG}title")}
    assert "Lycée professionnel Alpha \N{RIGHTWARDS ARROW} Berufskolleg Beta: 1" in tooltips
    assert "Berufskolleg Beta \N{RIGHTWARDS ARROW} Lycée professionnel Alpha: 0" in tooltips


# --- queries ------------------------------------------------------------------------------


def ring(count: int, start: int = 0) -> list[Organisation]:
    """``count`` partners, each sending one participant to the next."""
    partners = [partner(f"Scuola {number:02d}", number) for number in range(start, start + count)]
    for index, sender in enumerate(partners):
        receiver = partners[(index + 1) % count]
        person = member(sender, f"p{start + index}@example.org")
        f.mobility(person, sender, receiver)
    return partners


@pytest.mark.parametrize("count", [2, 6])
def test_ledger_pages_query_count_does_not_grow_with_partners(
    as_user, staff_a, count, django_assert_max_num_queries
):
    partners = ring(count)
    client = as_user(staff_a)
    with django_assert_max_num_queries(7):
        response = client.get(LEDGER, {"year": "2025"})
    assert len(response.context["rows"]) == count
    hub = partners[0]
    for index, other in enumerate(partners[1:], start=1):
        person = member(other, f"extra{index}@example.org")
        f.mobility(person, other, hub, start=D(2025, 6, 2), end=D(2025, 6, 6))
    with django_assert_max_num_queries(7):
        page = client.get(reverse("mobility:ledger_partner", args=[hub.slug]), {"year": "2025"})
    assert len(page.context["page"].object_list) == count - 1
