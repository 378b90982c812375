"""The public "join the network" form: what a valid application stores and
sends, how invalid input is explained, the honeypot and the rate limit."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

import mobinnov
from mobinnov.network.models import PartnerApplication, Sector
from tests.conftest import make_user

JOIN_URL = reverse("network:join")
THANKS_URL = reverse("network:join_thanks")
FRENCH_CATALOGUE = Path(mobinnov.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.mo"


@pytest.fixture
def network_admins(db: None) -> list[Any]:
    return [
        make_user("first.admin@example.org", is_network_admin=True),
        make_user("second.admin@example.org", is_network_admin=True),
    ]


def application_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organisation_name": "Tampereen ammattiopisto",
        "org_type": "vet_school",
        "country": "FI",
        "city": "Tampere",
        "latitude": "",
        "longitude": "",
        "address": "Sammonkatu 1\n33540 Tampere",
        "website": "https://tampere.example",
        "erasmus_oid": "E10099999",
        "sectors": ["071", "101"],
        "description": "Vocational education in engineering and hospitality.",
        "motivation": "We want to host and send apprentices.",
        "contact_name": "Aino Virtanen",
        "contact_email": "Aino.Virtanen@Tampere.example",
        "contact_job_role": "International coordinator",
        "consent": "on",
        "website_confirm": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_join(client: Any, data: dict[str, Any], capture: Any) -> Any:
    """POST the form and run the on-commit callbacks (the e-mails) as a real commit would."""
    with capture(execute=True):
        return client.post(JOIN_URL, data)


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


# --------------------------------------------------------------------------
# A valid application
# --------------------------------------------------------------------------


def test_the_form_page_shows_every_question(client: Any, db: None) -> None:
    response = client.get(JOIN_URL)
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("organisation_name", "country", "city", "erasmus_oid", "motivation", "consent"):
        assert f'name="{name}"' in page


def test_a_valid_application_is_stored_with_all_its_fields(
    client: Any, network_admins: Any, django_capture_on_commit_callbacks: Any
) -> None:
    response = post_join(client, application_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    application = PartnerApplication.objects.get()
    assert application.organisation_name == "Tampereen ammattiopisto"
    assert application.org_type == "vet_school"
    assert str(application.country) == "FI"
    assert application.city == "Tampere"
    assert application.address == "Sammonkatu 1\n33540 Tampere"
    assert application.website == "https://tampere.example"
    assert application.erasmus_oid == "E10099999"
    assert application.description == "Vocational education in engineering and hospitality."
    assert application.motivation == "We want to host and send apprentices."
    assert application.contact_name == "Aino Virtanen"
    assert application.contact_email == "aino.virtanen@tampere.example"
    assert application.contact_job_role == "International coordinator"
    assert application.status == PartnerApplication.Status.PENDING
    assert application.language == "en"
    assert application.organisation is None
    assert sorted(application.sectors.values_list("code", flat=True)) == ["071", "101"]


def test_the_coordinates_come_from_the_gazetteer(
    client: Any, network_admins: Any, django_capture_on_commit_callbacks: Any
) -> None:
    post_join(client, application_data(), django_capture_on_commit_callbacks)

    application = PartnerApplication.objects.get()
    assert application.latitude == pytest.approx(61.4991, abs=0.01)
    assert application.longitude == pytest.approx(23.7871, abs=0.01)


def test_coordinates_given_by_hand_are_kept_for_a_town_not_in_the_gazetteer(
    client: Any, network_admins: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = application_data(city="Nowhereville", country="FR", latitude="46.5", longitude="2.25")
    response = post_join(client, data, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    application = PartnerApplication.objects.get()
    assert (application.latitude, application.longitude) == (46.5, 2.25)


def test_the_applicant_and_each_network_admin_get_an_email(
    client: Any, network_admins: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    make_user("not.an.admin@example.org")
    make_user("retired.admin@example.org", is_network_admin=True, is_active=False)

    post_join(client, application_data(), django_capture_on_commit_callbacks)

    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == [
        "aino.virtanen@tampere.example",
        "first.admin@example.org",
        "second.admin@example.org",
    ]
    application = PartnerApplication.objects.get()
    to_applicant = next(m for m in mailoutbox if m.to == ["aino.virtanen@tampere.example"])
    assert "Tampereen ammattiopisto" in to_applicant.body
    to_admin = next(m for m in mailoutbox if m.to == ["first.admin@example.org"])
    assert "Tampereen ammattiopisto" in to_admin.subject
    assert application.get_absolute_url() in to_admin.body


def test_no_email_leaves_before_the_transaction_commits(
    client: Any, network_admins: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(JOIN_URL, application_data())
    assert mailoutbox == []
    assert len(callbacks) == 3


def test_the_thanks_page_renders(client: Any, db: None) -> None:
    response = client.get(THANKS_URL)
    assert response.status_code == 200
    assert "your application is received" in response.content.decode()


# --------------------------------------------------------------------------
# Invalid input: the message is next to the field and nothing is saved
# --------------------------------------------------------------------------


INVALID_CASES = [
    pytest.param(
        {"organisation_name": None}, "organisation_name", "This field is required.", id="no-name"
    ),
    pytest.param({"city": None}, "city", "This field is required.", id="no-city"),
    pytest.param(
        {"contact_email": None}, "contact_email", "This field is required.", id="no-email"
    ),
    pytest.param({"motivation": ""}, "motivation", "This field is required.", id="no-motivation"),
    pytest.param(
        {"erasmus_oid": "X123"},
        "erasmus_oid",
        "An Erasmus+ Organisation ID is the letter E followed by 8 digits",
        id="bad-erasmus-id",
    ),
    pytest.param(
        {"country": "FR", "city": "Nowhereville"},
        "city",
        "We could not find “Nowhereville” in France.",
        id="unknown-city",
    ),
    pytest.param(
        {"latitude": "60.17"},
        "longitude",
        "Give both latitude and longitude, or neither.",
        id="only-latitude",
    ),
    pytest.param(
        {"erasmus_oid": "E10000001"},
        "erasmus_oid",
        "An organisation with this Erasmus+ Organisation ID is already a partner.",
        id="erasmus-id-of-a-partner",
    ),
    pytest.param(
        {"erasmus_oid": "e10000001"},
        "erasmus_oid",
        "An organisation with this Erasmus+ Organisation ID is already a partner.",
        id="erasmus-id-of-a-partner-lowercase",
    ),
    pytest.param({"consent": None}, "consent", "This field is required.", id="no-consent"),
    pytest.param(
        {"contact_email": "not-an-address"}, "contact_email", "Enter a valid email", id="bad-email"
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), INVALID_CASES)
def test_invalid_input_shows_the_message_next_to_the_field_and_saves_nothing(
    client: Any,
    org_a: Any,
    network_admins: Any,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
    overrides: dict[str, Any],
    field: str,
    message: str,
) -> None:
    response = post_join(client, application_data(**overrides), django_capture_on_commit_callbacks)

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert message in page_text(response)
    # The page marks the field that needs attention.
    assert "field--error" in response.content.decode()
    assert PartnerApplication.objects.count() == 0
    assert mailoutbox == []


def test_the_other_answers_stay_in_the_form_after_an_error(
    client: Any, db: None, django_capture_on_commit_callbacks: Any
) -> None:
    response = post_join(client, application_data(consent=None), django_capture_on_commit_callbacks)

    page = page_text(response)
    assert 'value="Tampereen ammattiopisto"' in page
    assert "We want to host and send apprentices." in page


def test_an_erasmus_id_of_a_pending_application_is_not_refused(
    client: Any, db: None, django_capture_on_commit_callbacks: Any
) -> None:
    """Only partners block an Erasmus+ ID: an applicant may send a corrected application."""
    post_join(client, application_data(), django_capture_on_commit_callbacks)
    response = post_join(
        client,
        application_data(contact_email="other@tampere.example"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert PartnerApplication.objects.count() == 2


# --------------------------------------------------------------------------
# Spam and abuse
# --------------------------------------------------------------------------


def test_a_filled_honeypot_looks_accepted_but_saves_and_sends_nothing(
    client: Any, network_admins: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = application_data(website_confirm="https://spam.example")
    response = post_join(client, data, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert PartnerApplication.objects.count() == 0
    assert mailoutbox == []


def test_the_third_application_within_the_hour_is_refused_with_the_answers_kept(
    client: Any,
    settings: Any,
    network_admins: Any,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Every POST counts, valid or not: two attempts, then a valid third one is refused."""
    settings.JOIN_RATE = "2/h"
    for _ in range(2):
        response = post_join(
            client, application_data(consent=None), django_capture_on_commit_callbacks
        )
        assert response.status_code == 200

    response = post_join(
        client,
        application_data(organisation_name="Third Try Oy", contact_email="third@tampere.example"),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 429
    page = page_text(response)
    assert "Too many applications were sent from your address" in page
    assert 'value="Third Try Oy"' in page
    assert 'value="third@tampere.example"' in page
    assert "We want to host and send apprentices." in page
    assert PartnerApplication.objects.count() == 0
    assert mailoutbox == []


def test_after_two_stored_applications_the_third_is_refused(
    client: Any, settings: Any, db: None, django_capture_on_commit_callbacks: Any
) -> None:
    settings.JOIN_RATE = "2/h"
    for number in (1, 2):
        response = post_join(
            client,
            application_data(erasmus_oid="", contact_email=f"person{number}@tampere.example"),
            django_capture_on_commit_callbacks,
        )
        assert response.status_code == 302
    response = post_join(
        client,
        application_data(organisation_name="Third Try Oy", contact_email="third@tampere.example"),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 429
    assert PartnerApplication.objects.count() == 2
    assert not PartnerApplication.objects.filter(organisation_name="Third Try Oy").exists()


def test_the_rate_limit_counts_per_address(client: Any, settings: Any, db: None) -> None:
    settings.JOIN_RATE = "1/h"
    invalid = application_data(consent=None)
    first = client.post(JOIN_URL, invalid, REMOTE_ADDR="192.0.2.1")
    other = client.post(JOIN_URL, invalid, REMOTE_ADDR="192.0.2.2")
    again = client.post(JOIN_URL, application_data(), REMOTE_ADDR="192.0.2.1")
    assert (first.status_code, other.status_code, again.status_code) == (200, 200, 429)
    assert PartnerApplication.objects.count() == 0


def test_reading_the_form_is_not_rate_limited(client: Any, settings: Any, db: None) -> None:
    settings.JOIN_RATE = "1/h"
    statuses = {client.get(JOIN_URL).status_code for _ in range(3)}
    assert statuses == {200}


# --------------------------------------------------------------------------
# Languages
# --------------------------------------------------------------------------


def test_the_application_records_the_language_of_the_page(
    client: Any, db: None, django_capture_on_commit_callbacks: Any
) -> None:
    client.cookies["mobinnov_language"] = "fr"
    post_join(client, application_data(), django_capture_on_commit_callbacks)
    assert PartnerApplication.objects.get().language == "fr"


@pytest.mark.skipif(
    not FRENCH_CATALOGUE.exists(), reason="The French catalogue is not compiled yet."
)
@pytest.mark.parametrize(
    ("overrides", "field", "english", "french"),
    [
        pytest.param(
            {"organisation_name": None},
            "organisation_name",
            "This field is required.",
            "Ce champ est obligatoire.",
            id="django-message",
        ),
        pytest.param(
            {"latitude": "60.17"},
            "longitude",
            "Give both latitude and longitude, or neither.",
            "Indiquez à la fois la latitude et la longitude, ou aucune des deux.",
            id="project-message",
        ),
    ],
)
def test_error_messages_are_in_french_with_the_french_cookie(
    client: Any,
    db: None,
    django_capture_on_commit_callbacks: Any,
    overrides: dict[str, Any],
    field: str,
    english: str,
    french: str,
) -> None:
    client.cookies["mobinnov_language"] = "fr"
    response = post_join(client, application_data(**overrides), django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [french]
    page = page_text(response)
    assert french in page
    assert english not in page
    assert PartnerApplication.objects.count() == 0


def test_sectors_exist_for_the_checkboxes(db: None) -> None:
    """The ISCED-F list comes from a data migration; the form depends on it."""
    assert Sector.objects.filter(code__in=["071", "101"]).count() == 2
