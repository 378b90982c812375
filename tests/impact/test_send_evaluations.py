"""``mobinnov send_evaluations``: each due e-mail once however often it runs,
reminders after the interval and no more than allowed, e-mails that stop
(cancelled mobility, participant who left), bounces the coordinator sees,
the respondent's language, no T0 once a mobility has started."""

from __future__ import annotations

import datetime as dt
import smtplib
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from mobinnov.impact import services
from mobinnov.impact.models import Invitation, ScheduleSettings, Wave
from mobinnov.mobility import services as mobility_services
from mobinnov.network.models import Membership
from tests.impact import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def q() -> f.Questionnaires:
    return f.questionnaires()


@pytest.fixture
def soon(
    q: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any, coordinator_b: Any
) -> Any:
    """Starts in a week: its T0 (14 days before) is due, nothing else yet."""
    today = timezone.localdate()
    return f.mobility(
        staff_a,
        org_a,
        org_b,
        by=coordinator_a,
        start=today + dt.timedelta(days=7),
        end=today + dt.timedelta(days=11),
    )


def run(**options: Any) -> str:
    out = StringIO()
    call_command("send_evaluations", stdout=out, **options)
    return out.getvalue()


def t0_of(mobility: Any) -> Invitation:
    return Invitation.objects.get(mobility=mobility, wave=Wave.T0)


def test_running_twice_sends_each_due_email_once(soon: Any, staff_a: Any) -> None:
    output = run()
    assert "scheduled 5, sent 1, reminded 0, bounced 0, stopped 0." in output
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff_a.email]
    assert "Before departure (T0)" in message.subject
    invitation = t0_of(soon)
    assert invitation.status == Invitation.Status.SENT and invitation.sent_at is not None
    # All five waves are scheduled, only T0 is due.
    assert set(soon.invitations.values_list("wave", flat=True)) == {w.value for w in Wave}
    assert soon.invitations.filter(status=Invitation.Status.SCHEDULED).count() == 4
    # The host feedback goes to the host's coordinator.
    assert soon.invitations.get(wave=Wave.HOST).email == "coord.b@example.org"

    output = run()
    assert "scheduled 0, sent 0, reminded 0, bounced 0, stopped 0." in output
    assert len(mail.outbox) == 1


def test_the_email_carries_a_working_personal_link(client: Any, soon: Any) -> None:
    run()
    body = mail.outbox[0].body
    assert "Hello Staff.A," in body
    assert soon.reference in body and "Berufskolleg Beta" in body
    assert (
        "Contact the mobility coordinator of Lycée professionnel Alpha (contact@alpha.example)."
        in body
    )
    link = next(line for line in body.splitlines() if line.startswith(settings.SITE_URL))
    assert "/evaluate/" in link
    response = client.get(link.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    assert "Before your mobility" in f.text(response)
    assert "reminder" not in body.lower()


def test_reminders_after_the_interval_and_no_more_than_allowed(soon: Any) -> None:
    run()
    invitation = t0_of(soon)
    # Not yet: the interval (7 days) has not passed.
    Invitation.objects.filter(pk=invitation.pk).update(
        last_sent_at=timezone.now() - dt.timedelta(days=6)
    )
    assert "reminded 0" in run()
    assert len(mail.outbox) == 1
    for expected in (1, 2):
        Invitation.objects.filter(pk=invitation.pk).update(
            last_sent_at=timezone.now() - dt.timedelta(days=8)
        )
        assert "reminded 1" in run()
        assert "reminded 0" in run()  # the same day again: nothing
        invitation.refresh_from_db()
        assert invitation.reminders_sent == expected
        assert len(mail.outbox) == 1 + expected
        reminder = mail.outbox[-1]
        assert reminder.subject.startswith("Reminder:")
        assert "This is a reminder" in reminder.body
    # Two reminders at most.
    Invitation.objects.filter(pk=invitation.pk).update(
        last_sent_at=timezone.now() - dt.timedelta(days=30)
    )
    assert "reminded 0" in run()
    assert len(mail.outbox) == 3


def test_reminders_follow_the_network_setting(soon: Any) -> None:
    ScheduleSettings.objects.update_or_create(
        pk=ScheduleSettings.current().pk, defaults={"reminder_interval_days": 2, "max_reminders": 1}
    )
    run()
    later = timezone.now() + dt.timedelta(days=2, minutes=1)
    report = services.run(now=later)
    assert report.reminded == 1
    report = services.run(now=later + dt.timedelta(days=3))
    assert report.reminded == 0
    assert len(mail.outbox) == 2


def test_no_reminder_once_submitted(soon: Any) -> None:
    run()
    Invitation.objects.filter(mobility=soon, wave=Wave.T0).update(
        status=Invitation.Status.SUBMITTED, last_sent_at=timezone.now() - dt.timedelta(days=8)
    )
    assert "reminded 0" in run()
    assert len(mail.outbox) == 1


def test_a_cancelled_mobility_stops_the_emails(soon: Any, coordinator_a: Any) -> None:
    run()
    mobility_services.set_status(soon, "cancelled", coordinator_a, reason="Strike")
    Invitation.objects.filter(mobility=soon, wave=Wave.T0).update(
        last_sent_at=timezone.now() - dt.timedelta(days=8)
    )
    output = run()
    assert "reminded 0" in output and "stopped 5" in output
    assert len(mail.outbox) == 1
    statuses = set(soon.invitations.values_list("status", "cancelled_reason"))
    assert statuses == {(Invitation.Status.CANCELLED, "mobility cancelled")}
    assert "stopped 0" in run()


def test_a_participant_who_left_gets_no_more_emails(soon: Any, staff_a: Any, org_a: Any) -> None:
    run()
    Membership.objects.filter(user=staff_a, organisation=org_a).delete()
    Invitation.objects.filter(mobility=soon, wave=Wave.T0).update(
        last_sent_at=timezone.now() - dt.timedelta(days=8)
    )
    assert "reminded 0, bounced 0, stopped 1." in run()
    assert len(mail.outbox) == 1
    invitation = t0_of(soon)
    assert invitation.status == Invitation.Status.CANCELLED
    assert invitation.cancelled_reason == "participant left the organisation"


def test_a_bounce_is_recorded_and_the_coordinator_sees_it(
    soon: Any, as_user: Any, coordinator_a: Any, org_a: Any
) -> None:
    refused = smtplib.SMTPRecipientsRefused({"staff.a@example.org": (550, b"no such user")})
    with mock.patch("mobinnov.impact.services.send_mail", side_effect=refused):
        assert "sent 0, reminded 0, bounced 1" in run()
    invitation = t0_of(soon)
    assert invitation.status == Invitation.Status.BOUNCED
    assert invitation.bounced_at is not None and "550" in invitation.bounce_reason
    # Not tried again by the next runs.
    assert "bounced 0" in run()
    assert len(mail.outbox) == 0
    response = as_user(coordinator_a).get(
        reverse("impact:invitation_list") + f"?organisation={org_a.slug}&status=bounced"
    )
    body = f.text(response)
    assert soon.reference in body and "Bounced" in body
    assert "Refused address: staff.a@example.org" in body


def test_a_mail_server_failure_is_reported_and_retried(soon: Any) -> None:
    with (
        mock.patch("mobinnov.impact.services.send_mail", side_effect=ConnectionRefusedError()),
        pytest.raises(CommandError, match="could not be sent"),
    ):
        run()
    assert t0_of(soon).status == Invitation.Status.SCHEDULED
    assert "sent 1" in run()
    assert len(mail.outbox) == 1


def test_the_email_is_in_the_respondents_language(soon: Any, staff_a: Any) -> None:
    staff_a.preferred_language = "fr"
    staff_a.save(update_fields=["preferred_language"])
    with mock.patch.object(
        services.translation, "override", wraps=translation.override
    ) as override:
        run()
    assert t0_of(soon).language == "fr"
    override.assert_any_call("fr")
    message = mail.outbox[0]
    assert message.subject.strip()
    assert "/evaluate/" in message.body
    # The link opens the questionnaire in French.
    assert t0_of(soon).language == "fr"


def test_no_t0_for_a_mobility_that_already_started(
    q: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any
) -> None:
    today = timezone.localdate()
    started = f.mobility(
        staff_a,
        org_a,
        org_b,
        by=coordinator_a,
        start=today - dt.timedelta(days=1),
        end=today + dt.timedelta(days=3),
    )
    assert "sent 0" in run()
    waves = set(started.invitations.values_list("wave", flat=True))
    assert Wave.T0 not in waves and Wave.T1 in waves
    assert len(mail.outbox) == 0


def test_a_finished_mobility_gets_its_t1(
    q: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any, coordinator_b: Any
) -> None:
    today = timezone.localdate()
    f.mobility(
        staff_a,
        org_a,
        org_b,
        by=coordinator_a,
        start=today - dt.timedelta(days=10),
        end=today - dt.timedelta(days=6),
    )
    output = run()
    assert "sent 2" in output  # T1 to the participant, host feedback to the host
    assert sorted(m.to[0] for m in mail.outbox) == ["coord.b@example.org", "staff.a@example.org"]
    assert "On return (T1)" in next(
        m.subject for m in mail.outbox if m.to == ["staff.a@example.org"]
    )
    host = next(m for m in mail.outbox if m.to == ["coord.b@example.org"])
    assert "as the host of the visit of Staff.A" in host.body


def test_dry_run_sends_and_saves_nothing(soon: Any) -> None:
    output = run(dry_run=True)
    assert "Dry run" in output and "scheduled 5, sent 1" in output
    assert len(mail.outbox) == 0
    assert not Invitation.objects.exists()
    assert "scheduled 5, sent 1" in run()
    assert len(mail.outbox) == 1


def test_waves_long_past_are_not_sent_all_at_once(
    q: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any, coordinator_b: Any
) -> None:
    """A mobility recorded two years after it ended: its T1, T2, T3 and host
    feedback are more than 30 days overdue and are not created."""
    today = timezone.localdate()
    old = f.mobility(
        staff_a,
        org_a,
        org_b,
        by=coordinator_a,
        start=today - dt.timedelta(days=730),
        end=today - dt.timedelta(days=726),
    )
    assert "sent 0" in run()
    assert not old.invitations.exists() and len(mail.outbox) == 0


def test_host_feedback_stops_when_the_host_contact_leaves(
    q: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any, coordinator_b: Any
) -> None:
    today = timezone.localdate()
    f.mobility(
        staff_a,
        org_a,
        org_b,
        by=coordinator_a,
        start=today - dt.timedelta(days=10),
        end=today + dt.timedelta(days=20),
    )
    run()
    host = Invitation.objects.get(wave=Wave.HOST)
    assert host.status == Invitation.Status.SCHEDULED and host.respondent == coordinator_b
    Membership.objects.filter(user=coordinator_b, organisation=org_b).delete()
    Invitation.objects.filter(pk=host.pk).update(due_on=today)
    run()
    host.refresh_from_db()
    assert host.status == Invitation.Status.CANCELLED
    assert host.cancelled_reason == "host contact left the organisation"
    assert not [m for m in mail.outbox if m.to == [coordinator_b.email]]


def test_resend_uses_the_corrected_address(soon: Any, staff_a: Any, coordinator_a: Any) -> None:
    run()
    invitation = t0_of(soon)
    staff_a.email = "staff.a.new@example.org"
    staff_a.save(update_fields=["email"])
    mail.outbox.clear()
    services.resend(invitation, coordinator_a)
    invitation.refresh_from_db()
    assert invitation.email == "staff.a.new@example.org"
    assert [m.to for m in mail.outbox] == [["staff.a.new@example.org"]]
