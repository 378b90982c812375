"""How long the partner directory takes with a large network.

Creates N partners (default 600) with sectors in a throwaway SQLite database
(or the one DATABASE_URL names), then renders /partners/ and a filtered page
R times and prints the median time and the number of queries per request.

    .venv/bin/python benchmarks/partner_directory.py --partners 600 --repeat 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="mobinnov-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobinnov.config.test_settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mobinnov.network.models import Organisation, Sector

    call_command("migrate", verbosity=0)
    sectors = list(Sector.objects.all())
    countries = ["FR", "DE", "FI", "ES", "IS", "IT", "NL", "AT", "PT", "BE", "PL", "SE"]
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Partner {number:04d}",
            slug=f"partner-{number:04d}",
            org_type="vet_school",
            country=countries[number % len(countries)],
            city="Town",
            latitude=40 + (number % 25),
            longitude=-5 + (number % 35),
        )
        for number in range(args.partners)
    )
    through = Organisation.sectors.through
    through.objects.bulk_create(
        through(organisation_id=org.pk, sector_id=sectors[(org.pk + k) % len(sectors)].pk)
        for org in organisations
        for k in range(3)
    )

    client = Client()
    for label, url in [
        ("all partners", "/partners/"),
        ("filtered", "/partners/?country=FI&sector=071"),
    ]:
        timings, queries = [], 0
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200
            queries = len(captured)
        print(
            f"{label:13s} {args.partners} partners: median {statistics.median(timings) * 1000:.1f} ms, "
            f"{queries} queries per request"
        )


if __name__ == "__main__":
    sys.exit(main())
