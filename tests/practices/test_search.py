"""Full-text search of practices (mobinnov.practices.search), on SQLite (FTS5)
and on PostgreSQL (tsvector): the same behaviour is expected from both."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count

from mobinnov.network.models import Organisation
from mobinnov.network.services import organisation_create
from mobinnov.practices import search
from mobinnov.practices.choices import Status
from mobinnov.practices.models import (
    Practice,
    PracticeFacetValue,
    PracticeRevision,
    PracticeSearchDocument,
    PracticeTranslation,
)

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


@pytest.fixture
def host(db: None) -> Organisation:
    return organisation_create(
        data={
            "name": "Centre de formation Gamma",
            "org_type": "vet_school",
            "country": "FR",
            "city": "Nantes",
            "latitude": 47.22,
            "longitude": -1.55,
            "contact_email": "contact@gamma.example",
        }
    )


def make_practice(
    host: Organisation,
    *,
    title: str,
    summary: str = "",
    description: str = "",
    keywords: str = "",
    public: bool = True,
) -> Practice:
    """A published practice, built without the review workflow, then indexed."""
    number = next(_numbers)
    practice = Practice.objects.create(
        slug=f"practice-{number}",
        host=host,
        status=Status.PUBLISHED if public else Status.DRAFT,
        version=1,
        is_public=public,
        title=title,
        summary=summary,
        country=host.country,
    )
    revision = PracticeRevision.objects.create(
        practice=practice,
        number=1,
        content={
            "title": title,
            "summary": summary,
            "description": description,
            "keywords": keywords,
            "contact_email": "not.searched@example.org",
        },
    )
    practice.published_revision = revision
    practice.save(update_fields=["published_revision"])
    search.index_practice(practice)
    return practice


def found(query: str, queryset: Any = None) -> set[int]:
    base = Practice.objects.filter(is_public=True) if queryset is None else queryset
    return set(search.search(base, query).values_list("pk", flat=True))


def filler(host: Organisation, count: int = 4) -> list[Practice]:
    """Practices that match nothing of the tests, so that the words searched
    are rare in the collection (bm25 gives common words no weight)."""
    return [
        make_practice(
            host,
            title=f"Unrelated practice {n}",
            description="Mentoring of apprentices in bakeries and carpentry.",
        )
        for n in range(count)
    ]


def test_normalise() -> None:
    assert search.normalise("École ÉCOLE Straße Ærø ﬁn Ĳssel İzmir") == (
        "ecole ecole strasse ærø fin ijssel izmir"
    )
    assert search.normalise("Čeština ŁÓDŹ Ελληνικά") == "cestina łodz ελληνικα"
    assert search.words("l'École-Atelier, 2024 (robotics)!") == [
        "l",
        "ecole",
        "atelier",
        "2024",
        "robotics",
    ]


def test_finds_a_word_of_the_description(host: Organisation) -> None:
    welding = make_practice(
        host, title="Peer learning", description="Apprentices run a welding simulator lab."
    )
    make_practice(host, title="Other", description="Hairdressing salon for adults.")
    assert found("simulator") == {welding.pk}
    assert found("WELDING simulator") == {welding.pk}
    assert found("welding hairdressing") == set()  # every word must match
    assert found("nowhere") == set()


def test_accent_and_case_insensitive(host: Organisation) -> None:
    lower = make_practice(host, title="Link", description="Une école qui s'ouvre aux entreprises.")
    upper = make_practice(host, title="ÉCOLE DES MÉTIERS", description="Workshop.")
    for query in ("ecole", "école", "ÉCOLE", "Ecole", "eCOLE"):
        assert found(query) == {lower.pk, upper.pk}, query
    assert found("metiers") == {upper.pk}
    assert found("entreprises ECOLE") == {lower.pk}


def test_stemming(host: Organisation) -> None:
    singular = make_practice(host, title="Maker space", description="A weekly workshop on robots.")
    plural = make_practice(host, title="Open doors", description="Three workshops for parents.")
    assert found("workshops") == {singular.pk, plural.pk}
    assert found("workshop") == {singular.pk, plural.pk}
    assert found("robot") == {singular.pk}


def test_words_of_a_translation_find_the_practice(host: Organisation) -> None:
    practice = make_practice(
        host, title="Welding workshop", description="Learners weld under supervision."
    )
    assert found("soudure") == set()
    PracticeTranslation.objects.create(
        practice=practice,
        language="fr",
        source_fingerprint="x",
        content={
            "title": "Atelier de soudure",
            "summary": "Les élèves soudent sous surveillance.",
            "description": "Un atelier où les apprentis découvrent la soudure à l'arc.",
            "keywords": "soudure, métallerie",
        },
    )
    search.index_practice(practice)
    assert found("soudure") == {practice.pk}
    assert found("eleves") == {practice.pk}
    assert found("Métallerie") == {practice.pk}
    assert found("atelier weld") == {practice.pk}  # words of two languages
    assert found("weld") == {practice.pk}  # the source text is still indexed


def test_not_public_is_never_found(host: Organisation) -> None:
    draft = make_practice(
        host, title="Secret draft", description="Hydroponics greenhouse.", public=False
    )
    everything = Practice.objects.all()
    assert found("hydroponics", everything) == set()
    assert not PracticeSearchDocument.objects.filter(pk=draft.pk).exists()

    archived = make_practice(host, title="Greenhouse", description="Hydroponics for florists.")
    assert found("hydroponics", everything) == {archived.pk}
    archived.is_public = False
    archived.status = Status.ARCHIVED
    archived.save(update_fields=["is_public", "status"])
    search.remove_practice(archived.pk)
    assert found("hydroponics", everything) == set()

    # Back in the catalogue, then out again through index_practice.
    archived.is_public = True
    archived.save(update_fields=["is_public"])
    search.index_practice(archived)
    assert found("hydroponics", everything) == {archived.pk}
    archived.is_public = False
    archived.save(update_fields=["is_public"])
    search.index_practice(archived)
    assert found("hydroponics", everything) == set()


def test_practice_without_published_revision_is_not_indexed(host: Organisation) -> None:
    practice = make_practice(host, title="Drone piloting", description="Drones.")
    practice.published_revision = None
    practice.save(update_fields=["published_revision"])
    search.index_practice(practice)
    assert found("drone", Practice.objects.all()) == set()


def test_reindex_drops_old_words(host: Organisation) -> None:
    practice = make_practice(host, title="Solar", description="Installing photovoltaic panels.")
    assert found("photovoltaic") == {practice.pk}
    revision = PracticeRevision.objects.create(
        practice=practice,
        number=2,
        content={"title": "Solar", "description": "Maintaining heat pumps."},
    )
    practice.published_revision = revision
    practice.save(update_fields=["published_revision"])
    search.index_practice(practice)
    assert found("photovoltaic") == set()
    assert found("heat pumps") == {practice.pk}
    assert PracticeSearchDocument.objects.count() == 1


def test_title_match_ranks_above_description_match(host: Organisation) -> None:
    filler(host)
    in_description = make_practice(
        host, title="Learning by doing", description="Students build robotics kits for schools."
    )
    in_title = make_practice(
        host, title="Robotics league", description="Students build kits for schools."
    )
    ranked = list(
        search.search(Practice.objects.filter(is_public=True), "robotics").order_by("-search_rank")
    )
    assert [p.pk for p in ranked] == [in_title.pk, in_description.pk]
    assert all(isinstance(p.search_rank, float) for p in ranked)  # type: ignore[attr-defined]
    assert ranked[0].search_rank > ranked[1].search_rank > 0  # type: ignore[attr-defined]


def test_more_occurrences_rank_higher(host: Organisation) -> None:
    filler(host)
    once = make_practice(
        host, title="Kitchen", description="Chefs teach pastry and bread and soup to adults."
    )
    thrice = make_practice(
        host, title="Kitchen", description="Chefs teach pastry and pastry and pastry to adults."
    )
    ranks = dict(search.search(Practice.objects.all(), "pastry").values_list("pk", "search_rank"))
    assert ranks[thrice.pk] > ranks[once.pk] > 0


HOSTILE_QUERIES = [
    '"',
    '"workshop',
    'workshop"',
    '""""',
    "(",
    "workshop)",
    "((workshop OR",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "workshop AND",
    "workshop OR robots",
    "NOT workshop",
    "NEAR(workshop robots, 2)",
    "workshop*",
    "*",
    "-workshop",
    "-",
    "title:workshop",
    ":",
    "{title description}: workshop",
    "^workshop",
    "work\x00shop",
    "\x00",
    "a" * 1000,
    "workshop " * 120,
    " ".join(f"w{i}" for i in range(400)),
    "🎓🔧",
    "workshop 🎓",
    "ورشة عمل",
    "סדנה",
    "'; DROP TABLE practices_practice; --",
    "%s %(x)s ?",
    "\\",
    "\t\n\r",
    "& | ! <-> :*",
    "'workshop':*",
    "_",
    "____",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_never_raise(host: Organisation, query: str) -> None:
    practice = make_practice(host, title="Robots", description="A workshop on robots.")
    result = search.search(Practice.objects.filter(is_public=True), query)
    pks = [p.pk for p in result.order_by("-published_at", "pk")]
    assert result.count() == len(pks)
    if query.strip() and not search.query_words(query):
        assert pks == []
    if query in {'"workshop', "workshop)", "workshop*", "-workshop", "workshop 🎓", "^workshop"}:
        assert pks == [practice.pk]


def test_blank_query_returns_the_queryset_unchanged(host: Organisation) -> None:
    make_practice(host, title="Anything")
    queryset = Practice.objects.filter(is_public=True)
    for query in ("", "   ", "\n\t"):
        assert search.search(queryset, query) is queryset


def test_composes_with_filters_ordering_and_facets(host: Organisation) -> None:
    other_host = organisation_create(
        data={
            "name": "Berufsschule Delta",
            "org_type": "vet_school",
            "country": "DE",
            "city": "Bremen",
            "latitude": 53.08,
            "longitude": 8.8,
        }
    )
    french = make_practice(host, title="Ateliers", description="Green skills workshop.")
    german = make_practice(other_host, title="Werkstatt", description="Green skills in a workshop.")
    make_practice(other_host, title="Unrelated", description="Bakery.")
    for practice in (french, german):
        PracticeFacetValue.objects.create(
            practice=practice, facet="country", value=practice.country
        )
        PracticeFacetValue.objects.create(practice=practice, facet="stage", value="pilot")

    searched = search.search(Practice.objects.filter(is_public=True), "green workshop")
    assert set(searched.filter(country="DE").values_list("pk", flat=True)) == {german.pk}
    assert set(
        searched.filter(facet_values__facet="country", facet_values__value="FR").values_list(
            "pk", flat=True
        )
    ) == {french.pk}
    counts = {
        (row["facet"], row["value"]): row["n"]
        for row in PracticeFacetValue.objects.filter(practice__in=searched)
        .values("facet", "value")
        .annotate(n=Count("practice", distinct=True))
    }
    assert counts == {("country", "FR"): 1, ("country", "DE"): 1, ("stage", "pilot"): 2}
    assert [p.pk for p in searched.order_by("title")] == [french.pk, german.pk]
    assert searched.exists()
    assert searched.count() == 2
    # A search inside a search, and a search as the subquery of another query.
    assert found("skills", searched) == {french.pk, german.pk}
    assert set(Practice.objects.filter(pk__in=searched).values_list("pk", flat=True)) == {
        french.pk,
        german.pk,
    }


def test_constant_number_of_queries(host: Organisation, django_assert_num_queries: Any) -> None:
    def run() -> list[tuple[int, float, str]]:
        with django_assert_num_queries(1):
            results = search.search(
                Practice.objects.filter(is_public=True).select_related("host"),
                "Cybersecurity training",
            )
            return [
                (p.pk, p.search_rank, p.host.name)  # type: ignore[attr-defined]
                for p in results.filter(country="FR").order_by("-search_rank", "title")[:20]
            ]

    make_practice(host, title="Cybersecurity", description="Training for SMEs.")
    assert len(run()) == 1
    for n in range(8):
        make_practice(host, title=f"Cybersecurity {n}", description="Training drills.")
    assert len(run()) == 9


def test_rebuild_index(host: Organisation) -> None:
    public = [
        make_practice(host, title=f"Aquaponics {n}", description="Fish and plants.")
        for n in range(3)
    ]
    hidden = make_practice(host, title="Aquaponics hidden", description="Fish.", public=False)
    # Out of sync on purpose: one public practice missing, one hidden practice indexed.
    search.remove_practice(public[0].pk)
    hidden.is_public = True
    search.index_practice(hidden)
    Practice.objects.filter(pk=hidden.pk).update(is_public=False)
    everything = Practice.objects.all()
    assert found("aquaponics", everything) == {public[1].pk, public[2].pk, hidden.pk}

    assert search.rebuild_index() == 3
    assert found("aquaponics", everything) == {p.pk for p in public}
    assert PracticeSearchDocument.objects.count() == 3
    assert search.rebuild_index() == 3  # idempotent


def test_deleting_a_practice_deletes_its_document(host: Organisation) -> None:
    practice = make_practice(host, title="Carpentry", description="Timber frames.")
    practice.delete()
    assert not PracticeSearchDocument.objects.exists()
    assert found("timber", Practice.objects.all()) == set()


def test_back_end_storage(host: Organisation) -> None:
    practice = make_practice(host, title="Éco-conception", description="Écoles et entreprises.")
    document = PracticeSearchDocument.objects.get(pk=practice.pk)
    assert document.title == "eco conception"
    assert document.description == "ecoles et entreprises"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s",
                [PracticeSearchDocument._meta.db_table],
            )
            assert any("USING gin (vector)" in row[0] for row in cursor.fetchall())
            assert document.vector
        else:
            cursor.execute(f"SELECT title FROM {search.FTS_TABLE} WHERE rowid = %s", [practice.pk])
            assert cursor.fetchone() == ("eco conception",)
            assert document.vector is None


def test_index_many_indexes_like_index_practice(host: Organisation) -> None:
    indexed = [
        make_practice(host, title=f"Greenhouse {n}", description="Hydroponics for florists.")
        for n in range(3)
    ]
    PracticeTranslation.objects.create(
        practice=indexed[1],
        language="fr",
        source_fingerprint="x",
        content={"title": "Serre", "description": "Hydroponie pour fleuristes."},
    )
    search.index_practice(indexed[1])
    hidden = make_practice(
        host, title="Greenhouse hidden", description="Hydroponics.", public=False
    )
    # Archived without being taken out of the index: index_many takes it out.
    stale = make_practice(host, title="Greenhouse archived", description="Hydroponics.")
    Practice.objects.filter(pk=stale.pk).update(is_public=False)
    assert found("archived", Practice.objects.all()) == {stale.pk}
    columns = ("practice_id", *search.COLUMNS)
    expected = sorted(PracticeSearchDocument.objects.exclude(pk=stale.pk).values_list(*columns))
    practices = Practice.objects.order_by("pk")

    assert search.index_many(practices, batch_size=2) == 3
    assert sorted(PracticeSearchDocument.objects.values_list(*columns)) == expected
    assert found("archived", Practice.objects.all()) == set()

    # From an empty index.
    PracticeSearchDocument.objects.all().delete()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {search.FTS_TABLE}")
    assert found("greenhouse") == set()
    assert search.index_many(practices, batch_size=2) == 3
    assert sorted(PracticeSearchDocument.objects.values_list(*columns)) == expected
    assert found("hydroponie") == {indexed[1].pk}
    assert found("greenhouse", Practice.objects.all()) == {p.pk for p in indexed}
    assert hidden.pk not in found("hidden", Practice.objects.all())
    assert search.index_many(practices) == 3  # idempotent
    assert PracticeSearchDocument.objects.count() == 3
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {search.FTS_TABLE}")
            assert cursor.fetchone() == (3,)
    else:
        assert not PracticeSearchDocument.objects.filter(vector__isnull=True).exists()


def test_index_many_runs_a_constant_number_of_queries_per_batch(
    host: Organisation, django_assert_max_num_queries: Any
) -> None:
    practices = [
        make_practice(host, title=f"Bakery {n}", description="Bread and pastry.") for n in range(30)
    ]
    for practice in practices[::3]:
        PracticeTranslation.objects.create(
            practice=practice, language="de", source_fingerprint="x", content={"title": "Bäckerei"}
        )
    with django_assert_max_num_queries(8):
        assert search.index_many(practices, batch_size=100) == 30
    assert found("backerei") == {p.pk for p in practices[::3]}
    assert found("pastry") == {p.pk for p in practices}
