"""The impact report: who may ask for it, the request form, the PDF (charts,
tables, chosen stories, method notes) and the anonymised CSV."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from mobinnov.core.pdf import render_html
from mobinnov.core.spreadsheet import csv_safe
from mobinnov.impact import codes, selectors, views_dashboards
from mobinnov.impact.models import Answer
from mobinnov.network.models import Organisation
from tests.impact import dashboard_data as data

URL = "/evaluation/report/"
PERIOD = {"from": "2025-01-01", "to": "2025-12-31"}
PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (Debian package poppler-utils) is not installed"
)


@pytest.fixture
def world(db: None) -> data.World:
    return data.build_world()


def persona(request: Any, name: str) -> Any:
    return None if name == "anonymous" else request.getfixturevalue(name)


def rows_of(response: Any) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def pdf_text(content: bytes) -> str:
    assert PDFTOTEXT is not None
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


def test_the_url() -> None:
    assert reverse("impact:report") == URL


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_an_organisations_report_is_for_its_coordinators_and_admins(
    request: Any, as_user: Any, world: data.World, org_a: Organisation, name: str, status: int
) -> None:
    response = as_user(persona(request, name)).get(
        URL, {"organisation": org_a.slug, "format": "csv", **PERIOD}
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 403),
        ("coordinator_b", 403),
        ("editor", 200),
        ("admin", 200),
    ],
)
def test_the_networks_report_is_for_admins_and_editors(
    request: Any, as_user: Any, world: data.World, org_a: Organisation, name: str, status: int
) -> None:
    response = as_user(persona(request, name)).get(URL, {"format": "csv", **PERIOD})
    assert response.status_code == status


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 200),
        ("editor", 200),
        ("admin", 200),
    ],
)
def test_the_request_form(
    request: Any, as_user: Any, world: data.World, org_a: Organisation, name: str, status: int
) -> None:
    response = as_user(persona(request, name)).get(URL)
    assert response.status_code == status
    if status == 200:
        choices = dict(response.context["form"].fields["organisation"].choices)
        if name == "coordinator_a":
            assert choices == {org_a.slug: org_a.name}
        if name == "editor":
            assert choices == {"": "The whole network"}
        body = response.content.decode()
        assert "<fieldset" in body and "<legend>Format</legend>" in body


def test_the_form_for_another_organisation_is_refused(
    as_user: Any, coordinator_b: Any, world: data.World, org_a: Organisation
) -> None:
    assert as_user(coordinator_b).get(URL, {"organisation": org_a.slug}).status_code == 403
    assert as_user(coordinator_b).get(URL, {"organisation": "nowhere"}).status_code == 404


def test_bad_input_is_shown_next_to_the_fields(
    as_user: Any, coordinator_a: Any, world: data.World, org_a: Organisation
) -> None:
    response = as_user(coordinator_a).get(
        URL, {"organisation": org_a.slug, "from": "2025-12-31", "to": "2025-01-01", "format": "x"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "to" in form.errors and "format" in form.errors
    assert "field--error" in response.content.decode()
    response = as_user(coordinator_a).get(
        URL, {"organisation": org_a.slug, "from": "yesterday", "to": "31/12/2025", "format": "csv"}
    )
    assert response.status_code == 400 and list(response.context["form"].errors) == ["from"]


# --- CSV -------------------------------------------------------------------------------------


def test_the_csv_is_anonymised(
    as_user: Any,
    coordinator_a: Any,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
) -> None:
    mobilities = data.cohort(world, 3, org_a, org_b, **data.full_answers(3))
    data.cohort(world, 2, org_b, org_a, **data.full_answers(4))  # another organisation's
    chosen = Answer.objects.get(invitation__mobility=mobilities[1], item__code=codes.MSC)
    data.select_story(chosen)
    response = as_user(coordinator_a).get(
        URL, {"organisation": org_a.slug, "format": "csv", "from": "01/01/2025", "to": "31/12/2025"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="impact-{org_a.slug}-20250101-20251231.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    rows = rows_of(response)
    assert list(rows[0]) == list(selectors.EXPORT_COLUMNS)
    assert {row["sending_organisation"] for row in rows} == {org_a.name}
    assert len({row["respondent"] for row in rows}) == 3
    everything = repr(rows)
    for on in mobilities:
        assert on.participant.full_name not in everything
        assert on.participant.email not in everything
        assert on.reference not in everything
    assert "Private plan" not in everything
    stories = [row["value"] for row in rows if row["item"] == codes.MSC]
    assert stories == [chosen.text]
    relevance = [row for row in rows if row["item"] == codes.RELEVANCE]
    assert {row["value"] for row in relevance} == {"5"}
    assert {row["wave"] for row in rows} == {"T0", "T1", "T2", "T3"}


def test_the_csv_keeps_to_the_period(
    as_user: Any, admin: Any, world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    data.cohort(world, 1, org_a, org_b, end=data.D(2024, 5, 1), reaction=(2, 2))
    data.cohort(world, 1, org_a, org_b, end=data.D(2025, 5, 1), reaction=(4, 4))
    rows = rows_of(as_user(admin).get(URL, {"format": "csv", **PERIOD}))
    assert {row["year"] for row in rows} == {"2025"}
    assert {row["value"] for row in rows} == {"4"}


def test_the_csv_guards_against_formulas(
    as_user: Any, admin: Any, world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    (on,) = data.cohort(world, 1, org_a, org_b, msc='=HYPERLINK("http://x")')
    data.select_story(Answer.objects.get(invitation__mobility=on, item__code=codes.MSC))
    t1 = data.invite(world, on, "T1")
    data.answer(world, t1, codes.COMPETENCE, number=3, competence="+SUM(A1)")
    rows = rows_of(as_user(admin).get(URL, {"format": "csv", **PERIOD}))
    assert [row["value"] for row in rows if row["item"] == codes.MSC] == [
        '\'=HYPERLINK("http://x")'
    ]
    assert [row["competence"] for row in rows if row["item"] == codes.COMPETENCE] == ["'+SUM(A1)"]
    assert csv_safe(-1.0) == -1.0


# --- PDF -------------------------------------------------------------------------------------


def report_context(org: Organisation | None) -> dict[str, Any]:
    filters = selectors.Filters(
        start=data.D(2025, 1, 1),
        end=data.D(2025, 12, 31),
        sending_ids=(org.pk,) if org is not None else None,
    )
    dash = selectors.dashboard(filters)
    return {
        **views_dashboards.dashboard_context(dash),
        "organisation": org,
        "start": filters.start,
        "end": filters.end,
        "generated": data.D(2026, 1, 15),
        "stories": selectors.selected_stories(filters),
        "network_name": "Test network",
    }


def test_the_report_html_has_charts_tables_stories_and_method_notes(
    world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    mobilities = data.cohort(world, 6, org_a, org_b, **data.full_answers(5))
    for on in mobilities:
        data.implementation(on)
    chosen = Answer.objects.get(invitation__mobility=mobilities[0], item__code=codes.MSC)
    chosen.text = "We now assess <apprentices> together."
    chosen.save()
    data.select_story(chosen)
    html = render_html("impact/pdf/report.html", report_context(org_a), language="en")
    assert html.count("<h1") == 1
    assert html.count('role="img"') >= 4
    assert "Impact report of Lycée professionnel Alpha" in html
    assert "Mobilities that ended from 01/01/2025 to 31/12/2025." in html
    assert "We now assess &lt;apprentices&gt; together." in html
    assert "Job shadowing at Berufskolleg Beta, 2025" in html
    assert mobilities[0].participant.full_name not in html
    for note in ("Paired change", "Hedges", "Wilcoxon", "Holm", "Response shift", "fewer than 5"):
        assert note in html
    assert "Story number 1" not in html  # not chosen


@needs_pdftotext
def test_the_pdf(
    as_user: Any,
    coordinator_a: Any,
    world: data.World,
    org_a: Organisation,
    org_b: Organisation,
) -> None:
    mobilities = data.cohort(world, 6, org_a, org_b, **data.full_answers(6))
    data.select_story(Answer.objects.get(invitation__mobility=mobilities[2], item__code=codes.MSC))
    response = as_user(coordinator_a).get(
        URL, {"organisation": org_a.slug, "format": "pdf", **PERIOD}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="impact-{org_a.slug}-20250101-20251231.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    words = pdf_text(response.content)
    assert "Impact report of Lycée professionnel Alpha" in words
    assert "answered every wave so far" in words  # the flow chart's text, drawn in the PDF
    assert "Story number 6" in words
    assert "Holm" in words and "too few answers to show" in words
    assert mobilities[0].participant.full_name not in words


@needs_pdftotext
def test_the_networks_pdf(
    as_user: Any, editor: Any, world: data.World, org_a: Organisation, org_b: Organisation
) -> None:
    data.cohort(world, 5, org_a, org_b, reaction=(4, 4))
    response = as_user(editor).get(URL, {"format": "pdf", **PERIOD})
    assert response.status_code == 200
    words = pdf_text(response.content)
    assert f"Impact report of {settings.NETWORK_NAME}" in words
    assert "The activity was relevant to my work." in words
