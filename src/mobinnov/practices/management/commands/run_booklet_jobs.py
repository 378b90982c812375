"""``mobinnov run_booklet_jobs [--loop]``: make the booklets asked for on the web."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from mobinnov.practices import booklet_jobs


class Command(BaseCommand):
    help = (
        "Make the PDF booklets that signed-in people asked for on /practices/booklet/. "
        "Each request is a job file under MEDIA_ROOT/booklets/; this command takes the "
        "queued ones (oldest first), makes their booklets and records the outcome, which "
        "the status page shows. Something must run it: cron every minute "
        "(* * * * * mobinnov run_booklet_jobs), a systemd timer, or a long-running "
        "'mobinnov run_booklet_jobs --loop' (a service). Several workers may run at once. "
        "It also marks failed the jobs of a worker that died and removes finished jobs "
        "after --keep-days."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--loop",
            action="store_true",
            help="Keep running, looking for jobs every --interval seconds.",
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between looks (--loop)."
        )
        parser.add_argument(
            "--max-jobs",
            type=int,
            default=None,
            help="Stop after this many jobs (default: all queued).",
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            default=7,
            help="Remove finished jobs and booklets older than this.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        while True:
            stale = booklet_jobs.fail_stale()
            cleaned = booklet_jobs.clean(options["keep_days"])
            done = booklet_jobs.run_pending(limit=options["max_jobs"])
            total += done
            if options["verbosity"] >= 1 and (done or stale or cleaned or not options["loop"]):
                self.stdout.write(
                    f"{done} booklet job(s) processed, {stale} interrupted job(s) marked failed, "
                    f"{cleaned} old job(s) removed."
                )
            if not options["loop"]:
                break
            try:
                time.sleep(max(options["interval"], 0.5))
            except KeyboardInterrupt:
                break
        if options["loop"] and options["verbosity"] >= 1:
            self.stdout.write(f"Stopped after {total} booklet job(s).")
