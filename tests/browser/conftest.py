"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's
live server.

Nothing here downloads a browser: the tests use the Chromium that Debian
installs at /usr/bin/chromium (or the one named by CHROMIUM_PATH), and are
skipped when it is missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM_PATH = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_MISSING = "Debian's chromium is not installed: apt-get install chromium"
AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
LANGUAGE_COOKIE = "mobinnov_language"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_available() -> bool:
    return CHROMIUM_PATH.is_file() and os.access(CHROMIUM_PATH, os.X_OK)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole module."""
    if not chromium_available():
        pytest.skip(CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio event loop in the test's thread;
    # without this, Django refuses the ORM calls the tests make there. Set only
    # while the browser runs: left in os.environ, it would reach other tests'
    # subprocesses (`check --deploy` fails with async.E001).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setitem(os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def _fresh_rate_limits() -> None:
    """The rate limits count in the cache, which lives as long as the test
    process: other tests' sign-ins and applications from 127.0.0.1 must not
    make the join form answer 429 here."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def new_page(
    browser: Browser, live_server: Any, _fresh_rate_limits: None
) -> Iterator[Callable[[str], Page]]:
    """``new_page(language)`` opens a page in a fresh browser context that
    speaks ``language`` (through the language cookie) to the live server.

    ``bypass_csp``: the site's strict Content-Security-Policy would otherwise
    refuse the axe script the tests inject.
    """
    contexts: list[BrowserContext] = []

    def open_page(language: str) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            bypass_csp=True,
            locale="en-GB" if language == "en" else "fr-FR",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


# --- Reference data -------------------------------------------------------------


@pytest.fixture
def reference_data(transactional_db: None) -> None:
    """Reload what the data migrations loaded: the flush that ends each
    transactional test empties every table, reference data included."""
    from tests.conftest import load_reference_data

    load_reference_data()


# --- Accessibility checks -------------------------------------------------------

AXE_RUN = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.length,
        targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
}"""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page."""
    page.add_script_tag(path=str(AXE_PATH))
    return page.evaluate(AXE_RUN, WCAG_TAGS)


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['nodes']} element(s)]"
        )
        lines.extend(f"    at {target}" for target in violation["targets"])
    return "\n".join(lines)
