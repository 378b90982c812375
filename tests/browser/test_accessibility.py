"""The main pages pass axe-core's WCAG 2.0/2.1 A and AA rules, in English and
French, signed out and (for the profile editor) signed in; each has its
language declared, one h1, a skip link as the first Tab stop, and reflows
without sideways scrolling at 320 CSS pixels.

Run with: pytest -m browser tests/browser
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import CHROMIUM_MISSING, axe_violations, chromium_available, describe

if not chromium_available():
    pytest.skip(CHROMIUM_MISSING, allow_module_level=True)
pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: pip install -e .[dev]"
)


from mobinnov.accounts.models import User
from mobinnov.excellence.models import DefinitionTopic
from mobinnov.excellence.services import definition_save
from mobinnov.network.models import Membership, Organisation, Sector
from mobinnov.network.services import organisation_create

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [
    pytest.mark.browser,
    # A live server needs real commits (the database is flushed after each test).
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery-staple"
COORDINATOR_EMAIL = "coord.gamma@example.org"
LANGUAGES = ["en", "fr"]


REFLOW_CHECK = """() => {
    const width = document.documentElement.clientWidth;
    const elements = [];
    for (const el of document.querySelectorAll('body *')) {
        // Data tables may scroll sideways inside their own region (a WCAG 1.4.10 exception).
        if (el.closest('.table-scroll')) continue;
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.right > width + 1) {
            elements.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}`);
        }
    }
    return {width: document.documentElement.scrollWidth, elements: elements.slice(0, 5)};
}"""


@dataclass(frozen=True)
class Partner:
    organisation: Organisation
    coordinator: User


@pytest.fixture
def partner(reference_data: None) -> Partner:
    """A partner with coordinates, sectors, a description, a definition and a
    coordinator, made through the project's services."""
    sectors = Sector.objects.filter(code__in=["071", "101"])
    assert sectors.count() == 2, "the sectors loaded by the migrations are missing"
    organisation = organisation_create(
        data={
            "name": "Centre de formation Gamma",
            "org_type": "vet_school",
            "country": "FR",
            "city": "Nantes",
            "latitude": 47.22,
            "longitude": -1.55,
            "erasmus_oid": "E10000003",
            "description": "Engineering and hospitality training.\n\nWork-based learning with local firms.",
            "contact_name": "Camille Martin",
            "contact_email": "contact@gamma.example",
        },
        sectors=sectors,
    )
    # Coordinator, editor and network admin at once, so that one sign-in reaches
    # every signed-in page, with all the controls each role adds.
    coordinator = User.objects.create_user(
        email=COORDINATOR_EMAIL,
        password=PASSWORD,
        full_name="Coord Gamma",
        is_editor=True,
        is_network_admin=True,
    )
    Membership.objects.create(
        user=coordinator, organisation=organisation, role=Membership.Role.COORDINATOR
    )
    definition_save(
        organisation=organisation,
        topic=DefinitionTopic.PEDAGOGICAL_INNOVATION,
        text="Trying new ways of teaching and keeping those that help learners.",
        language="en",
        author=coordinator,
        expected_version=None,
    )
    return Partner(organisation=organisation, coordinator=coordinator)


# --- How each page is reached -------------------------------------------------


def visit(path: str) -> Callable[[Page, Partner], None]:
    def go(page: Page, partner: Partner) -> None:
        response = page.goto(path.format(slug=partner.organisation.slug))
        assert response is not None and response.status == 200, (
            f"{path}: {response and response.status}"
        )

    return go


def join_with_errors(page: Page, partner: Partner) -> None:
    visit("/join/")(page, partner)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".form-errors").is_visible(), "the empty application shows no errors"
    assert page.locator(".errorlist").count() > 0, "the fields show no error messages"


def signed_in(path: str) -> Callable[[Page, Partner], None]:
    def go(page: Page, partner: Partner) -> None:
        visit("/accounts/login/")(page, partner)
        page.locator("main input[name=username]").fill(partner.coordinator.email)
        page.locator("main input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "/accounts/login/" not in page.url, "signing in failed"
        visit(path)(page, partner)

    return go


PAGES: dict[str, Callable[[Page, Partner], None]] = {
    "home": visit("/"),
    "practices_catalogue": visit("/practices/"),
    "practices_new_signed_in": signed_in("/practices/new/"),
    "my_practices_signed_in": signed_in("/practices/mine/"),
    "practices_import_signed_in": signed_in("/practices/import/"),
    "partner_list": visit("/partners/"),
    "partner_detail": visit("/partners/{slug}/"),
    "framework": visit("/excellence/"),
    "definitions": visit("/excellence/definitions/"),
    "join": visit("/join/"),
    "join_errors": join_with_errors,
    "login": visit("/accounts/login/"),
    "partner_edit_signed_in": signed_in("/partners/{slug}/edit/"),
    "members_signed_in": signed_in("/partners/{slug}/members/"),
    "dashboard_signed_in": signed_in("/accounts/"),
    "profile_signed_in": signed_in("/accounts/profile/"),
    "framework_as_editor": signed_in("/excellence/"),
    "field_edit_as_editor": signed_in("/excellence/fields/T4/edit/"),
    "definition_edit_signed_in": signed_in(
        "/excellence/definitions/{slug}/excellence_in_vet/edit/"
    ),
    "applications_as_admin": signed_in("/network/applications/?status=all"),
    "people_as_admin": signed_in("/network/people/"),
    "rubric_as_editor": signed_in("/practices/rubric/"),
    "audit_as_admin": signed_in("/network/audit/"),
    "mobility_home": visit("/mobility/"),
    "mobility_home_signed_in": signed_in("/mobility/"),
    "offers": visit("/mobility/offers/"),
    "offer_new_signed_in": signed_in("/mobility/offers/new/"),
    "needs_signed_in": signed_in("/mobility/needs/"),
    "need_new_signed_in": signed_in("/mobility/needs/new/"),
    "rounds_signed_in": signed_in("/mobility/rounds/"),
    "round_new_signed_in": signed_in("/mobility/rounds/new/"),
    "mobilities_signed_in": signed_in("/mobility/mobilities/"),
    "mobility_new_signed_in": signed_in("/mobility/mobilities/new/?organisation={slug}"),
    "ledger_signed_in": signed_in("/mobility/ledger/"),
    "budget_network_as_admin": signed_in("/mobility/budget/"),
    "budget_organisation_signed_in": signed_in("/mobility/budget/organisation/{slug}/"),
    "rates_as_admin": signed_in("/mobility/rates/"),
    "rates_edit_as_admin": signed_in("/mobility/rates/2025/"),
    "calendar_signed_in": signed_in("/mobility/calendar/"),
    "reporting_export_signed_in": signed_in("/mobility/export/?organisation={slug}"),
    "evaluation_home": visit("/evaluation/"),
    "evaluation_home_signed_in": signed_in("/evaluation/"),
    "evaluation_summary": visit("/evaluation/summary/"),
    "transfer_map": visit("/evaluation/transfer-map/"),
    "my_evaluation_signed_in": signed_in("/evaluation/me/"),
    "my_answers_signed_in": signed_in("/evaluation/my-answers/"),
    "dashboard_network_as_admin": signed_in("/evaluation/dashboard/"),
    "dashboard_organisation_signed_in": signed_in("/evaluation/dashboard/{slug}/"),
    "items_as_editor": signed_in("/evaluation/items/"),
    "instruments_as_editor": signed_in("/evaluation/instruments/"),
    "invitations_signed_in": signed_in("/evaluation/invitations/?organisation={slug}"),
    "implementations_signed_in": signed_in("/evaluation/implementations/"),
    "feedback_signed_in": signed_in("/evaluation/feedback/{slug}/"),
    "stories_signed_in": signed_in("/evaluation/stories/{slug}/"),
    "impact_report_signed_in": signed_in("/evaluation/report/"),
}


# --- Checks ---------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible(
    name: str, language: str, partner: Partner, new_page: Callable[[str], Page]
) -> None:
    page = new_page(language)
    PAGES[name](page, partner)

    html_lang = page.evaluate("document.documentElement.lang")
    assert html_lang == language, (
        f"<html lang> is {html_lang!r}, the page was asked in {language!r}"
    )

    h1_count = page.locator("h1").count()
    assert h1_count == 1, f"{h1_count} h1 elements on {page.url}, expected exactly one"

    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} WCAG A/AA violation(s) on {page.url} ({language}):\n"
        + describe(violations)
    )

    # Nothing is autofocused: from a fresh page load the first Tab is the skip link.
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                href: el.getAttribute('href'),
                text: el.textContent.trim(),
                visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
            };
        }"""
    )
    assert focused["tag"] == "a" and focused["href"] == "#main", (
        f"the first Tab stop is {focused}, not the skip link to #main"
    )
    assert focused["text"], "the skip link has no text"
    assert focused["visible"], "the skip link stays off screen when focused"

    # WCAG 1.4.10 (reflow): at 320 CSS pixels wide nothing scrolls sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    too_wide = page.evaluate(REFLOW_CHECK)
    assert not too_wide["elements"], (
        f"at 320px the page is {too_wide['width']}px wide; too wide: {too_wide['elements']}"
    )
