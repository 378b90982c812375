"""JSON shapes of the public API. Everything here is read-only and comes from
the published columns of a practice or its published revision; the contact
e-mail address stays out (the site shows it to signed-in people only)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mobinnov.practices.choices import Label
from mobinnov.practices.facets import FACETS
from mobinnov.practices.models import Practice
from mobinnov.practices.selectors import LocalizedPractice
from mobinnov.practices.template import FIELDS, TemplateField

# Fact-sheet fields the public API never returns.
PRIVATE_CONTENT_FIELDS = frozenset({"contact_email"})
PUBLIC_CONTENT_FIELDS = tuple(spec for spec in FIELDS if spec.name not in PRIVATE_CONTENT_FIELDS)


def _absolute(context: dict[str, Any], path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


def _content_field(spec: TemplateField) -> serializers.Field:
    """A documented field for one field of the fact-sheet template."""
    common: dict[str, Any] = {"help_text": spec.label, "required": False, "allow_null": True}
    if spec.kind in {"multichoice", "urls"}:
        return serializers.ListField(child=serializers.CharField(), **common)
    if spec.kind == "int":
        return serializers.IntegerField(**common)
    if spec.kind == "date":
        return serializers.DateField(**common)
    return serializers.CharField(**common)


# The published fact sheet (template.FIELDS), for the schema only: the API
# returns the stored values as they are.
PracticeContentSerializer: type[serializers.Serializer] = type(
    "PracticeContentSerializer",
    (serializers.Serializer,),
    {spec.name: _content_field(spec) for spec in PUBLIC_CONTENT_FIELDS},
)


def public_content(content: dict[str, Any]) -> dict[str, Any]:
    """The fact-sheet fields of ``content`` that the API shows, in template order."""
    return {spec.name: content.get(spec.name) for spec in PUBLIC_CONTENT_FIELDS}


class HostSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)
    country = serializers.CharField(read_only=True, help_text=_("ISO 3166-1 alpha-2 code."))
    city = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The partner's page on the site."))

    def get_url(self, organisation: Any) -> str:
        return _absolute(self.context, organisation.get_absolute_url())


class PracticeSummarySerializer(serializers.Serializer):
    """A practice in a list: the published catalogue columns, in the original language."""

    slug = serializers.SlugField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("This practice in the API."))
    html_url = serializers.SerializerMethodField(help_text=_("The practice's page on the site."))
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    host = HostSerializer(read_only=True)
    country = serializers.CharField(read_only=True, help_text=_("ISO 3166-1 alpha-2 code."))
    label = serializers.ChoiceField(choices=Label.choices, allow_blank=True, read_only=True)
    published_at = serializers.DateTimeField(read_only=True)
    source_language = serializers.CharField(
        read_only=True, help_text=_("Language the fact sheet was written in.")
    )
    translations = serializers.SerializerMethodField(
        help_text=_("Languages the fact sheet is translated into.")
    )

    def get_url(self, practice: Practice) -> str:
        return _absolute(
            self.context, reverse("api:practice-detail", kwargs={"slug": practice.slug})
        )

    def get_html_url(self, practice: Practice) -> str:
        return _absolute(self.context, practice.get_absolute_url())

    def get_translations(self, practice: Practice) -> list[str]:
        return sorted(t.language for t in practice.translations.all())


class PracticeDetailSerializer(PracticeSummarySerializer):
    """One published practice in the requested language (context ``localized``)."""

    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField(read_only=True)
    language = serializers.SerializerMethodField(
        help_text=_(
            "Language of the text returned: the one asked for when a translation exists, else the original's."
        )
    )
    translation_outdated = serializers.SerializerMethodField(
        help_text=_("The original changed after this translation was made.")
    )
    content = serializers.SerializerMethodField()

    @property
    def localized(self) -> LocalizedPractice:
        localized: LocalizedPractice = self.context["localized"]
        return localized

    def get_title(self, practice: Practice) -> str:
        return str(self.localized.content.get("title") or practice.title)

    def get_summary(self, practice: Practice) -> str:
        return str(self.localized.content.get("summary") or practice.summary)

    def get_language(self, practice: Practice) -> str:
        return self.localized.language

    def get_translation_outdated(self, practice: Practice) -> bool:
        return self.localized.outdated

    def get_translations(self, practice: Practice) -> list[str]:
        return self.localized.available

    @extend_schema_field(PracticeContentSerializer)
    def get_content(self, practice: Practice) -> dict[str, Any]:
        return public_content(self.localized.content)


# {facet: {value: count}} for the schema.
FacetCountsSerializer: type[serializers.Serializer] = type(
    "FacetCountsSerializer",
    (serializers.Serializer,),
    {
        facet: serializers.DictField(
            child=serializers.IntegerField(), help_text=_("Number of practices per value.")
        )
        for facet in FACETS
    },
)
