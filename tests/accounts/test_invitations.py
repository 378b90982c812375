"""Invitations: a signed, expiring, single-use link that creates the account."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mobinnov.accounts.models import Invitation, User
from mobinnov.accounts.services import invitation_create, invitation_token
from mobinnov.network.models import Membership


def _link_from(mail) -> str:
    match = re.search(r"http://[^\s]+/accounts/invitation/[^\s]+/", mail.body)
    assert match, mail.body
    return match.group(0).replace("http://127.0.0.1:8000", "")


@pytest.fixture
def invitation(org_a, coordinator_a, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_create(
            organisation=org_a,
            email="New.Person@Example.org",
            role="staff",
            invited_by=coordinator_a,
        )
    return invitation


def test_it_sends_a_link_that_creates_the_account_and_membership(
    client, invitation, mailoutbox, org_a
):
    assert invitation.email == "new.person@example.org"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["new.person@example.org"]
    link = _link_from(mailoutbox[0])
    assert client.get(link).status_code == 200
    response = client.post(
        link,
        {
            "full_name": "New Person",
            "preferred_language": "fr",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.full_name == "New Person" and user.preferred_language == "fr"
    assert user.check_password("a-long-pass-phrase-9")
    assert Membership.objects.get(user=user, organisation=org_a).role == "staff"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_the_link_works_only_once(client, invitation, mailoutbox):
    link = _link_from(mailoutbox[0])
    data = {
        "full_name": "N P",
        "preferred_language": "en",
        "password1": "a-long-pass-phrase-9",
        "password2": "a-long-pass-phrase-9",
    }
    client.post(link, data)
    client.logout()
    assert client.get(link).status_code == 410
    assert client.post(link, data).status_code == 410
    assert User.objects.filter(email="new.person@example.org").count() == 1


def test_an_expired_link_is_refused(client, invitation, settings):
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=settings.INVITATION_MAX_AGE_DAYS + 1)
    )
    response = client.get(
        reverse("accounts:invitation_accept", kwargs={"token": invitation_token(invitation)})
    )
    assert response.status_code == 410


def test_a_forged_link_is_refused(client, invitation):
    token = invitation_token(invitation)
    response = client.get(
        reverse("accounts:invitation_accept", kwargs={"token": token[:-3] + "abc"})
    )
    assert response.status_code == 410


def test_bad_passwords_are_shown_next_to_the_field_and_nothing_is_created(
    client, invitation, mailoutbox
):
    link = _link_from(mailoutbox[0])
    response = client.post(
        link,
        {
            "full_name": "N P",
            "preferred_language": "en",
            "password1": "short",
            "password2": "other",
        },
    )
    assert response.status_code == 200
    assert "The two passwords are not the same." in response.content.decode()
    response = client.post(
        link,
        {
            "full_name": "N P",
            "preferred_language": "en",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    assert "password2" not in response.context["form"].errors
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_an_existing_user_accepts_while_signed_in(
    as_user, org_b, coordinator_b, staff_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            organisation=org_b, email=staff_a.email, role="staff", invited_by=coordinator_b
        )
    link = _link_from(mailoutbox[0])
    anonymous = as_user(None)
    response = anonymous.get(link)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    # Someone else's account cannot take the invitation.
    assert as_user(coordinator_b).post(link).status_code == 403
    response = as_user(staff_a).post(link)
    assert response.status_code == 302
    assert Membership.objects.filter(user=staff_a, organisation=org_b, role="staff").exists()


def test_a_new_invitation_replaces_the_old_link(
    org_a, coordinator_a, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            organisation=org_a, email="x@example.org", role="staff", invited_by=coordinator_a
        )
        invitation_create(
            organisation=org_a, email="x@example.org", role="coordinator", invited_by=coordinator_a
        )
    assert client.get(_link_from(mailoutbox[0])).status_code == 410
    assert client.get(_link_from(mailoutbox[1])).status_code == 200
