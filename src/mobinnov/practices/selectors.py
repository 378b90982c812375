"""Reads on practices: the public catalogue with its facets, a practice in
the visitor's language, the working queues."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, Q, QuerySet, Window
from django.utils.translation import get_language
from django_countries import countries

from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.excellence.models import FieldOfExcellence
from mobinnov.network.sectors import SECTOR_NAMES
from mobinnov.practices import search
from mobinnov.practices.choices import Label, Stage, Status, TargetGroup
from mobinnov.practices.facets import FACETS
from mobinnov.practices.models import Practice, PracticeFacetValue, PracticeTranslation
from mobinnov.practices.services import source_fingerprint
from mobinnov.practices.template import TRANSLATABLE

SORTS = ("relevance", "newest", "title")
MAX_QUERY_LENGTH = 200


@dataclass
class CatalogueQuery:
    """The state of a catalogue search, as in its shareable URL."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"

    @classmethod
    def from_params(cls, params: Any) -> CatalogueQuery:
        q = " ".join(str(params.get("q", "")).split())[:MAX_QUERY_LENGTH]
        filters = {
            facet: [v[:40] for v in params.getlist(facet) if v][:20]
            for facet in FACETS
            if params.getlist(facet)
        }
        sort = params.get("sort", "")
        if sort not in SORTS:
            sort = "relevance" if q else "newest"
        if sort == "relevance" and not q:
            sort = "newest"
        return cls(q=q, filters=filters, sort=sort)


def public_practices() -> QuerySet[Practice]:
    return Practice.objects.filter(is_public=True)


def catalogue(query: CatalogueQuery) -> QuerySet[Practice]:
    """Public practices matching the search and the facet filters (AND between
    facets, OR between the values of one facet), in the requested order."""
    practices = public_practices().select_related("host")
    # One IN (subquery) for all the facets, each facet's rows nested in the
    # next one's: the database reads each (facet, value) index range once and
    # looks up only the practices of the intersection (one IN per facet would
    # look up every practice of the first facet).
    matching: QuerySet[PracticeFacetValue, Any] | None = None
    for facet, values in query.filters.items():
        rows = PracticeFacetValue.objects.filter(facet=facet, value__in=values)
        if matching is not None:
            rows = rows.filter(practice_id__in=matching)
        matching = rows.values("practice_id")
    if matching is not None:
        practices = practices.filter(pk__in=matching)
    if query.q:
        practices = search.search(practices, query.q)
    if query.sort == "relevance" and "search_rank" in practices.query.annotations:
        return practices.order_by("-search_rank", "-published_at", "pk")
    if query.sort == "title":
        return practices.order_by("title", "pk")
    return practices.order_by("-published_at", "pk")


class CataloguePaginator(Paginator):
    """Pages of :func:`catalogue`. On PostgreSQL, for a full-text search, the
    total comes with the page, in the same query (``COUNT(*) OVER ()``):
    ranking the page has to go through every match anyway, so a separate
    ``COUNT(*)`` would do that work a second time. Everywhere else Django's
    separate count stays: without a search the first pages are read from an
    index and stop after ``per_page`` rows, and on SQLite ``bm25()`` cannot be
    computed once a window function moves it out of the full-text query.
    Pages, counts and errors are Django's."""

    TOTAL = "catalogue_total"

    def page(self, number: Any) -> Page:
        queryset = self.object_list
        if (
            not isinstance(queryset, QuerySet)
            or "search_rank" not in queryset.query.annotations
            or connections[queryset.db].vendor != "postgresql"
        ):
            return super().page(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            return super().page(number)
        if number < 1:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(
            queryset.annotate(**{self.TOTAL: Window(Count("pk"))})[bottom : bottom + self.per_page]
        )
        if not rows:  # past the last page, or no match: Django decides
            return super().page(number)
        self.__dict__["count"] = getattr(rows[0], self.TOTAL)
        if self.orphans and bottom + self.per_page + self.orphans >= self.count:
            return super().page(number)
        return Page(rows, number, self)


def facet_counts(practices: QuerySet[Practice]) -> dict[str, dict[str, int]]:
    """How many of ``practices`` have each facet value, in one query."""
    rows = (
        PracticeFacetValue.objects.filter(practice_id__in=practices.order_by().values("pk"))
        .values("facet", "value")
        .annotate(n=Count("practice_id"))
    )
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for row in rows:
        counts.setdefault(row["facet"], {})[row["value"]] = row["n"]
    return counts


def facet_labels(language: str | None = None) -> dict[str, dict[str, str]]:
    """Display names of facet values (fields of excellence read once)."""
    language = language or get_language()
    fields = {
        f.code: f"{f.code} {f.localized_name(language)}"
        for f in FieldOfExcellence.objects.order_by("cluster__number", "position")
    }
    return {
        "field": fields,
        "country": {code: str(name) for code, name in countries},
        "sector": {code: f"{code} {name}" for code, name in SECTOR_NAMES.items()},
        "eqf": {str(n): str(n) for n in range(1, 9)},
        "target": {k: str(v) for k, v in TargetGroup.choices},
        "stage": {k: str(v) for k, v in Stage.choices},
        "label": {k: str(v) for k, v in Label.choices},
        "language": {k: str(v) for k, v in WORKING_LANGUAGES},
        "host": {"yes": "yes"},
    }


def field_groups() -> list[tuple[str, list[str]]]:
    """Fields of excellence codes grouped by cluster, for the field facet."""
    groups: dict[str, list[str]] = {}
    for f in FieldOfExcellence.objects.select_related("cluster").order_by(
        "cluster__number", "position"
    ):
        groups.setdefault(f.cluster.localized_name(), []).append(f.code)
    return list(groups.items())


@dataclass
class LocalizedPractice:
    content: dict[str, Any]
    language: str
    translation: PracticeTranslation | None
    outdated: bool
    available: list[str]


def localized(practice: Practice, language: str | None = None) -> LocalizedPractice:
    """The published text in ``language`` when a translation exists, else the original."""
    language = (language or get_language() or "en").split("-")[0]
    source = dict(practice.published_revision.content) if practice.published_revision else {}
    translations = {t.language: t for t in practice.translations.all()}
    available = sorted(translations)
    chosen = translations.get(language) if language != practice.source_language else None
    if chosen is None:
        return LocalizedPractice(source, practice.source_language, None, False, available)
    merged = {**source, **{k: v for k, v in chosen.content.items() if k in TRANSLATABLE and v}}
    outdated = chosen.source_fingerprint != source_fingerprint(source)
    return LocalizedPractice(merged, language, chosen, outdated, available)


def related_practices(practice: Practice, limit: int = 4) -> QuerySet[Practice]:
    """Other public practices sharing a field of excellence, most shared first."""
    codes = practice.fields.values("pk")
    return (
        public_practices()
        .exclude(pk=practice.pk)
        .filter(fields__in=codes)
        .annotate(shared=Count("fields"))
        .select_related("host")
        .order_by("-shared", "-published_at")[:limit]
    )


def working_practices_for(user: Any) -> QuerySet[Practice]:
    """Practices the person works on: authored, or of organisations they belong to."""
    org_ids = user.memberships.values("organisation_id")
    return (
        Practice.objects.filter(Q(authors=user) | Q(host_id__in=org_ids))
        .select_related("host")
        .distinct()
        .order_by("-updated_at")
    )


def review_queue() -> QuerySet[Practice]:
    """Submitted and in-review practices, oldest first (for editors)."""
    return (
        Practice.objects.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW])
        .select_related("host")
        .prefetch_related("reviews__reviewer")
        .order_by("updated_at")
    )
