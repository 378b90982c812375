"""Who may see and do what in the partner network, view by view and persona
by persona. Refused writes leave the database as it was."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.urls import reverse

from mobinnov.accounts.models import Invitation, User
from mobinnov.network.models import Membership, Organisation, PartnerApplication
from tests.conftest import make_user

PERSONAS = ["anonymous", "staff_a", "coordinator_a", "coordinator_b", "editor", "admin"]
ORG_A_MEMBER_EMAILS = ["staff.a@example.org", "coord.a@example.org", "colleague.a@example.org"]

LOGIN = "login"  # expected outcome: 302 to the sign-in page


@pytest.fixture
def world(
    org_a: Organisation,
    org_b: Organisation,
    staff_a: User,
    coordinator_a: User,
    coordinator_b: User,
    editor: User,
    admin: User,
) -> dict[str, Any]:
    """Every persona exists, plus a colleague of A, an open invitation to A
    and a pending application."""
    colleague = make_user("colleague.a@example.org")
    colleague_membership = Membership.objects.create(
        user=colleague, organisation=org_a, role=Membership.Role.STAFF
    )
    invitation = Invitation.objects.create(
        email="invited.a@example.org", organisation=org_a, invited_by=coordinator_a
    )
    application = PartnerApplication.objects.create(
        organisation_name="Applicant Oy",
        org_type="company",
        country="FI",
        city="Tampere",
        description="We build things.",
        motivation="We want apprentices.",
        contact_name="Aino",
        contact_email="aino@applicant.example",
    )
    return {
        "org_a": org_a,
        "org_b": org_b,
        "colleague_membership": colleague_membership,
        "invitation": invitation,
        "application": application,
        "users": {
            "anonymous": None,
            "staff_a": staff_a,
            "coordinator_a": coordinator_a,
            "coordinator_b": coordinator_b,
            "editor": editor,
            "admin": admin,
        },
    }


def client_of(as_user: Any, world: dict[str, Any], persona: str) -> Any:
    return as_user(world["users"][persona])


def assert_outcome(response: Any, expected: int | str, url: str) -> None:
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")
        assert url.split("?")[0] in html.unescape(response["Location"]).replace("%2F", "/")
    else:
        assert response.status_code == expected, response.content[:300]


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


# --------------------------------------------------------------------------
# Reading: the status every persona gets on every page
# --------------------------------------------------------------------------

# view name -> expected status for each persona, in PERSONAS order
GET_TABLE: dict[str, tuple[int | str, ...]] = {
    #                        anonymous  staff_a  coord_a  coord_b  editor  admin
    "partner_list": (200, 200, 200, 200, 200, 200),
    "partner_detail": (200, 200, 200, 200, 200, 200),
    "partner_edit": (LOGIN, 403, 200, 403, 403, 200),
    "partner_members": (LOGIN, 200, 200, 403, 403, 200),
    "application_list": (LOGIN, 403, 403, 403, 403, 200),
    "application_detail": (LOGIN, 403, 403, 403, 403, 200),
    "audit_log": (LOGIN, 403, 403, 403, 403, 200),
}


def get_url(view: str, world: dict[str, Any]) -> str:
    slug = world["org_a"].slug
    return {
        "partner_list": reverse("network:partner_list"),
        "partner_detail": reverse("network:partner_detail", kwargs={"slug": slug}),
        "partner_edit": reverse("network:partner_edit", kwargs={"slug": slug}),
        "partner_members": reverse("network:partner_members", kwargs={"slug": slug}),
        "application_list": reverse("network:application_list"),
        "application_detail": reverse(
            "network:application_detail", kwargs={"pk": world["application"].pk}
        ),
        "audit_log": reverse("network:audit_log"),
    }[view]


@pytest.mark.parametrize(
    ("view", "persona", "expected"),
    [
        pytest.param(view, persona, expected, id=f"{view}-{persona}")
        for view, row in GET_TABLE.items()
        for persona, expected in zip(PERSONAS, row, strict=True)
    ],
)
def test_who_may_open_each_page(
    as_user: Any, world: dict[str, Any], view: str, persona: str, expected: int | str
) -> None:
    url = get_url(view, world)

    response = client_of(as_user, world, persona).get(url)

    assert_outcome(response, expected, url)
    if expected == 403:
        assert "You may not see or do this" in page_text(response)


# --------------------------------------------------------------------------
# Writing: who may, and a refusal changes nothing
# --------------------------------------------------------------------------


def edit_profile(client: Any, world: dict[str, Any]) -> Any:
    org = world["org_a"]
    url = reverse("network:partner_edit", kwargs={"slug": org.slug})
    data = {
        "name": "Renamed by someone",
        "org_type": org.org_type,
        "country": str(org.country),
        "city": org.city,
        "latitude": "",
        "longitude": "",
        "address": "",
        "website": "",
        "erasmus_oid": org.erasmus_oid,
        "description": "Rewritten.",
        "contact_name": "",
        "contact_email": org.contact_email,
        "contact_phone": "",
        "version": str(org.version),
    }
    return url, client.post(url, data)


def profile_changed(world: dict[str, Any]) -> bool:
    org = Organisation.objects.get(pk=world["org_a"].pk)
    return org.name == "Renamed by someone" and org.description == "Rewritten." and org.version == 2


def invite(client: Any, world: dict[str, Any]) -> Any:
    url = reverse("network:partner_members", kwargs={"slug": world["org_a"].slug})
    return url, client.post(
        url, {"email": "newcomer@example.org", "full_name": "New", "role": "coordinator"}
    )


def invited(world: dict[str, Any]) -> bool:
    return Invitation.objects.filter(email="newcomer@example.org").exists()


def promote_colleague(client: Any, world: dict[str, Any]) -> Any:
    membership = world["colleague_membership"]
    url = reverse(
        "network:membership_update", kwargs={"slug": world["org_a"].slug, "pk": membership.pk}
    )
    return url, client.post(url, {"action": "role", "role": "coordinator"})


def colleague_promoted(world: dict[str, Any]) -> bool:
    membership = Membership.objects.get(pk=world["colleague_membership"].pk)
    return membership.role == Membership.Role.COORDINATOR


def remove_colleague(client: Any, world: dict[str, Any]) -> Any:
    membership = world["colleague_membership"]
    url = reverse(
        "network:membership_update", kwargs={"slug": world["org_a"].slug, "pk": membership.pk}
    )
    return url, client.post(url, {"action": "remove"})


def colleague_removed(world: dict[str, Any]) -> bool:
    return not Membership.objects.filter(pk=world["colleague_membership"].pk).exists()


def cancel_invitation(client: Any, world: dict[str, Any]) -> Any:
    invitation = world["invitation"]
    url = reverse(
        "network:invitation_cancel", kwargs={"slug": world["org_a"].slug, "pk": invitation.pk}
    )
    return url, client.post(url)


def invitation_cancelled(world: dict[str, Any]) -> bool:
    return Invitation.objects.get(pk=world["invitation"].pk).revoked_at is not None


def decline_application(client: Any, world: dict[str, Any]) -> Any:
    url = reverse("network:application_detail", kwargs={"pk": world["application"].pk})
    return url, client.post(url, {"decision": "decline", "message": "Not this year."})


def application_declined(world: dict[str, Any]) -> bool:
    application = PartnerApplication.objects.get(pk=world["application"].pk)
    return application.status == PartnerApplication.Status.DECLINED


def accept_application(client: Any, world: dict[str, Any]) -> Any:
    url = reverse("network:application_detail", kwargs={"pk": world["application"].pk})
    return url, client.post(url, {"decision": "accept", "message": ""})


def application_accepted(world: dict[str, Any]) -> bool:
    application = PartnerApplication.objects.get(pk=world["application"].pk)
    accepted = application.status == PartnerApplication.Status.ACCEPTED
    assert accepted is Organisation.objects.filter(name="Applicant Oy").exists()
    return accepted


# action -> (do it, did it happen, expected status for each persona in PERSONAS order)
POST_TABLE: dict[str, tuple[Any, Any, tuple[int | str, ...]]] = {
    #                                                 anonymous staff_a coord_a coord_b editor admin
    "partner_edit": (edit_profile, profile_changed, (LOGIN, 403, 302, 403, 403, 302)),
    "invite": (invite, invited, (LOGIN, 403, 302, 403, 403, 302)),
    "membership_role": (promote_colleague, colleague_promoted, (LOGIN, 403, 302, 403, 403, 302)),
    "membership_remove": (remove_colleague, colleague_removed, (LOGIN, 403, 302, 403, 403, 302)),
    "invitation_cancel": (
        cancel_invitation,
        invitation_cancelled,
        (LOGIN, 403, 302, 403, 403, 302),
    ),
    "application_decline": (
        decline_application,
        application_declined,
        (LOGIN, 403, 403, 403, 403, 302),
    ),
    "application_accept": (
        accept_application,
        application_accepted,
        (LOGIN, 403, 403, 403, 403, 302),
    ),
}


@pytest.mark.parametrize(
    ("action", "persona", "expected"),
    [
        pytest.param(action, persona, expected, id=f"{action}-{persona}")
        for action, (_, _, row) in POST_TABLE.items()
        for persona, expected in zip(PERSONAS, row, strict=True)
    ],
)
def test_who_may_change_what(
    as_user: Any,
    world: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
    action: str,
    persona: str,
    expected: int | str,
) -> None:
    do, happened, _ = POST_TABLE[action]

    with django_capture_on_commit_callbacks(execute=True):
        url, response = do(client_of(as_user, world, persona), world)

    assert_outcome(response, expected, url)
    assert happened(world) is (expected == 302)


@pytest.mark.parametrize("view", ["membership_update", "invitation_cancel"])
def test_write_only_urls_refuse_get(as_user: Any, world: dict[str, Any], view: str) -> None:
    pk = world["colleague_membership"].pk if view == "membership_update" else world["invitation"].pk
    url = reverse(f"network:{view}", kwargs={"slug": world["org_a"].slug, "pk": pk})

    response = as_user(world["users"]["admin"]).get(url)

    assert response.status_code == 405
    assert Membership.objects.filter(pk=world["colleague_membership"].pk).exists()
    assert Invitation.objects.get(pk=world["invitation"].pk).revoked_at is None


# --------------------------------------------------------------------------
# What each persona sees on the pages they may open
# --------------------------------------------------------------------------


def test_staff_see_the_members_read_only(as_user: Any, world: dict[str, Any]) -> None:
    response = as_user(world["users"]["staff_a"]).get(get_url("partner_members", world))

    page = page_text(response)
    for email in ORG_A_MEMBER_EMAILS:
        assert email in page
    assert response.context["may_manage"] is False
    assert "Invite a colleague" not in page
    assert 'name="email"' not in page
    assert 'name="action"' not in page
    assert "/invitations/" not in page
    # Open invitations are for the people who manage members.
    assert "invited.a@example.org" not in page


@pytest.mark.parametrize("persona", ["coordinator_a", "admin"])
def test_managers_see_the_invitation_form_and_the_member_controls(
    as_user: Any, world: dict[str, Any], persona: str
) -> None:
    response = client_of(as_user, world, persona).get(get_url("partner_members", world))

    page = page_text(response)
    assert "Invite a colleague" in page
    assert 'name="email"' in page
    assert 'name="action" value="remove"' in page
    assert "invited.a@example.org" in page


@pytest.mark.parametrize(
    ("persona", "may_edit", "may_view_members"),
    [
        ("anonymous", False, False),
        ("staff_a", False, True),
        ("coordinator_a", True, True),
        ("coordinator_b", False, False),
        ("editor", False, False),
        ("admin", True, True),
    ],
)
def test_the_profile_offers_only_the_allowed_buttons(
    as_user: Any, world: dict[str, Any], persona: str, may_edit: bool, may_view_members: bool
) -> None:
    response = client_of(as_user, world, persona).get(get_url("partner_detail", world))

    page = page_text(response)
    slug = world["org_a"].slug
    assert (reverse("network:partner_edit", kwargs={"slug": slug}) in page) is may_edit
    assert (reverse("network:partner_members", kwargs={"slug": slug}) in page) is may_view_members


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_admins_see_the_admin_menu(as_user: Any, world: dict[str, Any], persona: str) -> None:
    page = page_text(client_of(as_user, world, persona).get(reverse("network:partner_list")))

    assert (reverse("network:application_list") in page) is (persona == "admin")
    assert (reverse("network:audit_log") in page) is (persona == "admin")


@pytest.mark.parametrize("persona", ["anonymous", "coordinator_b", "editor"])
def test_org_a_members_emails_appear_on_no_page_an_outsider_can_see(
    as_user: Any, world: dict[str, Any], persona: str
) -> None:
    client = client_of(as_user, world, persona)
    org_a, org_b = world["org_a"], world["org_b"]
    urls = [
        reverse("core:home"),
        reverse("network:partner_list"),
        reverse("network:partner_list") + "?q=alpha",
        org_a.get_absolute_url(),
        org_b.get_absolute_url(),
        reverse("network:partner_edit", kwargs={"slug": org_a.slug}),
        reverse("network:partner_members", kwargs={"slug": org_a.slug}),
        reverse("network:partner_members", kwargs={"slug": org_b.slug}),
        reverse("network:application_list"),
        reverse("network:audit_log"),
        reverse("accounts:dashboard"),
    ]
    for url in urls:
        response = client.get(url, follow=True)
        page = page_text(response)
        for email in [*ORG_A_MEMBER_EMAILS, "invited.a@example.org"]:
            assert email not in page, (url, email)
    # The organisation's public contact address is meant to be public.
    assert "contact@alpha.example" in page_text(client.get(org_a.get_absolute_url()))


def test_coordinator_b_manages_their_own_organisation_only(
    as_user: Any, world: dict[str, Any]
) -> None:
    client = as_user(world["users"]["coordinator_b"])
    org_b = world["org_b"]

    own = client.get(reverse("network:partner_members", kwargs={"slug": org_b.slug}))

    assert own.status_code == 200
    page = page_text(own)
    assert "coord.b@example.org" in page
    assert "Invite a colleague" in page
    assert (
        client.get(reverse("network:partner_edit", kwargs={"slug": org_b.slug})).status_code == 200
    )


def test_a_coordinator_of_a_deactivated_partner_loses_the_rights(
    as_user: Any, world: dict[str, Any]
) -> None:
    org_a = world["org_a"]
    Organisation.objects.filter(pk=org_a.pk).update(is_active=False)
    client = as_user(world["users"]["coordinator_a"])

    assert (
        client.get(reverse("network:partner_edit", kwargs={"slug": org_a.slug})).status_code == 403
    )
    assert (
        client.get(reverse("network:partner_members", kwargs={"slug": org_a.slug})).status_code
        == 403
    )
