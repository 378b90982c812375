"""Server time of the impact dashboards with 100,000 answers.

    .venv/bin/python benchmarks/impact.py [--answers 100000] [--requests 20] [--seed 5]

1. Creates a fresh database: a temporary SQLite file, or, when DATABASE_URL
   names a PostgreSQL server, a database ``mobinnov_bench_impact`` on that
   server (dropped first if it exists; the database DATABASE_URL names is
   never touched). Migrates it (which loads the shipped item bank and
   instruments when their data migration exists; otherwise a minimal bank is
   created) and loads, with bulk inserts: 40 organisations with a coordinator
   each, 80 practices with fields of excellence, and mobilities (one
   participant each, 2021-2025, all activity types, some cancelled) with 2-4
   competences in their agreement, invitations for T0-T3 and host feedback in
   every status (T0 85 % submitted, T1 80 %, T2 60 %, T3 45 %), the answers of
   the submitted ones (competences now and "then", reaction, confidence,
   application, dissemination, transfer climate, adoption, texts) until
   ``--answers`` answers exist, implementation records for a third of the
   mobilities and some chosen stories.
2. Measures the server time of the dashboards in-process with Django's test
   client (DEBUG off, every middleware, template rendering): the public
   summary, the network dashboard (admin), an organisation's dashboard (its
   coordinator), each unfiltered and filtered on one year. Each is requested
   once to warm up, then ``--requests`` times; the table gives the median and
   the 95th percentile. "warm" keeps the per-process cache of the paired
   statistics (``selectors._paired``); "cold" empties it before every
   request, the cost of a first visit after new answers arrived.
3. Prints the SQL queries of each page and the figures, then drops the
   database or deletes the file (``--keep`` leaves it; ``--reuse URL``
   measures a kept database again without loading it).

Goal (issue 5): every dashboard under 300 ms with 100,000 answers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DATABASE = "mobinnov_bench_impact"
ROOT = Path(__file__).resolve().parent.parent
COMPETENCES = [
    "Assessing practical work",
    "Giving feedback to apprentices",
    "Using digital simulators",
    "Work-based learning design",
    "Inclusive teaching",
    "Company partnerships",
    "Green skills in the curriculum",
    "Teaching in English",
    "Safety in the workshop",
    "Project-based learning",
    "Mentoring new teachers",
    "Validation of prior learning",
]
RESPONSE = {"T0": 0.85, "T1": 0.80, "T2": 0.60, "T3": 0.45, "HOST": 0.70}
TARGET_MS = 300.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        metavar="DATABASE_URL",
        help="measure a database kept by --keep instead of loading one",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="mobinnov-bench-impact-"))
    original_url = os.environ.get("DATABASE_URL", "")
    drop: Callable[[], None] = lambda: None  # noqa: E731
    try:
        if args.reuse:
            database_url = args.reuse
        elif original_url.startswith(("postgres://", "postgresql://")):
            database_url, drop = create_postgres_database(original_url)
        else:
            database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        os.environ["DATABASE_URL"] = database_url
        os.environ["DJANGO_SETTINGS_MODULE"] = "mobinnov.config.test_settings"
        os.environ["MOBINNOV_VAR_DIR"] = str(workdir)
        os.environ["STATIC_ROOT"] = str(workdir / "static")
        (workdir / "static").mkdir()
        import django

        django.setup()
        from django.db import connection

        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        print(f"Machine: {machine()}")
        world = (
            world_from_database() if args.reuse else load(args.answers, random.Random(args.seed))
        )
        results = measure(world, args.requests)
        report(results, args)
        return 0
    finally:
        if args.keep or args.reuse:
            print(f"Kept: DATABASE_URL={os.environ.get('DATABASE_URL')}", file=sys.stderr)
        else:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            drop()
            shutil.rmtree(workdir, ignore_errors=True)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import sqlite3

    return (
        f"{os.cpu_count()} CPU ({cpu}), Python {sys.version.split()[0]}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def create_postgres_database(url: str) -> tuple[str, Callable[[], None]]:
    """Create the empty database BENCH_DATABASE on the server ``url`` names;
    return its URL and a function that drops it."""
    import psycopg

    parts = urlsplit(url)
    if parts.path.lstrip("/") == BENCH_DATABASE:
        raise SystemExit(f"DATABASE_URL must not name {BENCH_DATABASE} itself")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    bench_url = urlunsplit(parts._replace(path="/" + BENCH_DATABASE))

    def execute(sql: str) -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(sql)

    execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
    execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return bench_url, lambda: execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


@contextlib.contextmanager
def step(name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    print(f"  {name:<34s} {time.perf_counter() - started:7.1f} s", flush=True)


# --- the data ------------------------------------------------------------------------------


MINIMAL_ITEMS = [
    # code, construct, level, kind, choices
    ("competence-level", "competence", 2, "competence", []),
    ("t1-relevance", "reaction", 1, "likert", []),
    ("t1-engagement", "reaction", 1, "likert", []),
    ("t1-confidence", "confidence", 2, "likert", []),
    ("t2-use-frequency", "application", 3, "choice", ["never", "once", "2-5", "regularly"]),
    ("t2-dissemination", "dissemination", 3, "multi_choice", ["informal-talk", "team-meeting"]),
    ("t2-colleagues-reached", "dissemination", 3, "number", []),
    ("t3-adoption-scope", "adoption", 4, "choice", ["none", "class", "department", "organisation"]),
    ("t3-msc", "msc", 4, "text", []),
]


def ensure_items() -> None:
    """The minimal item bank and instruments, when no data migration made them."""
    from mobinnov.impact.models import Instrument, Item, Wave

    if not Item.objects.exists():
        Item.objects.bulk_create(
            Item(
                code=code,
                construct=construct,
                level=level,
                kind=kind,
                text=code,
                anchors=["1", "2", "3", "4", "5"] if kind in ("likert", "competence") else [],
                choices=[{"value": v, "label": v} for v in choices],
                asks_then=kind == "competence",
            )
            for code, construct, level, kind, choices in MINIMAL_ITEMS
        )
    for wave in Wave.values:
        if not Instrument.objects.filter(wave=wave, is_current=True).exists():
            Instrument.objects.create(wave=wave, title=wave)


class World:
    admin: Any
    coordinator: Any
    organisation: Any
    year: int
    answers: int
    mobilities: int


def load(target: int, rng: random.Random) -> World:
    from django.core.management import call_command
    from django.db import connection, transaction

    from mobinnov.accounts.models import User
    from mobinnov.excellence.models import FieldOfExcellence
    from mobinnov.impact.models import (
        Answer,
        ImplementationRecord,
        Instrument,
        Invitation,
        Item,
        Story,
    )
    from mobinnov.mobility.models import ACTIVITY_FORMATS, Agreement, Mobility
    from mobinnov.network.models import Membership, Organisation
    from mobinnov.practices.models import Practice

    print(f"Loading {target} answers:")
    with step("migrate"):
        call_command("migrate", verbosity=0)
        ensure_items()
    items = {item.code: item for item in Item.objects.all()}
    by_construct: dict[str, list[Any]] = {}
    for item in items.values():
        by_construct.setdefault(item.construct, []).append(item)
    instruments = {i.wave: i.pk for i in Instrument.objects.filter(is_current=True)}
    fields = list(FieldOfExcellence.objects.values_list("pk", flat=True))
    now = datetime(2026, 6, 1, tzinfo=UTC)

    with transaction.atomic(), step("organisations, people, practices"):
        Organisation.objects.bulk_create(
            Organisation(
                name=f"VET provider {n:02d}",
                slug=f"vet-provider-{n:02d}",
                org_type="vet_school",
                country=["FR", "DE", "ES", "IT", "FI", "NL", "PT", "PL"][n % 8],
                city=f"Town {n:02d}",
            )
            for n in range(40)
        )
        organisations = list(Organisation.objects.order_by("slug").values_list("pk", flat=True))
        User.objects.create_user(
            email="admin@bench.example", password=None, full_name="Admin", is_network_admin=True
        )
        coordinators = User.objects.bulk_create(
            User(email=f"coord{n}@bench.example", full_name=f"Coordinator {n}", password="!")
            for n in range(len(organisations))
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation_id=org, role=Membership.Role.COORDINATOR)
            for user, org in zip(coordinators, organisations, strict=True)
        )
        Practice.objects.bulk_create(
            Practice(
                slug=f"practice-{n:03d}",
                host_id=organisations[n % len(organisations)],
                title=f"Practice {n}",
                status="published",
                is_public=True,
            )
            for n in range(80)
        )
        practices = list(Practice.objects.order_by("pk").values_list("pk", "host_id"))
        Practice.fields.through.objects.bulk_create(
            Practice.fields.through(practice_id=pk, fieldofexcellence_id=field)
            for pk, _host in practices
            for field in rng.sample(fields, min(len(fields), rng.randint(1, 2)))
        )

    answers_made = 0
    mobility_count = 0
    chunk = 500
    invitation_id = Invitation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    wave_items = {
        "T1": [
            i for c in ("reaction", "confidence", "commitment") for i in by_construct.get(c, [])
        ],
        "T2": [
            i
            for c in ("application", "dissemination", "transfer_climate")
            for i in by_construct.get(c, [])
        ],
        "T3": [
            i
            for c in ("adoption", "curriculum", "partnership", "msc")
            for i in by_construct.get(c, [])
        ],
        "HOST": by_construct.get("host", []),
    }
    competence_item = items["competence-level"]
    with step("mobilities, invitations, answers"):
        while answers_made < target:
            with transaction.atomic():
                people = User.objects.bulk_create(
                    User(
                        email=f"p{mobility_count + n}@bench.example",
                        full_name=f"Participant {mobility_count + n}",
                        password="!",
                    )
                    for n in range(chunk)
                )
                sending = [rng.choice(organisations) for _ in people]
                Membership.objects.bulk_create(
                    Membership(user=person, organisation_id=org)
                    for person, org in zip(people, sending, strict=True)
                )
                mobilities = []
                for n, (person, org) in enumerate(zip(people, sending, strict=True)):
                    host = rng.choice([o for o in organisations if o != org])
                    end = date(2021, 1, 1) + timedelta(days=rng.randrange(5 * 365))
                    roll = rng.random()
                    status = (
                        Mobility.Status.CANCELLED
                        if roll < 0.03
                        else Mobility.Status.EVALUATED
                        if roll < 0.5
                        else Mobility.Status.COMPLETED
                    )
                    mobilities.append(
                        Mobility(
                            reference=f"BENCH-{mobility_count + n:06d}",
                            participant=person,
                            sending_organisation_id=org,
                            receiving_organisation_id=host,
                            activity_type=rng.choice(ACTIVITY_FORMATS),
                            call_year=end.year,
                            start_date=end - timedelta(days=rng.randint(2, 9)),
                            end_date=end,
                            status=status,
                        )
                    )
                mobilities = Mobility.objects.bulk_create(mobilities)
                targeted = {
                    mobility.pk: rng.sample(COMPETENCES, rng.randint(2, 4))
                    for mobility in mobilities
                }
                Agreement.objects.bulk_create(
                    Agreement(mobility=mobility, competences=targeted[mobility.pk])
                    for mobility in mobilities
                )
                Mobility.practices.through.objects.bulk_create(
                    Mobility.practices.through(mobility_id=mobility.pk, practice_id=pk)
                    for mobility in mobilities
                    for pk, host in practices
                    if host == mobility.receiving_organisation_id and rng.random() < 0.5
                )
                invitations: list[Any] = []
                answers: list[Any] = []
                records: list[Any] = []
                for mobility in mobilities:
                    baseline = {c: rng.randint(1, 4) for c in targeted[mobility.pk]}
                    gain = rng.choice([-1, 0, 0, 1, 1, 1, 2])
                    for wave, share in RESPONSE.items():
                        invitation_id += 1
                        submitted = (
                            mobility.status != Mobility.Status.CANCELLED and rng.random() < share
                        )
                        invitation_status = (
                            Invitation.Status.SUBMITTED
                            if submitted
                            else rng.choice(
                                [
                                    Invitation.Status.SENT,
                                    Invitation.Status.OPENED,
                                    Invitation.Status.DRAFT,
                                    Invitation.Status.BOUNCED,
                                    Invitation.Status.SCHEDULED,
                                    Invitation.Status.CANCELLED,
                                ]
                            )
                        )
                        invitations.append(
                            Invitation(
                                pk=invitation_id,
                                mobility=mobility,
                                wave=wave,
                                instrument_id=instruments[wave],
                                respondent_id=mobility.participant_id,
                                email=f"{mobility.reference.lower()}-{wave.lower()}@bench.example",
                                due_on=mobility.end_date,
                                status=invitation_status,
                                sent_at=now,
                                submitted_at=now if submitted else None,
                                token=f"bench-{invitation_id}",
                            )
                        )
                        if not submitted:
                            continue
                        for answer in wave_answers(
                            wave, rng, competence_item, wave_items, baseline, gain
                        ):
                            answer.invitation_id = invitation_id
                            answers.append(answer)
                    if rng.random() < 0.33:
                        records.append(
                            ImplementationRecord(
                                mobility=mobility,
                                kind=rng.choice(ImplementationRecord.Kind.values),
                                title="A change",
                                description="What was put in place.",
                                stage=rng.choice(ImplementationRecord.Stage.values),
                                scope=rng.choice(ImplementationRecord.Scope.values),
                                learners_reached=rng.randint(0, 60),
                                colleagues_reached=rng.randint(0, 12),
                            )
                        )
                Invitation.objects.bulk_create(invitations)
                Answer.objects.bulk_create(answers, batch_size=2000)
                ImplementationRecord.objects.bulk_create(records)
                answers_made += len(answers)
                mobility_count += len(mobilities)
        stories = list(
            Answer.objects.filter(item__construct="msc").values_list("pk", flat=True)[:200]
        )
        Story.objects.bulk_create(Story(answer_id=pk) for pk in stories)
    with step("ANALYZE"), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return world_from_database()


def world_from_database() -> World:
    """The admin, the organisation that sent the most mobilities and its
    coordinator, and the size of the data."""
    from django.db.models import Count

    from mobinnov.accounts.models import User
    from mobinnov.impact.models import Answer, ImplementationRecord, Invitation
    from mobinnov.mobility.models import Mobility
    from mobinnov.network.models import Membership, Organisation

    world = World()
    world.admin = User.objects.get(email="admin@bench.example")
    largest = (
        Mobility.objects.values("sending_organisation_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    assert largest is not None
    world.organisation = Organisation.objects.get(pk=largest["sending_organisation_id"])
    world.coordinator = Membership.objects.get(
        organisation=world.organisation, role=Membership.Role.COORDINATOR
    ).user
    world.year = 2024
    world.answers = Answer.objects.count()
    world.mobilities = Mobility.objects.count()
    print(
        f"  {world.mobilities} mobilities, {Invitation.objects.count()} invitations, "
        f"{world.answers} answers, {ImplementationRecord.objects.count()} implementation "
        f"records; the organisation measured sent {largest['n']} mobilities"
    )
    return world


def wave_answers(
    wave: str,
    rng: random.Random,
    competence_item: Any,
    wave_items: dict[str, list[Any]],
    baseline: dict[str, int],
    gain: int,
) -> list[Any]:
    """The answers of one submitted questionnaire."""
    from mobinnov.impact.models import Answer

    def clamp(value: int) -> float:
        return float(min(5, max(1, value)))

    result = []
    if wave == "T0":
        for competence, value in baseline.items():
            result.append(Answer(item=competence_item, competence=competence, number=value))
    if wave == "T1":
        for competence, value in baseline.items():
            post = clamp(value + gain + rng.choice([-1, 0, 0, 1]))
            then = clamp(value - rng.choice([0, 0, 1]))
            result.append(Answer(item=competence_item, competence=competence, number=post))
            result.append(
                Answer(item=competence_item, competence=competence, number=then, variant="then")
            )
    for item in wave_items.get(wave, []):
        if item.kind == "likert":
            result.append(Answer(item=item, number=float(rng.choice([2, 3, 4, 4, 5, 5]))))
        elif item.kind == "choice" and item.choices:
            result.append(Answer(item=item, choices=[rng.choice(item.choices)["value"]]))
        elif item.kind == "multi_choice" and item.choices:
            values = [c["value"] for c in item.choices]
            result.append(Answer(item=item, choices=rng.sample(values, rng.randint(1, 3))))
        elif item.kind == "number":
            result.append(Answer(item=item, number=float(rng.randint(0, 15))))
        elif item.kind == "text":
            result.append(Answer(item=item, text="What changed, and why it matters."))
    return result


# --- the measurements ----------------------------------------------------------------------


class Result:
    def __init__(self, name: str, url: str) -> None:
        self.name, self.url = name, url
        self.queries = 0
        self.first = 0.0
        self.warm: list[float] = []
        self.cold: list[float] = []


def measure(world: World, requests: int) -> list[Result]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from mobinnov.impact import selectors

    anonymous, admin, coordinator = Client(), Client(), Client()
    admin.force_login(world.admin)
    coordinator.force_login(world.coordinator)
    organisation = reverse(
        "impact:dashboard_organisation", kwargs={"slug": world.organisation.slug}
    )
    year = f"?year={world.year}"
    pages = [
        ("public summary", reverse("impact:summary"), anonymous),
        ("public summary, one year", reverse("impact:summary") + year, anonymous),
        ("network (admin)", reverse("impact:dashboard_network"), admin),
        ("network, one year", reverse("impact:dashboard_network") + year, admin),
        ("organisation (coordinator)", organisation, coordinator),
        ("organisation, one year", organisation + year, coordinator),
    ]
    results = []
    print(f"Measuring {len(pages)} pages, {requests} requests each (warm and cold):")
    for name, url, client in pages:
        result = Result(name, url)
        selectors._paired.cache_clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        result.first = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        result.queries = len(captured)
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            result.warm.append((time.perf_counter() - started) * 1000)
        for _ in range(requests):
            selectors._paired.cache_clear()
            started = time.perf_counter()
            client.get(url)
            result.cold.append((time.perf_counter() - started) * 1000)
        print(f"  {name:<30s} done", flush=True)
        results.append(result)
    return results


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def report(results: list[Result], args: argparse.Namespace) -> None:
    print()
    print(f"{args.requests} requests per page, in-process (Django test client)")
    print()
    print(
        "| page | SQL queries | first ms | warm median ms | warm p95 ms "
        "| cold median ms | cold p95 ms | under 300 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        worst = max(p95(r.warm), p95(r.cold))
        print(
            f"| {r.name} | {r.queries} | {r.first:.0f} | {statistics.median(r.warm):.0f} "
            f"| {p95(r.warm):.0f} | {statistics.median(r.cold):.0f} | {p95(r.cold):.0f} "
            f"| {'yes' if worst < TARGET_MS else 'NO'} |"
        )
    print()
    for r in results:
        print(f"{r.name}: {r.url}")


if __name__ == "__main__":
    sys.exit(main())
