"""Test data for the impact dashboards and reports, built directly with the
ORM: a small item bank and one instrument per wave (reusing the shipped ones
when the data migration loaded them), participants, mobilities with their
agreement's competences, invitations and answers."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from mobinnov.accounts.models import User
from mobinnov.impact import codes
from mobinnov.impact.models import (
    Answer,
    ImplementationRecord,
    Instrument,
    Invitation,
    Item,
    Story,
    Wave,
)
from mobinnov.mobility.models import Agreement, Mobility
from mobinnov.network.models import Membership, Organisation
from tests.conftest import make_user

D = dt.date
DEFAULT_END = D(2025, 4, 11)
LIKERT = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
LEVELS = ["Beginner", "Basic", "Intermediate", "Advanced", "Expert"]
REACTION = (codes.RELEVANCE, codes.ENGAGEMENT)
COMPETENCES = ("Assessing practical work", "Giving feedback")
_numbers = itertools.count(1)

ITEMS: tuple[dict[str, Any], ...] = (
    {
        "code": codes.COMPETENCE,
        "construct": codes.CONSTRUCT_COMPETENCE,
        "level": 2,
        "kind": Item.Kind.COMPETENCE,
        "text": "How would you rate your level in this competence today?",
        "anchors": LEVELS,
        "asks_then": True,
    },
    {
        "code": codes.RELEVANCE,
        "construct": codes.CONSTRUCT_REACTION,
        "level": 1,
        "kind": Item.Kind.LIKERT,
        "text": "The activity was relevant to my work.",
        "anchors": LIKERT,
    },
    {
        "code": codes.ENGAGEMENT,
        "construct": codes.CONSTRUCT_REACTION,
        "level": 1,
        "kind": Item.Kind.LIKERT,
        "text": "The activity was engaging.",
        "anchors": LIKERT,
    },
    {
        "code": codes.ACTION_PLAN,
        "construct": codes.CONSTRUCT_ACTION_PLAN,
        "level": 2,
        "kind": Item.Kind.TEXT,
        "text": "Your action plan.",
    },
    {
        "code": codes.USE_FREQUENCY,
        "construct": codes.CONSTRUCT_APPLICATION,
        "level": 3,
        "kind": Item.Kind.CHOICE,
        "text": "How often did you use a method or tool you learned?",
        "choices": [
            {"value": "never", "label": "Never"},
            {"value": "once", "label": "Once"},
            {"value": "2-5", "label": "2 to 5 times"},
            {"value": "regularly", "label": "Regularly"},
        ],
    },
    {
        "code": codes.DISSEMINATION_CHANNELS,
        "construct": codes.CONSTRUCT_DISSEMINATION,
        "level": 3,
        "kind": Item.Kind.MULTI_CHOICE,
        "text": "How did you share what you learned?",
        "choices": [
            {"value": "informal-talk", "label": "Informal talk"},
            {"value": "team-meeting", "label": "Team meeting"},
            {"value": "written-report", "label": "Written report"},
        ],
    },
    {
        "code": codes.COLLEAGUES_REACHED,
        "construct": codes.CONSTRUCT_DISSEMINATION,
        "level": 3,
        "kind": Item.Kind.NUMBER,
        "text": "How many colleagues did you reach?",
    },
    {
        "code": codes.ADOPTION_SCOPE,
        "construct": codes.CONSTRUCT_ADOPTION,
        "level": 4,
        "kind": Item.Kind.CHOICE,
        "text": "How far was a practice adopted in your organisation?",
        "choices": [
            {"value": "none", "label": "Not adopted"},
            {"value": "class", "label": "One class"},
            {"value": "department", "label": "A department"},
            {"value": "organisation", "label": "The whole organisation"},
        ],
    },
    {
        "code": codes.MSC,
        "construct": codes.CONSTRUCT_MSC,
        "level": 4,
        "kind": Item.Kind.TEXT,
        "text": "Looking back, what was the most significant change? Why is it significant?",
    },
)


@dataclass
class World:
    items: dict[str, Item]
    instruments: dict[str, Instrument]
    mobilities: list[Mobility] = field(default_factory=list)

    def item(self, code: str) -> Item:
        return self.items[code]


def build_world() -> World:
    items = {}
    for spec in ITEMS:
        values = {key: value for key, value in spec.items() if key != "code"}
        item, _created = Item.objects.update_or_create(code=spec["code"], defaults=values)
        items[item.code] = item
    instruments = {}
    for wave in Wave.values:
        instrument = Instrument.objects.filter(wave=wave, is_current=True).first()
        if instrument is None:
            instrument = Instrument.objects.create(wave=wave, title=f"{wave} questionnaire")
        instruments[wave] = instrument
    return World(items, instruments)


def participant(organisation: Organisation, name: str = "") -> User:
    number = next(_numbers)
    user = make_user(f"participant{number}@example.org")
    user.full_name = name or f"Participant Number{number}"
    user.save(update_fields=["full_name"])
    Membership.objects.create(user=user, organisation=organisation)
    return user


def mobility(
    person: User,
    sending: Organisation,
    receiving: Organisation,
    *,
    end: dt.date = DEFAULT_END,
    activity: str = "SM-JOB-SHDW",
    status: str = Mobility.Status.COMPLETED,
    competences: Sequence[str] = COMPETENCES,
) -> Mobility:
    created = Mobility.objects.create(
        reference=f"TEST-MOB-{next(_numbers):05d}",
        participant=person,
        sending_organisation=sending,
        receiving_organisation=receiving,
        activity_type=activity,
        call_year=end.year,
        start_date=end - dt.timedelta(days=4),
        end_date=end,
        status=status,
    )
    Agreement.objects.create(mobility=created, competences=list(competences))
    return created


def invite(
    world: World, on: Mobility, wave: str, status: str = Invitation.Status.SUBMITTED
) -> Invitation:
    now = timezone.now()
    sent = status not in (Invitation.Status.SCHEDULED, Invitation.Status.CANCELLED)
    return Invitation.objects.create(
        mobility=on,
        wave=wave,
        instrument=world.instruments[wave],
        respondent=on.participant,
        email=on.participant.email,
        due_on=on.end_date,
        status=status,
        sent_at=now if sent else None,
        opened_at=now
        if status
        in (Invitation.Status.OPENED, Invitation.Status.DRAFT, Invitation.Status.SUBMITTED)
        else None,
        submitted_at=now if status == Invitation.Status.SUBMITTED else None,
    )


def answer(
    world: World,
    invitation: Invitation,
    code: str,
    *,
    number: float | None = None,
    choices: Iterable[str] = (),
    text: str = "",
    competence: str = "",
    variant: str = Answer.Variant.NOW,
) -> Answer:
    return Answer.objects.create(
        invitation=invitation,
        item=world.item(code),
        number=number,
        choices=list(choices),
        text=text,
        competence=competence,
        variant=variant,
    )


def respond(
    world: World,
    on: Mobility,
    *,
    pre: dict[str, float] | None = None,
    post: dict[str, float] | None = None,
    then: dict[str, float] | None = None,
    reaction: Sequence[int] = (),
    action_plan: str = "",
    use: str = "",
    channels: Sequence[str] = (),
    colleagues: int | None = None,
    adoption: str = "",
    msc: str = "",
    status: str = Invitation.Status.SUBMITTED,
) -> dict[str, Invitation]:
    """Invitations (``status``) and answers of one participant: T0 when
    ``pre``, T1 when ``post``/``then``/``reaction``, T2 when ``use``,
    ``channels`` or ``colleagues``, T3 when ``adoption`` or ``msc``."""
    made: dict[str, Invitation] = {}
    if pre:
        made[Wave.T0] = t0 = invite(world, on, Wave.T0, status)
        for competence, value in pre.items():
            answer(world, t0, codes.COMPETENCE, number=value, competence=competence)
    if post or then or reaction or action_plan:
        made[Wave.T1] = t1 = invite(world, on, Wave.T1, status)
        for competence, value in (post or {}).items():
            answer(world, t1, codes.COMPETENCE, number=value, competence=competence)
        for competence, value in (then or {}).items():
            answer(
                world,
                t1,
                codes.COMPETENCE,
                number=value,
                competence=competence,
                variant=Answer.Variant.THEN,
            )
        for code, value in zip(REACTION, reaction, strict=False):
            answer(world, t1, code, number=value)
        if action_plan:
            answer(world, t1, codes.ACTION_PLAN, text=action_plan)
    if use or channels or colleagues is not None:
        made[Wave.T2] = t2 = invite(world, on, Wave.T2, status)
        if use:
            answer(world, t2, codes.USE_FREQUENCY, choices=[use])
        if channels:
            answer(world, t2, codes.DISSEMINATION_CHANNELS, choices=channels)
        if colleagues is not None:
            answer(world, t2, codes.COLLEAGUES_REACHED, number=colleagues)
    if adoption or msc:
        made[Wave.T3] = t3 = invite(world, on, Wave.T3, status)
        if adoption:
            answer(world, t3, codes.ADOPTION_SCOPE, choices=[adoption])
        if msc:
            answer(world, t3, codes.MSC, text=msc)
    return made


def cohort(
    world: World,
    size: int,
    sending: Organisation,
    receiving: Organisation,
    *,
    end: dt.date = DEFAULT_END,
    activity: str = "SM-JOB-SHDW",
    **answers: Any,
) -> list[Mobility]:
    """``size`` participants of ``sending`` hosted by ``receiving``, each
    answering with ``answers`` (see :func:`respond`; a callable value is
    called with the participant's index)."""
    made = []
    for index in range(size):
        person = participant(sending)
        on = mobility(person, sending, receiving, end=end, activity=activity)
        values = {key: value(index) if callable(value) else value for key, value in answers.items()}
        respond(world, on, **values)
        made.append(on)
    world.mobilities.extend(made)
    return made


def full_answers(index: int) -> dict[str, Any]:
    """Plausible answers of participant ``index``: most improve, some not."""
    gain = (1, 2, 1, 0, 1, 2, -1, 1, 1, 0)[index % 10]
    pre = {COMPETENCES[0]: 2.0 + index % 2, COMPETENCES[1]: 3.0}
    return {
        "pre": pre,
        "post": {key: min(5.0, value + gain) for key, value in pre.items()},
        "then": {key: max(1.0, value - (index % 3 == 0)) for key, value in pre.items()},
        "reaction": (4 + index % 2, 3 + index % 3),
        "action_plan": f"Private plan {index}",
        "use": ("never", "once", "2-5", "regularly")[index % 4],
        "channels": (["informal-talk"], ["informal-talk", "team-meeting"])[index % 2],
        "colleagues": 2 + index,
        "adoption": ("class", "department")[index % 2],
        "msc": f"Story number {index}: we changed our assessment grid.",
    }


def implementation(
    on: Mobility, *, stage: str = "implemented", kind: str = "method", learners: int = 10
) -> ImplementationRecord:
    return ImplementationRecord.objects.create(
        mobility=on,
        kind=kind,
        title=f"Change after {on.reference}",
        description="A new assessment grid.",
        stage=stage,
        scope=ImplementationRecord.Scope.CLASS,
        learners_reached=learners,
        colleagues_reached=2,
    )


def select_story(answer_row: Answer, by: User | None = None) -> Story:
    return Story.objects.create(answer=answer_row, selected_by=by)
