"""Printed outputs of practices: the fact sheet of one practice and the
booklet of many (PDF, through :mod:`mobinnov.core.pdf`).

Both are built from the same :class:`Sheet` (what one practice prints: key
facts and the sections of the fact-sheet template, ``template.py``) and the
same partial template ``practices/pdf/_sheet.html``. The booklet adds a cover,
a table of contents with page numbers, one part per cluster of the framework
(a practice belongs to the cluster of its first field of excellence) and an
index of the partners that host the practices.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from mobinnov.core import pdf
from mobinnov.excellence.models import FieldOfExcellence
from mobinnov.practices import selectors
from mobinnov.practices.choices import EvaluationLevel, Licence, VetType
from mobinnov.practices.models import Practice
from mobinnov.practices.template import FIELDS, IDENTIFICATION, META, TemplateField

Progress = Callable[[int, int], None]

# A fact sheet takes one or two pages: the estimate behind the progress of a booklet.
PAGES_PER_PRACTICE = 2
FACTSHEET_TEMPLATE = "practices/pdf/factsheet.html"
BOOKLET_TEMPLATE = "practices/pdf/booklet.html"

# Shown in the header or the contact block rather than among the key facts.
NOT_FACTS = {"title", "summary", "contact_name", "contact_email", "links", "licence"}


def site_url() -> str:
    return str(settings.SITE_URL).rstrip("/")


def choice_labels(language: str) -> dict[str, dict[str, str]]:
    """Display names of the codes of every closed list, per ``choices_from``
    source of the template, in ``language`` (call inside its translation)."""
    facets = selectors.facet_labels(language)
    return {
        "sectors": facets["sector"],
        "eqf": facets["eqf"],
        "fields": facets["field"],
        "target_groups": facets["target"],
        "stage": facets["stage"],
        "languages": facets["language"],
        "vet_type": {k: str(v) for k, v in VetType.choices},
        "evaluation_level": {str(k): str(v) for k, v in EvaluationLevel.choices},
        "yes_no": {"yes": _("Yes"), "no": _("No")},
        "licence": {k: str(v) for k, v in Licence.choices},
        "label": facets["label"],
    }


def display_value(spec: TemplateField, value: Any, labels: dict[str, dict[str, str]]) -> str:
    """One value of the template as a reader sees it (codes become names)."""
    if value in (None, "", [], {}):
        return ""
    names = labels.get(spec.choices_from, {})
    if spec.kind == "multichoice":
        return ", ".join(names.get(str(v), str(v)) for v in value)
    if spec.kind == "choice":
        return names.get(str(value), str(value))
    if spec.kind == "int":
        try:
            return formats.number_format(int(value), force_grouping=True)
        except (TypeError, ValueError):
            return str(value)
    if spec.kind == "date":
        try:
            return formats.date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
        except ValueError:
            return str(value)
    if spec.kind == "urls":
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    return str(value)


@dataclass
class Sheet:
    """What the fact sheet of one practice prints."""

    practice: Practice
    content: dict[str, Any]
    content_language: str
    url: str
    anchor: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    licence: str = ""
    label: str = ""
    country: str = ""
    city: str = ""
    working: bool = False
    show_email: bool = False
    cluster: str = ""
    first_field: str = ""

    @property
    def title(self) -> str:
        return str(self.content.get("title") or "") or self.practice.slug


def make_sheet(
    practice: Practice,
    *,
    labels: dict[str, dict[str, str]],
    content: dict[str, Any] | None = None,
    content_language: str | None = None,
    language: str,
    working: bool = False,
    show_email: bool = False,
    base: str | None = None,
) -> Sheet:
    """The :class:`Sheet` of ``practice``: its published text in ``language``
    when there is a translation (``selectors.localized``), or ``content`` (a
    working copy). Call inside ``translation.override(language)``."""
    if content is None:
        localized = selectors.localized(practice, language)
        content, content_language = localized.content, localized.language
    facts = [
        (str(spec.label), display_value(spec, content.get(spec.name), labels))
        for spec in FIELDS
        if spec.name not in NOT_FACTS
        and (spec.section == IDENTIFICATION or spec.kind != "longtext")
    ]
    sections: dict[str, list[tuple[str, str]]] = {}
    for spec in FIELDS:
        if spec.section in (IDENTIFICATION, META) or spec.kind != "longtext":
            continue
        text = str(content.get(spec.name) or "").strip()
        if text:
            sections.setdefault(str(spec.section), []).append((str(spec.label), text))
    links = content.get("links") or []
    return Sheet(
        practice=practice,
        content=content,
        content_language=content_language or practice.source_language,
        url=(base or site_url()) + practice.get_absolute_url(),
        anchor=f"practice-{practice.slug}",
        facts=[(name, value) for name, value in facts if value],
        sections=list(sections.items()),
        links=[str(link) for link in links] if isinstance(links, list) else [],
        licence=labels["licence"].get(
            str(content.get("licence") or ""), str(content.get("licence") or "")
        ),
        label=labels["label"].get(practice.label, "") if practice.label else "",
        country=str(practice.host.country.name) if practice.host.country else "",
        city=str(content.get("city") or practice.host.city or ""),
        working=working,
        show_email=show_email,
    )


def _now_text() -> str:
    return formats.date_format(timezone.localdate(), "DATE_FORMAT")


def factsheet_context(
    practice: Practice,
    *,
    language: str,
    content: dict[str, Any] | None = None,
    working: bool = False,
    show_email: bool = False,
    base: str | None = None,
) -> dict[str, Any]:
    """Context of ``practices/pdf/factsheet.html`` (call inside the translation)."""
    labels = choice_labels(language)
    sheet = make_sheet(
        practice,
        labels=labels,
        content=content,
        content_language=practice.source_language if content is not None else None,
        language=language,
        working=working,
        show_email=show_email,
        base=base,
    )
    return {"sheet": sheet, "generated": _now_text(), "NETWORK_NAME": settings.NETWORK_NAME}


def factsheet_html(practice: Practice, *, language: str, **options: Any) -> str:
    with translation.override(language):
        context = factsheet_context(practice, language=language, **options)
    return pdf.render_html(FACTSHEET_TEMPLATE, context, language=language)


def build_factsheet(
    practice: Practice, *, language: str, base: str | None = None, **options: Any
) -> bytes:
    """The fact sheet of ``practice`` as PDF bytes."""
    return pdf.html_to_pdf(
        factsheet_html(practice, language=language, base=base, **options),
        base_url=(base or site_url()) + "/",
    )


@dataclass
class Part:
    """One part of the booklet: the practices of one cluster."""

    number: int
    title: str
    anchor: str
    numbered: bool = True
    sheets: list[Sheet] = field(default_factory=list)


@dataclass
class Partner:
    name: str
    country: str
    sheets: list[Sheet] = field(default_factory=list)


def booklet_context(
    practices: Iterable[Practice],
    *,
    language: str,
    title: str,
    progress: Progress | None = None,
    base: str | None = None,
    show_email: bool = True,
) -> dict[str, Any]:
    """Context of ``practices/pdf/booklet.html`` (call inside the translation)."""
    items = [p for p in practices if p.is_public and p.published_revision_id]
    labels = choice_labels(language)
    fields = {
        f.code: f
        for f in FieldOfExcellence.objects.select_related("cluster").order_by(
            "cluster__number", "position"
        )
    }
    parts: dict[int, Part] = {}
    partners: dict[int, Partner] = {}
    order: dict[int, tuple[int, str]] = {}
    for done, practice in enumerate(items, start=1):
        sheet = make_sheet(
            practice, labels=labels, language=language, base=base, show_email=show_email
        )
        codes = [str(code) for code in (sheet.content.get("fields") or []) if str(code) in fields]
        first = fields[codes[0]] if codes else None
        if first is not None:
            number = first.cluster.number
            part = parts.setdefault(
                number,
                Part(
                    number, first.cluster.localized_name(language), f"cluster-{first.cluster.code}"
                ),
            )
            sheet.cluster, sheet.first_field = (
                part.title,
                labels["fields"].get(first.code, first.code),
            )
            order[id(sheet)] = (first.position, sheet.title.casefold())
        else:
            part = parts.setdefault(
                10_000, Part(10_000, _("Other practices"), "cluster-other", numbered=False)
            )
            sheet.cluster = part.title
            order[id(sheet)] = (0, sheet.title.casefold())
        part.sheets.append(sheet)
        host = practice.host
        partners.setdefault(host.pk, Partner(host.name, sheet.country)).sheets.append(sheet)
        if progress is not None:
            progress(done, len(items))
    for part in parts.values():
        part.sheets.sort(key=lambda s: order[id(s)])
    for partner in partners.values():
        partner.sheets.sort(key=lambda s: s.title.casefold())
    return {
        "title": title,
        "parts": [parts[number] for number in sorted(parts)],
        "partners": sorted(partners.values(), key=lambda p: p.name.casefold()),
        "count": len(items),
        "generated": _now_text(),
        "NETWORK_NAME": settings.NETWORK_NAME,
        "site_url": base or site_url(),
    }


def booklet_html(
    practices: Iterable[Practice], *, language: str, title: str, **options: Any
) -> str:
    with translation.override(language):
        context = booklet_context(practices, language=language, title=title, **options)
    return pdf.render_html(BOOKLET_TEMPLATE, context, language=language)


def build_booklet(
    practices: Iterable[Practice],
    *,
    language: str,
    title: str,
    progress: Progress | None = None,
    base: str | None = None,
) -> bytes:
    """A booklet of the public ``practices`` as PDF bytes: cover, table of
    contents with page numbers, one part per cluster, a fact sheet per
    practice and the index of partners.

    ``progress(done, total)`` counts steps: one per practice prepared, then
    one per page laid out (``total`` estimates the pages, see
    :data:`PAGES_PER_PRACTICE`); the last call is ``(total, total)``."""
    items = list(practices)
    pages = PAGES_PER_PRACTICE * len(items) + 4
    total = len(items) + pages
    laid_out = 0

    def prepared(done: int, count: int) -> None:
        if progress is not None:
            progress(done, total)

    def on_page(number: int) -> None:
        nonlocal laid_out
        if progress is not None and number > laid_out:
            laid_out = number
            progress(len(items) + min(number, pages - 1), total)

    html = booklet_html(items, language=language, title=title, progress=prepared, base=base)
    data = pdf.html_to_pdf(html, base_url=(base or site_url()) + "/", on_page=on_page)
    if progress is not None:
        progress(total, total)
    return data


def prefetched(practices: Any) -> Any:
    """``practices`` with what the printed outputs read, in few queries."""
    return practices.select_related("host", "published_revision").prefetch_related("translations")
