"""Impact dashboards in the browser: a coordinator's dashboard draws its charts,
each followed by its table alternative; a group of 4 respondents shows no
figure ("too few answers to show") while a group of 6 does; axe checks both."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.conftest import CHROMIUM_MISSING, axe_violations, chromium_available, describe

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not chromium_available(), reason=CHROMIUM_MISSING),
]

PASSWORD = "correct-horse-battery-staple"
TOO_FEW = "too few answers to show"


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n" + describe(violations)


@pytest.fixture
def partners(reference_data: None) -> dict[str, Any]:
    """Alpha sent 6 answering participants to Beta; Gamma sent 4 to Beta."""
    from mobinnov.accounts.models import User
    from mobinnov.network.models import Membership
    from mobinnov.network.services import organisation_create
    from tests.impact import dashboard_data as data

    organisations = {
        slug: organisation_create(
            data={"name": name, "org_type": "vet_school", "country": country, "city": city}
        )
        for slug, name, country, city in (
            ("alpha", "Lycée Alpha", "FR", "Lyon"),
            ("beta", "Kolleg Beta", "DE", "Köln"),
            ("gamma", "Escola Gamma", "PT", "Braga"),
        )
    }
    coordinator = User.objects.create_user(
        email="anne@example.org", password=PASSWORD, full_name="Anne Alpha"
    )
    Membership.objects.create(
        user=coordinator, organisation=organisations["alpha"], role="coordinator"
    )
    gamma = User.objects.create_user(
        email="gina@example.org", password=PASSWORD, full_name="Gina Gamma"
    )
    Membership.objects.create(user=gamma, organisation=organisations["gamma"], role="coordinator")
    world = data.build_world()
    answers = data.full_answers
    data.cohort(
        world,
        6,
        organisations["alpha"],
        organisations["beta"],
        pre=lambda i: answers(i)["pre"],
        post=lambda i: answers(i)["post"],
        then=lambda i: answers(i)["then"],
        use="once",
        adoption="class",
        colleagues=37,
    )
    data.cohort(
        world,
        4,
        organisations["gamma"],
        organisations["beta"],
        pre=lambda i: answers(i)["pre"],
        post=lambda i: answers(i)["post"],
        use="regularly",
        colleagues=41,
    )
    return organisations


def sign_in(page: Page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("main input[name=username]", email)
    page.fill("main input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url


def test_a_coordinators_dashboard_has_charts_with_tables(
    new_page: Any, partners: dict[str, Any]
) -> None:
    page = new_page("en")
    sign_in(page, "anne@example.org")
    page.goto(f"/evaluation/dashboard/{partners['alpha'].slug}/")
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 3
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.is_visible()
        labelled = chart.get_attribute("aria-labelledby")
        assert labelled and page.locator(f"[id='{labelled.split()[0]}']").count() == 1
        # The table alternative follows the chart in its section.
        section = chart.locator("xpath=ancestor::section[1]")
        assert section.locator("table").count() >= 1
    main = page.locator("main").inner_text()
    assert "222" in main  # 6 x 37 colleagues reached
    assert_accessible(page)


def test_the_threshold_hides_a_group_of_four(new_page: Any, partners: dict[str, Any]) -> None:
    page = new_page("en")
    sign_in(page, "gina@example.org")
    page.goto(f"/evaluation/dashboard/{partners['gamma'].slug}/")
    main = page.locator("main").inner_text()
    assert TOO_FEW in main.lower()
    assert "164" not in main  # 4 x 41 colleagues: hidden
    assert page.locator("svg[role=img]").count() == 0
    assert_accessible(page)
