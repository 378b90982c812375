"""The item bank and the instruments as data, and the editors' changes to them.

The default set ships in ``impact/data/instruments.json`` (provenance at its
top). :func:`load_instruments` validates it (:func:`validate`: unique codes,
five anchors on scales, French for every text, known items and activity
codes) and creates what is missing; the data migration impact/0002 calls it
with the migration's historical models.

Editors change items (:func:`create_item`, :func:`update_item`) and
instruments (:func:`save_instrument`). An item that has answers keeps its type,
its choice values and its "then" rating; its wording may change and the
change is recorded in the audit log. An instrument that has answers (Answer
rows or a submitted invitation) is never changed: saving makes a new version
(:func:`new_version`), current from then on, and the invitations not opened
yet move to it; the answers stay tied to the version answered."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps as django_apps
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils.translation import gettext as _

from mobinnov.core.concurrency import EditConflict, claim_version
from mobinnov.impact.models import (
    Answer,
    Instrument,
    Invitation,
    Item,
    Level,
    Question,
    Section,
    Wave,
)
from mobinnov.impact.services import EvaluationError

DATA_PATH = Path(__file__).resolve().parent / "data" / "instruments.json"

ANCHOR_COUNT = 5
SCALE_KINDS = frozenset({Item.Kind.LIKERT.value, Item.Kind.COMPETENCE.value})
CHOICE_KINDS = frozenset({Item.Kind.CHOICE.value, Item.Kind.MULTI_CHOICE.value})
# Languages every text of the bank must exist in, besides English.
TRANSLATION_LANGUAGES = ("fr",)

CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CONSTRUCT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
CHOICE_VALUE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

# Invitations that nobody has opened yet: they move to a new version.
NOT_OPENED = (Invitation.Status.SCHEDULED, Invitation.Status.SENT, Invitation.Status.BOUNCED)


def activity_codes() -> list[str]:
    """The activity types a condition may name (a mobility's activity type is
    always one of them)."""
    from mobinnov.mobility.models import ACTIVITY_FORMATS

    return [str(value.value) for value in ACTIVITY_FORMATS]


# --- the data file -------------------------------------------------------------------


def read_data(path: Path = DATA_PATH) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _item_problems(row: Any, place: str) -> list[str]:
    if not isinstance(row, dict):
        return [f"{place}: an item must be an object"]
    problems: list[str] = []
    kind = row.get("kind")
    if kind not in Item.Kind.values:
        problems.append(f"{place}: unknown kind {kind!r} (expected one of {Item.Kind.values})")
    construct = row.get("construct")
    if not isinstance(construct, str) or not CONSTRUCT_PATTERN.match(construct):
        problems.append(f"{place}: construct {construct!r} must be lowercase words joined by _")
    elif len(construct) > 60:
        problems.append(f"{place}: construct is longer than 60 characters")
    if row.get("level") not in Level.values:
        problems.append(f"{place}: level {row.get('level')!r} must be one of {Level.values}")
    if not _text(row.get("text")):
        problems.append(f"{place}: text is missing")
    if not isinstance(row.get("help_text", ""), str):
        problems.append(f"{place}: help_text must be text")
    if len(str(row.get("source", ""))) > 300:
        problems.append(f"{place}: source is longer than 300 characters")
    anchors = row.get("anchors", [])
    if kind in SCALE_KINDS:
        if (
            not isinstance(anchors, list)
            or len(anchors) != ANCHOR_COUNT
            or not all(_text(a) for a in anchors)
        ):
            problems.append(f"{place}: a {kind} item needs {ANCHOR_COUNT} anchors, lowest first")
    elif anchors:
        problems.append(f"{place}: only likert and competence items have anchors")
    choices = row.get("choices", [])
    values: list[str] = []
    if kind in CHOICE_KINDS:
        if not isinstance(choices, list) or len(choices) < 2:
            problems.append(f"{place}: a {kind} item needs at least two choices")
        else:
            for index, choice in enumerate(choices):
                value = choice.get("value") if isinstance(choice, dict) else None
                if not isinstance(value, str) or not CHOICE_VALUE_PATTERN.match(value):
                    problems.append(f"{place}, choices[{index}]: value {value!r} is not a slug")
                elif not _text(choice.get("label")):
                    problems.append(f"{place}, choices[{index}]: label is missing")
                else:
                    values.append(value)
            if len(set(values)) != len(values):
                problems.append(f"{place}: choice values are not unique")
    elif choices:
        problems.append(f"{place}: only choice and multi_choice items have choices")
    if row.get("asks_then", False) not in (True, False):
        problems.append(f"{place}: asks_then must be true or false")
    elif row.get("asks_then") and kind != Item.Kind.COMPETENCE:
        problems.append(f"{place}: only a competence item asks the 'then' rating")
    translations = row.get("translations")
    for language in TRANSLATION_LANGUAGES:
        where = f"{place}, translations.{language}"
        entry = translations.get(language) if isinstance(translations, dict) else None
        if not isinstance(entry, dict):
            problems.append(f"{where}: the translation is missing")
            continue
        if not _text(entry.get("text")):
            problems.append(f"{where}.text: missing")
        if _text(row.get("help_text")) and not _text(entry.get("help_text")):
            problems.append(f"{where}.help_text: missing")
        if kind in SCALE_KINDS:
            translated = entry.get("anchors")
            if (
                not isinstance(translated, list)
                or len(translated) != ANCHOR_COUNT
                or not all(_text(a) for a in translated)
            ):
                problems.append(f"{where}.anchors: {ANCHOR_COUNT} anchors needed")
        if kind in CHOICE_KINDS:
            labels = entry.get("choices")
            if not isinstance(labels, dict) or set(labels) != set(values):
                problems.append(f"{where}.choices: one label per choice value {sorted(values)}")
            elif not all(_text(label) for label in labels.values()):
                problems.append(f"{where}.choices: a label is empty")
    return problems


def _condition_problems(condition: Any, place: str, known: set[str]) -> list[str]:
    if condition in (None, {}):
        return []
    if not isinstance(condition, dict) or set(condition) != {"activity_types"}:
        return [f'{place}: a condition is {{"activity_types": [...]}}']
    wanted = condition["activity_types"]
    if not isinstance(wanted, list) or not wanted:
        return [f"{place}: activity_types must be a non-empty list"]
    unknown = [code for code in wanted if code not in known]
    if unknown:
        return [f"{place}: unknown activity types {unknown} (known: {sorted(known)})"]
    return []


def _instrument_problems(
    row: Any, place: str, codes: set[str], known_activities: set[str]
) -> list[str]:
    if not isinstance(row, dict):
        return [f"{place}: an instrument must be an object"]
    problems: list[str] = []
    if row.get("wave") not in Wave.values:
        problems.append(f"{place}: unknown wave {row.get('wave')!r}")
    version = row.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(f"{place}: version must be a positive whole number")
    if row.get("is_current", False) not in (True, False):
        problems.append(f"{place}: is_current must be true or false")
    title = row.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 200:
        problems.append(f"{place}: title is missing or longer than 200 characters")
    translations = row.get("translations")
    for language in TRANSLATION_LANGUAGES:
        entry = translations.get(language) if isinstance(translations, dict) else None
        if not isinstance(entry, dict) or not _text(entry.get("title")):
            problems.append(f"{place}, translations.{language}.title: missing")
        elif _text(row.get("introduction")) and not _text(entry.get("introduction")):
            problems.append(f"{place}, translations.{language}.introduction: missing")
    sections = row.get("sections")
    if not isinstance(sections, list) or not sections:
        return [*problems, f"{place}: an instrument needs at least one section"]
    seen: set[str] = set()
    for s_index, section in enumerate(sections):
        where = f"{place}, sections[{s_index}]"
        if not isinstance(section, dict):
            problems.append(f"{where}: a section must be an object")
            continue
        if not _text(section.get("title")) or len(section["title"]) > 200:
            problems.append(f"{where}: title is missing or longer than 200 characters")
        s_translations = section.get("translations")
        for language in TRANSLATION_LANGUAGES:
            entry = s_translations.get(language) if isinstance(s_translations, dict) else None
            if not isinstance(entry, dict) or not _text(entry.get("title")):
                problems.append(f"{where}, translations.{language}.title: missing")
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            problems.append(f"{where}: a section needs at least one question")
            continue
        for q_index, question in enumerate(questions):
            q_place = f"{where}, questions[{q_index}]"
            code = question.get("item") if isinstance(question, dict) else None
            if code not in codes:
                problems.append(f"{q_place}: unknown item {code!r}")
                continue
            if code in seen:
                problems.append(f"{q_place}: item {code!r} is asked twice in this instrument")
            seen.add(code)
            if question.get("required", False) not in (True, False):
                problems.append(f"{q_place}: required must be true or false")
            problems.extend(
                _condition_problems(question.get("condition"), q_place, known_activities)
            )
    return problems


def validate(data: Any) -> None:
    """Raise ValueError naming every place where ``data`` is wrong."""
    if not isinstance(data, dict):
        raise ValueError("instruments data: expected an object")
    problems: list[str] = []
    provenance = data.get("provenance")
    if not isinstance(provenance, dict) or not _text(provenance.get("source")):
        problems.append("provenance.source: missing")
    items = data.get("items")
    instruments = data.get("instruments")
    if not isinstance(items, list) or not items:
        raise ValueError("items: expected a non-empty list")
    if not isinstance(instruments, list) or not instruments:
        raise ValueError("instruments: expected a non-empty list")
    codes: set[str] = set()
    for index, row in enumerate(items):
        code = row.get("code") if isinstance(row, dict) else None
        place = f"items[{index}] {code!r}"
        if not isinstance(code, str) or not CODE_PATTERN.match(code) or len(code) > 60:
            problems.append(f"{place}: code must be a lowercase slug of at most 60 characters")
        elif code in codes:
            problems.append(f"{place}: code {code!r} is used twice")
        else:
            codes.add(code)
        problems.extend(_item_problems(row, place))
    known = set(activity_codes())
    versions: set[tuple[Any, Any]] = set()
    current: set[Any] = set()
    for index, row in enumerate(instruments):
        wave, version = (row.get("wave"), row.get("version")) if isinstance(row, dict) else ("", 0)
        place = f"instruments[{index}] {wave} v{version}"
        problems.extend(_instrument_problems(row, place, codes, known))
        if (wave, version) in versions:
            problems.append(f"{place}: this wave and version appear twice")
        versions.add((wave, version))
        if isinstance(row, dict) and row.get("is_current"):
            if wave in current:
                problems.append(f"{place}: a second current version of {wave}")
            current.add(wave)
    for wave in Wave.values:
        if wave not in current:
            problems.append(f"instruments: no current instrument for the wave {wave}")
    if problems:
        raise ValueError("; ".join(problems))


@dataclass
class LoadReport:
    items_created: int = 0
    instruments_created: int = 0


def load_instruments(data: dict[str, Any], *, apps: Any = None) -> LoadReport:
    """Validate ``data``, then create the items and instruments that do not
    exist yet (by code, and by wave and version). Existing rows are left as
    editors made them. ``apps``: a migration's app registry (historical
    models); the project's registry by default."""
    validate(data)
    registry = apps or django_apps
    item_model = registry.get_model("impact", "Item")
    instrument_model = registry.get_model("impact", "Instrument")
    section_model = registry.get_model("impact", "Section")
    question_model = registry.get_model("impact", "Question")
    report = LoadReport()
    source = "impact/data/instruments.json: " + str(data["provenance"]["source"])
    with transaction.atomic():
        existing = set(item_model.objects.values_list("code", flat=True))
        new_items = [
            item_model(
                code=row["code"],
                construct=row["construct"],
                level=row["level"],
                kind=row["kind"],
                text=row["text"],
                help_text=row.get("help_text", ""),
                anchors=row.get("anchors", []),
                choices=row.get("choices", []),
                asks_then=bool(row.get("asks_then", False)),
                source=row.get("source", ""),
                translations=row.get("translations", {}),
            )
            for row in data["items"]
            if row["code"] not in existing
        ]
        item_model.objects.bulk_create(new_items)
        report.items_created = len(new_items)
        items = {item.code: item for item in item_model.objects.all()}
        for row in data["instruments"]:
            if instrument_model.objects.filter(wave=row["wave"], version=row["version"]).exists():
                continue
            has_current = instrument_model.objects.filter(
                wave=row["wave"], is_current=True
            ).exists()
            instrument = instrument_model.objects.create(
                wave=row["wave"],
                version=row["version"],
                title=row["title"],
                introduction=row.get("introduction", ""),
                translations=row.get("translations", {}),
                is_current=bool(row.get("is_current")) and not has_current,
                source=source[:300],
            )
            questions = []
            for position, section_row in enumerate(row["sections"]):
                section = section_model.objects.create(
                    instrument=instrument,
                    position=position,
                    title=section_row["title"],
                    translations=section_row.get("translations", {}),
                )
                for index, question in enumerate(section_row["questions"]):
                    questions.append(
                        question_model(
                            section=section,
                            item=items[question["item"]],
                            position=index,
                            required=bool(question.get("required", False)),
                            condition=question.get("condition") or {},
                        )
                    )
            question_model.objects.bulk_create(questions)
            report.instruments_created += 1
    return report


def unload_instruments(data: dict[str, Any], *, apps: Any = None) -> None:
    """Remove the shipped instruments and items that nothing refers to."""
    registry = apps or django_apps
    item_model = registry.get_model("impact", "Item")
    instrument_model = registry.get_model("impact", "Instrument")
    question_model = registry.get_model("impact", "Question")
    answer_model = registry.get_model("impact", "Answer")
    invitation_model = registry.get_model("impact", "Invitation")
    shipped = Q()
    for row in data["instruments"]:
        shipped |= Q(wave=row["wave"], version=row["version"])
    used = invitation_model.objects.filter(instrument=OuterRef("pk"))
    instrument_model.objects.filter(shipped).exclude(Exists(used)).delete()
    codes = [row["code"] for row in data["items"]]
    item_model.objects.filter(code__in=codes).exclude(
        Exists(question_model.objects.filter(item=OuterRef("pk")))
    ).exclude(Exists(answer_model.objects.filter(item=OuterRef("pk")))).delete()


# --- audit ---------------------------------------------------------------------------


def _audit_value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _audit(
    instance: Any, action: int, changes: dict[str, tuple[Any, Any]], actor: Any, *, force: bool
) -> None:
    """Record ``changes`` in the audit log. Models registered with auditlog
    log their own field changes, so those are only written when ``force``
    (a change of the structure, which lives in other rows)."""
    from auditlog.models import LogEntry
    from auditlog.registry import auditlog

    if not force and auditlog.contains(type(instance)):
        return
    LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=action,
        changes={
            key: [_audit_value(old), _audit_value(new)] for key, (old, new) in changes.items()
        },
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


# --- items ---------------------------------------------------------------------------

ITEM_FIELDS = (
    "construct",
    "level",
    "kind",
    "text",
    "help_text",
    "anchors",
    "choices",
    "asks_then",
    "source",
    "translations",
)


def item_has_answers(item: Item) -> bool:
    return Answer.objects.filter(item=item).exists()


def _choice_values(choices: Iterable[dict[str, Any]]) -> set[str]:
    return {str(row["value"]) for row in choices}


@transaction.atomic
def create_item(*, code: str, values: dict[str, Any], user: Any) -> Item:
    """Add an item to the bank. ``values``: the :data:`ITEM_FIELDS`."""
    if Item.objects.filter(code=code).exists():
        raise EvaluationError({"code": [_("Another item already uses this code.")]})
    item = Item(code=code, **{key: values[key] for key in ITEM_FIELDS})
    item.save()
    from auditlog.models import LogEntry

    _audit(
        item,
        LogEntry.Action.CREATE,
        {key: (None, values[key]) for key in ("kind", "text")},
        user,
        force=False,
    )
    return item


def update_item(item: Item, *, values: dict[str, Any], user: Any, expected_version: int) -> Item:
    """Save an editor's change. Raises EditConflict when someone saved the item
    after the form was opened, EvaluationError (per field) when an item with
    answers would change its type, its choice values or its "then" rating."""
    from auditlog.models import LogEntry

    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        claim_version(locked, expected_version)
        if item_has_answers(locked):
            errors: dict[str | None, list[str]] = {}
            if values["kind"] != locked.kind:
                errors["kind"] = [
                    _("People have answered this item: its question type cannot change.")
                ]
            elif locked.kind in CHOICE_KINDS and _choice_values(
                values["choices"]
            ) != _choice_values(locked.choices):
                errors["choices"] = [
                    _(
                        "People have answered this item: the choice values cannot change "
                        "(the labels can). Add a new item for other choices."
                    )
                ]
            if values["asks_then"] != locked.asks_then:
                errors["asks_then"] = [
                    _("People have answered this item: the 'then' rating cannot change.")
                ]
            if errors:
                raise EvaluationError(errors)
        changes = {
            key: (getattr(locked, key), values[key])
            for key in ITEM_FIELDS
            if getattr(locked, key) != values[key]
        }
        for key in ITEM_FIELDS:
            setattr(locked, key, values[key])
        locked.save()
        if changes:
            _audit(locked, LogEntry.Action.UPDATE, changes, user, force=False)
    item.version = locked.version
    return locked


# --- instruments ---------------------------------------------------------------------


@dataclass
class QuestionPlan:
    item: Item
    required: bool = False
    activity_types: list[str] = field(default_factory=list)
    pk: int | None = None

    @property
    def condition(self) -> dict[str, Any]:
        return {"activity_types": list(self.activity_types)} if self.activity_types else {}


@dataclass
class SectionPlan:
    title: str
    title_fr: str
    questions: list[QuestionPlan] = field(default_factory=list)
    pk: int | None = None


@dataclass
class InstrumentPlan:
    """What an instrument should be after an edit, sections and questions in order."""

    title: str
    title_fr: str
    introduction: str
    introduction_fr: str
    sections: list[SectionPlan] = field(default_factory=list)


def has_answers(instrument: Instrument) -> bool:
    """True when people answered this version: Answer rows (drafts included)
    or a submitted invitation."""
    return (
        Invitation.objects.filter(instrument=instrument)
        .filter(
            Q(status=Invitation.Status.SUBMITTED)
            | Exists(Answer.objects.filter(invitation=OuterRef("pk")))
        )
        .exists()
    )


def ordered_questions(instrument: Instrument) -> list[Question]:
    return list(
        Question.objects.filter(section__instrument=instrument)
        .select_related("item", "section")
        .order_by("section__position", "section_id", "position", "pk")
    )


def structure_stamp(instrument: Instrument) -> str:
    """A fingerprint of the instrument's texts, sections and questions: the edit
    form carries it, and a save from a form opened before another change is
    refused (EditConflict)."""
    sections = list(
        Section.objects.filter(instrument=instrument)
        .order_by("position", "pk")
        .values_list("pk", "position", "title", "translations")
    )
    questions = list(
        Question.objects.filter(section__instrument=instrument)
        .order_by("pk")
        .values_list("pk", "section_id", "item_id", "position", "required", "condition")
    )
    state = [
        instrument.pk,
        instrument.version,
        instrument.is_current,
        instrument.title,
        instrument.introduction,
        instrument.translations,
        sections,
        questions,
    ]
    return hashlib.sha256(
        json.dumps(state, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()[:32]


def plan_from(instrument: Instrument) -> InstrumentPlan:
    """The instrument as it is, as a plan (to copy it unchanged)."""
    fr = (instrument.translations or {}).get("fr", {})
    plan = InstrumentPlan(
        title=instrument.title,
        title_fr=str(fr.get("title", "")),
        introduction=instrument.introduction,
        introduction_fr=str(fr.get("introduction", "")),
    )
    by_section: dict[int, SectionPlan] = {}
    for section in instrument.sections.order_by("position", "pk"):
        by_section[section.pk] = SectionPlan(
            title=section.title,
            title_fr=str((section.translations or {}).get("fr", {}).get("title", "")),
            pk=section.pk,
        )
        plan.sections.append(by_section[section.pk])
    for question in ordered_questions(instrument):
        wanted = (question.condition or {}).get("activity_types") or []
        by_section[question.section_id].questions.append(
            QuestionPlan(question.item, question.required, list(wanted), question.pk)
        )
    return plan


def _plan_problems(plan: InstrumentPlan) -> list[str]:
    problems = []
    if not plan.title.strip() or not plan.title_fr.strip():
        problems.append(_("The instrument needs a title in English and in French."))
    if not plan.sections:
        problems.append(_("An instrument needs at least one section."))
    known = set(activity_codes())
    items: set[int] = set()
    for section in plan.sections:
        if not section.title.strip() or not section.title_fr.strip():
            problems.append(_("Every section needs a title in English and in French."))
        if not section.questions:
            problems.append(
                _("The section “%(title)s” has no question.") % {"title": section.title}
            )
        for question in section.questions:
            if question.item.pk in items:
                problems.append(
                    _("The item %(code)s is asked twice.") % {"code": question.item.code}
                )
            items.add(question.item.pk)
            if not set(question.activity_types) <= known:
                problems.append(_("Unknown activity type in a condition."))
    return problems


def _translations(old: dict[str, Any] | None, fr: dict[str, str]) -> dict[str, Any]:
    """``old`` with its French entry replaced by ``fr`` (other languages kept)."""
    result = {language: dict(values) for language, values in (old or {}).items()}
    entry = result.setdefault("fr", {})
    for key, value in fr.items():
        if value:
            entry[key] = value
        else:
            entry.pop(key, None)
    return result


def _build(instrument: Instrument, plan: InstrumentPlan, old_sections: dict[int, Section]) -> None:
    """Create the sections and questions of ``plan`` in a new instrument."""
    questions = []
    for position, section_plan in enumerate(plan.sections):
        previous = old_sections.get(section_plan.pk or 0)
        section = Section.objects.create(
            instrument=instrument,
            position=position,
            title=section_plan.title,
            translations=_translations(
                previous.translations if previous else None, {"title": section_plan.title_fr}
            ),
        )
        for index, question in enumerate(section_plan.questions):
            questions.append(
                Question(
                    section=section,
                    item=question.item,
                    position=index,
                    required=question.required,
                    condition=question.condition,
                )
            )
    Question.objects.bulk_create(questions)


def _summary(plan: InstrumentPlan) -> list[list[str]]:
    return [
        [section.title, *(question.item.code for question in section.questions)]
        for section in plan.sections
    ]


def new_version(
    instrument: Instrument, *, user: Any, plan: InstrumentPlan | None = None
) -> Instrument:
    """Make the next version of ``instrument``'s wave, a copy of it or ``plan``.
    The new version becomes current and the invitations of ``instrument`` not
    opened yet (scheduled, sent, bounced, without answers) move to it; the old
    version keeps its answers."""
    from auditlog.models import LogEntry

    with transaction.atomic():
        versions = list(
            Instrument.objects.select_for_update().filter(wave=instrument.wave).order_by("pk")
        )
        old = next(row for row in versions if row.pk == instrument.pk)
        plan = plan or plan_from(old)
        number = (
            Instrument.objects.filter(wave=old.wave).aggregate(last=Max("version"))["last"] or 0
        ) + 1
        Instrument.objects.filter(wave=old.wave, is_current=True).update(is_current=False)
        created = Instrument.objects.create(
            wave=old.wave,
            version=number,
            title=plan.title,
            introduction=plan.introduction,
            translations=_translations(
                old.translations, {"title": plan.title_fr, "introduction": plan.introduction_fr}
            ),
            is_current=True,
            created_by=user if getattr(user, "is_authenticated", False) else None,
            source=old.source,
        )
        _build(created, plan, {section.pk: section for section in old.sections.all()})
        moved = (
            Invitation.objects.filter(instrument=old, status__in=NOT_OPENED)
            .exclude(Exists(Answer.objects.filter(invitation=OuterRef("pk"))))
            .update(instrument=created)
        )
        _audit(
            created,
            LogEntry.Action.CREATE,
            {
                "version": (f"{old.wave} v{old.version}", f"{created.wave} v{created.version}"),
                "sections": (_summary(plan_from(old)), _summary(plan)),
                "invitations moved": ("", str(moved)),
            },
            user,
            force=True,
        )
    old.is_current = False
    return created


def _edit_in_place(instrument: Instrument, plan: InstrumentPlan, user: Any) -> None:
    from auditlog.models import LogEntry

    before = plan_from(instrument)
    sections = {section.pk: section for section in instrument.sections.all()}
    questions = {question.pk: question for question in ordered_questions(instrument)}
    wanted_sections = {s.pk for s in plan.sections if s.pk is not None}
    wanted_questions = {q.pk for s in plan.sections for q in s.questions if q.pk is not None}
    if not wanted_sections <= set(sections) or not wanted_questions <= set(questions):
        raise EvaluationError({None: [_("This form is out of date. Reload the page.")]})
    Question.objects.filter(pk__in=set(questions) - wanted_questions).delete()
    instrument.title = plan.title
    instrument.introduction = plan.introduction
    instrument.translations = _translations(
        instrument.translations, {"title": plan.title_fr, "introduction": plan.introduction_fr}
    )
    instrument.save(update_fields=["title", "introduction", "translations"])
    for position, section_plan in enumerate(plan.sections):
        if section_plan.pk is not None:
            section = sections[section_plan.pk]
            section.position = position
            section.title = section_plan.title
            section.translations = _translations(
                section.translations, {"title": section_plan.title_fr}
            )
            section.save(update_fields=["position", "title", "translations"])
        else:
            section = Section.objects.create(
                instrument=instrument,
                position=position,
                title=section_plan.title,
                translations=_translations(None, {"title": section_plan.title_fr}),
            )
        for index, question_plan in enumerate(section_plan.questions):
            if question_plan.pk is not None:
                question = questions[question_plan.pk]
                question.section = section
                question.item = question_plan.item
                question.position = index
                question.required = question_plan.required
                question.condition = question_plan.condition
                question.save(
                    update_fields=["section", "item", "position", "required", "condition"]
                )
            else:
                Question.objects.create(
                    section=section,
                    item=question_plan.item,
                    position=index,
                    required=question_plan.required,
                    condition=question_plan.condition,
                )
    Section.objects.filter(pk__in=set(sections) - wanted_sections).delete()
    _audit(
        instrument,
        LogEntry.Action.UPDATE,
        {"sections": (_summary(before), _summary(plan))},
        user,
        force=True,
    )


def save_instrument(
    instrument: Instrument, plan: InstrumentPlan, *, user: Any, expected_stamp: str
) -> tuple[Instrument, bool]:
    """Apply an editor's change. Only the current version may change. When
    people already answered it, a new version is made (returned with True);
    otherwise it is edited in place (returned with False). Raises EditConflict
    when the instrument changed since ``expected_stamp`` was read."""
    with transaction.atomic():
        locked = Instrument.objects.select_for_update().get(pk=instrument.pk)
        if not locked.is_current:
            raise EvaluationError(
                {None: [_("Only the current version of an instrument can be edited.")]}
            )
        if structure_stamp(locked) != expected_stamp:
            raise EditConflict()
        problems = _plan_problems(plan)
        if problems:
            raise EvaluationError({None: problems})
        if has_answers(locked):
            return new_version(locked, user=user, plan=plan), True
        _edit_in_place(locked, plan, user)
        return locked, False
