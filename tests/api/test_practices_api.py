"""The public read API (/api/v1/): catalogue, facets, detail, schema, docs.

Practices are published without the review workflow (as in
tests/practices/test_search.py): revision, catalogue columns, facet rows and
search index written directly."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mobinnov.network.models import Organisation
from mobinnov.network.services import organisation_create
from mobinnov.practices import search
from mobinnov.practices.choices import Status
from mobinnov.practices.facets import facet_values
from mobinnov.practices.models import (
    Practice,
    PracticeFacetValue,
    PracticeRevision,
    PracticeTranslation,
)
from mobinnov.practices.services import source_fingerprint

pytestmark = pytest.mark.django_db

LIST = "/api/v1/practices/"
FACETS = "/api/v1/practices/facets/"
_numbers = itertools.count(1)


def make_host(name: str, country: str, city: str) -> Organisation:
    return organisation_create(
        data={"name": name, "org_type": "vet_school", "country": country, "city": city}
    )


@pytest.fixture
def host_fr(db: None) -> Organisation:
    return make_host("Lycée professionnel Alpha", "FR", "Lyon")


@pytest.fixture
def host_de(db: None) -> Organisation:
    return make_host("Berufskolleg Beta", "DE", "Köln")


def make_published_practice(
    host: Organisation,
    *,
    title: str = "Modular welding training",
    summary: str = "Apprentices learn welding in short modules.",
    description: str = "Six modules of two weeks, each starting on a simulator.",
    fields: list[str] | None = None,
    label: str = "good_practice",
    public: bool = True,
    status: str = Status.PUBLISHED,
    translations: dict[str, dict[str, str]] | None = None,
    **extra: Any,
) -> Practice:
    """A practice with a published revision, its catalogue columns, facet rows
    and search document, as publication leaves them."""
    number = next(_numbers)
    content: dict[str, Any] = {
        "title": title,
        "summary": summary,
        "description": description,
        "sectors": ["071"],
        "eqf_levels": ["3", "4"],
        "vet_type": "ivet",
        "fields": fields or ["T3"],
        "keywords": "modules, training",
        "stage": "implemented",
        "start_date": "2021-09-01",
        "target_groups": ["apprentices"],
        "people_reached": 240,
        "can_host": "yes",
        "visit_languages": ["en", "fr"],
        "contact_name": "Camille Martin",
        "contact_email": "camille@alpha.example",
        "links": ["https://video.example.org/welding"],
        "licence": "CC-BY-4.0",
        **extra,
    }
    now = timezone.now() - timezone.timedelta(minutes=number)
    practice = Practice.objects.create(
        slug=f"practice-{number}",
        host=host,
        status=status,
        version=1,
        source_language="en",
        is_public=public,
        title=title,
        summary=summary,
        country=host.country,
        label=label,
        published_at=now,
        first_published_at=now,
    )
    revision = PracticeRevision.objects.create(practice=practice, number=1, content=content)
    practice.published_revision = revision
    practice.save(update_fields=["published_revision"])
    PracticeFacetValue.objects.bulk_create(
        PracticeFacetValue(practice=practice, facet=facet, value=value)
        for facet, value in facet_values(content=content, country=str(host.country), label=label)
    )
    for language, text in (translations or {}).items():
        PracticeTranslation.objects.create(
            practice=practice,
            language=language,
            content=text,
            source_fingerprint=source_fingerprint(content),
        )
    search.index_practice(practice)
    return practice


def slugs(response: Any) -> set[str]:
    return {item["slug"] for item in response.json()["results"]}


# The list


def test_list_contract(client: Client, host_fr: Organisation) -> None:
    practice = make_published_practice(host_fr, title="Welding simulators")
    response = client.get(LIST)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 1 and data["next"] is None and data["previous"] is None
    (item,) = data["results"]
    assert item["slug"] == practice.slug
    assert item["title"] == "Welding simulators"
    assert item["url"] == f"http://testserver/api/v1/practices/{practice.slug}/"
    assert item["html_url"] == f"http://testserver/practices/{practice.slug}/"
    assert item["host"] == {
        "name": "Lycée professionnel Alpha",
        "slug": host_fr.slug,
        "country": "FR",
        "city": "Lyon",
        "url": f"http://testserver/partners/{host_fr.slug}/",
    }
    assert item["country"] == "FR" and item["label"] == "good_practice"
    assert item["source_language"] == "en" and item["translations"] == []


def test_pagination_links(client: Client, host_fr: Organisation) -> None:
    for n in range(5):
        make_published_practice(host_fr, title=f"Practice {n}")
    first = client.get(LIST, {"page_size": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/practices/?page=2&page_size=2"
    second = client.get(first["next"]).json()
    assert second["previous"] == "http://testserver/api/v1/practices/?page_size=2"
    assert second["next"] == "http://testserver/api/v1/practices/?page=3&page_size=2"
    last = client.get(second["next"]).json()
    assert len(last["results"]) == 1 and last["next"] is None
    seen = {item["slug"] for page in (first, second, last) for item in page["results"]}
    assert len(seen) == 5
    assert client.get(LIST, {"page": 9}).status_code == 404


def test_default_and_maximum_page_size(client: Client, host_fr: Organisation) -> None:
    for n in range(22):
        make_published_practice(host_fr, title=f"Practice {n}")
    assert len(client.get(LIST).json()["results"]) == 20
    assert len(client.get(LIST, {"page_size": 1000}).json()["results"]) == 22


def test_q_matches_a_word_of_the_description(client: Client, host_fr: Organisation) -> None:
    hit = make_published_practice(
        host_fr, title="Peer learning", description="Apprentices run a hydroponics greenhouse."
    )
    make_published_practice(host_fr, title="Other", description="Hairdressing salon for adults.")
    assert slugs(client.get(LIST, {"q": "hydroponics"})) == {hit.slug}
    assert slugs(client.get(LIST, {"q": "HYDROPONICS greenhouse"})) == {hit.slug}
    assert slugs(client.get(LIST, {"q": "hydroponics hairdressing"})) == set()


def test_sort_by_title(client: Client, host_fr: Organisation) -> None:
    for title in ("Charlie", "Alpha", "Bravo"):
        make_published_practice(host_fr, title=title)
    results = client.get(LIST, {"sort": "title"}).json()["results"]
    assert [item["title"] for item in results] == ["Alpha", "Bravo", "Charlie"]


def test_facet_filters_or_within_and_across(
    client: Client, host_fr: Organisation, host_de: Organisation
) -> None:
    fr_t3 = make_published_practice(host_fr, fields=["T3"])
    fr_t5 = make_published_practice(host_fr, fields=["T5"])
    de_t3 = make_published_practice(host_de, fields=["T3"])
    assert slugs(client.get(LIST, {"country": "FR"})) == {fr_t3.slug, fr_t5.slug}
    assert slugs(client.get(LIST, {"field": "T3"})) == {fr_t3.slug, de_t3.slug}
    assert slugs(client.get(LIST, {"country": "FR", "field": "T3"})) == {fr_t3.slug}
    assert slugs(client.get(f"{LIST}?country=FR&country=DE&field=T3")) == {fr_t3.slug, de_t3.slug}
    assert slugs(client.get(LIST, {"country": "IT"})) == set()


def test_facet_counts(client: Client, host_fr: Organisation, host_de: Organisation) -> None:
    make_published_practice(host_fr, fields=["T3"])
    make_published_practice(host_fr, fields=["T3", "T5"])
    make_published_practice(host_de, fields=["T5"])
    counts = client.get(FACETS).json()
    assert counts["country"] == {"FR": 2, "DE": 1}
    assert counts["field"] == {"T3": 2, "T5": 2}
    assert counts["eqf"] == {"3": 3, "4": 3}
    filtered = client.get(FACETS, {"country": "FR"}).json()
    assert filtered["country"] == {"FR": 2}
    assert filtered["field"] == {"T3": 2, "T5": 1}
    assert set(filtered) == {
        "field",
        "country",
        "sector",
        "eqf",
        "target",
        "stage",
        "label",
        "language",
        "host",
    }


# Only public practices


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED])
def test_non_public_practices_never_appear(
    client: Client, host_fr: Organisation, host_de: Organisation, status: str
) -> None:
    visible = make_published_practice(host_fr, title="Visible greenhouse")
    hidden = make_published_practice(
        host_de, title="Hidden greenhouse", public=False, status=status, fields=["T9"]
    )
    if status == Status.ARCHIVED:
        # Archiving takes the practice out of the index; the rows stay.
        search.remove_practice(hidden.pk)
    assert slugs(client.get(LIST)) == {visible.slug}
    assert slugs(client.get(LIST, {"q": "greenhouse"})) == {visible.slug}
    assert slugs(client.get(LIST, {"country": "DE"})) == set()
    assert client.get(LIST).json()["count"] == 1
    detail = client.get(f"{LIST}{hidden.slug}/")
    assert detail.status_code == 404
    assert detail["Content-Type"] == "application/json"
    counts = client.get(FACETS).json()
    assert counts["country"] == {"FR": 1}
    assert "T9" not in counts["field"]


def test_unknown_practice_is_404(client: Client) -> None:
    assert client.get(f"{LIST}no-such-practice/").status_code == 404


# Detail and translations


def test_detail(client: Client, host_fr: Organisation) -> None:
    practice = make_published_practice(
        host_fr,
        title="Welding simulators",
        translations={"fr": {"title": "Simulateurs de soudage", "summary": "En modules."}},
    )
    data = client.get(f"{LIST}{practice.slug}/").json()
    assert data["slug"] == practice.slug
    assert data["title"] == "Welding simulators"
    assert data["language"] == "en" and data["source_language"] == "en"
    assert data["translations"] == ["fr"] and data["translation_outdated"] is False
    assert data["host"]["name"] == "Lycée professionnel Alpha"
    assert data["published_at"] and data["first_published_at"]
    content = data["content"]
    assert content["description"] == "Six modules of two weeks, each starting on a simulator."
    assert content["fields"] == ["T3"] and content["people_reached"] == 240
    assert content["contact_name"] == "Camille Martin"
    # The e-mail address is shown to signed-in people on the site, never in the API.
    assert "contact_email" not in content
    assert "camille@alpha.example" not in str(data)


def test_detail_in_french(client: Client, host_fr: Organisation) -> None:
    practice = make_published_practice(
        host_fr,
        title="Welding simulators",
        summary="Short modules.",
        translations={
            "fr": {
                "title": "Simulateurs de soudage",
                "summary": "Des modules courts.",
                "description": "Six modules de deux semaines.",
            }
        },
    )
    data = client.get(f"{LIST}{practice.slug}/", {"lang": "fr"}).json()
    assert data["language"] == "fr"
    assert data["translation_outdated"] is False
    assert data["title"] == "Simulateurs de soudage"
    assert data["summary"] == "Des modules courts."
    assert data["content"]["description"] == "Six modules de deux semaines."
    assert data["content"]["fields"] == ["T3"]  # not translatable: as published
    # No German translation: the original.
    german = client.get(f"{LIST}{practice.slug}/", {"lang": "de"}).json()
    assert german["language"] == "en" and german["title"] == "Welding simulators"


def test_outdated_translation_is_flagged(client: Client, host_fr: Organisation) -> None:
    practice = make_published_practice(host_fr, translations={"fr": {"title": "Ancien titre"}})
    PracticeTranslation.objects.filter(practice=practice).update(source_fingerprint="old")
    data = client.get(f"{LIST}{practice.slug}/", {"lang": "fr"}).json()
    assert data["language"] == "fr" and data["translation_outdated"] is True


# Robustness


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "'",
        '"unbalanced',
        "*",
        "weld*",
        "NOT AND OR NEAR(",
        "a:b -c ^d",
        "x" * 1000,
        "soudage " * 200,
        "🚀🔧",
        "école 🚀",
        "\x00",
        "%",
        "_",
    ],
)
def test_hostile_queries_never_fail(client: Client, host_fr: Organisation, q: str) -> None:
    make_published_practice(host_fr)
    response = client.get(LIST, {"q": q})
    assert response.status_code == 200
    assert set(response.json()) == {"count", "next", "previous", "results"}
    assert client.get(FACETS, {"q": q}).status_code == 200


def test_hostile_parameters_never_fail(client: Client, host_fr: Organisation) -> None:
    make_published_practice(host_fr)
    for params in (
        {"sort": "'; DROP TABLE x"},
        {"country": "x" * 500},
        {"eqf": "🚀"},
        {"page_size": "-1"},
        {"page_size": "abc"},
    ):
        assert client.get(LIST, params).status_code == 200, params
    practice_slug = Practice.objects.get().slug
    assert client.get(f"{LIST}{practice_slug}/", {"lang": "x" * 500}).status_code == 200


def test_constant_number_of_queries(client: Client, host_fr: Organisation) -> None:
    for n in range(55):
        make_published_practice(
            host_fr,
            title=f"Practice {n}",
            translations={"fr": {"title": f"Pratique {n}"}} if n % 2 else None,
        )

    def queries(page_size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST, {"page_size": page_size, "q": "practice"})
        assert len(response.json()["results"]) == page_size
        return len(captured)

    few, many = queries(5), queries(50)
    assert few == many
    assert many <= 3  # count, page, translations of the page


def test_anonymous_requests_are_throttled(client: Client, settings: Any) -> None:
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    assert (
        "rest_framework.throttling.AnonRateThrottle"
        in settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    )
    assert AnonRateThrottle in api_settings.DEFAULT_THROTTLE_CLASSES
    rate = AnonRateThrottle().get_rate()
    limit, _period = AnonRateThrottle().parse_rate(rate)
    statuses = [client.get(FACETS).status_code for _n in range(limit + 1)]
    assert statuses[:limit] == [200] * limit
    assert statuses[-1] == 429


# Schema and documentation


def test_schema(client: Client) -> None:
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "MobInnov API"
    assert {"/api/v1/practices/", "/api/v1/practices/facets/", "/api/v1/practices/{slug}/"} <= set(
        schema["paths"]
    )
    listing = schema["paths"]["/api/v1/practices/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert {"q", "country", "field", "eqf", "sort", "page", "page_size"} <= names
    detail = schema["paths"]["/api/v1/practices/{slug}/"]["get"]
    assert "lang" in {parameter["name"] for parameter in detail["parameters"]}
    yaml = client.get("/api/v1/schema/", {"format": "yaml"})
    assert yaml.status_code == 200 and b"openapi: 3." in yaml.content


def test_docs_page_uses_only_local_assets(client: Client) -> None:
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-schema-url="/api/v1/schema/"' in html
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    assert assets, html
    assert all(url.startswith("/static/") for url in assets), assets
    assert "http://" not in html and "https://" not in html
    # No inline script: every <script> loads a file.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for url in assets:
        assert client.get(url).status_code == 200, url
