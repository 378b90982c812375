"""Reads in the excellence framework."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from mobinnov.excellence.models import (
    Cluster,
    Definition,
    DefinitionTopic,
    FieldOfExcellence,
    ReferenceDefinition,
)


def framework(*, include_retired: bool = False) -> QuerySet[Cluster]:
    """Clusters with their fields (in order) prefetched."""
    fields = FieldOfExcellence.objects.order_by("position", "code")
    if not include_retired:
        fields = fields.filter(is_retired=False)
    return Cluster.objects.prefetch_related(Prefetch("fields", queryset=fields)).order_by("number")


def field_is_in_use(field: FieldOfExcellence) -> bool:
    """True when any record refers to the field (whatever app it belongs to)."""
    for relation in field._meta.related_objects:
        accessor = relation.get_accessor_name()
        if accessor is None:
            continue
        related: Any = getattr(field, accessor)
        if relation.one_to_one:
            if related is not None:
                return True
        elif related.exists():
            return True
    return False


def definitions_side_by_side() -> list[dict[str, Any]]:
    """Per topic: the published sources, the network's common definition and
    every active partner's own, ready to show in columns."""
    rows = Definition.objects.select_related("organisation", "updated_by").filter(
        Q(organisation__isnull=True) | Q(organisation__is_active=True)
    )
    by_topic: dict[str, dict[str, Any]] = {
        topic: {"topic": topic, "label": label, "common": None, "partners": [], "sources": []}
        for topic, label in DefinitionTopic.choices
    }
    for definition in rows.order_by("organisation__name"):
        entry = by_topic[definition.topic]
        if definition.organisation_id is None:
            entry["common"] = definition
        else:
            entry["partners"].append(definition)
    for reference in ReferenceDefinition.objects.order_by("position"):
        by_topic[reference.topic]["sources"].append(reference)
    return list(by_topic.values())
