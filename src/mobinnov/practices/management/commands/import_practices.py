"""``mobinnov import_practices FILE.xlsx --user EMAIL [--dry-run]``."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from mobinnov.accounts.models import User
from mobinnov.practices.importer import ImportReport, import_workbook


class Command(BaseCommand):
    help = (
        "Import fact sheets of practices from an XLSX workbook made from the template "
        "(/practices/import/template.xlsx). Every row is checked first; if any row has an "
        "error nothing is written. New practices become drafts authored by --user; practices "
        "already imported get a new revision only when their row changed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="The .xlsx workbook.")
        parser.add_argument(
            "--user", required=True, help="E-mail address of the person importing (the author)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["user"].strip()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account has the e-mail address {email!r}.")
        report = import_workbook(options["file"], user=user, dry_run=options["dry_run"])
        self._print(report)
        if not report.ok:
            raise CommandError(
                f"{len(report.errors)} error(s): nothing was imported. Correct the file and run again."
            )

    def _print(self, report: ImportReport) -> None:
        for issue in report.file_errors:
            self.stderr.write(f"error: {issue}")
        for row in report.rows:
            title = row.title or "—"
            host = row.host.name if row.host else "?"
            if row.errors:
                self.stdout.write(f"row {row.number}: {title} ({host}): {len(row.errors)} error(s)")
                for issue in row.errors:
                    self.stdout.write(f"  {issue}")
            else:
                self.stdout.write(f"row {row.number}: {title} ({host}): {row.action_label}")
        if not report.ok:
            return
        summary = (
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged."
        )
        if report.dry_run:
            self.stdout.write(f"Dry run, nothing written: would be {summary}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}"))
