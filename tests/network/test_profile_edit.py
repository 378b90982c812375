"""A coordinator edits the organisation's public profile: what is saved,
what is refused (and then nothing changes), and concurrent edits."""

from __future__ import annotations

import html
import io
import math
import os
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mobinnov.network.models import Organisation
from mobinnov.network.services import organisation_create

CONFLICT_MESSAGE = "Someone else saved this page while you were editing it."


def edit_url(organisation: Organisation) -> str:
    return reverse("network:partner_edit", kwargs={"slug": organisation.slug})


def form_data(response: Any) -> dict[str, Any]:
    """What the browser would send back unchanged: the values the form shows."""
    form = response.context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        if name == "logo":
            continue
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    return data


def open_form(client: Any, organisation: Organisation) -> dict[str, Any]:
    response = client.get(edit_url(organisation))
    assert response.status_code == 200
    return form_data(response)


def png_bytes(size: tuple[int, int] = (64, 64)) -> bytes:
    """A real PNG of random pixels (random, so that it does not compress)."""
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


def snapshot(organisation: Organisation) -> dict[str, Any]:
    organisation = Organisation.objects.get(pk=organisation.pk)
    return {
        "name": organisation.name,
        "city": organisation.city,
        "latitude": organisation.latitude,
        "longitude": organisation.longitude,
        "erasmus_oid": organisation.erasmus_oid,
        "description": organisation.description,
        "logo": organisation.logo.name,
        "version": organisation.version,
        "sectors": sorted(organisation.sectors.values_list("code", flat=True)),
    }


# --------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------


def test_the_form_opens_with_the_current_profile(
    as_user: Any, coordinator_a: Any, org_a: Organisation
) -> None:
    data = open_form(as_user(coordinator_a), org_a)

    assert data["name"] == "Lycée professionnel Alpha"
    assert data["city"] == "Lyon"
    assert data["country"] == "FR"
    assert data["erasmus_oid"] == "E10000001"
    assert data["version"] == "1"


def test_a_coordinator_saves_name_sectors_and_description(
    as_user: Any, coordinator_a: Any, org_a: Organisation
) -> None:
    client = as_user(coordinator_a)
    data = open_form(client, org_a)
    data.update(
        name="Lycée professionnel Alpha, campus nord",
        sectors=["071", "104"],
        description="Automotive, hospitality and logistics.",
        website="alpha.example",
    )

    response = client.post(edit_url(org_a), data)

    assert response.status_code == 302
    assert response["Location"] == org_a.get_absolute_url()
    org_a.refresh_from_db()
    assert org_a.name == "Lycée professionnel Alpha, campus nord"
    assert org_a.description == "Automotive, hospitality and logistics."
    assert org_a.website == "https://alpha.example"
    assert sorted(org_a.sectors.values_list("code", flat=True)) == ["071", "104"]
    assert org_a.version == 2
    # The address of the profile does not change with the name.
    assert org_a.slug == "lycee-professionnel-alpha"
    profile = page_text(client.get(org_a.get_absolute_url()))
    assert "Lycée professionnel Alpha, campus nord" in profile
    assert "Transport services" in profile
    assert "The profile is saved." in profile


def test_a_new_city_gets_its_coordinates_from_the_gazetteer(
    as_user: Any, coordinator_a: Any, org_a: Organisation
) -> None:
    client = as_user(coordinator_a)
    data = open_form(client, org_a)
    data.update(city="Marseille")

    response = client.post(edit_url(org_a), data)

    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.city == "Marseille"
    assert org_a.latitude == pytest.approx(43.30, abs=0.05)
    assert org_a.longitude == pytest.approx(5.38, abs=0.05)


def test_coordinates_can_be_given_for_a_town_not_in_the_gazetteer(
    as_user: Any, coordinator_a: Any, org_a: Organisation
) -> None:
    client = as_user(coordinator_a)
    data = open_form(client, org_a)
    data.update(city="Nowhereville", latitude="46.5", longitude="2.25")

    client.post(edit_url(org_a), data)

    org_a.refresh_from_db()
    assert (org_a.city, org_a.latitude, org_a.longitude) == ("Nowhereville", 46.5, 2.25)


def test_a_partner_outside_the_gazetteer_can_edit_its_description(
    as_user: Any, admin: Any, db: None
) -> None:
    village = organisation_create(
        data={
            "name": "Centre de formation du Hameau",
            "org_type": "apprenticeship_centre",
            "country": "FR",
            "city": "Nowhereville",
            "latitude": 46.5,
            "longitude": 2.25,
        }
    )
    client = as_user(admin)
    data = open_form(client, village)
    data.update(description="Carpentry and stonemasonry.")

    response = client.post(edit_url(village), data)

    assert response.status_code == 302
    village.refresh_from_db()
    assert village.description == "Carpentry and stonemasonry."
    assert (village.latitude, village.longitude) == (46.5, 2.25)


def test_a_real_png_logo_is_saved_and_shown(
    as_user: Any, coordinator_a: Any, org_a: Organisation
) -> None:
    client = as_user(coordinator_a)
    data = open_form(client, org_a)
    data["logo"] = SimpleUploadedFile("alpha.png", png_bytes(), content_type="image/png")

    response = client.post(edit_url(org_a), data)

    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo.name.startswith("logos/alpha")
    assert org_a.logo.storage.exists(org_a.logo.name)
    assert org_a.logo.url in client.get(org_a.get_absolute_url()).content.decode()


def test_the_admin_may_edit_any_profile(as_user: Any, admin: Any, org_b: Organisation) -> None:
    client = as_user(admin)
    data = open_form(client, org_b)
    data["description"] = "Edited by the network admins."

    assert client.post(edit_url(org_b), data).status_code == 302
    org_b.refresh_from_db()
    assert org_b.description == "Edited by the network admins."


# --------------------------------------------------------------------------
# Refusals: the message is shown and nothing changes
# --------------------------------------------------------------------------


INVALID_EDITS = [
    pytest.param(
        {"erasmus_oid": "X123"},
        "erasmus_oid",
        "An Erasmus+ Organisation ID is the letter E followed by 8 digits",
        id="bad-erasmus-id",
    ),
    pytest.param(
        {"erasmus_oid": "E10000002"},
        "erasmus_oid",
        "Organisation with this Erasmus+ Organisation ID already exists.",
        id="erasmus-id-of-another-partner",
    ),
    pytest.param(
        {"erasmus_oid": "e10000002"},
        "erasmus_oid",
        "Organisation with this Erasmus+ Organisation ID already exists.",
        id="erasmus-id-of-another-partner-lowercase",
    ),
    pytest.param({"name": ""}, "name", "This field is required.", id="no-name"),
    pytest.param(
        {"city": "Nowhereville"},
        "city",
        "We could not find “Nowhereville” in France.",
        id="unknown-city",
    ),
    pytest.param(
        {"latitude": "", "longitude": "4.85"},
        "latitude",
        "Give both latitude and longitude, or neither.",
        id="only-longitude",
    ),
    pytest.param(
        {"logo": lambda: SimpleUploadedFile("fake.png", b"this is not a picture", "image/png")},
        "logo",
        "Upload a valid image.",
        id="text-named-png",
    ),
    pytest.param(
        {
            "logo": lambda: SimpleUploadedFile(
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                "image/svg+xml",
            )
        },
        "logo",
        "Upload a valid image.",
        id="svg",
    ),
]


@pytest.mark.parametrize(("changes", "field", "message"), INVALID_EDITS)
def test_an_invalid_edit_shows_the_error_and_changes_nothing(
    as_user: Any,
    coordinator_a: Any,
    org_a: Organisation,
    org_b: Organisation,
    changes: dict[str, Any],
    field: str,
    message: str,
) -> None:
    client = as_user(coordinator_a)
    before = snapshot(org_a)
    data = open_form(client, org_a)
    data.update({key: value() if callable(value) else value for key, value in changes.items()})
    data["description"] = "This change must not be saved."

    response = client.post(edit_url(org_a), data)

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert message in page_text(response)
    assert snapshot(org_a) == before


def test_a_too_large_logo_is_refused(
    as_user: Any, coordinator_a: Any, org_a: Organisation, settings: Any
) -> None:
    settings.LOGO_MAX_BYTES = 1024
    client = as_user(coordinator_a)
    before = snapshot(org_a)
    data = open_form(client, org_a)
    picture = png_bytes()
    assert len(picture) > 10 * 1024
    data["logo"] = SimpleUploadedFile("big.png", picture, content_type="image/png")

    response = client.post(edit_url(org_a), data)

    assert response.status_code == 200
    message = f"The logo is {math.ceil(len(picture) / 1024)} kB; the limit is 1 kB."
    assert response.context["form"].errors["logo"] == [message]
    assert message in page_text(response)
    assert snapshot(org_a) == before
    media = settings.MEDIA_ROOT / "logos"
    assert not media.exists() or not any(media.iterdir())


def test_the_size_message_tells_a_logo_just_over_the_limit_apart(
    as_user: Any, coordinator_a: Any, org_a: Organisation, settings: Any
) -> None:
    picture = png_bytes((30, 30))
    settings.LOGO_MAX_BYTES = len(picture) - 1
    client = as_user(coordinator_a)
    data = open_form(client, org_a)
    data["logo"] = SimpleUploadedFile("big.png", picture, content_type="image/png")

    response = client.post(edit_url(org_a), data)

    [message] = response.context["form"].errors["logo"]
    sizes = [word for word in message.replace(";", " ").split() if word.isdigit()]
    assert len(set(sizes)) == 2, message


def test_another_organisations_coordinator_cannot_save(
    as_user: Any, coordinator_a: Any, coordinator_b: Any, org_a: Organisation
) -> None:
    data = open_form(as_user(coordinator_a), org_a)
    data["name"] = "Taken over"
    before = snapshot(org_a)

    response = as_user(coordinator_b).post(edit_url(org_a), data)

    assert response.status_code == 403
    assert snapshot(org_a) == before


# --------------------------------------------------------------------------
# Concurrent edits
# --------------------------------------------------------------------------


def test_a_stale_save_is_refused_and_keeps_the_first_one(
    as_user: Any, coordinator_a: Any, admin: Any, org_a: Organisation
) -> None:
    first_client, second_client = as_user(coordinator_a), as_user(admin)
    first = open_form(first_client, org_a)
    second = open_form(second_client, org_a)
    assert first["version"] == second["version"] == "1"

    first["description"] = "The first save wins."
    assert first_client.post(edit_url(org_a), first).status_code == 302

    second["description"] = "A second, concurrent text."
    response = second_client.post(edit_url(org_a), second)

    assert response.status_code == 200
    page = page_text(response)
    assert CONFLICT_MESSAGE in page
    assert any(CONFLICT_MESSAGE in error for error in response.context["form"].non_field_errors())
    # The person's text is still in the form, so nothing typed is lost.
    assert "A second, concurrent text." in page
    org_a.refresh_from_db()
    assert org_a.description == "The first save wins."
    assert org_a.version == 2


def test_after_a_conflict_the_form_carries_the_current_version(
    as_user: Any, coordinator_a: Any, admin: Any, org_a: Organisation
) -> None:
    first_client, second_client = as_user(coordinator_a), as_user(admin)
    first = open_form(first_client, org_a)
    second = open_form(second_client, org_a)
    first_client.post(edit_url(org_a), {**first, "description": "First."})

    conflict = second_client.post(edit_url(org_a), {**second, "description": "Merged text."})
    resubmitted = form_data(conflict)
    assert resubmitted["version"] == "2"
    assert resubmitted["description"] == "Merged text."

    assert second_client.post(edit_url(org_a), resubmitted).status_code == 302
    org_a.refresh_from_db()
    assert (org_a.description, org_a.version) == ("Merged text.", 3)


def test_the_same_stale_form_cannot_be_saved_twice(
    as_user: Any, coordinator_a: Any, org_a: Organisation
) -> None:
    client = as_user(coordinator_a)
    data = open_form(client, org_a)
    assert client.post(edit_url(org_a), {**data, "description": "Once."}).status_code == 302

    response = client.post(edit_url(org_a), {**data, "description": "Twice."})

    assert CONFLICT_MESSAGE in page_text(response)
    org_a.refresh_from_db()
    assert org_a.description == "Once."
