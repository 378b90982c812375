"""E-mail login, password reset by e-mail, profile and preferred language."""

import re

from django.urls import reverse

from mobinnov.accounts.models import User
from tests.conftest import PASSWORD


def test_it_logs_in_with_the_email_whatever_its_case(client, staff_a):
    response = client.post(
        reverse("accounts:login"), {"username": "STAFF.A@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_a_wrong_password_shows_a_message_and_does_not_log_in(client, staff_a):
    response = client.post(
        reverse("accounts:login"), {"username": staff_a.email, "password": "nope"}
    )
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_emails_are_unique_whatever_their_case(db):
    User.objects.create_user(email="Someone@Example.org", password="x")
    assert User.objects.get().email == "someone@example.org"
    import pytest
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="SOMEONE@example.org")


def test_password_reset_sends_a_working_link(client, staff_a, mailoutbox):
    client.post(reverse("accounts:password_reset"), {"email": staff_a.email})
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/[^\s]+/)", mailoutbox[0].body).group(
        1
    )
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "another-long-phrase-7", "new_password2": "another-long-phrase-7"},
    )
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.check_password("another-long-phrase-7")


def test_password_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(
    client, mailoutbox, db
):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and mailoutbox == []


def test_profile_saves_languages_and_switches_the_interface(as_user, staff_a):
    client = as_user(staff_a)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Anne Staff",
            "job_role": "Teacher of cooking",
            "languages_spoken": ["fr", "de"],
            "preferred_language": "fr",
        },
    )
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert staff_a.languages_spoken == ["fr", "de"] and staff_a.preferred_language == "fr"
    assert response.cookies["mobinnov_language"].value == "fr"
    assert '<html lang="fr">' in client.get(reverse("accounts:profile")).content.decode()


def test_profile_rejects_bad_input_and_saves_nothing(as_user, staff_a):
    response = as_user(staff_a).post(
        reverse("accounts:profile"),
        {"full_name": "", "languages_spoken": ["xx"], "preferred_language": "zz"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"full_name", "languages_spoken", "preferred_language"}
    staff_a.refresh_from_db()
    assert staff_a.full_name == "Staff.A"


def test_preferred_language_applies_when_no_language_was_chosen_in_the_browser(as_user, staff_a):
    staff_a.preferred_language = "fr"
    staff_a.save()
    assert '<html lang="fr">' in as_user(staff_a).get(reverse("core:home")).content.decode()


def test_signed_in_pages_need_a_login(client, db):
    for name in ["accounts:dashboard", "accounts:profile", "accounts:password_change"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_password_guessing_is_slowed_down(client, staff_a, settings):
    from django.core.cache import cache

    cache.clear()
    for _attempt in range(20):
        client.post(reverse("accounts:login"), {"username": staff_a.email, "password": "guess"})
    response = client.post(
        reverse("accounts:login"), {"username": staff_a.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    cache.clear()
