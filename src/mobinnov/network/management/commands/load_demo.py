"""``mobinnov load_demo``: fill the database with the demo network."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mobinnov.impact.demo import load_demo_impact
from mobinnov.mobility.demo import load_demo_mobility
from mobinnov.network.demo import (
    DEMO_PASSWORD,
    DEMO_URL,
    PARTNERS,
    DemoDataError,
    demo_logins,
    load_demo,
)
from mobinnov.practices.demo import load_demo_practices


class Command(BaseCommand):
    help = (
        "Create or update the demo network: fictional partner organisations across "
        "Europe, their coordinators and staff, their definitions of pedagogical "
        "innovation and excellence in VET, and fact sheets of their innovative practices "
        f"(reviewed, labelled, some translated or still in review). Every demo account's password is "
        f"{DEMO_PASSWORD!r}. Running it again creates nothing new. Refused when DEBUG is "
        "off unless --force is given, because it creates a superuser with a published "
        "password. Use -v 2 to list every object created or updated."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Add --force."""
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is off (e.g. on a public demo server).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Load the demo, then print what was done and the logins."""
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: the demo creates accounts (including a superuser) whose "
                f"password {DEMO_PASSWORD!r} is public. Run with DEBUG=1, or pass --force "
                "if this really is a demo server."
            )
        verbose = options["verbosity"] >= 2
        try:
            counts = load_demo(stdout=self.stdout if verbose else None)
            practices = load_demo_practices(stdout=self.stdout if verbose else None)
            mobility = load_demo_mobility(stdout=self.stdout if verbose else None)
            impact = load_demo_impact(stdout=self.stdout if verbose else None)
        except DemoDataError as error:
            raise CommandError(str(error)) from error

        countries = len({partner.country for partner in PARTNERS})
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo network loaded: {len(PARTNERS)} partner organisations in "
                f"{countries} countries."
            )
        )
        for kind, outcome in counts.items():
            self.stdout.write(
                f"  {kind.capitalize():<14} {outcome['created']:>3} created, "
                f"{outcome['updated']:>3} updated, {outcome['unchanged']:>3} unchanged"
            )
        self.stdout.write(
            f"Practices: {practices['published']} published, {practices['drafts']} drafts, "
            f"{practices['in_review']} in review, {practices['translations']} translations "
            f"({practices['created']} created now)"
        )
        self.stdout.write(
            f"Mobility: {mobility['offers']} host offers, {mobility['needs']} learning needs, "
            f"{mobility['rounds']} planning rounds, {mobility['mobilities']} mobilities in "
            f"{mobility['statuses']} statuses" + (" (created now)" if mobility["created"] else "")
        )

        self.stdout.write(
            f"Evaluation: {impact['invitations']} invitations in {impact['statuses']} states, "
            f"answers from {impact['respondent_mobilities']} mobility participants "
            f"({impact['participants']} people), {impact['records']} implementation records"
            + (" (created now)" if impact["created"] else "")
        )

        logins = demo_logins()
        rows = [("E-mail", "Role", "Password"), *((e, r, DEMO_PASSWORD) for e, r in logins)]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write("")
        self.stdout.write("Demo logins:")
        for number, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in widths))
        self.stdout.write(
            f"  (every other demo account, e.g. coordinator.{PARTNERS[2].slug}@example.org, "
            f"has the same password)"
        )
        self.stdout.write("")
        self.stdout.write(f"Open {DEMO_URL}")
