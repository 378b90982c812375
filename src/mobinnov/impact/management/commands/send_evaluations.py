"""``mobinnov send_evaluations``: schedule the evaluation questionnaires of
every mobility, e-mail those due, send the reminders, stop the e-mails of
cancelled mobilities and of people who left their organisation.

Run it from cron, for example every hour. Running it twice in a row sends
nothing twice (every e-mail is recorded before the next one is considered).
``--dry-run`` prints what a run would do and leaves everything as it was (no
e-mail leaves, nothing is written)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from mobinnov.impact import services

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Schedule and send the evaluation questionnaires and their reminders."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be done without sending or saving anything.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["dry_run"]:
            report = self._dry_run()
            prefix = "Dry run, nothing sent or saved. Would have: "
        else:
            report = services.run()
            prefix = ""
        self.stdout.write(
            f"{prefix}scheduled {report.scheduled}, sent {report.sent}, "
            f"reminded {report.reminded}, bounced {report.bounced}, stopped {report.stopped}."
        )
        if report.failed and not options["dry_run"]:
            raise CommandError(
                f"{len(report.failed)} invitation(s) could not be sent (mail server error); "
                "they are tried again at the next run. Invitation ids: "
                + ", ".join(str(pk) for pk in report.failed)
            )

    def _dry_run(self) -> services.RunReport:
        """A real run inside a transaction that is rolled back, with the
        e-mails kept in memory instead of sent."""
        report = services.RunReport()
        had_outbox = hasattr(mail, "outbox")
        kept = list(getattr(mail, "outbox", []))
        try:
            with transaction.atomic(), override_settings(EMAIL_BACKEND=LOCMEM):
                report = services.run()
                raise _Rollback
        except _Rollback:
            pass
        finally:
            # The messages of the dry run never existed.
            if had_outbox:
                mail.outbox[:] = kept
            elif hasattr(mail, "outbox"):
                del mail.outbox
        return report
