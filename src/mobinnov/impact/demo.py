"""Demo impact evaluation: every demo mobility gets its invitations (in every
state: scheduled, sent, opened, draft, submitted, bounced, cancelled), 60+
participants answer across the waves with plausible, uneven data (most
improve, some do not, some drop out), 25+ implementation records make the
transfer map draw arrows, and coordinators record what they changed.

Answers are stored through :func:`mobinnov.impact.services.save_answers`, the
function the questionnaire page uses, so they have the shape real answers
have. The random generator is seeded: the demo is the same on every machine.
Running it again creates nothing new."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from mobinnov.impact import codes, services
from mobinnov.impact.models import (
    Answer,
    BadgeAssertion,
    FeedbackAction,
    ImplementationRecord,
    Invitation,
    Item,
    Story,
    Wave,
)
from mobinnov.mobility.models import Mobility
from mobinnov.network.demo import Writer

SEED = 2024
PARTICIPANT_WAVES = (Wave.T0, Wave.T1, Wave.T2, Wave.T3)
# Share of participants still answering at each wave (the others drop out).
KEEPS = {Wave.T0: 0.92, Wave.T1: 0.9, Wave.T2: 0.72, Wave.T3: 0.6, Wave.HOST: 0.8}

TEXTS = {
    codes.EXPECTATIONS: "See how the host organises practical assessment with companies.",
    codes.LEARNING_GOALS: "Bring back one assessment grid and one way of giving feedback.",
    codes.ACTION_PLAN: "Try the grid with my second-year class before the holidays, with my colleague.",
    codes.CONCRETE_CHANGE: "Learners now assess each other's work with a shared grid every Friday.",
    codes.CURRICULUM_CHANGE_DETAILS: "A peer-assessment step was added to the workshop module.",
    codes.HOST_LEARNED: "Our trainers discovered a simpler way to plan company visits.",
}
STORIES = (
    "The most significant change is that my learners now say what they did well before I "
    "grade them. It matters because the quiet ones speak up in the workshop now.",
    "We changed how the whole department plans work placements: tutors and teachers meet "
    "before, not after. It matters because fewer learners drop out in the first month.",
    "I stopped lecturing for the first hour. Learners start at the bench and we discuss "
    "afterwards. It matters because they remember the safety rules better.",
    "Our school joined a new partnership with the host on green skills. It matters because "
    "our learners will be able to go abroad too.",
)
IMPLEMENTATIONS = (
    ("method", "Peer assessment at the bench"),
    ("material", "Shared assessment grid for practical tests"),
    ("tool", "Digital portfolio of workshop tasks"),
    ("curriculum", "Work-based learning module revised"),
    ("training", "Internal workshop for colleagues"),
    ("partnership", "New exchange with the host school"),
)


class _Demo:
    def __init__(self, stdout: Writer | None) -> None:
        self.stdout = stdout
        self.random = random.Random(SEED)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.counts = {"invitations": 0, "submitted": 0, "records": 0, "participants": 0}

    def value(self, slot: services.Slot, mobility: Mobility, level: dict[str, float]) -> Any:
        item = slot.question.item
        rnd = self.random
        if item.kind == Item.Kind.COMPETENCE:
            key = slot.competence
            if slot.variant == Answer.Variant.THEN:
                # Looking back, people rate their earlier level a little lower.
                return max(1, min(5, round(level[key] - rnd.choice((0, 0, 1, 1, 0)))))
            return max(1, min(5, round(level[key])))
        if item.kind == Item.Kind.LIKERT:
            base = 4.2 if item.code not in codes.REVERSED_ITEMS else 2.6
            return max(1, min(5, round(rnd.gauss(base, 0.8))))
        if item.kind == Item.Kind.CHOICE:
            if item.code == codes.USE_FREQUENCY:
                return rnd.choices(codes.USE_FREQUENCY_VALUES, weights=(1, 2, 4, 5))[0]
            if item.code == codes.ADOPTION_SCOPE:
                return rnd.choices(codes.ADOPTION_VALUES, weights=(2, 5, 3, 1))[0]
            values = [row["value"] for row in item.choices]
            return rnd.choice(values)
        if item.kind == Item.Kind.MULTI_CHOICE:
            values = [row["value"] for row in item.choices]
            return rnd.sample(values, k=rnd.randint(1, 3))
        if item.kind == Item.Kind.NUMBER:
            return rnd.choice((0, 2, 3, 4, 6, 8, 12))
        if item.code == codes.MSC:
            return rnd.choice(STORIES)
        if item.kind == Item.Kind.TEXT:
            return TEXTS.get(item.code, "")
        return None  # evidence: none in the demo

    def answer(
        self, invitation: Invitation, mobility: Mobility, level: dict[str, float], *, submit: bool
    ) -> None:
        values = {slot: self.value(slot, mobility, level) for slot in services.slots(invitation)}
        services.save_answers(
            invitation, values, submit=submit, expected_version=invitation.version
        )
        submitted_at = self.sent_at(invitation) + dt.timedelta(days=self.random.randint(1, 9))
        Invitation.objects.filter(pk=invitation.pk).update(
            submitted_at=submitted_at if submit else None,
            draft_saved_at=None if submit else submitted_at,
            opened_at=submitted_at,
        )

    def sent_at(self, invitation: Invitation) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(invitation.due_on, dt.time(9, 0)))

    def mark_sent(self, invitation: Invitation, status: str, reminders: int = 0) -> None:
        sent = self.sent_at(invitation)
        Invitation.objects.filter(pk=invitation.pk).update(
            status=status,
            sent_at=sent,
            last_sent_at=sent + dt.timedelta(days=7 * reminders),
            reminders_sent=reminders,
            opened_at=sent + dt.timedelta(days=1) if status == Invitation.Status.OPENED else None,
        )
        invitation.refresh_from_db()

    def run(self) -> None:
        mobilities = list(
            Mobility.objects.exclude(status=Mobility.Status.CANCELLED)
            .select_related(
                "participant", "agreement", "sending_organisation", "receiving_organisation"
            )
            .order_by("start_date", "pk")
        )
        settings_row = services.ScheduleSettings.current()
        instruments = services.current_instruments()
        for number, mobility in enumerate(mobilities):
            # Schedule everything, including waves long past (the demo
            # back-fills what a live platform would have sent on time).
            far_past = mobility.start_date - dt.timedelta(days=3650)
            services.schedule(
                mobility, today=far_past, settings_row=settings_row, instruments=instruments
            )
            self.fill(mobility, number)
        # One planned mobility is called off: its invitations stop.
        from mobinnov.mobility import services as mobility_services

        called_off = (
            Mobility.objects.filter(status=Mobility.Status.PLANNED, invitations__isnull=False)
            .select_related("sending_organisation")
            .order_by("-start_date")
            .first()
        )
        if called_off is not None:
            coordinator = called_off.sending_organisation.memberships.filter(
                role="coordinator"
            ).first()
            mobility_services.set_status(
                called_off,
                Mobility.Status.CANCELLED,
                coordinator.user if coordinator else None,
                "The host had to close the workshop for renovation.",
            )
            called_off.invitations.filter(
                status__in=[Invitation.Status.SCHEDULED, *services.OPEN_STATUSES]
            ).update(status=Invitation.Status.CANCELLED, cancelled_reason="mobility cancelled")

    def fill(self, mobility: Mobility, number: int) -> None:
        rnd = self.random
        competences = services.competences_of(
            Invitation(mobility=mobility)  # only reads the agreement
        )
        # Starting level per competence, and how much this person gains.
        gain = rnd.choices((-1, 0, 1, 1.4, 2), weights=(1, 3, 6, 5, 2))[0]
        pre = {c: rnd.choice((1.6, 2, 2.4, 3, 3.4)) for c in competences}
        answered_any = False
        dropped = False
        invitations = {
            i.wave: i
            for i in mobility.invitations.select_related("instrument", "mobility__agreement")
        }
        for wave in (*PARTICIPANT_WAVES, Wave.HOST):
            invitation = invitations.get(wave)
            if invitation is None:
                continue
            self.counts["invitations"] += 1
            if invitation.due_on > self.today:
                continue  # still scheduled
            if wave != Wave.HOST and dropped:
                reminders = 2 if (self.today - invitation.due_on).days > 14 else 1
                self.mark_sent(invitation, Invitation.Status.SENT, reminders)
                continue
            if number % 23 == 7 and wave == Wave.T2:
                self.mark_sent(invitation, Invitation.Status.BOUNCED)
                Invitation.objects.filter(pk=invitation.pk).update(
                    bounced_at=self.sent_at(invitation), bounce_reason="550 mailbox unavailable"
                )
                continue
            keep = rnd.random() < KEEPS[wave]
            recent = (self.today - invitation.due_on).days < 21
            if not keep:
                dropped = wave != Wave.HOST
                status = Invitation.Status.OPENED if number % 2 else Invitation.Status.SENT
                self.mark_sent(invitation, status, 0 if recent else 2)
                continue
            self.mark_sent(invitation, Invitation.Status.OPENED)
            if wave in (Wave.T1,):
                level = {c: pre[c] + gain + rnd.choice((-0.4, 0, 0.4)) for c in competences}
            else:
                level = pre
            draft = recent and number % 3 == 0
            self.answer(invitation, mobility, level, submit=not draft)
            if not draft and wave != Wave.HOST:
                answered_any = True
                self.counts["submitted"] += 1
        if answered_any:
            self.counts["participants"] += 1

    def records(self) -> None:
        """Implementation records after completed mobilities: planned to
        embedded, linked to the practice seen at the host."""
        done = (
            Mobility.objects.filter(
                status__in=[Mobility.Status.COMPLETED, Mobility.Status.EVALUATED]
            )
            .select_related("participant", "sending_organisation")
            .prefetch_related("practices")
            .order_by("end_date", "pk")
        )
        stages = ("planned", "piloting", "implemented", "embedded", "implemented", "piloting")
        scopes = ("class", "class", "department", "organisation")
        made = 0
        for number, mobility in enumerate(done):
            if number % 5 == 4:
                continue  # not everyone changes something
            practice = next(iter(mobility.practices.all()), None)
            kind, title = IMPLEMENTATIONS[number % len(IMPLEMENTATIONS)]
            ImplementationRecord.objects.create(
                mobility=mobility,
                practice=practice if practice is not None and practice.is_public else None,
                kind=kind,
                title=title,
                description=(
                    "Adapted from what we saw at the host: first tried with one group, then "
                    "discussed in the team meeting."
                ),
                stage=stages[number % len(stages)],
                scope=scopes[number % len(scopes)],
                learners_reached=self.random.choice((12, 18, 24, 40, 75)),
                colleagues_reached=self.random.choice((0, 2, 3, 5, 9)),
                evidence_link="https://example.org/evidence" if number % 3 == 0 else "",
                created_by=mobility.participant,
            )
            made += 1
        self.counts["records"] = made

    def feedback_and_stories(self) -> None:
        from mobinnov.network.models import Membership

        coordinators = {
            m.organisation_id: m.user
            for m in Membership.objects.filter(role=Membership.Role.COORDINATOR).select_related(
                "user"
            )
        }
        for organisation_id in Mobility.objects.values_list(
            "sending_organisation_id", flat=True
        ).distinct()[:6]:
            FeedbackAction.objects.create(
                organisation_id=organisation_id,
                year=self.today.year - 1,
                finding="Participants found the T0 questionnaire came too late to prepare.",
                action="We now hold a preparation meeting one month before departure.",
                created_by=coordinators.get(organisation_id),
            )
        for answer in Answer.objects.filter(
            item__code=codes.MSC, invitation__status=Invitation.Status.SUBMITTED
        ).select_related("invitation__mobility")[:6]:
            Story.objects.create(
                answer=answer,
                selected_by=coordinators.get(answer.invitation.mobility.sending_organisation_id),
            )

    def badges(self) -> None:
        eligible = Mobility.objects.filter(
            status__in=[Mobility.Status.COMPLETED, Mobility.Status.EVALUATED],
            invitations__wave=Wave.T1,
            invitations__status=Invitation.Status.SUBMITTED,
        ).distinct()[:12]
        for mobility in eligible:
            BadgeAssertion.objects.get_or_create(mobility=mobility)


def load_demo_impact(*, stdout: Writer | None = None) -> dict[str, int]:
    """Create the demo evaluation data unless it exists; returns the figures."""
    created = 0
    if not Invitation.objects.exists():
        with transaction.atomic():
            demo = _Demo(stdout)
            demo.run()
            demo.records()
            demo.feedback_and_stories()
            demo.badges()
        created = 1
    submitted = Invitation.objects.filter(status=Invitation.Status.SUBMITTED)
    return {
        "created": created,
        "invitations": Invitation.objects.count(),
        "statuses": len(set(Invitation.objects.values_list("status", flat=True))),
        "participants": submitted.exclude(wave=Wave.HOST)
        .values("mobility__participant")
        .distinct()
        .count(),
        "respondent_mobilities": submitted.exclude(wave=Wave.HOST)
        .values("mobility")
        .distinct()
        .count(),
        "records": ImplementationRecord.objects.count(),
    }
