"""Query shapes of the public catalogue (mobinnov.practices.selectors), chosen
for speed (docs/performance.md): every facet filter in one nested subquery,
and the total of a search read with its page. The results must be exactly
those of the plain shapes."""

from __future__ import annotations

import io
import itertools
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from mobinnov.practices import selectors
from mobinnov.practices.models import Practice
from mobinnov.practices.selectors import CataloguePaginator, CatalogueQuery
from tests.api.test_practices_api import make_host, make_published_practice

pytestmark = pytest.mark.django_db


def query(params: str) -> CatalogueQuery:
    return CatalogueQuery.from_params(QueryDict(params))


def pks(practices: Any) -> list[int]:
    return [practice.pk for practice in practices]


@pytest.fixture
def catalogue() -> list[tuple[Practice, dict[str, set[str]]]]:
    """Twelve practices in two countries with every combination of two
    fields, three EQF levels and two stages; each with its facet values."""
    hosts = [make_host("Alpha", "FR", "Lyon"), make_host("Beta", "DE", "Köln")]
    made = []
    combinations = itertools.product(hosts, [["T1"], ["T1", "T2"]], ["3", "4", "5"])
    for number, (host, fields, eqf) in enumerate(combinations):
        stage = "pilot" if number % 2 else "implemented"
        practice = make_published_practice(
            host,
            title=f"Welding practice {number}",
            fields=fields,
            eqf_levels=[eqf],
            stage=stage,
        )
        facets = {
            "country": {host.country},
            "field": set(fields),
            "eqf": {eqf},
            "stage": {stage},
        }
        made.append((practice, facets))
    return made


FILTERS = [
    "field=T2",
    "field=T1&country=DE",
    "field=T2&country=FR&eqf=4",
    "eqf=3&eqf=5&stage=pilot",
    "field=T2&eqf=3&eqf=4&country=DE&stage=implemented",
    "field=T9&country=FR",
    "country=FR&country=DE&field=T1&field=T2",
]


@pytest.mark.parametrize("params", FILTERS)
def test_facet_filters_match_every_facet_and_any_value(
    catalogue: list[tuple[Practice, dict[str, set[str]]]], params: str
) -> None:
    wanted: dict[str, set[str]] = {}
    for key, value in QueryDict(params).lists():
        wanted[key] = set(value)
    expected = {
        practice.pk
        for practice, facets in catalogue
        if all(facets[facet] & values for facet, values in wanted.items())
    }
    for q in ("", "q=welding"):
        found = pks(selectors.catalogue(query(f"{params}&{q}")))
        assert set(found) == expected, (params, q)
        assert len(found) == len(expected)  # no duplicates
        assert selectors.catalogue(query(f"{params}&{q}")).count() == len(expected)


@pytest.mark.parametrize("per_page", [1, 5, 7, 12, 50])
def test_search_pages_and_totals_are_djangos(
    catalogue: list[tuple[Practice, dict[str, set[str]]]], per_page: int
) -> None:
    make_published_practice(make_host("Gamma", "FI", "Oulu"), title="Bakery", description="Bread.")
    for params in ("q=welding", "q=welding&country=DE", "q=welding&sort=title", "q=practice+5"):
        expected = Paginator(selectors.catalogue(query(params)), per_page)
        for number in range(1, expected.num_pages + 1):
            paginator = CataloguePaginator(selectors.catalogue(query(params)), per_page)
            page = paginator.page(number)
            assert pks(page) == pks(expected.page(number)), (params, number)
            assert paginator.count == expected.count
            assert paginator.num_pages == expected.num_pages
            assert (page.has_next(), page.has_previous()) == (
                number < expected.num_pages,
                number > 1,
            )


def test_search_page_errors_are_djangos(
    catalogue: list[tuple[Practice, dict[str, set[str]]]],
) -> None:
    def page(params: str, number: Any) -> Any:
        return CataloguePaginator(selectors.catalogue(query(params)), 5).page(number)

    with pytest.raises(EmptyPage):
        page("q=welding", 4)
    with pytest.raises(EmptyPage):
        page("q=welding", 0)
    with pytest.raises(PageNotAnInteger):
        page("q=welding", "two")
    assert pks(page("q=welding", "3")) == pks(page("q=welding", 3.0))
    nothing = CataloguePaginator(selectors.catalogue(query("q=hovercraft")), 5)
    assert list(nothing.page(1)) == []
    assert nothing.count == 0
    with pytest.raises(EmptyPage):
        page("q=hovercraft", 2)


def test_search_page_reads_its_total_in_the_same_query_on_postgresql(
    catalogue: list[tuple[Practice, dict[str, set[str]]]],
) -> None:
    for params, pages in (("q=welding", 3), ("country=FR", 2), ("", 3)):
        paginator = CataloguePaginator(selectors.catalogue(query(params)), 5)
        with CaptureQueriesContext(connection) as captured:
            page = paginator.page(2)
            list(page)
            assert paginator.num_pages == pages
            page.has_next()
        searching = params.startswith("q=")
        one_query = searching and connection.vendor == "postgresql"
        assert len(captured) == (1 if one_query else 2), params


def test_dumpdata_skips_the_full_text_rows(
    catalogue: list[tuple[Practice, dict[str, set[str]]]],
) -> None:
    """The full-text table is joined through an unmanaged model; dumpdata
    must not read it (it does not exist on PostgreSQL)."""
    out = io.StringIO()
    call_command("dumpdata", "practices", stdout=out)
    dumped = json.loads(out.getvalue())
    assert {row["model"] for row in dumped} >= {
        "practices.practice",
        "practices.practicefacetvalue",
    }
    assert not any(row["model"] == "practices.practicesearchrow" for row in dumped)
