"""A fact sheet's whole life in the browser: drafting with an invalid then a
valid form, submitting, two reviews with the rubric, publication, finding it
by a word of its description with a facet, and opening its PDF. axe checks
the pages on the way."""

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
    author = User.objects.create_user(
        email="author@example.org", password=PASSWORD, full_name="Anne Author"
    )
    Membership.objects.create(user=author, organisation=alpha, role=Membership.Role.COORDINATOR)
    reviewer = User.objects.create_user(
        email="reviewer@example.org", password=PASSWORD, full_name="Rolf Reviewer"
    )
    Membership.objects.create(user=reviewer, organisation=beta, role=Membership.Role.COORDINATOR)
    editor = User.objects.create_user(
        email="editor@example.org", password=PASSWORD, full_name="Eva Editor", is_editor=True
    )
    return {"author": author, "reviewer": reviewer, "editor": editor}


def tiny_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 40), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


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


def fill_fact_sheet(page: Page, *, end_date: str) -> None:
    page.fill("#id_title", "Solar roof workshop for apprentices")
    page.fill(
        "#id_summary",
        "Apprentices install real solar panels on the school roof in a six-week module.",
    )
    page.check("input[name=sectors][value='071']")
    page.check("input[name=eqf_levels][value='4']")
    page.select_option("#id_vet_type", "ivet")
    page.check("input[name=fields][value='T5']")
    page.select_option("#id_stage", "implemented")
    page.fill("#id_start_date", "2022-09-01")
    page.fill("#id_end_date", end_date)
    for name in (
        "context",
        "objectives",
        "resources",
        "evaluation",
        "results",
        "transfer_conditions",
    ):
        page.fill(f"#id_{name}", f"Plain text about {name}.")
    page.fill("#id_description", "Each group wires a **photovoltaic** string with an inverter.")
    page.check("input[name=target_groups][value='apprentices']")
    page.fill("#id_contact_name", "Anne Author")
    page.fill("#id_contact_email", "author@example.org")
    page.select_option("#id_licence", "CC-BY-4.0")
    page.select_option("#id_can_host", "yes")


def test_a_practice_from_draft_to_the_catalogue_and_its_pdf(
    new_page: Any, people: dict[str, Any]
) -> None:
    page = new_page("en")

    # The author drafts the fact sheet.
    sign_in(page, "author@example.org")
    page.goto("/practices/new/")
    page.fill("#id_title", "Solar roof workshop for apprentices")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/edit/" in page.url
    assert_accessible(page)

    # A photo of the workshop.
    slug = page.url.rstrip("/").split("/")[-2]
    page.goto(f"/practices/{slug}/attachments/")
    page.fill("#id_title", "Apprentices on the school roof")
    page.set_input_files(
        "#id_file", files=[{"name": "roof.png", "mimeType": "image/png", "buffer": tiny_png()}]
    )
    with page.expect_navigation():
        page.click("main form[enctype] button[type=submit]")
    assert page.locator("img[alt='Apprentices on the school roof']").count() == 1
    assert_accessible(page)
    page.goto(f"/practices/{slug}/edit/")

    # An invalid form: the end date before the start date.
    fill_fact_sheet(page, end_date="2021-01-01")
    with page.expect_navigation():
        page.click("button[name=save]")
    assert page.locator(".form-errors").is_visible()
    assert (
        "The end date is before the start date."
        in page.locator("#id_end_date").locator("xpath=..").inner_text()
    )
    assert page.locator("#id_title").input_value() == "Solar roof workshop for apprentices"
    assert_accessible(page)

    # Corrected, saved and submitted.
    page.fill("#id_end_date", "")
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert "submitted" in page.locator(".messages").inner_text().lower()
    slug = page.url.rstrip("/").split("/")[-1]

    # The editor asks two reviewers.
    sign_in(page, "editor@example.org")
    page.goto(f"/practices/{slug}/review/")
    for email in ("reviewer@example.org", "editor@example.org"):
        page.fill("#id_assign-reviewer", email)
        with page.expect_navigation():
            page.click("button[name=action][value=assign]")
        assert "is asked to review" in page.locator("main").inner_text(), page.locator(
            "main"
        ).inner_text()
    assert_accessible(page)

    # Each reviewer scores the rubric.
    from mobinnov.practices.models import Review

    for email in ("reviewer@example.org", "editor@example.org"):
        sign_in(page, email)
        review = Review.objects.get(reviewer__email=email)
        page.goto(f"/practices/reviews/{review.pk}/")
        assert_accessible(page)
        for radio in page.locator("input[type=radio][value='4']").all():
            radio.check()
        page.fill("#id_comments", "Clear and transferable.")
        with page.expect_navigation():
            page.click("main form button[type=submit]")

    # The editor publishes.
    page.goto(f"/practices/{slug}/review/")
    assert "Good practice" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.click("form[action$='/publish/'] button")
    assert "published" in page.locator(".messages").inner_text().lower()

    # A visitor finds it by a word of its description and a facet.
    page.context.clear_cookies()
    page.goto("/practices/")
    page.fill("#catalogue-q", "photovoltaic")
    page.check("#f-field-T5")
    with page.expect_navigation():
        page.click(".filters button[type=submit]")
    assert "q=photovoltaic" in page.url and "field=T5" in page.url
    assert_accessible(page)
    with page.expect_navigation():
        page.click("text=Solar roof workshop for apprentices")
    assert_accessible(page)

    # And opens its PDF.
    href = page.locator("a[type='application/pdf']").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
