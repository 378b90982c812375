"""Import existing fact sheets from a spreadsheet (XLSX).

The workbook has a sheet "Practices": row 1 holds the column names (one per
template field, plus ``import_key``, ``host_erasmus_oid``, ``host_slug`` and
``language``), row 2 explains each column, then one row per practice. A row
whose first cell starts with "#" is a note and is skipped, as are empty rows.

Each row is validated by :class:`~mobinnov.practices.forms.PracticeForm` (the
web form's rules) and must also fill every required field of the template: an
imported fact sheet is complete. Every error is reported with its cell; when a
single row is wrong nothing is written.

A row is matched to an existing practice of the same host by its import key
(kept in the revision content under the reserved key ``"import_key"``) or, when
it has none, by its title. A matched practice gets a new revision only when its
content changed, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from mobinnov.accounts.models import User
from mobinnov.core.concurrency import EditConflict
from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.core.permissions import can
from mobinnov.network.models import Organisation
from mobinnov.practices import services
from mobinnov.practices.forms import CHOICE_SOURCES, PracticeForm, content_from_cleaned
from mobinnov.practices.models import Practice, PracticeRevision
from mobinnov.practices.template import BY_NAME, FIELDS, REQUIRED, TemplateField, is_filled

SHEET = "Practices"
INSTRUCTIONS_SHEET = "Instructions"
VALUES_SHEET = "Values"

KEY = "import_key"  # column name, and the reserved key in the revision content
HOST_OID = "host_erasmus_oid"
HOST_SLUG = "host_slug"
LANGUAGE = "language"
META_COLUMNS = (KEY, HOST_OID, HOST_SLUG, LANGUAGE)
COLUMNS = (*META_COLUMNS, *(spec.name for spec in FIELDS))

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024  # an XLSX is a zip: refuse zip bombs
MAX_ROWS = 1000  # practices in one file
MAX_SCANNED_ROWS = 20_000  # rows read, empty ones included
MAX_KEY_LENGTH = 100
NOTE_PREFIX = "#"
LIST_SEPARATORS = re.compile(r"[;,]")
URL_SEPARATORS = re.compile(r"[;\n\r]+")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


class ImportFileError(Exception):
    """The upload is not a workbook this importer can read."""


@dataclass
class ImportIssue:
    """One problem, located by its cell when it has one."""

    message: str
    row: int | None = None
    column: str = ""  # the column's name in row 1
    cell: str = ""  # e.g. "C7"

    @property
    def where(self) -> str:
        if self.cell:
            return self.cell
        if self.row is not None:
            return _("row %(row)s") % {"row": self.row}
        return ""

    def __str__(self) -> str:
        where = self.where
        if where and self.column:
            where = f"{where} ({self.column})"
        return f"{where}: {self.message}" if where else self.message


def _column_position(issue: ImportIssue) -> int:
    return COLUMNS.index(issue.column) if issue.column in COLUMNS else len(COLUMNS)


@dataclass
class ImportRow:
    """One practice of the file and what the import does with it."""

    number: int
    key: str = ""
    title: str = ""
    host: Organisation | None = None
    language: str = ""
    content: dict[str, Any] = field(default_factory=dict)
    errors: list[ImportIssue] = field(default_factory=list)
    action: str = ""  # create | update | unchanged, once the row is valid
    practice: Practice | None = None
    expected_version: int = 0
    absent: tuple[str, ...] = ()  # template fields without a column in the file

    @property
    def action_label(self) -> str:
        labels = {CREATE: _("new draft"), UPDATE: _("updated"), UNCHANGED: _("unchanged")}
        return labels.get(self.action, "")


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[ImportIssue] = field(default_factory=list)
    dry_run: bool = False
    applied: bool = False  # True once the practices are written

    @property
    def errors(self) -> list[ImportIssue]:
        """Every error: the file's, then each row's in the order of its columns."""
        return [
            *self.file_errors,
            *(issue for row in self.rows for issue in sorted(row.errors, key=_column_position)),
        ]

    @property
    def ok(self) -> bool:
        return not self.errors

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    @property
    def created(self) -> int:
        return self._count(CREATE)

    @property
    def updated(self) -> int:
        return self._count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)


# -- the template ------------------------------------------------------------


def _flat_choices(choices: list[tuple[Any, Any]]) -> list[tuple[str, str]]:
    """Choices with their option groups flattened: [(code, label), ...]."""
    flat: list[tuple[str, str]] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.extend((str(v), str(lab)) for v, lab in label)
        else:
            flat.append((str(value), str(label)))
    return flat


def _choices(spec: TemplateField) -> list[tuple[str, str]]:
    return _flat_choices(CHOICE_SOURCES[spec.choices_from]())


def _codes_hint(spec: TemplateField) -> str:
    if spec.choices_from == "eqf":
        return "1-8"
    codes = [code for code, _label in _choices(spec)]
    if len(codes) > 6:
        return ", ".join(codes[:3]) + "… " + _("(see the Values sheet)")
    return ", ".join(codes)


def _describe(name: str) -> str:
    """The explanation in row 2 of the template."""
    if name == KEY:
        return _(
            "Import key (optional): a stable identifier of the practice in your own records. "
            "Without it, a practice is recognised by its host and its title."
        )
    if name == HOST_OID:
        return _("Host organisation: its Erasmus+ OID, e.g. E10012345 (or fill in host_slug)")
    if name == HOST_SLUG:
        return _("Host organisation: its short name in web addresses (or fill in host_erasmus_oid)")
    if name == LANGUAGE:
        return _("Language of the fact sheet — required — a code of the Values sheet, e.g. en")
    spec = BY_NAME[name]
    parts = [str(spec.label), _("required") if spec.required else _("optional")]
    if spec.kind in {"choice", "multichoice"}:
        parts.append(_("codes: %(codes)s") % {"codes": _codes_hint(spec)})
        if spec.kind == "multichoice":
            parts.append(_("several separated by ;"))
    elif spec.kind == "date":
        parts.append(_("a date, e.g. 2024-09-01"))
    elif spec.kind == "int":
        parts.append(_("a whole number"))
    elif spec.kind == "email":
        parts.append(_("an e-mail address"))
    elif spec.kind == "urls":
        parts.append(_("web addresses, one per line or separated by ;"))
    elif spec.kind == "keywords":
        parts.append(_("separated by commas"))
    if spec.max_length and spec.kind not in {"email", "urls"}:
        parts.append(_("at most %(count)s characters") % {"count": spec.max_length})
    return " — ".join(parts)


def _instructions() -> list[str]:
    return [
        _("Importing fact sheets of practices"),
        "",
        _("1. Fill in one row per practice in the sheet “Practices”, from row 3 on."),
        _(
            "2. Row 1 holds the column names: do not change them. Row 2 explains each column; "
            "a row whose first cell starts with # is ignored, and so are empty rows."
        ),
        _(
            "3. Name the host organisation by its Erasmus+ OID (host_erasmus_oid) or its short "
            "name (host_slug). You can only import practices of organisations you belong to."
        ),
        _(
            "4. language is the code of the language the fact sheet is written in (see the Values sheet)."
        ),
        _("5. Every required column must be filled: an imported fact sheet must be complete."),
        _(
            "6. Lists (sectors, EQF levels, fields of excellence, target groups, languages): "
            "separate the codes with ; (a comma also works). The allowed codes are in the Values sheet."
        ),
        _("7. Dates: an Excel date or the form YYYY-MM-DD, e.g. 2024-09-01."),
        _("8. Links: one web address per line, or separated by ;."),
        _(
            "9. import_key (optional) identifies a practice across imports. Without it a practice is "
            "recognised by its host and title. Importing the same file again creates no duplicates: "
            "a practice is only updated, with a new revision, when its row changed."
        ),
        _(
            "10. If any row has an error, nothing is imported: the report lists every error with its cell."
        ),
        _(
            "11. Imported practices are drafts: check them on the site, then submit them for review."
        ),
    ]


def template_workbook(*, user: User | None = None) -> bytes:
    """The downloadable XLSX template, in the active language. With ``user``,
    the Values sheet also lists the organisations that person may import for."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    bold = Font(bold=True)
    note_font = Font(italic=True, color="444444")
    note_fill = PatternFill("solid", fgColor="EEEEEE")
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=name)
        header.font = bold
        description = _describe(name)
        note = sheet.cell(
            row=2, column=index, value=f"{NOTE_PREFIX} {description}" if index == 1 else description
        )
        note.font, note.fill, note.alignment = note_font, note_fill, wrap
        spec = BY_NAME.get(name)
        width = 40 if spec is not None and spec.kind == "longtext" else 22
        sheet.column_dimensions[letter].width = width
        if spec is not None and spec.kind == "date":
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
        elif spec is None or spec.kind in {"choice", "multichoice", "text"}:
            # Codes such as sector 071 must stay text, not become numbers.
            sheet.column_dimensions[letter].number_format = "@"
        allowed: list[str] = []
        if spec is not None and spec.kind == "choice":
            allowed = [code for code, _label in _choices(spec)]
        elif name == LANGUAGE:
            allowed = [code for code, _label in WORKING_LANGUAGES]
        formula = '"' + ",".join(allowed) + '"'
        if allowed and len(formula) <= 255:
            validation = DataValidation(type="list", formula1=formula, allow_blank=True)
            validation.add(f"{letter}3:{letter}{MAX_ROWS + 2}")
            sheet.add_data_validation(validation)
    sheet.row_dimensions[2].height = 90
    sheet.freeze_panes = "A3"

    instructions = workbook.create_sheet(INSTRUCTIONS_SHEET)
    instructions.column_dimensions["A"].width = 120
    for number, line in enumerate(_instructions(), start=1):
        cell = instructions.cell(row=number, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True)
        if number == 1:
            cell.font = Font(bold=True, size=14)

    values = workbook.create_sheet(VALUES_SHEET)
    for index, title in enumerate((_("Columns"), _("Code"), _("Meaning")), start=1):
        values.cell(row=1, column=index, value=title).font = bold
    values.column_dimensions["A"].width = 30
    values.column_dimensions["B"].width = 24
    values.column_dimensions["C"].width = 70
    lists: dict[str, list[str]] = {}
    for spec in FIELDS:
        if spec.choices_from:
            lists.setdefault(spec.choices_from, []).append(spec.name)
    lists.setdefault("languages", []).insert(0, LANGUAGE)
    for source, columns in lists.items():
        for code, label in _flat_choices(CHOICE_SOURCES[source]()):
            values.append([", ".join(columns), code, label])
    if user is not None:
        for org in _importable_hosts(user):
            values.append(
                [f"{HOST_SLUG}, {HOST_OID}", org.slug, f"{org.name} ({org.erasmus_oid or '—'})"]
            )
    values.freeze_panes = "A2"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _importable_hosts(user: User) -> list[Organisation]:
    orgs = (
        Organisation.objects.filter(is_active=True, memberships__user=user)
        .distinct()
        .order_by("name")
    )
    return [org for org in orgs if can(user, "practice.create", org)]


# -- reading -----------------------------------------------------------------


def _not_a_workbook() -> ImportFileError:
    return ImportFileError(
        _(
            "This file is not an Excel workbook (.xlsx). Save the spreadsheet as “Excel "
            "Workbook (.xlsx)” — CSV, XLS and ODS files cannot be read — or start from the template."
        )
    )


def _read_bytes(source: Any) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | Path):
        with open(source, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read(MAX_BYTES + 1)
    if hasattr(source, "seek"):
        source.seek(0)
    return bytes(data)


def open_workbook(source: Any) -> Any:
    """Load an XLSX from bytes, a path or a file; :class:`ImportFileError` with
    a message for people when it is not one."""
    try:
        data = _read_bytes(source)
    except OSError as error:
        raise ImportFileError(_("The file cannot be read: %(error)s") % {"error": error}) from error
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB: split it into several files."))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _not_a_workbook()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _not_a_workbook() from error
    if "xl/workbook.xml" not in names:
        raise _not_a_workbook()
    if expanded > MAX_UNCOMPRESSED:
        raise ImportFileError(
            _("The workbook is too large once unpacked: split it into several files.")
        )
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on damaged files
        raise _not_a_workbook() from error


def _text(value: Any) -> str:
    """A cell as text: whole numbers without ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def _allowed(spec: TemplateField) -> dict[str, str]:
    """Case-insensitive code -> the code itself."""
    return {code.casefold(): code for code, _label in _choices(spec)}


def _code(spec: TemplateField, value: Any) -> str:
    text = _text(value)
    if spec.choices_from == "sectors" and text.isdigit():
        text = text.zfill(3)  # 71 typed as a number is sector 071
    return text


def _unknown_code(spec: TemplateField, code: str) -> str:
    if spec.choices_from == "eqf":
        return _("EQF level %(value)s is not between 1 and 8.") % {"value": code}
    return _("“%(value)s” is not an allowed code for “%(field)s”: see the Values sheet.") % {
        "value": code,
        "field": spec.label,
    }


def _convert(spec: TemplateField, value: Any, allowed: dict[str, str]) -> tuple[Any, list[str]]:
    """The cell as PracticeForm data, and the problems found on the way."""
    if spec.kind == "multichoice":
        if isinstance(value, int | float) and not isinstance(value, bool):
            tokens = [_code(spec, value)]
        else:
            tokens = [_code(spec, t) for t in LIST_SEPARATORS.split(_text(value))]
        codes, problems = [], []
        for token in (t for t in tokens if t):
            code = allowed.get(token.casefold())
            if code is None:
                problems.append(_unknown_code(spec, token))
            elif code not in codes:
                codes.append(code)
        return codes, problems
    if spec.kind == "choice":
        token = _code(spec, value)
        if not token:
            return "", []
        code = allowed.get(token.casefold())
        return (code, []) if code is not None else (token, [_unknown_code(spec, token)])
    if spec.kind == "date":
        if value is None or (isinstance(value, str) and not value.strip()):
            return "", []
        if isinstance(value, datetime.datetime):
            return value.date().isoformat(), []
        if isinstance(value, datetime.date):
            return value.isoformat(), []
        text = _text(value)
        try:
            return datetime.date.fromisoformat(text).isoformat(), []
        except ValueError:
            return text, [
                _("“%(value)s” is not a date: use an Excel date or the form YYYY-MM-DD.")
                % {"value": text}
            ]
    if spec.kind == "urls":
        return "\n".join(p.strip() for p in URL_SEPARATORS.split(_text(value)) if p.strip()), []
    return _text(value), []


def _is_note(number: int, cells: tuple[Any, ...], sheet: _Sheet) -> bool:
    """A note row: its first cell starts with "#", or it is the template's row 2
    of explanations (whose language cell is a sentence, never a code)."""
    if _text(cells[0]).startswith(NOTE_PREFIX):
        return True
    index = sheet.columns.get(LANGUAGE, 0)
    return number == 2 and 0 < index <= len(cells) and "—" in _text(cells[index - 1])


@dataclass
class _Sheet:
    columns: dict[str, int]  # column name -> column number (1-based)

    def cell(self, name: str, row: int) -> str:
        return f"{get_column_letter(self.columns[name])}{row}"


def _read_header(values: tuple[Any, ...], report: ImportReport) -> _Sheet | None:
    columns: dict[str, int] = {}
    for index, value in enumerate(values, start=1):
        name = _text(value).lower()
        if not name:
            continue
        cell = f"{get_column_letter(index)}1"
        if name not in COLUMNS:
            report.file_errors.append(
                ImportIssue(
                    _("Unknown column “%(name)s”: use the column names of the template.")
                    % {"name": name},
                    row=1,
                    cell=cell,
                )
            )
        elif name in columns:
            report.file_errors.append(
                ImportIssue(
                    _("The column “%(name)s” appears twice.") % {"name": name}, row=1, cell=cell
                )
            )
        else:
            columns[name] = index
    if not columns:
        report.file_errors[:] = [
            ImportIssue(
                _(
                    "Row 1 must hold the column names of the template (import_key, host_erasmus_oid, "
                    "title, …). Download the template and copy your rows into it."
                )
            )
        ]
        return None
    missing = [name for name in (LANGUAGE, *REQUIRED) if name not in columns]
    if HOST_OID not in columns and HOST_SLUG not in columns:
        missing.insert(0, f"{HOST_OID} / {HOST_SLUG}")
    for name in missing:
        report.file_errors.append(
            ImportIssue(_("The column “%(name)s” is missing from row 1.") % {"name": name}, row=1)
        )
    return None if report.file_errors else _Sheet(columns)


class _Matcher:
    """Existing practices of each host, by import key and by title."""

    def __init__(self) -> None:
        self._index: dict[int, list[tuple[Practice, dict[str, Any]]]] = {}

    def _for_host(self, host: Organisation) -> list[tuple[Practice, dict[str, Any]]]:
        if host.pk not in self._index:
            latest = (
                PracticeRevision.objects.filter(practice=OuterRef("practice"))
                .order_by("-number")
                .values("number")[:1]
            )
            revisions = PracticeRevision.objects.filter(
                practice__host=host, number=Subquery(latest)
            ).select_related("practice", "practice__host")
            self._index[host.pk] = [(r.practice, dict(r.content)) for r in revisions]
        return self._index[host.pk]

    def find(
        self, host: Organisation, key: str, title: str
    ) -> list[tuple[Practice, dict[str, Any]]]:
        index = self._for_host(host)
        if key:
            by_key = [(p, c) for p, c in index if c.get(KEY) == key]
            if by_key:
                return by_key
        same_title = [(p, c) for p, c in index if _fold(c.get("title")) == _fold(title)]
        unkeyed = [(p, c) for p, c in same_title if not c.get(KEY)]
        return unkeyed if key else (unkeyed or same_title)


def _fold(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def _template_part(content: dict[str, Any]) -> dict[str, Any]:
    """The template fields, with every kind of emptiness made equal."""
    return {
        spec.name: content.get(spec.name) if is_filled(content.get(spec.name)) else None
        for spec in FIELDS
    }


class _Hosts:
    def __init__(self, user: User) -> None:
        self.user = user
        self._cache: dict[tuple[str, str], Organisation | None] = {}

    def get(self, lookup: str, value: str) -> Organisation | None:
        if (lookup, value) not in self._cache:
            queryset = Organisation.objects.filter(**{f"{lookup}__iexact": value})
            self._cache[(lookup, value)] = queryset.first()
        return self._cache[(lookup, value)]


def _resolve_host(row: ImportRow, values: dict[str, Any], sheet: _Sheet, hosts: _Hosts) -> None:
    oid = _text(values.get(HOST_OID)).upper() if HOST_OID in sheet.columns else ""
    slug = _text(values.get(HOST_SLUG)).lower() if HOST_SLUG in sheet.columns else ""
    column = (
        HOST_OID
        if HOST_OID in sheet.columns and (oid or HOST_SLUG not in sheet.columns)
        else HOST_SLUG
    )

    def error(message: str, name: str = column) -> None:
        row.errors.append(
            ImportIssue(message, row=row.number, column=name, cell=sheet.cell(name, row.number))
        )

    if not oid and not slug:
        error(
            _(
                "Name the host organisation: its Erasmus+ OID (host_erasmus_oid) or its short name (host_slug)."
            )
        )
        return
    by_oid = hosts.get("erasmus_oid", oid) if oid else None
    by_slug = hosts.get("slug", slug) if slug else None
    if oid and by_oid is None:
        error(
            _("No organisation of the network has the Erasmus+ OID “%(value)s”.") % {"value": oid},
            HOST_OID,
        )
        return
    if slug and by_slug is None:
        error(
            _("No organisation of the network has the short name “%(value)s”.") % {"value": slug},
            HOST_SLUG,
        )
        return
    if by_oid is not None and by_slug is not None and by_oid.pk != by_slug.pk:
        error(_("host_erasmus_oid and host_slug name two different organisations."), HOST_SLUG)
        return
    host = by_oid or by_slug
    assert host is not None
    if not host.is_active:
        error(_("%(name)s is not an active member of the network.") % {"name": host.name})
        return
    if not can(hosts.user, "practice.create", host):
        error(
            _(
                "You may not import practices for %(name)s: you are not a member of this organisation."
            )
            % {"name": host.name}
        )
        return
    row.host = host


def _read_row(
    row: ImportRow,
    values: dict[str, Any],
    sheet: _Sheet,
    hosts: _Hosts,
    allowed: dict[str, dict[str, str]],
) -> None:
    """Fill ``row`` from the cells, collecting every error."""

    def error(name: str, message: str) -> None:
        row.errors.append(
            ImportIssue(
                str(message), row=row.number, column=name, cell=sheet.cell(name, row.number)
            )
        )

    if KEY in sheet.columns:
        row.key = _text(values.get(KEY))
        if len(row.key) > MAX_KEY_LENGTH:
            error(
                KEY,
                _("An import key has at most %(count)s characters.") % {"count": MAX_KEY_LENGTH},
            )
    _resolve_host(row, values, sheet, hosts)
    language = _text(values.get(LANGUAGE)).lower()
    codes = {code for code, _name in WORKING_LANGUAGES}
    if not language:
        error(LANGUAGE, _("Give the language the fact sheet is written in, e.g. en or fr."))
    elif language not in codes:
        error(
            LANGUAGE,
            _("“%(value)s” is not a language code of the Values sheet.") % {"value": language},
        )
    else:
        row.language = language

    data: dict[str, Any] = {}
    flagged: set[str] = set()
    for spec in FIELDS:
        if spec.name not in sheet.columns:
            continue
        data[spec.name], problems = _convert(
            spec, values.get(spec.name), allowed.get(spec.name, {})
        )
        for problem in problems:
            error(spec.name, problem)
            flagged.add(spec.name)
    form = PracticeForm(data)
    form.is_valid()
    for name, messages in form.errors.items():
        if name in flagged:
            continue
        for message in messages:
            if name in BY_NAME:
                error(name, str(message))
                flagged.add(name)
            else:
                row.errors.append(ImportIssue(str(message), row=row.number))
    content = content_from_cleaned(getattr(form, "cleaned_data", {}))
    for name in REQUIRED:
        if name not in flagged and not is_filled(content.get(name)):
            error(name, _("Required: an imported fact sheet must be complete."))
    row.title = str(content.get("title") or _text(values.get("title")))
    row.absent = tuple(spec.name for spec in FIELDS if spec.name not in sheet.columns)
    row.content = content


def _plan(
    row: ImportRow,
    user: User,
    sheet: _Sheet,
    matcher: _Matcher,
    seen: dict[tuple[Any, ...], int],
) -> None:
    """Decide whether ``row`` creates, updates or leaves a practice alone."""
    assert row.host is not None
    identity = (
        (row.host.pk, "key", row.key) if row.key else (row.host.pk, "title", _fold(row.title))
    )
    if identity in seen:
        what = _("import key") if row.key else _("host and title")
        row.errors.append(
            ImportIssue(
                _("Row %(row)s of this file has the same %(what)s: each practice must appear once.")
                % {"row": seen[identity], "what": what},
                row=row.number,
            )
        )
        return
    seen[identity] = row.number
    matches = matcher.find(row.host, row.key, row.title)
    if not matches:
        if row.key:
            row.content[KEY] = row.key
        row.action = CREATE
        return
    if len(matches) > 1:
        row.errors.append(
            ImportIssue(
                _(
                    "Several practices of %(host)s are titled “%(title)s”: give this row the import key of one of them."
                )
                % {"host": row.host.name, "title": row.title},
                row=row.number,
            )
        )
        return
    practice, existing = matches[0]
    practice_id = ("practice", practice.pk)
    if practice_id in seen:
        row.errors.append(
            ImportIssue(
                _("Row %(row)s of this file already imports this practice.")
                % {"row": seen[practice_id]},
                row=row.number,
            )
        )
        return
    seen[practice_id] = row.number
    key = row.key or str(existing.get(KEY) or "")
    if key:
        row.content[KEY] = key
    row.practice = practice
    if row.language and row.language != practice.source_language:
        row.errors.append(
            ImportIssue(
                _("“%(title)s” is written in “%(existing)s”, not “%(language)s”.")
                % {
                    "title": row.title,
                    "existing": practice.source_language,
                    "language": row.language,
                },
                row=row.number,
                column=LANGUAGE,
                cell=sheet.cell(LANGUAGE, row.number),
            )
        )
        return
    for name in row.absent:
        # A column left out of the file keeps what the practice has.
        row.content[name] = existing.get(name)
    if _template_part(existing) == _template_part(row.content):
        row.action = UNCHANGED
        return
    if not can(user, "practice.edit", practice):
        row.errors.append(
            ImportIssue(
                _(
                    "“%(title)s” already exists and you may not edit it: ask a coordinator of %(host)s."
                )
                % {"title": row.title, "host": row.host.name},
                row=row.number,
            )
        )
        return
    if practice.status not in services.EDITABLE_STATES:
        row.errors.append(
            ImportIssue(
                _(
                    "“%(title)s” is submitted or in review: it cannot be updated until the review ends."
                )
                % {"title": row.title},
                row=row.number,
            )
        )
        return
    row.action = UPDATE
    row.expected_version = practice.version


def parse_workbook(file: Any, *, user: User) -> ImportReport:
    """Read and check every row; write nothing."""
    report = ImportReport()
    try:
        workbook = file if isinstance(file, openpyxl.Workbook) else open_workbook(file)
    except ImportFileError as error:
        report.file_errors.append(ImportIssue(str(error)))
        return report
    try:
        _parse(workbook, user, report)
    finally:
        workbook.close()
    return report


def _parse(workbook: Any, user: User, report: ImportReport) -> None:
    sheets = [ws for ws in workbook.worksheets if ws.title == SHEET] or list(workbook.worksheets)
    if not sheets:
        report.file_errors.append(ImportIssue(_("The workbook has no sheet.")))
        return
    rows = sheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or not any(_text(v) for v in header):
        report.file_errors.append(
            ImportIssue(
                _(
                    "The sheet “%(sheet)s” is empty: row 1 must hold the column names of the template."
                )
                % {"sheet": sheets[0].title}
            )
        )
        return
    sheet = _read_header(tuple(header), report)
    if sheet is None:
        return
    hosts, matcher = _Hosts(user), _Matcher()
    seen: dict[tuple[Any, ...], int] = {}
    allowed = {spec.name: _allowed(spec) for spec in FIELDS if spec.choices_from}
    for number, cells in enumerate(rows, start=2):
        if number > MAX_SCANNED_ROWS:
            report.file_errors.append(ImportIssue(_("The sheet has too many rows.")))
            return
        if not any(_text(v) for v in cells):
            continue
        if _is_note(number, cells, sheet):
            continue
        if len(report.rows) >= MAX_ROWS:
            report.file_errors.append(
                ImportIssue(
                    _("At most %(count)s practices can be imported at once: split the file.")
                    % {"count": MAX_ROWS}
                )
            )
            return
        values = {
            name: cells[index - 1] if index <= len(cells) else None
            for name, index in sheet.columns.items()
        }
        row = ImportRow(number=number)
        _read_row(row, values, sheet, hosts, allowed)
        if not row.errors:
            _plan(row, user, sheet, matcher, seen)
        report.rows.append(row)
    if not report.rows:
        report.file_errors.append(
            ImportIssue(
                _("The file holds no practice: fill in one row per practice from row 3 on.")
            )
        )


# -- writing -----------------------------------------------------------------


class _Rollback(Exception):
    def __init__(self, row: ImportRow, message: str) -> None:
        super().__init__(message)
        self.row, self.message = row, message


def import_workbook(file: Any, *, user: User, dry_run: bool = False) -> ImportReport:
    """Check the file, then (unless ``dry_run`` or an error) write every row in
    one transaction: new drafts, or new revisions of practices that changed."""
    report = parse_workbook(file, user=user)
    report.dry_run = dry_run
    if dry_run or not report.ok:
        return report
    note = _("Imported from a spreadsheet")
    try:
        with transaction.atomic():
            for row in report.rows:
                _apply(row, user, note)
    except _Rollback as failure:
        for row in report.rows:
            if row.action == CREATE:
                row.practice = None
        failure.row.errors.append(ImportIssue(failure.message, row=failure.row.number))
        return report
    report.applied = True
    return report


def _apply(row: ImportRow, user: User, note: str) -> None:
    try:
        if row.action == CREATE:
            assert row.host is not None
            row.practice = services.practice_create(
                host=row.host, author=user, content=row.content, language=row.language
            )
        elif row.action == UPDATE:
            assert row.practice is not None
            services.practice_save(
                practice=row.practice,
                author=user,
                content=row.content,
                expected_version=row.expected_version,
                note=note,
            )
    except EditConflict as error:
        raise _Rollback(
            row, _("Someone saved this practice while the file was imported: import it again.")
        ) from error
    except PermissionDenied as error:
        raise _Rollback(row, _("You may not write this practice.")) from error
    except ValidationError as error:
        raise _Rollback(row, " ".join(error.messages)) from error
