"""Latency of the public catalogue API with a large number of practices.

    .venv/bin/python benchmarks/catalogue.py [--practices 100000] [--requests 400] [--concurrency 1]

1. Creates a fresh database: a temporary SQLite file, or, when DATABASE_URL
   names a PostgreSQL server, a database ``mobinnov_bench`` on that server
   (dropped first if it exists; the database DATABASE_URL names is never
   touched). Migrates it and loads N synthetic published practices with bulk
   inserts: about 200 host organisations in 14 countries, the practices with
   their catalogue columns, a published revision with a full fact sheet, facet
   rows, fields of excellence, French or German translations of one practice in
   ten, and the full-text index (``search.index_many``). Each step is timed.
2. Starts gunicorn (``mobinnov.config.wsgi``, 2 sync workers, DEBUG off) on
   127.0.0.1 with that database, and sends it a query mix with http.client:
   every query kind ``--requests`` times, ``--concurrency`` clients at a time,
   each kind rotating over a few variants (other words, other facet values).
   The words searched are chosen from the generated text by how many
   practices contain them, so the hits stay between 0.1 % and 10 % of the
   catalogue whatever N.
3. Prints, per query kind and overall, p50/p95/p99 latency (ms, measured by
   the client: connection, request, full response) and requests per second,
   next to ``GET /healthz`` (one ``SELECT 1``) as the baseline, and the number
   of SQL queries of each kind (counted once in-process with the test client).
4. Stops the server and drops the database or deletes the file (``--keep``
   leaves it, for EXPLAIN; ``--reuse`` runs the requests on a kept database).

Everything random is seeded (``--seed``): two runs load the same data and
send the same requests.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

BENCH_DATABASE = "mobinnov_bench"
ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["FR", "DE", "FI", "ES", "IT", "NL", "AT", "PT", "BE", "PL", "SE", "IE", "DK", "CZ"]
LANGUAGE_OF = {"FR": "fr", "BE": "fr", "DE": "de", "AT": "de"}  # others write in English


def word_list(text: str) -> list[str]:
    return text.split()


# Vocabulary of the generated fact sheets. Each word gets a document frequency
# between 0.1 % and 30 % of the texts of its language (log-uniform), so that
# searches hit anything from a handful to thousands of practices.
EN_WORDS = word_list("""
apprentice apprenticeship learner trainer teacher mentor tutor coach employer company
enterprise workshop laboratory simulator curriculum module qualification certificate
competence skill upskilling reskilling assessment validation credit portfolio pathway
guidance counselling dropout inclusion migrant refugee disability gender equality
mobility exchange placement internship traineeship erasmus partnership cluster network
innovation entrepreneurship startup incubator hackathon makerspace prototype robotics
automation mechatronics welding machining carpentry plumbing electrician electronics
automotive aviation maritime logistics warehouse forklift construction bricklaying
renovation insulation solar photovoltaic heatpump hydrogen battery electromobility
recycling circular sustainability biodiversity agriculture horticulture viticulture
forestry fishery aquaculture dairy bakery pastry butchery culinary gastronomy hospitality
tourism reception housekeeping barista sommelier nursing caregiving eldercare pharmacy
dentistry physiotherapy hairdressing cosmetics fashion textile tailoring jewellery
printing graphic multimedia animation gaming software programming cybersecurity cloud
database networking datascience artificial intelligence chatbot virtual augmented
reality hologram drone sensor microcontroller arduino raspberry blockchain fintech
accounting bookkeeping marketing ecommerce retail sales customer communication
language literacy numeracy mathematics physics chemistry biology ecology climate
energy efficiency retrofit smartgrid wind turbine offshore railway tramway bus truck
driving safety ergonomics wellbeing mindfulness sport coaching outdoor adventure
volunteering citizenship democracy debate podcast video storytelling theatre music
dance museum heritage craftsmanship blacksmith glassblowing ceramics pottery weaving
leatherwork upholstery locksmith roofing scaffolding crane excavator tunnelling surveying
geomatics cartography meteorology laboratory microscope biotechnology pharmaceutical
vaccine hygiene sterilisation firefighting rescue paramedic police security customs
""")
FR_WORDS = word_list("""
apprenti apprentissage alternance formateur enseignant tuteur entreprise atelier
laboratoire simulateur référentiel certification compétence savoir évaluation
orientation décrochage insertion inclusion handicap égalité mobilité stage partenariat
réseau innovation entrepreneuriat incubateur prototype robotique automatisme soudure
usinage menuiserie plomberie électricité électronique mécanique aéronautique maritime
logistique entrepôt chantier maçonnerie rénovation isolation photovoltaïque hydrogène
recyclage durabilité biodiversité agriculture horticulture viticulture forêt pêche
laitier boulangerie pâtisserie boucherie cuisine gastronomie hôtellerie tourisme
accueil sommellerie soins infirmier aide pharmacie coiffure esthétique mode textile
couture bijouterie imprimerie graphisme animation jeu logiciel programmation
cybersécurité données intelligence numérique virtuelle réalité drone capteur
comptabilité commerce vente client communication langue lecture mathématiques chimie
biologie écologie climat énergie efficacité éolien ferroviaire conduite sécurité
ergonomie bienêtre sport plein air bénévolat citoyenneté débat vidéo théâtre musique
danse musée patrimoine artisanat forge verrerie céramique poterie tissage maroquinerie
tapisserie serrurerie couverture échafaudage grue terrassement topographie géomatique
météorologie microscope biotechnologie vaccin hygiène stérilisation pompier secours
douane lycée école professionnel métiers
""")
DE_WORDS = word_list("""
Auszubildender Ausbildung Berufsschule Ausbilder Lehrkraft Betrieb Werkstatt Labor
Simulator Lehrplan Modul Qualifikation Zertifikat Kompetenz Fertigkeit Weiterbildung
Umschulung Prüfung Anerkennung Berufsorientierung Beratung Abbruch Inklusion
Migration Geflüchtete Behinderung Gleichstellung Mobilität Austausch Praktikum
Partnerschaft Netzwerk Innovation Gründung Prototyp Robotik Automatisierung
Mechatronik Schweißen Zerspanung Tischlerei Sanitär Elektriker Elektronik
Kraftfahrzeug Luftfahrt Logistik Lager Gabelstapler Bau Maurer Sanierung Dämmung
Photovoltaik Wärmepumpe Wasserstoff Batterie Elektromobilität Kreislaufwirtschaft
Nachhaltigkeit Landwirtschaft Gartenbau Weinbau Forstwirtschaft Fischerei Molkerei
Bäckerei Konditorei Metzgerei Küche Gastronomie Hotellerie Tourismus Empfang Pflege
Altenpflege Apotheke Friseur Kosmetik Mode Textil Schneiderei Goldschmied Druckerei
Grafik Medien Software Programmierung Cybersicherheit Daten künstliche Intelligenz
Digitalisierung Drohne Sensor Buchhaltung Handel Verkauf Kunde Kommunikation Sprache
Mathematik Physik Chemie Biologie Klima Energie Effizienz Windkraft Eisenbahn
Sicherheit Ergonomie Gesundheit Sport Ehrenamt Demokratie Theater Musik Museum
Handwerk Schmiede Glasbläserei Keramik Töpferei Weberei Lederwaren Polsterei
Schlosserei Dachdecker Gerüstbau Kran Bagger Vermessung Geomatik Meteorologie
Biotechnologie Hygiene Feuerwehr Rettungsdienst Zoll Meisterschule Kammer Gesellenbrief
""")
FILLERS = {
    "en": word_list("the and of for with in to a by on our their who while"),
    "fr": word_list("le la les et de des pour avec dans un une par sur nos leurs"),
    "de": word_list("der die das und mit für in von zu ein eine durch auf unsere ihre"),
}
VOCABULARY = {"en": EN_WORDS, "fr": FR_WORDS, "de": DE_WORDS}
NO_MATCH = ["zeppelinbau", "quxwelding", "hovercraftology", "xylograveur"]
MIN_FREQUENCY, MAX_FREQUENCY = 0.001, 0.30


# Query kinds: (name, path, parameter sets); filled in once the data are known.
@dataclass
class Kind:
    name: str
    urls: list[str]
    hits: list[int | None] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    queries: int = 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="per query kind")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="run only the query kinds whose name contains TEXT (and the baseline)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        metavar="DATABASE_URL",
        help="run the requests on a database kept by --keep instead of loading one",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="mobinnov-bench-"))
    original_url = os.environ.get("DATABASE_URL", "")
    drop: Callable[[], None] = lambda: None  # noqa: E731
    server: subprocess.Popen[bytes] | None = None
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
        rng = random.Random(args.seed)
        corpus = Corpus.from_database() if args.reuse else load(args.practices, rng)
        kinds = [
            kind
            for kind in query_kinds(corpus)
            if not args.only or args.only in kind.name or kind.name.startswith("baseline")
        ]
        count_queries(kinds)
        port = free_port()
        server = start_server(database_url, port, args.workers, workdir)
        run(kinds, port, args.requests, args.concurrency)
        report(kinds, args)
        return 0
    finally:
        if server is not None:
            stop_server(server)
        if args.keep or args.reuse:
            print(f"Kept: DATABASE_URL={os.environ.get('DATABASE_URL')}", file=sys.stderr)
        else:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            drop()
            shutil.rmtree(workdir, ignore_errors=True)
        if args.keep and not args.reuse and not original_url.startswith("postgres"):
            print("(the SQLite file was kept in " + str(workdir) + ")", file=sys.stderr)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    return f"{os.cpu_count()} CPU ({cpu}){memory}, Python {sys.version.split()[0]}"


# The database ---------------------------------------------------------------


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


@dataclass
class Corpus:
    """What the query mix needs to know about the generated data."""

    total: int
    frequency: dict[str, dict[str, float]]  # language -> word -> share of its texts
    fields: list[str]

    @classmethod
    def from_database(cls) -> Corpus:
        from mobinnov.excellence.models import FieldOfExcellence
        from mobinnov.practices.models import Practice

        return cls(
            total=Practice.objects.filter(is_public=True).count(),
            frequency=word_frequencies(),
            fields=list(FieldOfExcellence.objects.order_by("pk").values_list("code", flat=True)),
        )


def word_frequencies() -> dict[str, dict[str, float]]:
    """Each word's share of the texts of its language: log-uniform between
    MIN_FREQUENCY and MAX_FREQUENCY, in a seeded random order."""
    frequency: dict[str, dict[str, float]] = {}
    ratio = MAX_FREQUENCY / MIN_FREQUENCY
    for language, vocabulary in VOCABULARY.items():
        shuffled = list(dict.fromkeys(vocabulary))
        random.Random(language).shuffle(shuffled)
        frequency[language] = {
            word: MIN_FREQUENCY * ratio ** (rank / (len(shuffled) - 1))
            for rank, word in enumerate(shuffled)
        }
    return frequency


@contextlib.contextmanager
def step(name: str, timings: list[tuple[str, float]]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    timings.append((name, elapsed))
    print(f"  {name:<34s} {elapsed:7.1f} s", flush=True)


def load(total: int, rng: random.Random) -> Corpus:
    from django.core.management import call_command
    from django.db import connection, transaction

    from mobinnov.excellence.models import FieldOfExcellence
    from mobinnov.network.models import Organisation, Sector
    from mobinnov.practices import search
    from mobinnov.practices.choices import Label, Licence, Stage, Status, TargetGroup, VetType
    from mobinnov.practices.facets import facet_values
    from mobinnov.practices.models import (
        Practice,
        PracticeFacetValue,
        PracticeRevision,
        PracticeTranslation,
    )
    from mobinnov.practices.services import source_fingerprint

    timings: list[tuple[str, float]] = []
    print(f"Loading {total} practices:")
    load_started = time.perf_counter()
    with step("migrate", timings):
        call_command("migrate", verbosity=0)
    fields = dict(FieldOfExcellence.objects.values_list("code", "pk"))
    sectors = list(Sector.objects.order_by("code").values_list("code", flat=True))
    frequency = word_frequencies()

    # Which texts contain which words: for each word, a random sample of
    # exactly round(frequency * texts) of the texts of its language.
    with step("generate text", timings):
        languages = []
        hosts_of = []
        for number in range(200):
            country = COUNTRIES[number % len(COUNTRIES)]
            hosts_of.append((number, country))
        host_for = [rng.randrange(len(hosts_of)) for _ in range(total)]
        for index in range(total):
            languages.append(LANGUAGE_OF.get(hosts_of[host_for[index]][1], "en"))
        # Texts: one per practice in its language, plus a translation for one
        # practice in ten (English <-> French or German).
        texts: list[tuple[int, str]] = [(index, languages[index]) for index in range(total)]
        translated = rng.sample(range(total), total // 10)
        for index in translated:
            target = rng.choice(["fr", "de"]) if languages[index] == "en" else "en"
            texts.append((index, target))
        by_language: dict[str, list[int]] = {language: [] for language in VOCABULARY}
        for text_number, (_index, language) in enumerate(texts):
            by_language[language].append(text_number)
        words_of: list[list[str]] = [[] for _ in texts]
        for language, members in by_language.items():
            for word, share in frequency[language].items():
                for text_number in rng.sample(members, round(share * len(members))):
                    words_of[text_number].append(word)

    with transaction.atomic():
        with step("organisations", timings):
            Organisation.objects.bulk_create(
                Organisation(
                    name=f"VET provider {number:03d}",
                    slug=f"vet-provider-{number:03d}",
                    org_type="vet_school",
                    country=country,
                    city=f"Town {number:03d}",
                    latitude=40 + number % 25,
                    longitude=-5 + number % 35,
                )
                for number, country in hosts_of
            )
            host_ids = list(Organisation.objects.order_by("slug").values_list("pk", flat=True))

        now = datetime(2026, 1, 1, tzinfo=UTC)
        translation_of = {index: text for text, (index, _lang) in enumerate(texts) if text >= total}
        chunk = 5000
        practice_time = facet_time = index_time = 0.0
        for start in range(0, total, chunk):
            numbers = range(start, min(total, start + chunk))
            practices: list[Practice] = []
            revisions: list[PracticeRevision] = []
            facets: list[PracticeFacetValue] = []
            links: list[Any] = []
            translations: list[PracticeTranslation] = []
            generate_started = time.perf_counter()
            for index in numbers:
                language = languages[index]
                country = hosts_of[host_for[index]][1]
                content = fact_sheet(words_of[index], language, rng, sectors, list(fields))
                published = now - timedelta(minutes=rng.randrange(6 * 365 * 24 * 60))
                label = rng.choice(Label.values)
                practice_id = index + 1
                content.update(
                    vet_type=rng.choice(VetType.values),
                    stage=rng.choice(Stage.values),
                    target_groups=rng.sample(TargetGroup.values, rng.randint(1, 3)),
                    licence=rng.choice(Licence.values),
                    visit_languages=sorted({language, "en"} if rng.random() < 0.5 else {language}),
                )
                practices.append(
                    Practice(
                        pk=practice_id,
                        slug=f"practice-{practice_id:06d}",
                        host_id=host_ids[host_for[index]],
                        source_language=language,
                        status=Status.PUBLISHED,
                        version=1,
                        created_at=published - timedelta(days=30),
                        updated_at=published,
                        published_revision_id=practice_id,
                        is_public=True,
                        first_published_at=published,
                        published_at=published,
                        title=content["title"],
                        summary=content["summary"],
                        country=country,
                        label=label,
                        rubric_scores={},
                    )
                )
                revisions.append(
                    PracticeRevision(
                        pk=practice_id,
                        practice_id=practice_id,
                        number=1,
                        content=content,
                        created_at=published,
                        note="Published",
                    )
                )
                facets.extend(
                    PracticeFacetValue(practice_id=practice_id, facet=facet, value=value)
                    for facet, value in facet_values(content=content, country=country, label=label)
                )
                links.extend(
                    Practice.fields.through(
                        practice_id=practice_id, fieldofexcellence_id=fields[code]
                    )
                    for code in content["fields"]
                )
                if index in translation_of:
                    text = translation_of[index]
                    target = texts[text][1]
                    other = fact_sheet(words_of[text], target, rng, sectors, list(fields))
                    translations.append(
                        PracticeTranslation(
                            practice_id=practice_id,
                            language=target,
                            content={
                                key: other[key]
                                for key in ("title", "summary", "description", "keywords")
                            },
                            source_fingerprint=source_fingerprint(content),
                            updated_at=published,
                        )
                    )
            practice_time += time.perf_counter() - generate_started
            started = time.perf_counter()
            # Foreign keys are checked at commit, so the practices can name
            # their published revision before it exists.
            Practice.objects.bulk_create(practices, batch_size=500)
            PracticeRevision.objects.bulk_create(revisions, batch_size=500)
            PracticeTranslation.objects.bulk_create(translations, batch_size=500)
            practice_time += time.perf_counter() - started
            started = time.perf_counter()
            PracticeFacetValue.objects.bulk_create(facets, batch_size=2000)
            Practice.fields.through.objects.bulk_create(links, batch_size=2000)
            facet_time += time.perf_counter() - started
            started = time.perf_counter()
            search.index_many(practices, batch_size=1000)
            index_time += time.perf_counter() - started
            print(f"    {min(total, start + chunk):>7d} practices", flush=True)
        for name, seconds in (
            ("practices, revisions, translations", practice_time),
            ("facet rows, fields of excellence", facet_time),
            ("full-text index", index_time),
        ):
            timings.append((name, seconds))
            print(f"  {name:<34s} {seconds:7.1f} s")
        commit_started = time.perf_counter()
    timings.append(("commit", time.perf_counter() - commit_started))
    print(f"  {'commit':<34s} {timings[-1][1]:7.1f} s")
    with step("analyse", timings), connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    elapsed = time.perf_counter() - load_started
    print(f"  {'total':<34s} {elapsed:7.1f} s")
    counts = {
        "practices": Practice.objects.count(),
        "facet rows": PracticeFacetValue.objects.count(),
        "translations": PracticeTranslation.objects.count(),
    }
    print("  " + ", ".join(f"{value} {name}" for name, value in counts.items()))
    return Corpus(total=total, frequency=frequency, fields=list(fields))


def fact_sheet(
    words: list[str], language: str, rng: random.Random, sectors: list[str], fields: list[str]
) -> dict[str, Any]:
    """A complete fact sheet whose searched text is made of ``words`` (each
    one used at least once) and common filler words."""
    vocabulary = words or [rng.choice(VOCABULARY[language])]
    fillers = FILLERS[language]

    def sentence(length: int) -> str:
        tokens = [
            rng.choice(fillers) if rng.random() < 0.4 else rng.choice(vocabulary)
            for _ in range(length)
        ]
        return " ".join(tokens).capitalize() + "."

    shuffled = rng.sample(vocabulary, len(vocabulary))
    title_words = shuffled[: rng.randint(2, 5)]
    description = " ".join(sentence(rng.randint(8, 16)) for _ in range(rng.randint(4, 8)))
    description += " " + " ".join(shuffled) + "."  # every word of the text appears
    lowest = rng.randint(2, 5)
    start = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    return {
        "title": " ".join(title_words).capitalize(),
        "summary": sentence(rng.randint(12, 30)),
        "other_organisations": "",
        "city": "",
        "sectors": sorted(rng.sample(sectors, rng.randint(1, 3))),
        "eqf_levels": [str(level) for level in range(lowest, lowest + rng.randint(1, 3))],
        "fields": sorted(rng.sample(fields, rng.randint(1, 3))),
        "keywords": ", ".join(shuffled[:4]),
        "start_date": start.isoformat(),
        "context": sentence(25),
        "objectives": sentence(20),
        "people_reached": rng.randint(10, 5000),
        "description": description,
        "resources": sentence(15),
        "evaluation": sentence(20),
        "results": sentence(20),
        "transfer_conditions": sentence(15),
        "can_host": "yes" if rng.random() < 0.6 else "no",
        "contact_name": "Contact Person",
        "contact_email": "contact@example.org",
        "links": [],
    }


# The query mix ----------------------------------------------------------------


def nearest(frequency: dict[str, float], share: float, count: int) -> list[str]:
    """The ``count`` words whose frequency is nearest to ``share``."""
    return sorted(frequency, key=lambda word: abs(math.log(frequency[word] / share)))[:count]


def query_kinds(corpus: Corpus) -> list[Kind]:
    """The query kinds, each with a few variants; words are picked by how
    many texts contain them (``Corpus.frequency``)."""
    english = corpus.frequency["en"]
    french = corpus.frequency["fr"]
    common = nearest(english, 0.08, 4)
    frequent = nearest(english, 0.15, 8)
    rare = nearest(english, 0.002, 4)
    french_words = nearest(french, 0.05, 4)
    fields = corpus.fields
    list_url = "/api/v1/practices/"
    facets_url = "/api/v1/practices/facets/"

    def url(path: str, **params: Any) -> str:
        return path + ("?" + urlencode(params, doseq=True) if params else "")

    # English words, so countries whose practices are written in English.
    english_countries = [country for country in COUNTRIES if country not in LANGUAGE_OF]
    two_facets = [
        {
            "q": frequent[n],
            "field": fields[(3 + 5 * n) % len(fields)],
            "country": english_countries[3 * n % len(english_countries)],
        }
        for n in range(4)
    ]
    return [
        Kind("baseline: /healthz", ["/healthz"]),
        Kind("list, newest first", [url(list_url)]),
        Kind("list, page 2", [url(list_url, page=2)]),
        Kind("search, 1 common word", [url(list_url, q=word) for word in common]),
        Kind("search + 2 facets", [url(list_url, **params) for params in two_facets]),
        Kind("search, 1 rare word", [url(list_url, q=word) for word in rare]),
        Kind(
            "search, 2 words",
            [url(list_url, q=f"{frequent[n]} {frequent[n + 4]}") for n in range(4)],
        ),
        Kind("search, 1 French word", [url(list_url, q=word) for word in french_words]),
        Kind("search, no match", [url(list_url, q=word) for word in NO_MATCH]),
        Kind("facet counts, whole catalogue", [url(facets_url)]),
        Kind(
            "facet counts, search + 2 facets", [url(facets_url, **params) for params in two_facets]
        ),
    ]


def count_queries(kinds: list[Kind]) -> None:
    """SQL queries of each kind (first variant), in-process, and the number
    of hits of every variant."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for kind in kinds:
        for number, url in enumerate(kind.urls):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
            if number == 0:
                kind.queries = len(captured)
            body = response.json()
            kind.hits.append(body.get("count") if isinstance(body, dict) else None)


# The server and the client ----------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    database_url: str, port: int, workers: int, workdir: Path
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mobinnov.config.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_ANON_RATE": "1000000/min",  # the benchmark is one client address
        "LOG_LEVEL": "WARNING",
        "MOBINNOV_VAR_DIR": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "mobinnov.config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    log = (workdir / "gunicorn.log").open("wb")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped:\n" + (workdir / "gunicorn.log").read_text())
        with contextlib.suppress(OSError):
            if get(port, "/healthz")[0] == 200:
                print(f"gunicorn: {workers} workers on 127.0.0.1:{port}")
                return server
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def get(port: int, url: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", url, headers={"Accept": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def run(kinds: list[Kind], port: int, requests: int, concurrency: int) -> None:
    """Every kind in turn: a short warm-up, then ``requests`` requests from
    ``concurrency`` threads, rotating over the kind's variants."""
    for kind in kinds:
        for url in kind.urls * 3:
            get(port, url)
        started = time.perf_counter()
        run_kind(kind, port, [kind.urls[n % len(kind.urls)] for n in range(requests)], concurrency)
        kind.seconds = time.perf_counter() - started
        print(f"  {kind.name:<34s} done", flush=True)


def run_kind(kind: Kind, port: int, urls: list[str], concurrency: int) -> None:
    pending = iter(urls)
    lock = threading.Lock()
    failures: list[str] = []

    def client() -> None:
        while True:
            with lock:
                url = next(pending, None)
            if url is None:
                return
            started = time.perf_counter()
            status, body = get(port, url)
            elapsed = time.perf_counter() - started
            if status != 200:
                failures.append(f"{url}: HTTP {status} {body[:200]!r}")
                return
            json.loads(body)
            with lock:
                kind.latencies.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures or len(kind.latencies) != len(urls):
        raise SystemExit(f"{kind.name}: {failures[:1] or 'a request failed'}")


def percentiles(latencies: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000, cuts[98] * 1000


def report(kinds: list[Kind], args: argparse.Namespace) -> None:
    print()
    print(
        f"{args.requests} requests per kind, concurrency {args.concurrency}, "
        f"{args.workers} gunicorn workers"
    )
    print()
    print("| query kind | p50 ms | p95 ms | p99 ms | req/s | SQL queries | hits |")
    print("|---|---:|---:|---:|---:|---:|---|")

    def row(name: str, latencies: list[float], seconds: float, queries: str, hits: str) -> None:
        p50, p95, p99 = percentiles(latencies)
        rate = len(latencies) / seconds
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {rate:.0f} | {queries} | {hits} |")

    api: list[float] = []
    api_seconds = 0.0
    for kind in kinds:
        hits = ", ".join(str(hit) for hit in kind.hits if hit is not None)
        row(kind.name, kind.latencies, kind.seconds, str(kind.queries), hits)
        if not kind.name.startswith("baseline"):
            api.extend(kind.latencies)
            api_seconds += kind.seconds
    row("**all API kinds**", api, api_seconds, "", "")
    print()
    for kind in kinds:
        print(f"{kind.name}: {' '.join(kind.urls)}")


if __name__ == "__main__":
    sys.exit(main())
