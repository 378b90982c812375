"""Which facet values a published fact sheet contributes to the catalogue."""

from __future__ import annotations

from typing import Any

# Facet names as they appear in catalogue URLs and the API.
FACETS = ("field", "country", "sector", "eqf", "target", "stage", "label", "language", "host")


def facet_values(*, content: dict[str, Any], country: str, label: str) -> set[tuple[str, str]]:
    """(facet, value) pairs for one published revision."""
    pairs: set[tuple[str, str]] = set()
    if country:
        pairs.add(("country", country))
    if label:
        pairs.add(("label", label))
    if content.get("stage"):
        pairs.add(("stage", str(content["stage"])))
    if content.get("can_host") == "yes":
        pairs.add(("host", "yes"))
    for facet, key in (
        ("field", "fields"),
        ("sector", "sectors"),
        ("eqf", "eqf_levels"),
        ("target", "target_groups"),
        ("language", "visit_languages"),
    ):
        pairs.update((facet, str(value)) for value in content.get(key) or [])
    return pairs
