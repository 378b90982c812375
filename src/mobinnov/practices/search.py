"""Full-text search of the public practices: one interface, two back ends.

What is indexed
    For every public practice, the published text of the fields in
    ``template.SEARCHED`` (title, summary, description, keywords) of the
    published revision and of every :class:`PracticeTranslation`, all languages
    run together, one column per field. Nothing else is indexed: a practice that
    is not public has no search document, so it is never found.

Normalisation (both back ends)
    Python does the accent and case folding, the same way for the indexed text
    and for the query (:func:`normalise`: casefold, NFKD, drop combining marks),
    then keeps only the words (runs of letters and digits, see :func:`words`).
    The database receives words separated by spaces, so neither the
    ``unaccent`` extension nor the database's own punctuation rules matter, and
    "École", "ÉCOLE" and "ecole" are the same word everywhere.

Query language
    None: whatever the user types is reduced to its words (at most
    ``MAX_QUERY_WORDS`` of at most ``MAX_WORD_LENGTH`` characters) and a practice
    matches when it contains every word (AND). Quotes, parentheses, ``AND``/
    ``OR``/``NOT``/``NEAR``, ``*``, ``-`` or ``:`` are therefore ordinary text
    and can never make a query fail; a query without any word matches nothing.
    No prefix matching: with stemming, "ecole*" would also find "ecology".

SQLite back end
    An FTS5 table ``practices_search`` (migration 0003; rowid = practice id,
    columns title, keywords, summary, description) with the tokenizer
    ``porter unicode61 remove_diacritics 2``: English stemming (the same stemmer
    reads the query, so other languages still match word for word). The MATCH
    expression is built here from the query words, each one double-quoted,
    joined with AND. Rank: ``-bm25()`` with column weights 8/4/2/1, so a title
    match ranks above a description match and more occurrences rank higher.
    The table is joined to the practices through the unmanaged model
    :class:`PracticeSearchRow` (``search_row__document__match``), so that the
    full-text query drives the SQL query and ``bm25()`` is computed only for
    the rows that pass every other filter.

PostgreSQL back end
    ``PracticeSearchDocument.vector``, a tsvector with a GIN index (migration
    0003), computed in the database from the document's columns as
    ``to_tsvector('english', …) || to_tsvector('simple', …)`` per field, with
    the weights A (title), B (keywords), C (summary), D (description). Each query
    word becomes ``plainto_tsquery('english', word) || plainto_tsquery('simple',
    word)`` (the English stem or the exact word, so French or German words match
    exactly and English stop words are still findable), and the words are joined
    with ``&&``. ``websearch_to_tsquery`` is not used: its operators would give
    the two back ends different query languages. Rank: ``ts_rank()``.

Both back ends keep the normalised text in :class:`PracticeSearchDocument`
(one row per public practice, deleted with its practice). :func:`index_practice`
(re)indexes one practice; :func:`index_many` gives the same result for many
practices in a few queries per batch (bulk loads, :func:`rebuild_index`).
:func:`search` adds a filter and the rank as ``search_rank`` to the queryset
(SQLite: a join on the full-text table; PostgreSQL: an ``IN`` on the matching
ids and a rank subquery), so it composes with any further filter, ordering or
facet count and still runs as one query. ``bm25()`` only works in the query
that joins the full-text table: on SQLite, do not aggregate or window over
``search_rank`` (the catalogue only orders by it).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import (
    F,
    FloatField,
    Func,
    Lookup,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from mobinnov.practices.models import (
    FullTextColumn,
    Practice,
    PracticeRevision,
    PracticeSearchDocument,
    PracticeTranslation,
)
from mobinnov.practices.template import SEARCHED

# Columns of the search document, highest weight first.
COLUMNS = ("title", "keywords", "summary", "description")
assert set(COLUMNS) == set(SEARCHED), "every searched field has a column"
FTS_TABLE = "practices_search"
# bm25() weights of COLUMNS on SQLite; PostgreSQL uses the weights A, B, C, D.
FTS_WEIGHTS = (8.0, 4.0, 2.0, 1.0)
PG_WEIGHTS = ("A", "B", "C", "D")
MAX_QUERY_WORDS = 32
MAX_WORD_LENGTH = 100

_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Casefold and strip accents: "École" -> "ecole", "Straße" -> "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The normalised words of ``text`` (letters and digits), in order; words
    longer than ``MAX_WORD_LENGTH`` are dropped (nobody searches for them)."""
    return [word for word in _WORD.findall(normalise(text)) if len(word) <= MAX_WORD_LENGTH]


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value if isinstance(item, str | int | float))
    return ""


def _columns(contents: Iterable[dict[str, Any]]) -> dict[str, str]:
    """One normalised text per column, every language run together."""
    texts: dict[str, list[str]] = {column: [] for column in COLUMNS}
    for content in contents:
        if not isinstance(content, dict):
            continue
        for column in COLUMNS:
            texts[column].extend(words(_text_of(content.get(column))))
    return {column: " ".join(found) for column, found in texts.items()}


def _pg_vector() -> Any:
    vector: Any = None
    for column, weight in zip(COLUMNS, PG_WEIGHTS, strict=True):
        for config in ("english", "simple"):
            part = SearchVector(column, config=config, weight=weight)
            vector = part if vector is None else vector + part
    return vector


def index_practice(practice: Practice) -> None:
    """(Re)index the published text of ``practice`` in every language; remove
    it from the index when it is not public."""
    revision = practice.published_revision if practice.published_revision_id else None
    if not practice.is_public or revision is None:
        remove_practice(practice.pk)
        return
    contents = [revision.content, *(t.content for t in practice.translations.all())]
    _write({practice.pk: _columns(contents)}, [])


def index_many(practices: Iterable[Practice], batch_size: int = 500) -> int:
    """(Re)index many practices, with the same result as :func:`index_practice`
    on each one, in a constant number of queries per ``batch_size`` practices
    (for a bulk load or :func:`rebuild_index`). Only ``pk``, ``is_public`` and
    ``published_revision_id`` of each practice are read: the published content
    and the translations are fetched per batch. Returns how many practices are
    indexed (the others are removed from the index)."""
    indexed = 0
    iterator = iter(practices)
    while batch := list(itertools.islice(iterator, batch_size)):
        published = {
            practice.pk: practice.published_revision_id
            for practice in batch
            if practice.is_public and practice.published_revision_id
        }
        contents = dict(
            PracticeRevision.objects.filter(pk__in=list(published.values())).values_list(
                "pk", "content"
            )
        )
        translations: dict[int, list[Any]] = defaultdict(list)
        for practice_id, content in (
            PracticeTranslation.objects.filter(practice_id__in=list(published))
            .order_by("practice_id", "pk")
            .values_list("practice_id", "content")
        ):
            translations[practice_id].append(content)
        documents = {
            pk: _columns([contents[revision_id], *translations[pk]])
            for pk, revision_id in published.items()
        }
        _write(documents, [practice.pk for practice in batch if practice.pk not in published])
        indexed += len(documents)
    return indexed


def _write(documents: dict[int, dict[str, str]], removed: Sequence[int]) -> None:
    """Replace the search documents of the practices in ``documents`` (practice
    id -> columns) and remove those of ``removed``: a few queries, however many
    practices."""
    ids = [*documents, *removed]
    if not ids:
        return
    now = timezone.now()
    with transaction.atomic():
        PracticeSearchDocument.objects.filter(pk__in=ids).delete()
        PracticeSearchDocument.objects.bulk_create(
            PracticeSearchDocument(practice_id=pk, indexed_at=now, **columns)
            for pk, columns in documents.items()
        )
        if _is_postgresql():
            if documents:
                PracticeSearchDocument.objects.filter(pk__in=list(documents)).update(
                    vector=_pg_vector()
                )
            return
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk in ids])
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(COLUMNS)}) "
                f"VALUES (%s, {', '.join(['%s'] * len(COLUMNS))})",
                [
                    (pk, *(columns[column] for column in COLUMNS))
                    for pk, columns in documents.items()
                ],
            )


def remove_practice(practice_id: int) -> None:
    """Take a practice out of the index (archived, unpublished)."""
    _write({}, [practice_id])


def rebuild_index() -> int:
    """Reindex every public practice and drop everything else; returns how
    many practices are indexed."""
    public = Practice.objects.filter(is_public=True, published_revision__isnull=False)
    with transaction.atomic():
        PracticeSearchDocument.objects.exclude(practice__in=public).delete()
        if not _is_postgresql():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
        return index_many(
            public.only("pk", "is_public", "published_revision_id")
            .order_by("pk")
            .iterator(chunk_size=2000)
        )


def query_words(query: str) -> list[str]:
    """The words of a user query that the search uses."""
    return words(query)[:MAX_QUERY_WORDS]


def fts5_match(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted string, joined with AND."""
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _pg_query(terms: Sequence[str]) -> Any:
    query: Any = None
    for term in terms:
        either = SearchQuery(term, config="english", search_type="plain") | SearchQuery(
            term, config="simple", search_type="plain"
        )
        query = either if query is None else query & either
    return query


@FullTextColumn.register_lookup
class _Fts5Match(Lookup):
    """``<full-text table> MATCH <expression>`` (SQLite FTS5)."""

    lookup_name = "match"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class _Fts5Rank(Func):
    """``-bm25()`` of the full-text row joined to the practice (higher is
    better), with the column weights FTS_WEIGHTS."""

    template = "-bm25(%(expressions)s, " + ", ".join(str(w) for w in FTS_WEIGHTS) + ")"
    output_field = FloatField()


def search(queryset: QuerySet[Practice], query: str) -> QuerySet[Practice]:
    """The practices of ``queryset`` that contain every word of ``query``,
    annotated with ``search_rank`` (float, higher is better). A blank query
    returns ``queryset`` unchanged; a query without words matches nothing."""
    if not query or not query.strip():
        return queryset
    terms = query_words(query)
    if not terms:
        return queryset.none()
    if _is_postgresql():
        tsquery = _pg_query(terms)
        matching = PracticeSearchDocument.objects.filter(vector=tsquery).values("practice_id")
        rank = Subquery(
            PracticeSearchDocument.objects.filter(pk=OuterRef("pk"))
            .annotate(rank=SearchRank(F("vector"), tsquery))
            .values("rank")[:1],
            output_field=FloatField(),
        )
        return queryset.filter(pk__in=matching).annotate(search_rank=rank)
    # SQLite: the full-text table joined to the practices, so that the
    # full-text query drives the query and bm25() is computed only for the
    # rows that pass every other filter (a per-row subquery would run the
    # full-text query once per row).
    return queryset.filter(search_row__document__match=fts5_match(terms)).annotate(
        search_rank=_Fts5Rank(F("search_row__document"))
    )
