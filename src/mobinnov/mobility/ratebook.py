"""The rate tables in force: the shipped file, with the call years an admin has
edited (``RateTable`` rows) taking precedence.

Edits go through :func:`save_call_year`, which validates the whole year with
the same parser as the file, so a table that cannot price a mobility is never
stored."""

from __future__ import annotations

import copy
import json
from typing import Any

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from mobinnov.core.concurrency import EditConflict, claim_version
from mobinnov.mobility.rates import RATES_FILE, RateBook, RatesError, parse_rates

# (stamp of the edited rows, book) of the last parse in this process.
_parsed: tuple[Any, RateBook] | None = None


def _file_document() -> dict[str, Any]:
    return json.loads(RATES_FILE.read_text(encoding="utf-8"))


def document() -> dict[str, Any]:
    """The rates document in force (file overlaid with the edited years)."""
    from mobinnov.mobility.models import RateTable

    data = _file_document()
    edited = {row.call_year: row.data for row in RateTable.objects.all()}
    years = [edited.pop(node["call_year"], node) for node in data["call_years"]]
    years.extend(edited[year] for year in sorted(edited))
    data["call_years"] = years
    return data


def active_rates() -> RateBook:
    """The :class:`RateBook` every budget uses. Parsed again only when the
    edited rows changed (one small query tells), so every process sees an edit."""
    global _parsed
    from mobinnov.mobility.models import RateTable

    stamp = tuple(
        RateTable.objects.aggregate(
            n=Count("id"), last=Max("updated_at"), v=Max("version")
        ).values()
    )
    if _parsed is None or _parsed[0] != stamp:
        _parsed = (stamp, parse_rates(document()))
    return _parsed[1]


def call_year_document(call_year: int) -> dict[str, Any] | None:
    for node in document()["call_years"]:
        if node["call_year"] == call_year:
            return copy.deepcopy(node)
    return None


def save_call_year(call_year: int, node: dict[str, Any], user: Any, expected_version: int) -> None:
    """Store the edited tables of ``call_year`` after validating them all.

    Raises :class:`RatesError` (nothing stored) if the year does not parse,
    and :class:`~mobinnov.core.concurrency.EditConflict` when someone else
    saved the year since ``expected_version`` was read."""
    from mobinnov.mobility.models import RateTable

    if node.get("call_year") != call_year:
        raise RatesError(f"call {call_year}: the tables name call year {node.get('call_year')}")
    whole = document()
    whole["call_years"] = [n for n in whole["call_years"] if n["call_year"] != call_year] + [node]
    parse_rates(whole)  # raises RatesError with the place of the problem
    with transaction.atomic():
        row, created = RateTable.objects.get_or_create(
            call_year=call_year, defaults={"data": node, "updated_by": user}
        )
        if not created:
            claim_version(row, expected_version)
            row.data = node
            row.updated_by = user
            row.updated_at = timezone.now()
            row.save(update_fields=["data", "updated_by", "updated_at", "version"])
        elif expected_version != 0:
            # The form was opened on an edited year that has since been removed.
            raise EditConflict()


def table_version(call_year: int) -> int:
    """The version an edit form carries: 0 while the year comes from the file."""
    from mobinnov.mobility.models import RateTable

    row = RateTable.objects.filter(call_year=call_year).values_list("version", flat=True).first()
    return row or 0
