"""Exports of the public catalogue: CSV, Excel (XLSX) and JSON.

One row per public practice, in the order given: ``slug``, ``url``,
``title``, ``summary``, ``host``, ``country``, ``label``, ``published_at``,
then every other field of the fact-sheet template (``template.FIELDS``) by
its name. Text is the published text in the requested language when a
translation exists (``selectors.localized``); closed lists carry their codes,
as the database and the API do. In CSV and XLSX a list is one cell, its
values joined by ``"; "``; JSON keeps lists as lists.

The contact e-mail address is left out unless ``include_email`` is true:
the site shows it to signed-in people only.

Practices that are not public are never exported, whatever is passed in.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from mobinnov.core.spreadsheet import csv_safe
from mobinnov.practices import selectors
from mobinnov.practices.booklet import site_url
from mobinnov.practices.models import Practice
from mobinnov.practices.template import FIELDS

Progress = Callable[[int, int], None]

LEADING = ("slug", "url", "title", "summary", "host", "country", "label", "published_at")
LIST_SEPARATOR = "; "
# A spreadsheet reads a cell starting with one of these as a formula.
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
}


def columns(*, include_email: bool = False) -> list[str]:
    names = [spec.name for spec in FIELDS if spec.name not in LEADING]
    if not include_email:
        names.remove("contact_email")
    return [*LEADING, *names]


def public_only(practices: Iterable[Practice]) -> list[Practice]:
    """The public practices of ``practices`` (a queryset is filtered in the
    database and fetched with what the rows need)."""
    if isinstance(practices, QuerySet):
        practices = (
            practices.filter(is_public=True, published_revision__isnull=False)
            .select_related("host", "published_revision")
            .prefetch_related("translations")
        )
    return [p for p in practices if p.is_public and p.published_revision_id]


def record(
    practice: Practice, language: str, *, include_email: bool = False, base: str | None = None
) -> dict[str, Any]:
    """One practice as a dictionary of the export columns (lists kept)."""
    content = selectors.localized(practice, language).content
    row: dict[str, Any] = {
        "slug": practice.slug,
        "url": (base or site_url()) + practice.get_absolute_url(),
        "title": str(content.get("title") or practice.title),
        "summary": str(content.get("summary") or practice.summary),
        "host": practice.host.name,
        "country": str(practice.country or practice.host.country or ""),
        "label": practice.label,
        "published_at": timezone.localtime(practice.published_at).isoformat()
        if practice.published_at
        else "",
    }
    for name in columns(include_email=include_email)[len(LEADING) :]:
        value = content.get(name)
        row[name] = "" if value is None else value
    return row


def records(
    practices: Iterable[Practice],
    language: str,
    *,
    include_email: bool = False,
    progress: Progress | None = None,
    base: str | None = None,
) -> Iterator[dict[str, Any]]:
    items = public_only(practices)
    for done, practice in enumerate(items, start=1):
        yield record(practice, language, include_email=include_email, base=base)
        if progress is not None:
            progress(done, len(items))


def cell(value: Any) -> Any:
    """A value for one spreadsheet cell: lists joined, numbers kept."""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float):
        return value
    return str(value)


def export_csv(
    practices: Iterable[Practice],
    language: str,
    *,
    include_email: bool = False,
    progress: Progress | None = None,
    base: str | None = None,
) -> bytes:
    """UTF-8 CSV with a byte order mark, so Excel reads the accents."""
    names = columns(include_email=include_email)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in records(
        practices, language, include_email=include_email, progress=progress, base=base
    ):
        writer.writerow([csv_safe(cell(row[name])) for name in names])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(
    practices: Iterable[Practice],
    language: str,
    *,
    include_email: bool = False,
    progress: Progress | None = None,
    base: str | None = None,
) -> bytes:
    """An Excel workbook: one sheet, the header row bold and frozen. Text
    cells stay text (never formulas)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = columns(include_email=include_email)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "practices"
    sheet.append(names)
    for header in sheet[1]:
        header.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for number, row in enumerate(
        records(practices, language, include_email=include_email, progress=progress, base=base),
        start=2,
    ):
        for column, name in enumerate(names, start=1):
            value = cell(row[name])
            target = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                target.data_type = "s"  # "=..." is text here, not a formula
    for column, name in enumerate(names, start=1):
        width = {"slug": 28, "url": 40, "title": 40, "summary": 60}.get(name, 22)
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_json(
    practices: Iterable[Practice],
    language: str,
    *,
    include_email: bool = False,
    progress: Progress | None = None,
    base: str | None = None,
) -> bytes:
    """``{"language", "generated_at", "count", "practices": [...]}`` in UTF-8."""
    rows = list(
        records(practices, language, include_email=include_email, progress=progress, base=base)
    )
    data = {
        "language": language,
        "generated_at": timezone.now().isoformat(),
        "count": len(rows),
        "practices": rows,
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


EXPORTERS: dict[str, Callable[..., bytes]] = {
    "csv": export_csv,
    "xlsx": export_xlsx,
    "json": export_json,
}
