"""Builders for the impact tests: a small questionnaire per wave (made here,
not read from the shipped data file), mobilities with competences in their
agreement, invitations in any state, and the accessibility checks of the
project's pages."""

from __future__ import annotations

import datetime as dt
import html
import itertools
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.db.models import Max
from django.utils import timezone

from mobinnov.accounts.models import User
from mobinnov.impact.models import Instrument, Invitation, Item, Question, Section, Wave
from mobinnov.mobility.models import Mobility
from mobinnov.network.models import Organisation
from tests.mobility import factories as mf

D = dt.date
LIKERT = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
LEVELS = ["Beginner", "Basic", "Competent", "Proficient", "Expert"]
COMPETENCES = ["Assessing practical work", "Giving feedback"]


@dataclass
class Questionnaires:
    instruments: dict[str, Instrument]
    items: dict[str, Item]


def _item(code: str, kind: str, text: str, **extra: Any) -> Item:
    item, _created = Item.objects.update_or_create(
        code=code,
        defaults={
            "construct": extra.pop("construct", code),
            "level": extra.pop("level", 1),
            "kind": kind,
            "text": text,
            **extra,
        },
    )
    return item


def _instrument(wave: str, title: str, sections: list[tuple[str, list[tuple[Item, dict]]]]) -> Any:
    """A new current version of ``wave`` (the shipped one, if any, stays as an
    older version)."""
    Instrument.objects.filter(wave=wave, is_current=True).update(is_current=False)
    version = (Instrument.objects.filter(wave=wave).aggregate(v=Max("version"))["v"] or 0) + 1
    instrument = Instrument.objects.create(
        wave=wave,
        version=version,
        title=title,
        introduction=f"Introduction of {title}.",
        translations={
            "fr": {"title": f"{title} (fr)", "introduction": "Introduction en français."}
        },
    )
    for position, (section_title, questions) in enumerate(sections):
        section = Section.objects.create(
            instrument=instrument,
            position=position,
            title=section_title,
            translations={"fr": {"title": f"{section_title} (fr)"}},
        )
        for index, (item, options) in enumerate(questions):
            Question.objects.create(section=section, item=item, position=index, **options)
    return instrument


def questionnaires() -> Questionnaires:
    """T0, T1, T2, T3 and host feedback, each with a few questions of every kind."""
    items = {
        "competence": _item(
            "test-competence-level",
            Item.Kind.COMPETENCE,
            "How would you rate your level in this competence today?",
            construct="competence",
            level=2,
            anchors=LEVELS,
            asks_then=True,
            translations={
                "fr": {
                    "text": "Comment évaluez-vous votre niveau dans cette compétence aujourd'hui ?",
                    "anchors": ["Débutant", "Notions", "Compétent", "Avancé", "Expert"],
                }
            },
        ),
        "expectations": _item(
            "test-t0-expectations", Item.Kind.TEXT, "What do you expect from the visit?", level=2
        ),
        "relevance": _item(
            "test-t1-relevance",
            Item.Kind.LIKERT,
            "The visit was relevant to my work.",
            construct="reaction",
            anchors=LIKERT,
            translations={"fr": {"text": "La visite était utile pour mon travail."}},
        ),
        "teaching": _item(
            "test-t1-teaching",
            Item.Kind.LIKERT,
            "The teaching assignment let me try my methods.",
            construct="reaction",
            anchors=LIKERT,
        ),
        "plan": _item("test-t1-action-plan", Item.Kind.TEXT, "Your action plan", level=3),
        "frequency": _item(
            "test-t2-use-frequency",
            Item.Kind.CHOICE,
            "How often did you use a method you learned?",
            construct="application",
            level=3,
            choices=[
                {"value": "never", "label": "Never"},
                {"value": "once", "label": "Once"},
                {"value": "regularly", "label": "Regularly"},
            ],
            translations={"fr": {"choices": {"never": "Jamais"}}},
        ),
        "channels": _item(
            "test-t2-dissemination",
            Item.Kind.MULTI_CHOICE,
            "How did you share what you learned?",
            construct="dissemination",
            level=3,
            choices=[
                {"value": "talk", "label": "Informal talk"},
                {"value": "meeting", "label": "Team meeting"},
                {"value": "workshop", "label": "Internal workshop"},
            ],
        ),
        "colleagues": _item(
            "test-t2-colleagues",
            Item.Kind.NUMBER,
            "How many colleagues did you reach?",
            construct="dissemination",
            level=3,
        ),
        "evidence": _item(
            "test-t2-evidence",
            Item.Kind.EVIDENCE,
            "Show one concrete change",
            construct="application",
            level=3,
        ),
        "adoption": _item(
            "test-t3-adoption",
            Item.Kind.CHOICE,
            "How far was the practice adopted?",
            construct="adoption",
            level=4,
            choices=[
                {"value": "class", "label": "One class"},
                {"value": "organisation", "label": "The whole organisation"},
            ],
        ),
        "msc": _item(
            "test-t3-msc", Item.Kind.TEXT, "What was the most significant change?", construct="msc"
        ),
        "host": _item(
            "test-host-exchange",
            Item.Kind.LIKERT,
            "The exchange was useful to our organisation.",
            construct="host",
            anchors=LIKERT,
        ),
    }
    required = {"required": True}
    instruments = {
        Wave.T0: _instrument(
            Wave.T0,
            "Before your mobility",
            [
                ("Your competences", [(items["competence"], required)]),
                ("Your expectations", [(items["expectations"], {})]),
            ],
        ),
        Wave.T1: _instrument(
            Wave.T1,
            "Back from your mobility",
            [
                (
                    "The visit",
                    [
                        (items["relevance"], required),
                        (items["teaching"], {"condition": {"activity_types": ["SM-TTA"]}}),
                    ],
                ),
                ("Your competences", [(items["competence"], required)]),
                ("Your plan", [(items["plan"], {})]),
            ],
        ),
        Wave.T2: _instrument(
            Wave.T2,
            "Three months later",
            [
                (
                    "Using what you learned",
                    [
                        (items["frequency"], required),
                        (items["channels"], {}),
                        (items["colleagues"], {}),
                        (items["evidence"], {}),
                    ],
                )
            ],
        ),
        Wave.T3: _instrument(
            Wave.T3,
            "Nine months later",
            [("What changed", [(items["adoption"], {}), (items["msc"], required)])],
        ),
        Wave.HOST: _instrument(
            Wave.HOST, "Host feedback", [("The exchange", [(items["host"], required)])]
        ),
    }
    return Questionnaires(instruments, items)


def mobility(
    participant: User,
    sending: Organisation,
    receiving: Organisation,
    *,
    by: User,
    start: dt.date = mf.WEEK_START,
    end: dt.date = mf.WEEK_END,
    activity: str = "SM-JOB-SHDW",
) -> Mobility:
    """A mobility whose agreement targets the two :data:`COMPETENCES`."""
    created = mf.mobility(
        participant, sending, receiving, start=start, end=end, activity=activity, by=by
    )
    mf.complete_agreement(created, by)
    return Mobility.objects.select_related("agreement").get(pk=created.pk)


def invitation(
    mobility: Mobility,
    wave: str,
    *,
    status: str = Invitation.Status.SENT,
    respondent: User | None = None,
    language: str = "en",
    due_on: dt.date | None = None,
    **extra: Any,
) -> Invitation:
    """An invitation of the current instrument of ``wave`` (call
    :func:`questionnaires` first)."""
    person = respondent or mobility.participant
    now = timezone.now()
    values: dict[str, Any] = {}
    if status not in (Invitation.Status.SCHEDULED,):
        values = {"sent_at": now, "last_sent_at": now}
    values.update(extra)
    return Invitation.objects.create(
        mobility=mobility,
        wave=wave,
        instrument=Instrument.objects.get(wave=wave, is_current=True),
        respondent=person,
        email=person.email,
        language=language,
        due_on=due_on or mobility.start_date,
        status=status,
        **values,
    )


# --- pages --------------------------------------------------------------------------


class _Page(HTMLParser):
    """What the accessibility rules of the project look at in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.problems: list[str] = []
        self.label_for: set[str] = set()
        self.fields: list[tuple[str, bool, str]] = []  # (id, inside a <label>, type)
        self.open_labels = 0
        self.open_fieldsets: list[dict[str, Any]] = []
        self.fieldsets: list[dict[str, Any]] = []
        self.open_table: dict[str, Any] | None = None
        self.tables: list[dict[str, Any]] = []
        self.html_lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = str(attributes.get("lang") or "")
        if "style" in attributes:
            self.problems.append(f"{tag}[style]")
        if tag == "script" and attributes.get("type") != "application/ld+json":
            self.problems.append("<script>")
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))
        if tag == "label":
            self.open_labels += 1
            if attributes.get("for"):
                self.label_for.add(str(attributes["for"]))
        if tag == "fieldset":
            fieldset = {"legend": False, "radios": 0}
            self.open_fieldsets.append(fieldset)
            self.fieldsets.append(fieldset)
        if tag == "legend" and self.open_fieldsets:
            self.open_fieldsets[-1]["legend"] = True
        if tag in {"input", "select", "textarea"}:
            kind = str(attributes.get("type", ""))
            if kind not in {"hidden", "submit", "button"}:
                self.fields.append((str(attributes.get("id") or ""), self.open_labels > 0, kind))
            if kind in {"radio", "checkbox"}:
                if self.open_fieldsets:
                    self.open_fieldsets[-1]["radios"] += 1
                else:
                    self.problems.append(f"{kind} outside a fieldset")
        if tag == "table":
            self.open_table = {
                "named": bool(attributes.get("aria-label") or attributes.get("aria-labelledby")),
                "th_scope": True,
            }
            self.tables.append(self.open_table)
        if tag == "caption" and self.open_table is not None:
            self.open_table["named"] = True
        if tag == "th" and self.open_table is not None and not attributes.get("scope"):
            self.open_table["th_scope"] = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1
        if tag == "fieldset" and self.open_fieldsets:
            self.open_fieldsets.pop()


def parse(response: Any) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    return page


def assert_accessible(response: Any) -> _Page:
    """One h1, headings in order, a label for every field, radio buttons and
    checkboxes in a fieldset with a legend, named tables with scoped headers,
    no inline style or script."""
    page = parse(response)
    assert page.headings.count(1) == 1, page.headings
    for before, after in itertools.pairwise(page.headings):
        assert after <= before + 1, f"heading h{after} after h{before}: {page.headings}"
    assert page.problems == []
    unlabelled = [
        ident
        for ident, wrapped, _kind in page.fields
        if not wrapped and ident not in page.label_for
    ]
    assert unlabelled == []
    assert all(fieldset["legend"] for fieldset in page.fieldsets)
    assert all(table["named"] and table["th_scope"] for table in page.tables), page.tables
    return page


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def persona_client(request: Any, as_user: Any, persona: str) -> Any:
    return as_user(None if persona == "anonymous" else request.getfixturevalue(persona))
