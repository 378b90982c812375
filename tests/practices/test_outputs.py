"""Outputs of practices: the fact sheet as PDF, the booklet (table of
contents with page numbers, parts per cluster, index of partners), CSV / XLSX
/ JSON exports of a catalogue search, the ``export_catalogue`` command and
booklets made in the background from job files (``run_booklet_jobs``)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from mobinnov.accounts.models import User
from mobinnov.core import pdf
from mobinnov.excellence.models import FieldOfExcellence
from mobinnov.network.models import Organisation
from mobinnov.network.services import organisation_create
from mobinnov.practices import booklet, booklet_jobs, exports, search
from mobinnov.practices.choices import Status
from mobinnov.practices.facets import facet_values
from mobinnov.practices.models import (
    Practice,
    PracticeFacetValue,
    PracticeRevision,
    PracticeTranslation,
)
from tests.practices.factories import complete_content

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None,
    reason="pdftotext (Debian package poppler-utils) is not installed: the PDF text is not checked",
)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page of a PDF, by pdftotext."""
    assert PDFTOTEXT is not None
    result = subprocess.run(
        [PDFTOTEXT, "-layout", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8").split("\f")


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(pdf_pages(data)).split())


def publish_practice(
    host: Organisation,
    *,
    title: str,
    fields: list[str],
    label: str = "good_practice",
    public: bool = True,
    **overrides: Any,
) -> Practice:
    """A practice with one revision, published (or left a draft) with the ORM."""
    content = complete_content(title=title, fields=fields, **overrides)
    practice = Practice.objects.create(
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80],
        host=host,
        source_language="en",
        status=Status.PUBLISHED if public else Status.DRAFT,
    )
    revision = PracticeRevision.objects.create(practice=practice, number=1, content=content)
    if public:
        now = timezone.now()
        practice.published_revision = revision
        practice.is_public = True
        practice.published_at = practice.first_published_at = now
        practice.title = title
        practice.summary = content["summary"]
        practice.country = host.country
        practice.label = label
        practice.save()
        practice.fields.set(FieldOfExcellence.objects.filter(code__in=fields))
        PracticeFacetValue.objects.bulk_create(
            PracticeFacetValue(practice=practice, facet=facet, value=value)
            for facet, value in facet_values(
                content=content, country=str(host.country), label=label
            )
        )
        search.index_practice(practice)
    return practice


@pytest.fixture
def org_c(db: None) -> Organisation:
    return organisation_create(
        data={
            "name": "Escola Profissional Gama",
            "org_type": "vet_school",
            "country": "PT",
            "city": "Porto",
            "erasmus_oid": "E10000003",
        }
    )


@pytest.fixture
def catalogue(org_a: Organisation, org_b: Organisation, org_c: Organisation) -> dict[str, Practice]:
    """Three public practices in two clusters, and one draft."""
    return {
        "welding": publish_practice(
            org_a, title="Welding simulators for apprentices", fields=["T4", "T3"]
        ),
        "tutoring": publish_practice(
            org_b, title="Peer tutoring in the workshops", fields=["T2"], label="promising_practice"
        ),
        "companies": publish_practice(
            org_c, title="Company councils for every programme", fields=["C2"], label="experience"
        ),
        "draft": publish_practice(
            org_a, title="Secret draft on robotics", fields=["T4"], public=False
        ),
    }


# --- The PDF helper ---------------------------------------------------------


def test_the_url_fetcher_refuses_other_sites_and_serves_the_static_files() -> None:
    fetcher = pdf.url_fetcher("https://mobinnov.example/")
    for url in (
        "https://example.org/x.png",
        "http://example.org/static/css/print.css",
        "file:///etc/passwd",
        "https://mobinnov.example/static/../../settings.py",
        "https://mobinnov.example/accounts/login/",
    ):
        with pytest.raises(pdf.RefusedURL):
            fetcher.fetch(url)
    response = fetcher.fetch("https://mobinnov.example/static/css/print.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_a_refused_image_is_left_out_and_the_pdf_is_still_made() -> None:
    from django.template import engines

    html = '<html><body><p>Hello</p><img src="https://example.org/x.png"></body></html>'
    template = engines["django"].from_string(html)
    assert template is not None
    data = pdf.html_to_pdf(html)
    assert data.startswith(b"%PDF")


# --- The fact sheet -----------------------------------------------------------


@needs_pdftotext
def test_the_fact_sheet_pdf_of_a_published_practice(
    as_user: Any, catalogue: dict[str, Practice]
) -> None:
    practice = catalogue["welding"]
    response = as_user(None).get(f"/practices/{practice.slug}/factsheet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{practice.slug}.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "Welding simulators for apprentices" in text
    assert "Lycée professionnel Alpha" in text
    assert "Good practice" in text
    assert "Key facts" in text
    assert "Page 1 / " in text
    assert f"/practices/{practice.slug}/" in text
    # Anonymous readers do not get the contact e-mail (as on the web page).
    assert "camille@alpha.example" not in text


@needs_pdftotext
def test_the_fact_sheet_in_another_language(as_user: Any, catalogue: dict[str, Practice]) -> None:
    practice = catalogue["welding"]
    PracticeTranslation.objects.create(
        practice=practice,
        language="fr",
        content={
            "title": "Simulateurs de soudage pour les apprentis",
            "summary": "Résumé en français.",
        },
    )
    response = as_user(None).get(f"/practices/{practice.slug}/factsheet.pdf?lang=fr")
    text = pdf_text(response.content)
    assert "Simulateurs de soudage pour les apprentis" in text
    assert "Résumé en français." in text


@needs_pdftotext
def test_the_working_copy_pdf_is_for_those_who_may_read_it(
    as_user: Any, catalogue: dict[str, Practice], coordinator_a: User, coordinator_b: User
) -> None:
    url = f"/practices/{catalogue['draft'].slug}/factsheet.pdf"
    assert as_user(None).get(url).status_code == 404
    assert as_user(coordinator_b).get(url).status_code == 403
    response = as_user(coordinator_a).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert "Secret draft on robotics" in text
    assert "Working copy" in text
    assert as_user(None).get("/practices/no-such-practice/factsheet.pdf").status_code == 404


def test_no_script_from_a_fact_sheet_reaches_the_pdf_html(org_a: Organisation) -> None:
    practice = publish_practice(
        org_a,
        title="Hostile <script>alert(1)</script> title",
        fields=["T1"],
        description="Good **work**.\n\n<script>alert('x')</script><img src=x onerror=alert(2)>",
        summary='<script src="https://evil.example/x.js"></script> Summary',
    )
    html = booklet.factsheet_html(practice, language="en")
    booklet_html = booklet.booklet_html([practice], language="en", title="<script>t</script>")
    for page in (html, booklet_html):
        assert "<script" not in page.lower()
        assert "onerror" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, shown as text
    assert "<strong>work</strong>" in html  # Markdown still rendered


# --- The booklet ---------------------------------------------------------------


@needs_pdftotext
def test_the_booklet_has_contents_with_page_numbers_parts_and_partners(
    catalogue: dict[str, Practice],
) -> None:
    public = Practice.objects.filter(is_public=True)
    progress: list[tuple[int, int]] = []
    data = booklet.build_booklet(
        public,
        language="en",
        title="Practices of the network",
        progress=lambda d, t: progress.append((d, t)),
    )
    assert data.startswith(b"%PDF")
    assert progress[:3] == [(1, 13), (2, 13), (3, 13)]  # three practices, then about 2 pages each
    assert progress[-1] == (13, 13)
    assert [done for done, _total in progress] == sorted(done for done, _total in progress)
    pages = pdf_pages(data)
    assert "Practices of the network" in pages[0]  # the cover
    contents = pages[1]
    assert "Contents" in contents
    titles = [p.title for p in public]
    for title in titles:
        match = re.search(re.escape(title) + r"[ .·\w]*?(\d+)\s*$", contents, re.MULTILINE)
        assert match, f"{title!r} with its page number in the contents:\n{contents}"
        page = int(match.group(1))
        assert title in " ".join(pages[page - 1].split()), f"{title!r} is not on page {page}"
    # Parts in cluster order: teaching and learning (T) before cooperation (C).
    assert contents.index("1. Teaching and learning") < contents.index(
        "2. Cooperation and partnerships"
    )
    assert contents.index("Peer tutoring") < contents.index("Welding simulators")  # T2 before T4
    assert contents.index("Welding simulators") < contents.index("Company councils")
    index = pages[-2] if not pages[-1].strip() else pages[-1]
    assert "Index of partners" in index
    assert re.search(r"Berufskolleg Beta", index)
    assert re.search(r"Peer tutoring in the workshops[ .]*\d+", index)
    assert "Secret draft" not in " ".join(pages)


# --- Exports ---------------------------------------------------------------------


def test_exports_hold_exactly_the_public_practices_of_the_search(
    as_user: Any, catalogue: dict[str, Practice]
) -> None:
    client = as_user(None)
    expected = {catalogue["welding"].slug}  # T4 and in France: the draft is not public
    query = "?field=T4&field=T2&country=FR"

    response = client.get("/practices/export.csv" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.match(
        r'attachment; filename="practices-\d{4}-\d\d-\d\d\.csv"', response["Content-Disposition"]
    )
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["slug"] for row in rows} == expected
    row = rows[0]
    assert row["title"] == "Welding simulators for apprentices"
    assert row["host"] == "Lycée professionnel Alpha"
    assert row["country"] == "FR"
    assert row["label"] == "good_practice"
    assert row["fields"] == "T4; T3"
    assert row["target_groups"] == "apprentices; teachers"
    assert row["url"].endswith(f"/practices/{catalogue['welding'].slug}/")
    assert "contact_email" not in row  # shown to signed-in people only

    response = client.get("/practices/export.xlsx" + query)
    assert response["Content-Type"] == exports.FORMATS["xlsx"][0]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:8] == list(exports.LEADING)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    slug_column = header.index("slug")
    assert {r[slug_column] for r in sheet.iter_rows(min_row=2, values_only=True)} == expected

    response = client.get("/practices/export.json" + query)
    data = json.loads(response.content)
    assert data["count"] == 1
    assert {p["slug"] for p in data["practices"]} == expected
    assert data["practices"][0]["fields"] == ["T4", "T3"]

    everything = json.loads(client.get("/practices/export.json").content)
    assert {p["slug"] for p in everything["practices"]} == {
        catalogue[k].slug for k in ("welding", "tutoring", "companies")
    }
    found = json.loads(client.get("/practices/export.json?q=tutoring").content)
    assert [p["slug"] for p in found["practices"]] == [catalogue["tutoring"].slug]


def test_exports_never_write_a_formula_and_signed_in_people_get_the_email(
    as_user: Any, org_a: Organisation, staff_a: User
) -> None:
    publish_practice(
        org_a, title="Formula practice", fields=["T1"], summary='=HYPERLINK("http://x")'
    )
    client = as_user(staff_a)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/practices/export.csv").content.decode("utf-8-sig")))
    )
    assert rows[0]["summary"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["contact_email"] == "camille@alpha.example"
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/practices/export.xlsx").content)).active
    assert sheet is not None
    summary = sheet.cell(row=2, column=4)
    assert summary.value == '=HYPERLINK("http://x")'
    assert summary.data_type == "s"


def test_exports_skip_practices_that_are_not_public(catalogue: dict[str, Practice]) -> None:
    data = json.loads(exports.export_json(Practice.objects.all(), "en"))
    assert catalogue["draft"].slug not in {p["slug"] for p in data["practices"]}
    assert data["count"] == 3


def test_the_pages_link_to_the_outputs(as_user: Any, catalogue: dict[str, Practice]) -> None:
    page = as_user(None).get("/practices/?field=T4&q=welding").content.decode()
    assert 'href="/practices/export.csv?field=T4&amp;q=welding"' in page
    assert 'href="/practices/export.xlsx?field=T4&amp;q=welding"' in page
    assert 'href="/practices/export.json?field=T4&amp;q=welding"' in page
    assert 'href="/practices/booklet/?field=T4&amp;q=welding"' in page
    detail = as_user(None).get(f"/practices/{catalogue['welding'].slug}/").content.decode()
    assert f'href="/practices/{catalogue["welding"].slug}/factsheet.pdf"' in detail


# --- The command ----------------------------------------------------------------------


def test_export_catalogue_writes_every_format_and_respects_the_filters(
    tmp_path: Path, catalogue: dict[str, Practice]
) -> None:
    t4 = {catalogue["welding"].slug}
    for fmt in ("csv", "xlsx", "json", "pdf"):
        output = tmp_path / f"out.{fmt}"
        out, err = io.StringIO(), io.StringIO()
        call_command(
            "export_catalogue", format=fmt, output=str(output), field=["T4"], stdout=out, stderr=err
        )
        assert f"Exported 1 practice(s) as {fmt} to {output}" in out.getvalue()
        bar = "7/7 steps" if fmt == "pdf" else "1/1 practices"
        assert "[" + "#" * 30 + "]" in err.getvalue() and bar in err.getvalue()  # the progress bar
        data = output.read_bytes()
        if fmt == "csv":
            assert {r["slug"] for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))} == t4
        elif fmt == "xlsx":
            sheet = openpyxl.load_workbook(io.BytesIO(data)).active
            assert sheet is not None
            assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == sorted(t4)
        elif fmt == "json":
            assert {p["slug"] for p in json.loads(data)["practices"]} == t4
        else:
            assert data.startswith(b"%PDF")
            if PDFTOTEXT:
                text = pdf_text(data)
                assert "Welding simulators" in text and "Peer tutoring" not in text

    output = tmp_path / "all.json"
    call_command(
        "export_catalogue",
        format="json",
        output=str(output),
        country=["DE", "PT"],
        language="fr",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    data = json.loads(output.read_bytes())
    assert data["language"] == "fr"
    assert {p["slug"] for p in data["practices"]} == {
        catalogue["tutoring"].slug,
        catalogue["companies"].slug,
    }
    call_command(
        "export_catalogue",
        format="csv",
        output=str(output),
        q="company councils",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert catalogue["companies"].slug in output.read_text(encoding="utf-8-sig")


# --- Booklets made in the background ---------------------------------------------------


def test_a_booklet_job_is_queued_made_and_downloaded(
    as_user: Any, catalogue: dict[str, Practice], coordinator_a: User, coordinator_b: User
) -> None:
    client = as_user(coordinator_a)
    page = client.get("/practices/booklet/?field=T4&field=C2")
    assert page.status_code == 200
    assert "Your search finds 2 practices." in page.content.decode()

    response = client.post(
        "/practices/booklet/", {"title": "Our booklet", "query": "field=T4&field=C2"}
    )
    assert response.status_code == 302
    status_url = response["Location"]
    job_id = status_url.rstrip("/").rsplit("/", 1)[-1]
    assert booklet_jobs.load(job_id)["status"] == booklet_jobs.QUEUED  # type: ignore[index]
    queued = client.get(status_url)
    assert queued.status_code == 200
    assert '<meta http-equiv="refresh" content="5">' in queued.content.decode()
    assert "waiting" in queued.content.decode()
    # Only the person who asked sees the job.
    assert as_user(coordinator_b).get(status_url).status_code == 404

    out = io.StringIO()
    call_command("run_booklet_jobs", stdout=out)
    assert "1 booklet job(s) processed" in out.getvalue()
    job = booklet_jobs.load(job_id)
    assert job is not None and job["status"] == booklet_jobs.DONE and job["count"] == 2
    assert job["progress"] == 100

    done = client.get(status_url).content.decode()
    assert "http-equiv" not in done
    download_url = f"/practices/booklet/{job_id}/booklet.pdf"
    assert f'href="{download_url}"' in done
    pdf_response = client.get(download_url)
    assert pdf_response.status_code == 200
    assert pdf_response["Content-Type"] == "application/pdf"
    assert 'filename="our-booklet.pdf"' in pdf_response["Content-Disposition"]
    data = b"".join(pdf_response.streaming_content)
    assert data.startswith(b"%PDF")
    if PDFTOTEXT:
        text = pdf_text(data)
        assert "Our booklet" in text and "Welding simulators" in text and "Company councils" in text
        assert "Peer tutoring" not in text
    assert as_user(coordinator_b).get(download_url).status_code == 404
    # Nothing left to do.
    out = io.StringIO()
    call_command("run_booklet_jobs", stdout=out)
    assert "0 booklet job(s) processed" in out.getvalue()


def test_anonymous_people_cannot_ask_for_a_booklet(
    as_user: Any, catalogue: dict[str, Practice]
) -> None:
    response = as_user(None).post("/practices/booklet/", {"title": "x", "query": ""})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not list(booklet_jobs.directory().glob("*.json"))


def test_asking_for_booklets_is_rate_limited(
    as_user: Any, catalogue: dict[str, Practice], staff_a: User
) -> None:
    client = as_user(staff_a)
    codes = [
        client.post("/practices/booklet/", {"title": "B", "query": ""}).status_code
        for _ in range(11)
    ]
    assert codes[:10] == [302] * 10
    assert codes[10] == 429


def test_a_failed_or_interrupted_job_says_so(as_user: Any, staff_a: User, monkeypatch: Any) -> None:
    job_id = booklet_jobs.enqueue(user_id=staff_a.pk, language="en", title="Broken", query="")

    def explode(*args: Any, **kwargs: Any) -> bytes:
        raise RuntimeError("layout failed")

    monkeypatch.setattr(booklet, "build_booklet", explode)
    assert booklet_jobs.run_pending() == 1
    assert booklet_jobs.load(job_id)["status"] == booklet_jobs.FAILED  # type: ignore[index]
    page = as_user(staff_a).get(f"/practices/booklet/{job_id}/").content.decode()
    assert "could not be made" in page and "http-equiv" not in page
    assert as_user(staff_a).get(f"/practices/booklet/{job_id}/booklet.pdf").status_code == 404

    # A job left running by a worker that died is marked failed.
    stale = booklet_jobs.enqueue(user_id=staff_a.pk, language="en", title="Stale", query="")
    assert booklet_jobs.claim() is not None
    later = timezone.now() + booklet_jobs.STALE_AFTER * 2
    assert booklet_jobs.fail_stale(now=later) == 1
    assert booklet_jobs.load(stale)["status"] == booklet_jobs.FAILED  # type: ignore[index]
    assert booklet_jobs.load("../../etc/passwd") is None
    assert as_user(staff_a).get("/practices/booklet/not-a-job/").status_code == 404
