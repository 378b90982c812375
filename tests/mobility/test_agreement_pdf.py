"""The mobility agreement as PDF: who may download it, its content in the
shape national agencies expect, and its language."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mobinnov.core.pdf import render_html
from mobinnov.mobility import services, views_records
from mobinnov.mobility.models import Agreement, Mobility, ProgrammeDay
from mobinnov.network.models import Membership, Organisation
from tests.conftest import make_user
from tests.mobility import factories as f
from tests.mobility.test_records_web import make_org

D = dt.date
LOGIN = "/accounts/login/"
PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (Debian package poppler-utils) is not installed"
)


def pdf_text(data: bytes) -> str:
    assert PDFTOTEXT is not None
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode("utf-8").split())


@pytest.fixture
def org_c(db: None) -> Organisation:
    return make_org("Instituto Gamma", "ES", "Valencia", 39.47, -0.38, "E10000003")


@pytest.fixture
def coordinator_c(org_c: Organisation) -> Any:
    user = make_user("coord.c@example.org")
    Membership.objects.create(user=user, organisation=org_c, role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def participant(org_a: Organisation) -> Any:
    user = make_user("pat@example.org")
    user.full_name = "Patricia Participant"
    user.job_role = "Teacher of automotive technology"
    user.save(update_fields=["full_name", "job_role"])
    Membership.objects.create(user=user, organisation=org_a)
    return user


@pytest.fixture
def to_c(
    participant: Any, org_a: Organisation, org_c: Organisation, coordinator_a: Any
) -> Mobility:
    return f.mobility(
        participant,
        org_a,
        org_c,
        by=coordinator_a,
        project_code="2025-1-FR01-KA121-VET-000123456",
    )


def pdf_url(mobility: Mobility, lang: str | None = None) -> str:
    address = reverse("mobility:agreement_pdf", kwargs={"reference": mobility.reference})
    return f"{address}?lang={lang}" if lang is not None else address


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),  # a colleague, not the participant
        ("participant", 200),
        ("coordinator_a", 200),
        ("coordinator_b", 403),  # unrelated to a mobility from A to C
        ("coordinator_c", 200),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_may_download_the_agreement(
    request: Any,
    as_user: Any,
    to_c: Mobility,
    staff_a: Any,
    coordinator_b: Any,
    persona: str,
    status: int,
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = as_user(user).get(pdf_url(to_c))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(LOGIN)
    if status == 200:
        assert response.content.startswith(b"%PDF")
    else:
        assert not response.content.startswith(b"%PDF")


def test_an_unknown_mobility_has_no_pdf(as_user: Any, admin: Any) -> None:
    response = as_user(admin).get("/mobility/mobilities/000999-MOB-00001/agreement.pdf")
    assert response.status_code == 404


@needs_pdftotext
def test_the_pdf_holds_what_national_agencies_expect(
    as_user: Any,
    to_c: Mobility,
    participant: Any,
    coordinator_a: Any,
    coordinator_c: Any,
    org_a: Organisation,
) -> None:
    Organisation.objects.filter(pk=org_a.pk).update(
        address="12 rue des Ateliers", contact_name="Camille Martin"
    )
    f.complete_agreement(to_c, participant)
    ProgrammeDay.objects.create(
        mobility=to_c, date=D(2025, 4, 8), activity="Co-assessment in the bodywork workshop"
    )
    services.approve_agreement(to_c.agreement, participant, "participant")
    response = as_user(coordinator_c).get(pdf_url(to_c))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="agreement-{to_c.reference}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    content = pdf_text(response.content)
    today = timezone.localtime(to_c.agreement.approvals.get().approved_at)
    for expected in (
        "Mobility agreement",
        to_c.reference,
        "2025-1-FR01-KA121-VET-000123456",
        "from 07/04/2025 to 11/04/2025",
        "Job shadowing",
        "Patricia Participant",
        "pat@example.org",
        "Teacher of automotive technology",
        "Lycée professionnel Alpha",
        "E10000001",
        "12 rue des Ateliers",
        "Camille Martin",
        "Instituto Gamma",
        "E10000003",
        "Valencia",
        "Spain",
        "English",
        "Learn workshop assessment.",
        "Both schools compare assessment grids.",
        "Day 1 observe, day 2 co-assess, day 3 debrief.",
        "08/04/2025 Co-assessment in the bodywork workshop",
        "A new assessment grid back home.",
        "Assessing practical work",
        "Europass Mobility.",
        f"Participant Patricia Participant {today:%d/%m/%Y}",
        "Sending organisation Not yet approved",
        "Receiving organisation Not yet approved",
        "To be completed after the mobility",
    ):
        assert expected in content, expected
    assert re.search(r"Days of activity\s+5\b", content)


@needs_pdftotext
def test_the_pdf_shows_the_complement_after_the_mobility(
    as_user: Any,
    to_c: Mobility,
    participant: Any,
    coordinator_a: Any,
    coordinator_c: Any,
) -> None:
    f.complete_agreement(to_c, participant)
    for user, party in (
        (participant, "participant"),
        (coordinator_a, "sending"),
        (coordinator_c, "receiving"),
    ):
        services.approve_agreement(to_c.agreement, user, party)
    to_c.refresh_from_db()
    services.set_status(to_c, "under_way", coordinator_a)
    services.record_complement(
        Agreement.objects.get(mobility=to_c),
        participant,
        as_planned=False,
        text="The last day was a public holiday.",
    )
    content = pdf_text(as_user(participant).get(pdf_url(to_c)).content)
    assert "The mobility did not take place as planned." in content
    assert "The last day was a public holiday." in content
    assert "Not yet approved" not in content
    assert "the agreement is frozen since" in content


@needs_pdftotext
def test_the_pdf_in_french(as_user: Any, to_c: Mobility, coordinator_a: Any) -> None:
    response = as_user(coordinator_a).get(pdf_url(to_c, "fr"))
    assert response.content.startswith(b"%PDF")
    content = pdf_text(response.content)
    assert "Patricia Participant" in content and to_c.reference in content
    page = render_html(
        "mobility/pdf/agreement.html", views_records.agreement_pdf_context(to_c), language="fr"
    )
    assert re.search(r'<html lang="fr">', page)


@pytest.mark.parametrize(
    ("preferred", "asked", "expected"),
    [
        ("fr", None, "fr"),  # the participant's language by default
        ("en", "fr", "fr"),  # ?lang= among the interface languages
        ("fr", "en", "en"),
        ("fr", "de", "fr"),  # not an interface language: the participant's
        ("fr", "<script>", "fr"),
    ],
)
def test_the_pdf_language(
    monkeypatch: Any,
    as_user: Any,
    to_c: Mobility,
    participant: Any,
    preferred: str,
    asked: str | None,
    expected: str,
) -> None:
    participant.preferred_language = preferred
    participant.save(update_fields=["preferred_language"])
    used: list[str] = []

    def fake_render_pdf(template: str, context: dict[str, Any], *, language: str, **_: Any):
        used.append(language)
        html = render_html(template, context, language=language)
        assert f'<html lang="{language}">' in html
        return b"%PDF-fake"

    monkeypatch.setattr(views_records, "render_pdf", fake_render_pdf)
    response = as_user(participant).get(pdf_url(to_c, asked))
    assert response.status_code == 200
    assert used == [expected]
