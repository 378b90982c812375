"""A return questionnaire (T1) answered in the browser through its personal
link, without an account: a draft saved, the link opened again to resume, a
submission refused while required questions are empty, then submitted; the
link then only says thank you. axe checks each state of the page."""

from __future__ import annotations

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


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n" + describe(violations)


@pytest.fixture
def link(reference_data: None) -> tuple[str, Any]:
    """The personal link of a sent T1 invitation (shipped instruments)."""
    import datetime as dt

    from mobinnov.accounts.models import User
    from mobinnov.impact import services
    from mobinnov.impact.models import Invitation, Wave
    from mobinnov.impact.views_answers import answer_path
    from mobinnov.network.models import Membership
    from mobinnov.network.services import organisation_create
    from tests.mobility import factories as mf

    alpha = organisation_create(
        data={"name": "Lycée Alpha", "org_type": "vet_school", "country": "FR", "city": "Lyon"}
    )
    beta = organisation_create(
        data={"name": "Kolleg Beta", "org_type": "vet_school", "country": "DE", "city": "Köln"}
    )
    people = {}
    for email, organisation, role in (
        ("paula@example.org", alpha, "staff"),
        ("anne@example.org", alpha, "coordinator"),
        ("bernd@example.org", beta, "coordinator"),
    ):
        people[email] = User.objects.create_user(email=email, password="x" * 12, full_name=email)
        Membership.objects.create(user=people[email], organisation=organisation, role=role)
    today = timezone.localdate()
    mobility = mf.mobility(
        people["paula@example.org"],
        alpha,
        beta,
        by=people["anne@example.org"],
        start=today - dt.timedelta(days=9),
        end=today - dt.timedelta(days=5),
    )
    mf.complete_agreement(mobility, people["anne@example.org"])
    services.schedule(mobility)
    invitation = Invitation.objects.get(mobility=mobility, wave=Wave.T1)
    Invitation.objects.filter(pk=invitation.pk).update(
        status=Invitation.Status.SENT, sent_at=timezone.now(), last_sent_at=timezone.now()
    )
    return answer_path(invitation), invitation


def test_a_questionnaire_drafted_resumed_and_submitted(new_page: Any, link: Any) -> None:
    from mobinnov.impact.models import Answer, Invitation

    path, invitation = link
    page = new_page("en")
    page.goto(path)
    assert page.locator("h1").count() == 1 and "Lycée Alpha" not in page.locator("h1").inner_text()
    assert_accessible(page)

    # A first answer, saved as a draft.
    first = page.locator("input[type=radio][value='5']").first
    name = first.get_attribute("name")
    first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DRAFT
    assert Answer.objects.filter(invitation=invitation).count() == 1

    # Opened again later: the draft is there.
    page.goto(path)
    assert page.locator(f"input[name='{name}'][value='5']").is_checked()
    assert "draft" in page.locator("main").inner_text().lower()

    # Submitting with required questions empty: refused, messages at the questions.
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()
    assert page.locator(".form-errors").is_visible()
    assert page.locator(".field--error").count() > 0
    assert page.locator(f"input[name='{name}'][value='5']").is_checked()
    assert_accessible(page)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DRAFT

    # Every rating answered (keyboard-reachable radios), then submitted.
    for radio in page.locator("input[type=radio][value='4']").all():
        radio.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit").click()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SUBMITTED
    assert_accessible(page)
    competences = Answer.objects.filter(invitation=invitation, competence__gt="")
    assert competences.filter(variant="then").count() == 2  # T1 asks "then" too

    # The link cannot be used again.
    page.goto(path)
    assert page.locator("form button[value=submit]").count() == 0
    assert "submitted" in page.locator("main").inner_text().lower()
