"""The public partner directory: filters, pages, the map, inactive partners
and a number of queries that does not grow with the number of partners."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobinnov.network.models import Organisation, Sector
from mobinnov.network.services import organisation_create

LIST_URL = reverse("network:partner_list")


def make_partner(name: str, *, sectors: tuple[str, ...] = (), **fields: Any) -> Organisation:
    data = {
        "name": name,
        "org_type": "vet_school",
        "country": "IT",
        "city": "Bologna",
        "latitude": 44.49,
        "longitude": 11.34,
        **fields,
    }
    return organisation_create(data=data, sectors=list(Sector.objects.filter(code__in=sectors)))


def make_many(count: int, start: int = 0) -> list[Organisation]:
    """``count`` partners with two sectors each, spread over Europe."""
    return [
        make_partner(
            f"Scuola {number:03d}",
            city=f"Town {number}",
            latitude=40.0 + (number % 20),
            longitude=-5.0 + number,
            sectors=("071", "101"),
        )
        for number in range(start, start + count)
    ]


def names_listed(response: Any) -> list[str]:
    return [partner.name for partner in response.context["page"].object_list]


def map_svg(response: Any) -> str:
    match = re.search(r'<svg[^>]*class="partner-map".*?</svg>', response.content.decode(), re.S)
    assert match, "no map on the page"
    return match.group(0)


def map_links(response: Any) -> list[str]:
    return re.findall(r'<a href="([^"]+)">', map_svg(response))


@pytest.fixture
def directory(org_a: Organisation, org_b: Organisation) -> dict[str, Organisation]:
    """A small network: the two persona organisations and three more."""
    org_a.sectors.set(Sector.objects.filter(code__in=["071", "101"]))
    org_b.sectors.set(Sector.objects.filter(code__in=["071"]))
    return {
        "alpha": org_a,
        "beta": org_b,
        "chamber": make_partner(
            "Chambre de métiers de Lille",
            org_type="chamber",
            country="FR",
            city="Lille",
            latitude=50.63,
            longitude=3.06,
            sectors=("041",),
        ),
        "company": make_partner(
            "Autowerk GmbH",
            org_type="company",
            country="DE",
            city="Stuttgart",
            latitude=48.78,
            longitude=9.18,
            sectors=("071",),
        ),
        "unmapped": make_partner(
            "Scuola senza mappa",
            country="IT",
            city="Bologna",
            latitude=None,
            longitude=None,
            sectors=("101",),
        ),
    }


# --------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------


def test_without_filters_every_active_partner_is_listed_by_name(
    client: Any, directory: Any
) -> None:
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert names_listed(response) == [
        "Autowerk GmbH",
        "Berufskolleg Beta",
        "Chambre de métiers de Lille",
        "Lycée professionnel Alpha",
        "Scuola senza mappa",
    ]
    assert "5 partners found." in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=FR", ["Chambre de métiers de Lille", "Lycée professionnel Alpha"]),
        ("country=DE", ["Autowerk GmbH", "Berufskolleg Beta"]),
        ("org_type=company", ["Autowerk GmbH"]),
        ("org_type=chamber", ["Chambre de métiers de Lille"]),
        ("sector=071", ["Autowerk GmbH", "Berufskolleg Beta", "Lycée professionnel Alpha"]),
        ("sector=101", ["Lycée professionnel Alpha", "Scuola senza mappa"]),
        ("sector=041", ["Chambre de métiers de Lille"]),
        ("q=alpha", ["Lycée professionnel Alpha"]),
        ("q=LILLE", ["Chambre de métiers de Lille"]),
        ("q=lyon", ["Lycée professionnel Alpha"]),
        ("q=scuola", ["Scuola senza mappa"]),
        ("country=DE&sector=071&org_type=vet_school", ["Berufskolleg Beta"]),
        ("country=FR&q=lille", ["Chambre de métiers de Lille"]),
        ("q=nothing-like-this", []),
    ],
)
def test_the_filters_narrow_the_list(
    client: Any, directory: Any, query: str, expected: list[str]
) -> None:
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert names_listed(response) == expected
    assert response.context["filtered"] is True
    assert response.context["page"].paginator.count == len(expected)


def test_a_partner_with_several_matching_sectors_is_listed_once(
    client: Any, directory: Any
) -> None:
    directory["beta"].sectors.set(Sector.objects.filter(code__in=["071", "072", "073"]))

    response = client.get(f"{LIST_URL}?country=DE")

    assert names_listed(response).count("Berufskolleg Beta") == 1


def test_the_filter_lists_offer_only_countries_and_sectors_of_partners(
    client: Any, directory: Any
) -> None:
    form = client.get(LIST_URL).context["form"]

    countries = [code for code, _ in form.fields["country"].choices if code]
    sectors = [code for code, _ in form.fields["sector"].choices if code]
    assert sorted(countries) == ["DE", "FR", "IT"]
    assert sectors == ["041", "071", "101"]


def test_no_match_says_so(client: Any, directory: Any) -> None:
    response = client.get(f"{LIST_URL}?q=nothing-like-this")

    page = html.unescape(response.content.decode())
    assert "No partner matches these filters." in page
    assert "Clear the filters" in page


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


def test_thirty_partners_make_two_pages(client: Any, db: None) -> None:
    make_many(30)

    first = client.get(LIST_URL)
    second = client.get(f"{LIST_URL}?page=2")

    assert first.context["page"].paginator.num_pages == 2
    assert len(names_listed(first)) == 24
    assert names_listed(second) == [f"Scuola {n:03d}" for n in range(24, 30)]
    assert set(names_listed(first)).isdisjoint(names_listed(second))
    assert 'rel="next"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.parametrize("page", ["999", "-1", "last", "abc"])
def test_a_page_number_out_of_range_gives_a_valid_page(client: Any, db: None, page: str) -> None:
    make_many(30)

    response = client.get(f"{LIST_URL}?page={page}")

    assert response.status_code == 200
    # Django's Paginator.get_page: past either end gives the last page, not a number the first.
    expected = 2 if page in {"999", "-1"} else 1
    assert response.context["page"].number == expected


def test_the_page_links_keep_the_filters(client: Any, db: None) -> None:
    make_many(30)

    response = client.get(f"{LIST_URL}?sector=071")

    assert "sector=071" in html.unescape(
        re.search(r'href="([^"]*)" rel="next"', response.content.decode())[1]
    )


# --------------------------------------------------------------------------
# Inactive partners
# --------------------------------------------------------------------------


def test_inactive_partners_are_hidden_from_the_list_the_map_and_the_filters(
    client: Any, directory: Any
) -> None:
    chamber = directory["chamber"]
    Organisation.objects.filter(pk=chamber.pk).update(is_active=False)

    response = client.get(LIST_URL)

    assert "Chambre de métiers de Lille" not in names_listed(response)
    assert chamber.get_absolute_url() not in map_svg(response)
    sectors = [code for code, _ in response.context["form"].fields["sector"].choices]
    assert "041" not in sectors
    assert names_listed(client.get(f"{LIST_URL}?q=lille")) == []


def test_the_profile_of_an_inactive_partner_is_not_found(client: Any, directory: Any) -> None:
    chamber = directory["chamber"]
    Organisation.objects.filter(pk=chamber.pk).update(is_active=False)

    response = client.get(chamber.get_absolute_url())

    assert response.status_code == 404
    assert "Chambre de métiers de Lille" not in html.unescape(response.content.decode())


def test_the_profile_of_an_active_partner_shows_its_details(client: Any, directory: Any) -> None:
    response = client.get(directory["alpha"].get_absolute_url())

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Lycée professionnel Alpha" in page
    assert "Lyon, France" in page
    assert "E10000001" in page
    assert "Engineering and engineering trades" in page
    assert "contact@alpha.example" in page
    assert map_links(response) == [directory["alpha"].get_absolute_url()]


def test_an_unknown_profile_is_not_found(client: Any, db: None) -> None:
    assert (
        client.get(
            reverse("network:partner_detail", kwargs={"slug": "no-such-partner"})
        ).status_code
        == 404
    )


# --------------------------------------------------------------------------
# The map
# --------------------------------------------------------------------------


def test_the_map_has_one_link_per_partner_with_coordinates(client: Any, directory: Any) -> None:
    response = client.get(LIST_URL)

    links = map_links(response)
    with_coordinates = [p for p in directory.values() if p.has_coordinates]
    assert sorted(links) == sorted(p.get_absolute_url() for p in with_coordinates)
    assert directory["unmapped"].get_absolute_url() not in map_svg(response)


def test_the_map_shows_every_matching_partner_not_only_this_page(client: Any, db: None) -> None:
    partners = make_many(30)

    links = map_links(client.get(LIST_URL))

    assert len(links) == 30
    assert sorted(links) == sorted(p.get_absolute_url() for p in partners)


def test_the_map_follows_the_filters(client: Any, directory: Any) -> None:
    links = map_links(client.get(f"{LIST_URL}?country=DE"))

    assert sorted(links) == sorted(
        [directory["beta"].get_absolute_url(), directory["company"].get_absolute_url()]
    )


def test_the_map_text_counts_the_points_actually_drawn(client: Any, db: None) -> None:
    make_partner("Lycée de Lyon", country="FR", city="Lyon", latitude=45.75, longitude=4.85)
    make_partner(
        "Escuela Canaria", country="ES", city="Las Palmas", latitude=28.1, longitude=-15.43
    )

    response = client.get(LIST_URL)

    description = re.search(r"<desc[^>]*>(\d+) partners? (is|are) shown", map_svg(response))
    assert description is not None
    assert int(description.group(1)) == len(map_links(response))


def test_partner_names_on_the_map_are_escaped(client: Any, db: None) -> None:
    make_partner(
        "<script>alert(1)</script> & Co", country="FR", city="Lyon", latitude=45.75, longitude=4.85
    )

    svg = map_svg(client.get(LIST_URL))

    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in svg


# --------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------


def count_list_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL)
    assert response.status_code == 200
    return len(queries)


def test_the_list_uses_the_same_number_of_queries_for_5_and_30_partners(
    client: Any, db: None
) -> None:
    make_many(5)
    with_five = count_list_queries(client)

    make_many(25, start=5)
    with_thirty = count_list_queries(client)

    assert with_thirty == with_five


def test_a_filtered_list_stays_within_a_few_queries(
    client: Any, db: None, django_assert_max_num_queries: Any
) -> None:
    make_many(30)

    with django_assert_max_num_queries(8):
        response = client.get(f"{LIST_URL}?sector=071&page=2")

    assert len(names_listed(response)) == 6
