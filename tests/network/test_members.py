"""Coordinators manage the people of their organisation: invitations, roles,
removals; an organisation never loses its last coordinator."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from mobinnov.accounts.models import Invitation, User
from mobinnov.network.models import Membership, Organisation


def members_url(organisation: Organisation) -> str:
    return reverse("network:partner_members", kwargs={"slug": organisation.slug})


def membership_url(membership: Membership) -> str:
    return reverse(
        "network:membership_update",
        kwargs={"slug": membership.organisation.slug, "pk": membership.pk},
    )


def cancel_url(invitation: Invitation) -> str:
    return reverse(
        "network:invitation_cancel",
        kwargs={"slug": invitation.organisation.slug, "pk": invitation.pk},
    )


def invite(client: Any, organisation: Organisation, capture: Any, **data: str) -> Any:
    with capture(execute=True):
        return client.post(members_url(organisation), data)


def invitation_path(mail: Any) -> str:
    """The path of the invitation link in an e-mail body."""
    match = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.body)
    assert match, mail.body
    return urlsplit(match.group(0)).path


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def membership(user: User, organisation: Organisation) -> Membership:
    return Membership.objects.get(user=user, organisation=organisation)


# --------------------------------------------------------------------------
# Inviting
# --------------------------------------------------------------------------


def test_the_coordinator_sees_members_and_the_invitation_form(
    as_user: Any, coordinator_a: User, staff_a: User, org_a: Organisation
) -> None:
    response = as_user(coordinator_a).get(members_url(org_a))

    assert response.status_code == 200
    page = page_text(response)
    assert "staff.a@example.org" in page
    assert "coord.a@example.org" in page
    assert "Invite a colleague" in page
    assert response.context["may_manage"] is True


def test_a_coordinator_invites_a_colleague(
    as_user: Any,
    coordinator_a: User,
    org_a: Organisation,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    response = invite(
        as_user(coordinator_a),
        org_a,
        django_capture_on_commit_callbacks,
        email=" New.Colleague@Alpha.example ",
        full_name="New Colleague",
        role="staff",
    )

    assert response.status_code == 302
    assert response["Location"] == members_url(org_a)
    invitation = Invitation.objects.get()
    assert invitation.email == "new.colleague@alpha.example"
    assert invitation.full_name == "New Colleague"
    assert invitation.role == Invitation.Role.STAFF
    assert invitation.organisation == org_a
    assert invitation.invited_by == coordinator_a
    assert invitation.is_open
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.colleague@alpha.example"]
    assert org_a.name in mailoutbox[0].subject
    assert invitation_path(mailoutbox[0]).startswith("/accounts/invitation/")


def test_the_invitation_link_opens_the_account_form(
    client: Any,
    as_user: Any,
    coordinator_a: User,
    org_a: Organisation,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    invite(
        as_user(coordinator_a),
        org_a,
        django_capture_on_commit_callbacks,
        email="new.colleague@alpha.example",
        full_name="New Colleague",
        role="staff",
    )

    response = client.get(invitation_path(mailoutbox[0]))

    assert response.status_code == 200
    assert org_a.name in page_text(response)


def test_the_pending_invitation_is_listed_for_the_coordinator(
    as_user: Any, coordinator_a: User, org_a: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    client = as_user(coordinator_a)
    invite(
        client, org_a, django_capture_on_commit_callbacks, email="new@alpha.example", role="staff"
    )

    response = client.get(members_url(org_a))

    assert [i.email for i in response.context["invitations"]] == ["new@alpha.example"]
    assert "new@alpha.example" in page_text(response)


def test_inviting_an_existing_member_is_refused_with_a_message(
    as_user: Any,
    coordinator_a: User,
    staff_a: User,
    org_a: Organisation,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    response = invite(
        as_user(coordinator_a),
        org_a,
        django_capture_on_commit_callbacks,
        email="Staff.A@example.org",
        role="coordinator",
    )

    assert response.status_code == 200
    message = "staff.a@example.org is already a member of this organisation."
    assert response.context["form"].errors["email"] == [message]
    assert message in page_text(response)
    assert Invitation.objects.count() == 0
    assert membership(staff_a, org_a).role == Membership.Role.STAFF
    assert mailoutbox == []


def test_a_member_of_another_organisation_can_be_invited(
    as_user: Any,
    coordinator_a: User,
    coordinator_b: User,
    org_a: Organisation,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    response = invite(
        as_user(coordinator_a),
        org_a,
        django_capture_on_commit_callbacks,
        email=coordinator_b.email,
        role="staff",
    )

    assert response.status_code == 302
    assert Invitation.objects.filter(email=coordinator_b.email, organisation=org_a).exists()
    assert "Sign in with your existing account" in mailoutbox[0].body


def test_inviting_again_replaces_the_earlier_link(
    client: Any,
    as_user: Any,
    coordinator_a: User,
    org_a: Organisation,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    coordinator = as_user(coordinator_a)
    invite(
        coordinator,
        org_a,
        django_capture_on_commit_callbacks,
        email="new@alpha.example",
        role="staff",
    )
    invite(
        coordinator,
        org_a,
        django_capture_on_commit_callbacks,
        email="new@alpha.example",
        role="staff",
    )

    first, second = (invitation_path(mail) for mail in mailoutbox)
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-address", "role": "staff"}, "email"),
        ({"email": "new@alpha.example", "role": "owner"}, "role"),
    ],
)
def test_an_invalid_invitation_is_refused(
    as_user: Any,
    coordinator_a: User,
    org_a: Organisation,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
    data: dict[str, str],
    field: str,
) -> None:
    response = invite(as_user(coordinator_a), org_a, django_capture_on_commit_callbacks, **data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Invitation.objects.count() == 0
    assert mailoutbox == []


# --------------------------------------------------------------------------
# Roles and removals
# --------------------------------------------------------------------------


def test_changing_the_last_coordinator_to_staff_is_refused(
    as_user: Any, coordinator_a: User, staff_a: User, org_a: Organisation
) -> None:
    mine = membership(coordinator_a, org_a)

    response = as_user(coordinator_a).post(
        membership_url(mine), {"action": "role", "role": "staff"}, follow=True
    )

    assert "An organisation needs at least one coordinator." in messages_of(response)
    mine.refresh_from_db()
    assert mine.role == Membership.Role.COORDINATOR


def test_removing_the_last_coordinator_is_refused(
    as_user: Any, admin: User, coordinator_a: User, org_a: Organisation
) -> None:
    mine = membership(coordinator_a, org_a)

    response = as_user(admin).post(membership_url(mine), {"action": "remove"}, follow=True)

    assert "An organisation needs at least one coordinator." in messages_of(response)
    assert Membership.objects.filter(pk=mine.pk).exists()


def test_a_coordinator_may_step_down_when_another_coordinator_remains(
    as_user: Any, coordinator_a: User, staff_a: User, org_a: Organisation
) -> None:
    client = as_user(coordinator_a)
    client.post(
        membership_url(membership(staff_a, org_a)), {"action": "role", "role": "coordinator"}
    )

    client.post(
        membership_url(membership(coordinator_a, org_a)), {"action": "role", "role": "staff"}
    )

    assert membership(staff_a, org_a).role == Membership.Role.COORDINATOR
    assert membership(coordinator_a, org_a).role == Membership.Role.STAFF
    # Now staff: the former coordinator may no longer manage members.
    assert (
        client.post(members_url(org_a), {"email": "x@alpha.example", "role": "staff"}).status_code
        == 403
    )


def test_removing_a_staff_member_works(
    as_user: Any, coordinator_a: User, staff_a: User, org_a: Organisation
) -> None:
    response = as_user(coordinator_a).post(
        membership_url(membership(staff_a, org_a)), {"action": "remove"}, follow=True
    )

    assert f"{staff_a} is no longer a member." in messages_of(response)
    assert not Membership.objects.filter(user=staff_a, organisation=org_a).exists()
    # The account stays; only the membership goes.
    assert User.objects.filter(pk=staff_a.pk).exists()
    assert "staff.a@example.org" not in page_text(response)


def test_a_removed_member_loses_access_to_the_members_page(
    as_user: Any, coordinator_a: User, staff_a: User, org_a: Organisation
) -> None:
    as_user(coordinator_a).post(membership_url(membership(staff_a, org_a)), {"action": "remove"})

    assert as_user(staff_a).get(members_url(org_a)).status_code == 403


def test_an_invalid_role_is_refused(
    as_user: Any, coordinator_a: User, staff_a: User, org_a: Organisation
) -> None:
    response = as_user(coordinator_a).post(
        membership_url(membership(staff_a, org_a)), {"action": "role", "role": "owner"}, follow=True
    )

    assert "Choose a valid role." in messages_of(response)
    assert membership(staff_a, org_a).role == Membership.Role.STAFF


def test_a_membership_of_another_organisation_cannot_be_reached_through_mine(
    as_user: Any, coordinator_a: User, coordinator_b: User, org_a: Organisation, org_b: Organisation
) -> None:
    theirs = membership(coordinator_b, org_b)
    url = reverse("network:membership_update", kwargs={"slug": org_a.slug, "pk": theirs.pk})

    response = as_user(coordinator_a).post(url, {"action": "remove"})

    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


# --------------------------------------------------------------------------
# Cancelling invitations
# --------------------------------------------------------------------------


def test_a_cancelled_invitation_link_stops_working(
    client: Any,
    as_user: Any,
    coordinator_a: User,
    org_a: Organisation,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    coordinator = as_user(coordinator_a)
    invite(
        coordinator,
        org_a,
        django_capture_on_commit_callbacks,
        email="new@alpha.example",
        role="staff",
    )
    invitation = Invitation.objects.get()
    link = invitation_path(mailoutbox[0])
    assert client.get(link).status_code == 200

    response = coordinator.post(cancel_url(invitation), follow=True)

    assert "The invitation to new@alpha.example is cancelled." in messages_of(response)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert response.context["invitations"] == []
    assert client.get(link).status_code == 410
    assert client.post(link, {"full_name": "X"}).status_code == 410
    assert not User.objects.filter(email="new@alpha.example").exists()


def test_an_invitation_of_another_organisation_cannot_be_cancelled_through_mine(
    as_user: Any, coordinator_a: User, coordinator_b: User, org_a: Organisation, org_b: Organisation
) -> None:
    theirs = Invitation.objects.create(
        email="guest@beta.example", organisation=org_b, invited_by=coordinator_b
    )
    url = reverse("network:invitation_cancel", kwargs={"slug": org_a.slug, "pk": theirs.pk})

    response = as_user(coordinator_a).post(url)

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_a_new_member_appears_once_the_invitation_is_accepted(
    client: Any,
    as_user: Any,
    coordinator_a: User,
    org_a: Organisation,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    invite(
        as_user(coordinator_a),
        org_a,
        django_capture_on_commit_callbacks,
        email="new@alpha.example",
        full_name="New Person",
        role="staff",
    )
    link = invitation_path(mailoutbox[0])

    response = client.post(
        link,
        {
            "full_name": "New Person",
            "preferred_language": "en",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )

    assert response.status_code == 302
    new_user = User.objects.get(email="new@alpha.example")
    assert membership(new_user, org_a).role == Membership.Role.STAFF
    assert client.get(link).status_code == 410
