"""A planning round end to end in the browser: a teacher records a learning
need and her coordinator endorses it; the host publishes an offer; an admin
opens and solves a network round; both coordinators accept the proposal; the
three parties write and approve the mobility agreement; its PDF downloads and
the mobility page shows the Erasmus+ budget. axe checks the pages on the way."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from django.utils import timezone

from tests.browser.conftest import CHROMIUM_MISSING, axe_violations, chromium_available, describe

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason=CHROMIUM_MISSING),
]

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def people(reference_data: None) -> dict[str, Any]:
    from mobinnov.accounts.models import User
    from mobinnov.network.models import Membership
    from mobinnov.network.services import organisation_create

    alpha = organisation_create(
        data={
            "name": "Lycée Alpha",
            "org_type": "vet_school",
            "country": "FR",
            "city": "Lyon",
            "latitude": 45.75,
            "longitude": 4.85,
        }
    )
    beta = organisation_create(
        data={
            "name": "Kolleg Beta",
            "org_type": "vet_school",
            "country": "DE",
            "city": "Köln",
            "latitude": 50.94,
            "longitude": 6.96,
        }
    )

    def person(email: str, name: str, organisation: Any, role: str, **extra: Any) -> Any:
        user = User.objects.create_user(
            email=email, password=PASSWORD, full_name=name, languages_spoken=["fr", "en"], **extra
        )
        if organisation is not None:
            Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return {
        "teacher": person("paula@example.org", "Paula Participant", alpha, "staff"),
        "coordinator_a": person("anne@example.org", "Anne Alpha", alpha, "coordinator"),
        "coordinator_b": person("bernd@example.org", "Bernd Beta", beta, "coordinator"),
        "admin": person("admin@example.org", "Ada Admin", None, "", is_network_admin=True),
    }


def sign_in(page: Page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("main input[name=username]", email)
    page.fill("main input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"could not sign in as {email}"


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n" + describe(violations)


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


def test_a_round_from_need_to_agreed_mobility(new_page: Any, people: dict[str, Any]) -> None:
    from mobinnov.mobility.models import LearningNeed, Mobility

    page = new_page("en")
    start = timezone.localdate() + dt.timedelta(days=60)
    window_end = start + dt.timedelta(days=30)

    # The teacher records what she wants to learn.
    sign_in(page, "paula@example.org")
    page.goto("/mobility/needs/new/")
    assert_accessible(page)
    page.get_by_label("What I want to learn").fill("Assessing apprentices in the workshop.")
    page.get_by_label("Earliest start").fill(start.isoformat())
    page.get_by_label("Latest end").fill(start.isoformat())  # too short: refused
    page.check("input[name=languages][value=en]")
    page.check("input[name=formats][value='SM-JOB-SHDW']")
    page.get_by_label("Shortest stay (days)").fill("3")
    page.get_by_label("Longest stay (days)").fill("5")
    submit(page, "Save as a draft")
    assert page.locator(".form-errors").is_visible()
    assert page.get_by_label("What I want to learn").input_value().startswith("Assessing")
    assert_accessible(page)
    page.get_by_label("Latest end").fill(window_end.isoformat())
    submit(page, "Save as a draft")
    submit(page, "Send for endorsement")
    need = LearningNeed.objects.get()
    assert need.status == LearningNeed.Status.SUBMITTED

    # Her coordinator endorses it.
    sign_in(page, "anne@example.org")
    page.goto(f"/mobility/needs/{need.pk}/")
    submit(page, "Endorse the need")
    need.refresh_from_db()
    assert need.status == LearningNeed.Status.ENDORSED

    # The host publishes an offer.
    sign_in(page, "bernd@example.org")
    page.goto("/mobility/offers/new/")
    assert_accessible(page)
    page.get_by_label("Title").fill("Job shadowing in the mechatronics workshop")
    page.check("input[name=formats][value='SM-JOB-SHDW']")
    page.check("input[name=languages][value=en]")
    page.fill("#id_capacity", "1")
    page.fill("#id_min_days", "2")
    page.fill("#id_max_days", "10")
    page.fill("#id_programme", "Follow the trainers and co-assess a practical test.")
    page.select_option("#id_status", "open")
    page.fill("#id_periods-0-start", (start - dt.timedelta(days=10)).isoformat())
    page.fill("#id_periods-0-end", (window_end + dt.timedelta(days=30)).isoformat())
    submit(page, "Create the offer")
    assert "/mobility/offers/" in page.url and "/new/" not in page.url, page.url
    page.goto("/mobility/offers/")
    assert "mechatronics workshop" in page.locator("main").inner_text()
    assert_accessible(page)

    # An admin opens a network round and solves it.
    sign_in(page, "admin@example.org")
    page.goto("/mobility/rounds/new/")
    assert_accessible(page)
    page.get_by_label("Name").fill("Network round")
    page.get_by_label("Whose round").select_option(index=0)
    page.fill("#id_period_start", (start - dt.timedelta(days=30)).isoformat())
    page.fill("#id_period_end", (window_end + dt.timedelta(days=60)).isoformat())
    submit(page, "Create the round")
    round_url = page.url
    submit(page, "Solve the round")
    main = page.locator("main").inner_text()
    assert "proven optimal" in main.lower(), main
    assert "Practices of interest" in main or "Working language" in main  # the explanation
    assert_accessible(page)

    # Both coordinators accept.
    sign_in(page, "anne@example.org")
    page.goto(round_url)
    submit(page, "Accept for the sending organisation")
    sign_in(page, "bernd@example.org")
    page.goto(round_url)
    submit(page, "Accept as host")
    mobility = Mobility.objects.get()
    assert mobility.status == Mobility.Status.PLANNED

    # The three parties write and approve the agreement.
    sign_in(page, "paula@example.org")
    page.goto(f"/mobility/mobilities/{mobility.reference}/agreement/")
    assert_accessible(page)
    page.get_by_label("Objectives").fill("Learn how apprentices are assessed at work.")
    page.get_by_label("Activities (programme)").fill("Observation, co-assessment, debrief.")
    page.fill("#id_expected_outcomes", "An assessment grid used with one class.")
    page.fill("#id_competences", "Assessing practical skills\nGiving feedback")
    page.fill("#id_recognition", "Europass Mobility.")
    submit(page, "Save the agreement")
    page.goto(mobility.get_absolute_url())
    submit(page, "Approve the agreement as participant")
    for email, party in (
        ("anne@example.org", "sending organisation"),
        ("bernd@example.org", "receiving organisation"),
    ):
        sign_in(page, email)
        page.goto(mobility.get_absolute_url())
        submit(page, f"Approve the agreement as {party}")
    assert "frozen" in page.locator(".messages").inner_text().lower()
    mobility.refresh_from_db()
    assert mobility.status == Mobility.Status.AGREED

    # The PDF downloads; the budget shows on the mobility page.
    with page.expect_download() as download:
        page.locator("a[href*='agreement.pdf']").first.click()
    pdf = download.value
    assert pdf.suggested_filename == f"agreement-{mobility.reference}.pdf"
    with open(pdf.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
    main = page.locator("main").inner_text()
    assert "500-1999" in main, main
    assert f"{mobility.grant_total:.2f}".split(".")[0] in main.replace(",", "").replace(" ", "")
    assert_accessible(page)
