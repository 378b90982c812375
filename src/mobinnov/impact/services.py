"""Scheduling and sending the evaluation waves, and answering them.

Each mobility gets its invitations from its dates and the network's
:class:`ScheduleSettings`: T0 before the first day, T1 at the end, T2 and T3
months later (the participant), and host feedback at the end (the receiving
organisation's coordinator). ``mobinnov send_evaluations`` (cron) calls
:func:`run`: it schedules what is missing, sends what is due and up to the
allowed reminders, and stops for cancelled mobilities and people who left
their organisation. Every send is recorded before the next run, so running it
twice sends nothing twice."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mobinnov.impact.models import (
    PARTICIPANT_WAVES,
    Answer,
    Instrument,
    Invitation,
    Item,
    Question,
    ScheduleSettings,
    Wave,
)

logger = logging.getLogger(__name__)

LINK_SALT = "mobinnov.impact.invitation"
# A link stays valid this long after it was made (re-sending makes a new one).
LINK_MAX_AGE = dt.timedelta(days=400)

# A wave is not created more than this long after it was due.
GRACE = dt.timedelta(days=30)

OPEN_STATUSES = (Invitation.Status.SENT, Invitation.Status.OPENED, Invitation.Status.DRAFT)


class EvaluationError(Exception):
    """A refused change, with messages per form field (None: the whole form)."""

    def __init__(self, errors: dict[str | None, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_dates(mobility: Any, schedule: ScheduleSettings) -> dict[str, dt.date]:
    return {
        Wave.T0: mobility.start_date - dt.timedelta(days=schedule.t0_days_before_start),
        Wave.T1: mobility.end_date + dt.timedelta(days=schedule.t1_days_after_end),
        Wave.T2: add_months(mobility.end_date, schedule.t2_months_after_end),
        Wave.T3: add_months(mobility.end_date, schedule.t3_months_after_end),
        Wave.HOST: mobility.end_date + dt.timedelta(days=schedule.host_days_after_end),
    }


def current_instruments() -> dict[str, Instrument]:
    return {i.wave: i for i in Instrument.objects.filter(is_current=True)}


def _host_contact(mobility: Any) -> Any | None:
    from mobinnov.network.models import Membership

    membership = (
        Membership.objects.filter(
            organisation_id=mobility.receiving_organisation_id,
            role=Membership.Role.COORDINATOR,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def schedule(
    mobility: Any,
    *,
    today: dt.date | None = None,
    settings_row: ScheduleSettings | None = None,
    instruments: dict[str, Instrument] | None = None,
) -> list[Invitation]:
    """Create the missing invitations of ``mobility`` and move the due dates
    of those not sent yet when its dates changed. A T0 is not created once
    the mobility has started, and no wave is created more than
    :data:`GRACE` after its due date (a mobility recorded long after it took
    place is not evaluated wave by wave in one go). Returns the invitations
    created."""
    from mobinnov.mobility.models import Mobility

    today = today or timezone.localdate()
    if mobility.status == Mobility.Status.CANCELLED:
        return []
    settings_row = settings_row or ScheduleSettings.current()
    dues = due_dates(mobility, settings_row)
    instruments = instruments if instruments is not None else current_instruments()
    existing = {(i.wave, i.email.lower()): i for i in mobility.invitations.all()}
    created = []
    participant = mobility.participant
    host = _host_contact(mobility)
    for wave, due in dues.items():
        person = host if wave == Wave.HOST else participant
        instrument = instruments.get(wave)
        if person is None or instrument is None or not person.email:
            continue
        if (
            wave == Wave.T0
            and mobility.start_date <= today
            and (wave, person.email.lower()) not in existing
        ):
            continue
        current = existing.get((wave, person.email.lower()))
        if current is None and due < today - GRACE:
            continue
        if current is not None:
            if current.status == Invitation.Status.SCHEDULED and current.due_on != due:
                current.due_on = due
                current.save(update_fields=["due_on"])
            continue
        created.append(
            Invitation(
                mobility=mobility,
                wave=wave,
                instrument=instrument,
                respondent=person,
                email=person.email,
                language=person.preferred_language or settings.LANGUAGE_CODE,
                due_on=due,
            )
        )
    Invitation.objects.bulk_create(created, ignore_conflicts=True)
    return created


def link_for(invitation: Invitation) -> str:
    """The personal link (absolute) that opens the questionnaire without an account."""
    token = signing.TimestampSigner(salt=LINK_SALT).sign(invitation.token)
    return settings.SITE_URL.rstrip("/") + reverse("impact:answer", kwargs={"token": token})


class LinkError(Exception):
    """``code``: "tampered" or "expired" or "unknown"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def invitation_from_link(token: str) -> Invitation:
    try:
        raw = signing.TimestampSigner(salt=LINK_SALT).unsign(token, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except signing.BadSignature:
        raise LinkError("tampered") from None
    invitation = (
        Invitation.objects.select_related(
            "mobility__participant",
            "mobility__sending_organisation",
            "mobility__receiving_organisation",
            "instrument",
        )
        .filter(token=raw)
        .first()
    )
    if invitation is None:
        raise LinkError("unknown")
    return invitation


def _still_concerned(invitation: Invitation) -> str:
    """Why follow-ups for this invitation must stop ("" when they need not)."""
    from mobinnov.mobility.models import Mobility
    from mobinnov.network.models import Membership

    mobility = invitation.mobility
    if mobility.status == Mobility.Status.CANCELLED:
        return "mobility cancelled"
    if invitation.wave == Wave.HOST:
        host = invitation.respondent
        if (
            host is None
            or not host.is_active
            or not Membership.objects.filter(
                user_id=host.pk,
                organisation_id=mobility.receiving_organisation_id,
                role=Membership.Role.COORDINATOR,
            ).exists()
        ):
            return "host contact left the organisation"
    if invitation.wave in PARTICIPANT_WAVES:
        respondent = invitation.respondent
        if respondent is None or not respondent.is_active:
            return "participant account closed"
        if not Membership.objects.filter(
            user_id=respondent.pk, organisation_id=mobility.sending_organisation_id
        ).exists():
            return "participant left the organisation"
    return ""


def _send(invitation: Invitation, *, reminder: bool) -> bool:
    """E-mail the invitation now; True when the mail server took it."""
    context = {
        "invitation": invitation,
        "mobility": invitation.mobility,
        "link": link_for(invitation),
        "reminder": reminder,
        "NETWORK_NAME": settings.NETWORK_NAME,
        "wave_label": "",
    }
    language = (
        invitation.language
        if invitation.language in dict(settings.LANGUAGES)
        else settings.LANGUAGE_CODE
    )
    with translation.override(language):
        context["wave_label"] = str(Wave(invitation.wave).label)
        subject = " ".join(render_to_string("impact/email/invitation_subject.txt", context).split())
        body = render_to_string("impact/email/invitation_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
        invitation.status = Invitation.Status.BOUNCED
        invitation.bounced_at = timezone.now()
        invitation.bounce_reason = str(error)[:300]
        invitation.save(update_fields=["status", "bounced_at", "bounce_reason"])
        return False
    except OSError:
        logger.exception("Could not send the evaluation invitation %s", invitation.pk)
        return False
    return True


@dataclass
class RunReport:
    scheduled: int = 0
    sent: int = 0
    reminded: int = 0
    bounced: int = 0
    stopped: int = 0
    failed: list[int] = field(default_factory=list)


def run(*, now: dt.datetime | None = None) -> RunReport:
    """Schedule, send what is due, remind, stop what must stop. Idempotent."""
    from mobinnov.mobility.models import Mobility

    now = now or timezone.now()
    today = timezone.localdate(now)
    report = RunReport()
    settings_row = ScheduleSettings.current()
    mobilities = (
        Mobility.objects.exclude(status=Mobility.Status.CANCELLED)
        .select_related("participant")
        .prefetch_related("invitations")
    )
    instruments = current_instruments()
    for mobility in mobilities.iterator(chunk_size=500):
        report.scheduled += len(
            schedule(mobility, today=today, settings_row=settings_row, instruments=instruments)
        )

    waiting = Invitation.objects.filter(
        status__in=[Invitation.Status.SCHEDULED, *OPEN_STATUSES], due_on__lte=today
    ).values_list("pk", flat=True)
    interval = dt.timedelta(days=settings_row.reminder_interval_days)
    for pk in list(waiting):
        with transaction.atomic():
            invitation = (
                # "of self": the respondent may be null (an outer join
                # PostgreSQL cannot lock).
                Invitation.objects.select_for_update(of=("self",))
                .select_related("mobility", "respondent")
                .get(pk=pk)
            )
            stop = _still_concerned(invitation)
            if stop:
                invitation.status = Invitation.Status.CANCELLED
                invitation.cancelled_reason = stop
                invitation.save(update_fields=["status", "cancelled_reason"])
                report.stopped += 1
                continue
            if invitation.status == Invitation.Status.SCHEDULED:
                if _send(invitation, reminder=False):
                    invitation.status = Invitation.Status.SENT
                    invitation.sent_at = invitation.last_sent_at = now
                    invitation.save(update_fields=["status", "sent_at", "last_sent_at"])
                    report.sent += 1
                elif invitation.status == Invitation.Status.BOUNCED:
                    report.bounced += 1
                else:
                    report.failed.append(pk)
            elif (
                invitation.reminders_sent < settings_row.max_reminders
                and invitation.last_sent_at is not None
                and now - invitation.last_sent_at >= interval
            ):
                if _send(invitation, reminder=True):
                    invitation.reminders_sent += 1
                    invitation.last_sent_at = now
                    invitation.save(update_fields=["reminders_sent", "last_sent_at"])
                    report.reminded += 1
                elif invitation.status == Invitation.Status.BOUNCED:
                    report.bounced += 1
                else:
                    report.failed.append(pk)
    # Invitations of cancelled mobilities not due yet stop too.
    report.stopped += Invitation.objects.filter(
        mobility__status=Mobility.Status.CANCELLED,
        status__in=[Invitation.Status.SCHEDULED, *OPEN_STATUSES],
    ).update(status=Invitation.Status.CANCELLED, cancelled_reason="mobility cancelled")
    return report


@transaction.atomic
def resend(invitation: Invitation, user: Any) -> None:
    """A coordinator sends the invitation again now (a bounced address
    corrected, a lost e-mail); not after submission."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status in (Invitation.Status.SUBMITTED, Invitation.Status.CANCELLED):
        raise EvaluationError({None: [_("This invitation cannot be sent again.")]})
    respondent = invitation.respondent
    if respondent is not None and respondent.email:
        # A corrected address or a new language preference is used from now on.
        invitation.email = respondent.email
        invitation.language = respondent.preferred_language or invitation.language
        invitation.save(update_fields=["email", "language"])
    if _send(invitation, reminder=invitation.sent_at is not None):
        now = timezone.now()
        if invitation.status in (Invitation.Status.SCHEDULED, Invitation.Status.BOUNCED):
            invitation.status = Invitation.Status.SENT
        invitation.sent_at = invitation.sent_at or now
        invitation.last_sent_at = now
        invitation.save(update_fields=["status", "sent_at", "last_sent_at"])
    elif invitation.status != Invitation.Status.BOUNCED:
        raise EvaluationError({None: [_("The e-mail could not be sent; try again later.")]})


# --- the questionnaire -------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One answer to give: a question, for one competence and variant."""

    question: Question
    competence: str = ""
    variant: str = Answer.Variant.NOW
    # Position of the competence in the agreement's list (stable field names).
    index: int = 0

    @property
    def name(self) -> str:
        suffix = ""
        if self.question.item.kind == Item.Kind.COMPETENCE:
            suffix = f"_c{self.index}_{self.variant}"
        return f"q{self.question.pk}{suffix}"


def competences_of(invitation: Invitation) -> list[str]:
    agreement = getattr(invitation.mobility, "agreement", None)
    values = list(agreement.competences) if agreement is not None else []
    return [str(value) for value in values if str(value).strip()]


def slots(invitation: Invitation) -> list[Slot]:
    """The answers this invitation asks for, in order: conditions applied,
    competence items expanded per competence (and "then" at T1)."""
    activity = invitation.mobility.activity_type
    questions = (
        Question.objects.filter(section__instrument=invitation.instrument)
        .select_related("item", "section")
        .order_by("section__position", "section_id", "position", "pk")
    )
    result: list[Slot] = []
    competences = competences_of(invitation)
    for question in questions:
        if not question.applies_to(activity):
            continue
        if question.item.kind == Item.Kind.COMPETENCE:
            for index, competence in enumerate(competences):
                result.append(Slot(question, competence, Answer.Variant.NOW, index))
                if question.item.asks_then and invitation.wave == Wave.T1:
                    result.append(Slot(question, competence, Answer.Variant.THEN, index))
        else:
            result.append(Slot(question))
    return result


def mark_opened(invitation: Invitation) -> None:
    if invitation.status in (
        Invitation.Status.SENT,
        Invitation.Status.SCHEDULED,
        Invitation.Status.BOUNCED,
    ):
        Invitation.objects.filter(pk=invitation.pk, status=invitation.status).update(
            status=Invitation.Status.OPENED, opened_at=timezone.now()
        )
        invitation.status = Invitation.Status.OPENED


def save_answers(
    invitation: Invitation,
    values: dict[Slot, Any],
    *,
    submit: bool,
    expected_version: int,
) -> None:
    """Store the answers (replacing a draft's); on ``submit`` the invitation is
    closed for good. A submitted invitation, or a concurrent save, is refused."""
    from mobinnov.core.concurrency import EditConflict, claim_version

    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.status in (Invitation.Status.SUBMITTED, Invitation.Status.CANCELLED):
            raise EvaluationError({None: [_("This questionnaire was already submitted.")]})
        try:
            claim_version(locked, expected_version)
        except EditConflict:
            raise EvaluationError(
                {
                    None: [
                        _(
                            "These answers were saved from another window in the meantime. Reload the page."
                        )
                    ]
                }
            ) from None
        if submit:
            missing = [
                slot.name for slot in values if slot.question.required and _empty(values[slot])
            ]
            if missing:
                raise EvaluationError(
                    {name: [_("Please answer this question.")] for name in missing}
                )
        locked.answers.all().delete()
        rows = []
        for slot, value in values.items():
            if _empty(value):
                continue
            rows.append(_answer_row(locked, slot, value))
        Answer.objects.bulk_create(rows)
        now = timezone.now()
        if submit:
            locked.status = Invitation.Status.SUBMITTED
            locked.submitted_at = now
        else:
            locked.status = Invitation.Status.DRAFT
            locked.draft_saved_at = now
        locked.save(update_fields=["status", "submitted_at", "draft_saved_at", "version"])
        invitation.status, invitation.version = locked.status, locked.version


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def _answer_row(invitation: Invitation, slot: Slot, value: Any) -> Answer:
    answer = Answer(
        invitation=invitation,
        item=slot.question.item,
        competence=slot.competence,
        variant=slot.variant,
    )
    kind = slot.question.item.kind
    if kind in (Item.Kind.LIKERT, Item.Kind.COMPETENCE, Item.Kind.NUMBER):
        answer.number = float(value)
    elif kind == Item.Kind.CHOICE:
        answer.choices = [str(value)]
    elif kind == Item.Kind.MULTI_CHOICE:
        answer.choices = [str(v) for v in value]
    elif kind == Item.Kind.EVIDENCE:
        if hasattr(value, "read"):
            answer.file = value
        else:
            answer.text = str(value)
    else:
        answer.text = str(value)
    return answer


def answers_by_slot(invitation: Invitation) -> dict[tuple[int, str, str], Answer]:
    return {(a.item_id, a.competence, a.variant): a for a in invitation.answers.all()}


def submitted_waves(mobility_ids: Iterable[int]) -> dict[int, set[str]]:
    rows = Invitation.objects.filter(
        mobility_id__in=list(mobility_ids), status=Invitation.Status.SUBMITTED
    ).values_list("mobility_id", "wave")
    result: dict[int, set[str]] = {}
    for mobility_id, wave in rows:
        result.setdefault(mobility_id, set()).add(wave)
    return result
