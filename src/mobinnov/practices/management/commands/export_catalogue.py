"""``mobinnov export_catalogue --format pdf|csv|xlsx|json --output PATH``."""

from __future__ import annotations

import os
import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.http import QueryDict
from django.utils import translation

from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.practices import booklet, exports, selectors

FORMATS = ("pdf", "csv", "xlsx", "json")


class ProgressBar:
    """``[##########----------]  12/40 label`` on a terminal (redrawn in place);
    elsewhere (cron, logs) a line at every quarter."""

    def __init__(self, stream: OutputWrapper, label: str, width: int = 30) -> None:
        self.stream, self.label, self.width = stream, label, width
        self.tty = stream.isatty()
        self.last_quarter = -1

    def __call__(self, done: int, total: int) -> None:
        total = max(total, 1)
        filled = round(self.width * done / total)
        line = f"[{'#' * filled}{'-' * (self.width - filled)}] {done:>{len(str(total))}}/{total} {self.label}"
        if self.tty:
            self.stream.write("\r" + line, ending="\n" if done >= total else "")
            self.stream.flush()
            return
        quarter = 4 * done // total
        if quarter != self.last_quarter:
            self.last_quarter = quarter
            self.stream.write(line)


class Command(BaseCommand):
    help = (
        "Export the public practices of the catalogue, all of them or those a search finds "
        "(--field, --country, --q work as the catalogue's filters), as a PDF booklet, CSV "
        "(UTF-8 with BOM, for Excel), an Excel workbook or JSON. Only published, public "
        "practices are ever exported. A progress bar is shown on standard error."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--format", required=True, choices=FORMATS, help="What to write.")
        parser.add_argument(
            "--output", required=True, help="The file to write (replaced if it exists)."
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="Language of the text where a translation exists, and of the booklet (default %(default)s).",
        )
        parser.add_argument(
            "--field",
            action="append",
            default=[],
            metavar="CODE",
            help="Field of excellence code, e.g. T4 (repeatable).",
        )
        parser.add_argument(
            "--country",
            action="append",
            default=[],
            metavar="CODE",
            help="Country code, e.g. FR (repeatable).",
        )
        parser.add_argument(
            "--q", default="", metavar="WORDS", help="Search words, as in the catalogue."
        )
        parser.add_argument("--title", default="", help="Title of the PDF booklet.")

    def handle(self, *args: Any, **options: Any) -> None:
        language = str(options["language"]).lower()
        if language not in {code for code, _name in [*settings.LANGUAGES, *WORKING_LANGUAGES]}:
            raise CommandError(f"Unknown language {language!r}.")
        params = QueryDict(mutable=True)
        params.setlist("field", [code.strip().upper() for code in options["field"]])
        params.setlist("country", [code.strip().upper() for code in options["country"]])
        params["q"] = options["q"]
        query = selectors.CatalogueQuery.from_params(params)
        practices = list(booklet.prefetched(selectors.catalogue(query)))
        fmt, output = options["format"], Path(options["output"])
        if not output.parent.is_dir():
            raise CommandError(f"No such directory: {output.parent}")
        progress = ProgressBar(
            self.stderr, "steps (practices, then pages)" if fmt == "pdf" else "practices"
        )
        if fmt == "pdf":
            with translation.override(language):
                title = options["title"] or translation.gettext("Innovative practices")
            data = booklet.build_booklet(
                practices, language=language, title=title, progress=progress
            )
        else:
            data = exports.EXPORTERS[fmt](
                practices, language, include_email=True, progress=progress
            )
        self._write(output, data)
        self.stdout.write(
            f"Exported {len(practices)} practice(s) as {fmt} to {output} ({len(data) / 1024:.1f} KiB)."
        )

    def _write(self, output: Path, data: bytes) -> None:
        """Write the whole file or nothing (temporary file, then rename)."""
        handle, temporary = tempfile.mkstemp(
            dir=output.parent, prefix=f".{output.name}.", suffix=".part"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
