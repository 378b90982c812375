"""The coordinators' invitation pages: the list of an organisation's
invitations (who sees it, filters, pagination, queries), one mobility's
invitations, and resending."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from mobinnov.impact.models import Invitation, Wave
from mobinnov.network.models import Membership
from tests.conftest import make_user
from tests.impact import factories as f

pytestmark = pytest.mark.django_db

LIST = "/evaluation/invitations/"


@pytest.fixture
def q() -> f.Questionnaires:
    return f.questionnaires()


@pytest.fixture
def mobility(q: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any) -> Any:
    return f.mobility(staff_a, org_a, org_b, by=coordinator_a)


@pytest.fixture
def invitations(mobility: Any, coordinator_b: Any) -> dict[str, Invitation]:
    return {
        "t0": f.invitation(mobility, Wave.T0, status=Invitation.Status.SUBMITTED),
        "t1": f.invitation(mobility, Wave.T1, status=Invitation.Status.OPENED, reminders_sent=1),
        "t2": f.invitation(
            mobility, Wave.T2, status=Invitation.Status.SCHEDULED, due_on=dt.date(2025, 7, 11)
        ),
        "host": f.invitation(mobility, Wave.HOST, respondent=coordinator_b),
    }


@pytest.fixture
def received(q: Any, org_a: Any, org_b: Any, coordinator_b: Any, coordinator_a: Any) -> Invitation:
    """A mobility SENT by B (received by A): not in A's list."""
    visitor = make_user("visitor.b@example.org")
    Membership.objects.create(user=visitor, organisation=org_b, role=Membership.Role.STAFF)
    other = f.mobility(visitor, org_b, org_a, by=coordinator_b)
    return f.invitation(other, Wave.T1)


def test_the_paths_are_as_agreed() -> None:
    assert reverse("impact:invitation_list") == LIST
    assert reverse("impact:invitation_resend", kwargs={"pk": 7}) == LIST + "7/resend/"
    assert (
        reverse("impact:mobility_invitations", kwargs={"reference": "X-1"})
        == "/evaluation/mobility/X-1/"
    )
    assert reverse("impact:my_answers") == "/evaluation/my-answers/"
    assert reverse("impact:my_answers_csv") == "/evaluation/my-answers.csv"
    assert reverse("impact:answer", kwargs={"token": "a:b:c"}) == "/evaluate/a:b:c/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_sees_an_organisations_invitations(
    request: Any, as_user: Any, org_a: Any, invitations: Any, persona: str, status: int
) -> None:
    client = f.persona_client(request, as_user, persona)
    response = client.get(LIST, {"organisation": org_a.slug})
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]
    if status == 200:
        f.assert_accessible(response)
        body = f.text(response)
        mobility = invitations["t0"].mobility
        assert body.count(mobility.reference) >= 4
        for label in ("Submitted", "Opened", "Scheduled", "Sent"):
            assert label in body
        assert "11/07/2025" in body  # due date, DD/MM/YYYY
        assert "Staff.A" in body and "Coord.B" in body


def test_without_an_organisation_a_coordinator_sees_their_own(
    as_user: Any, coordinator_a: Any, coordinator_b: Any, invitations: Any, received: Invitation
) -> None:
    body = f.text(as_user(coordinator_a).get(LIST))
    assert invitations["t0"].mobility.reference in body
    assert received.mobility.reference not in body
    body = f.text(as_user(coordinator_b).get(LIST))
    assert received.mobility.reference in body
    assert invitations["t0"].mobility.reference not in body
    # Staff and editors coordinate nothing.
    assert as_user(make_user("lonely@example.org", is_editor=True)).get(LIST).status_code == 403


def test_an_unknown_organisation_is_404(as_user: Any, admin: Any, invitations: Any) -> None:
    assert as_user(admin).get(LIST, {"organisation": "nowhere"}).status_code == 404


def test_filters_by_status_and_wave(
    as_user: Any, coordinator_a: Any, org_a: Any, invitations: Any
) -> None:
    client = as_user(coordinator_a)
    response = client.get(LIST, {"organisation": org_a.slug, "status": "submitted"})
    assert "1 invitation" in f.text(response)
    assert response.context["page"].object_list[0] == invitations["t0"]
    response = client.get(LIST, {"organisation": org_a.slug, "wave": "HOST"})
    assert [i.pk for i in response.context["page"].object_list] == [invitations["host"].pk]
    response = client.get(LIST, {"organisation": org_a.slug, "status": "bogus"})
    assert response.status_code == 200
    assert "Select a valid choice." in f.text(response)


def test_the_list_is_paginated_and_does_not_grow_in_queries(
    as_user: Any,
    admin: Any,
    org_a: Any,
    org_b: Any,
    coordinator_a: Any,
    q: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client = as_user(admin)
    start = dt.date(2025, 1, 6)
    people = []

    def add(count: int) -> None:
        nonlocal start
        for _ in range(count):
            person = make_user(f"p{len(people)}@example.org")
            people.append(person)
            Membership.objects.create(user=person, organisation=org_a, role=Membership.Role.STAFF)
            mobility = f.mobility(
                person,
                org_a,
                org_b,
                by=coordinator_a,
                start=start,
                end=start + dt.timedelta(days=4),
            )
            f.invitation(mobility, Wave.T1)
            start += dt.timedelta(days=7)

    add(2)
    with django_assert_max_num_queries(7):
        response = client.get(LIST, {"organisation": org_a.slug})
    assert len(response.context["rows"]) == 2
    add(8)
    with django_assert_max_num_queries(7):
        response = client.get(LIST, {"organisation": org_a.slug})
    assert len(response.context["rows"]) == 10
    add(20)
    response = client.get(LIST, {"organisation": org_a.slug})
    assert len(response.context["rows"]) == 25
    assert "Page 1 of 2" in f.text(response)
    response = client.get(LIST, {"organisation": org_a.slug, "page": 2})
    assert len(response.context["rows"]) == 5


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_sees_one_mobilitys_invitations(
    request: Any, as_user: Any, mobility: Any, invitations: Any, persona: str, status: int
) -> None:
    client = f.persona_client(request, as_user, persona)
    response = client.get(
        reverse("impact:mobility_invitations", kwargs={"reference": mobility.reference})
    )
    assert response.status_code == status
    if status == 200:
        f.assert_accessible(response)
        body = f.text(response)
        assert "Back from your mobility" not in body  # no answers here
        assert (
            "Six to twelve months later (T3): due since 11/01/2026, sent at the next run." in body
        )
        assert "Host feedback" in body and "Coord.B" in body
        assert reverse("impact:invitation_answers", kwargs={"pk": invitations["t0"].pk}) in body


def test_an_unknown_mobility_is_404(as_user: Any, admin: Any, q: Any) -> None:
    response = as_user(admin).get(
        reverse("impact:mobility_invitations", kwargs={"reference": "nope"})
    )
    assert response.status_code == 404


def test_a_coordinator_resends_an_invitation(
    as_user: Any, coordinator_a: Any, mobility: Any, invitations: Any
) -> None:
    invitation = invitations["t1"]
    back = reverse("impact:mobility_invitations", kwargs={"reference": mobility.reference})
    client = as_user(coordinator_a)
    response = client.post(
        reverse("impact:invitation_resend", kwargs={"pk": invitation.pk}), {"next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff.a@example.org"]
    assert "/evaluate/" in mail.outbox[0].body
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.OPENED  # the status it had stays
    page = client.get(back)
    assert "The invitation is sent again to staff.a@example.org." in f.text(page)


def test_sending_a_scheduled_invitation_now(
    as_user: Any, coordinator_a: Any, invitations: Any
) -> None:
    invitation = invitations["t2"]
    as_user(coordinator_a).post(reverse("impact:invitation_resend", kwargs={"pk": invitation.pk}))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.SENT and invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert not mail.outbox[0].subject.startswith("Reminder")


def test_a_submitted_invitation_is_not_sent_again(
    as_user: Any, coordinator_a: Any, invitations: Any
) -> None:
    client = as_user(coordinator_a)
    response = client.post(
        reverse("impact:invitation_resend", kwargs={"pk": invitations["t0"].pk}), follow=True
    )
    assert "This invitation cannot be sent again." in f.text(response)
    assert len(mail.outbox) == 0


def test_a_resend_that_bounces_says_so(as_user: Any, coordinator_a: Any, invitations: Any) -> None:
    refused = smtplib.SMTPRecipientsRefused({"staff.a@example.org": (550, b"no")})
    with mock.patch("mobinnov.impact.services.send_mail", side_effect=refused):
        response = as_user(coordinator_a).post(
            reverse("impact:invitation_resend", kwargs={"pk": invitations["t1"].pk}), follow=True
        )
    assert "The mail server refused the address staff.a@example.org" in f.text(response)
    invitations["t1"].refresh_from_db()
    assert invitations["t1"].status == Invitation.Status.BOUNCED


def test_resend_refuses_an_outside_redirect(
    as_user: Any, coordinator_a: Any, mobility: Any, invitations: Any
) -> None:
    response = as_user(coordinator_a).post(
        reverse("impact:invitation_resend", kwargs={"pk": invitations["t1"].pk}),
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == reverse(
        "impact:mobility_invitations", kwargs={"reference": mobility.reference}
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("staff_a", 403), ("coordinator_b", 403), ("editor", 403), ("admin", 302)],
)
def test_who_may_resend(
    request: Any, as_user: Any, invitations: Any, persona: str, status: int
) -> None:
    client = f.persona_client(request, as_user, persona)
    response = client.post(reverse("impact:invitation_resend", kwargs={"pk": invitations["t1"].pk}))
    assert response.status_code == status
    assert len(mail.outbox) == (1 if persona == "admin" else 0)


def test_resend_is_post_only(as_user: Any, coordinator_a: Any, invitations: Any) -> None:
    response = as_user(coordinator_a).get(
        reverse("impact:invitation_resend", kwargs={"pk": invitations["t1"].pk})
    )
    assert response.status_code == 405
    assert len(mail.outbox) == 0
