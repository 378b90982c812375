"""Public read API on the published practices: the same search, facets and
sorting as the HTML catalogue (``practices.selectors``), as JSON."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from mobinnov.api.serializers import (
    FacetCountsSerializer,
    PracticeDetailSerializer,
    PracticeSummarySerializer,
)
from mobinnov.practices import selectors
from mobinnov.practices.choices import Label, Stage, TargetGroup
from mobinnov.practices.models import Practice, PracticeTranslation

TAGS = ["practices"]


def _facet(name: str, description: str, enum: list[str] | None = None) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        description=f"{description} Repeat the parameter for several values (OR); "
        "different facets combine with AND.",
        many=True,
        explode=True,
        enum=enum,
    )


CATALOGUE_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        description=(
            "Full-text search in the title, summary, description and keywords, in every "
            "language. A practice matches when it contains every word; punctuation and "
            f"operators are ordinary text. At most {selectors.MAX_QUERY_LENGTH} characters are read."
        ),
    ),
    _facet("field", "Field of excellence code (e.g. T3)."),
    _facet("country", "Country of the host, ISO 3166-1 alpha-2 code (e.g. FR)."),
    _facet("sector", "Economic sector code (ISCED-F 2013 detailed field, e.g. 071)."),
    _facet("eqf", "EQF level.", [str(n) for n in range(1, 9)]),
    _facet("target", "Target group.", list(TargetGroup.values)),
    _facet("stage", "Stage of the practice.", list(Stage.values)),
    _facet("label", "Label given after review.", list(Label.values)),
    _facet("language", "Language in which visits can be hosted (ISO 639-1 code)."),
    _facet("host", "`yes`: the host can receive visitors for this practice.", ["yes"]),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=list(selectors.SORTS),
        description=(
            "Order: `relevance` (default when `q` is given), `newest` (default otherwise) "
            "or `title`. `relevance` without `q` means `newest`."
        ),
    ),
]


def _catalogue(request: Request) -> QuerySet[Practice]:
    query = selectors.CatalogueQuery.from_params(request.query_params)
    return selectors.catalogue(query)


class PracticePagination(PageNumberPagination):
    django_paginator_class = selectors.CataloguePaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        operation_id="practices_list",
        summary=_("Search the published practices"),
        parameters=CATALOGUE_PARAMETERS,
    )
)
class PracticeListView(ListAPIView):
    """Published practices matching the search and the facet filters, in the
    requested order, 20 a page (`page_size` up to 100)."""

    serializer_class = PracticeSummarySerializer
    pagination_class = PracticePagination

    def get_queryset(self) -> QuerySet[Practice]:
        # One query for the page and one for its translations, whatever its size.
        return _catalogue(self.request).prefetch_related(
            Prefetch(
                "translations", queryset=PracticeTranslation.objects.only("practice_id", "language")
            )
        )


class PracticeFacetsView(APIView):
    """How many of the matching practices have each facet value."""

    @extend_schema(
        tags=TAGS,
        operation_id="practices_facets",
        summary=_("Count the matching practices per facet value"),
        parameters=CATALOGUE_PARAMETERS,
        responses=FacetCountsSerializer,
    )
    def get(self, request: Request) -> Response:
        return Response(selectors.facet_counts(_catalogue(request)))


class PracticeDetailView(RetrieveAPIView):
    """One published practice: its fact sheet, in a translation when asked for."""

    serializer_class = PracticeDetailSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Practice]:
        return (
            selectors.public_practices()
            .filter(published_revision__isnull=False)
            .select_related("host", "published_revision")
            .prefetch_related("translations")
        )

    @extend_schema(
        tags=TAGS,
        operation_id="practices_retrieve",
        summary=_("Read a published practice"),
        parameters=[
            OpenApiParameter(
                "lang",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                description=(
                    "Language code (e.g. `fr`). The text is returned in that language when a "
                    "translation exists (see `translations`), otherwise in the original; "
                    "`language` says which. Default: the original."
                ),
            )
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        practice = self.get_object()
        language = str(request.query_params.get("lang", ""))[:10].strip().lower()
        localized = selectors.localized(practice, language or practice.source_language)
        serializer = self.get_serializer(
            practice, context={**self.get_serializer_context(), "localized": localized}
        )
        return Response(serializer.data)


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 document: JSON by default, YAML with ``?format=yaml``."""

    renderer_classes = [
        OpenApiJsonRenderer,
        OpenApiJsonRenderer2,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]


class DocsView(SpectacularSwaggerView):
    """Swagger UI from this site's static files, started by a static script
    (the Content-Security-Policy forbids inline scripts and CDNs)."""

    template_name = "api/swagger.html"
