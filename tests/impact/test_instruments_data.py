"""The shipped item bank and default instruments (impact/data/instruments.json):
its content follows the domain file, it is complete in English and French,
the codes match mobinnov.impact.codes, the checks refuse broken data, and the
data migration loads it (again after a flush)."""

from __future__ import annotations

import copy
import importlib
from typing import Any

import pytest
from django.apps import apps

from mobinnov.impact import codes, services
from mobinnov.impact import instruments as loader
from mobinnov.impact.models import Answer, Instrument, Invitation, Item, Question, Section, Wave
from tests.mobility import factories as f

MIGRATION = "mobinnov.impact.migrations.0002_instruments"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return loader.read_data()


def items_by_code(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["code"]: row for row in data["items"]}


def instrument(data: dict[str, Any], wave: str) -> dict[str, Any]:
    return next(row for row in data["instruments"] if row["wave"] == wave and row["is_current"])


def asked(data: dict[str, Any], wave: str) -> list[str]:
    return [
        question["item"]
        for section in instrument(data, wave)["sections"]
        for question in section["questions"]
    ]


# --- the file ------------------------------------------------------------------------


def test_the_shipped_file_passes_the_checks(data: dict[str, Any]) -> None:
    loader.validate(data)
    provenance = data["provenance"]["source"]
    assert "impact-evaluation.md" in provenance
    assert "impact-and-factsheet-research.md part A" in provenance
    assert "Kirkpatrick" in provenance and "quality standards" in provenance


def test_item_codes_are_exactly_the_constants(data: dict[str, Any]) -> None:
    file_codes = [row["code"] for row in data["items"]]
    assert len(file_codes) == len(set(file_codes))
    assert sorted(file_codes) == sorted(codes.ALL_ITEMS)
    assert len(codes.ALL_ITEMS) == len(set(codes.ALL_ITEMS))


def test_constructs_kinds_and_values_match_the_constants(data: dict[str, Any]) -> None:
    items = items_by_code(data)

    def check(code: str, construct: str, kind: str, level: int) -> dict[str, Any]:
        row = items[code]
        assert (row["construct"], row["kind"], row["level"]) == (construct, kind, level), code
        return row

    competence = check(codes.COMPETENCE, codes.CONSTRUCT_COMPETENCE, "competence", 2)
    assert competence["asks_then"] is True
    assert competence["text"] == "How would you rate your level in this competence today?"
    assert competence["anchors"][0] == "Beginner" and competence["anchors"][4] == "Expert"
    assert codes.COMPETENCE_ITEM == codes.COMPETENCE == "competence-level"
    check(codes.EXPECTATIONS, codes.CONSTRUCT_EXPECTATIONS, "text", 2)
    check(codes.LEARNING_GOALS, codes.CONSTRUCT_LEARNING_GOALS, "text", 2)
    for code in codes.REACTION_ITEMS:
        assert code.startswith("t1-")
        check(code, codes.CONSTRUCT_REACTION, "likert", 1)
    # Only the five reaction items carry the reaction construct (the dashboards
    # may select by construct as well as by these codes).
    assert {c for c, row in items.items() if row["construct"] == "reaction"} == set(
        codes.REACTION_ITEMS
    )
    check(codes.TEACHING_ASSIGNMENT, codes.CONSTRUCT_TEACHING_ASSIGNMENT, "likert", 1)
    check(codes.CONFIDENCE, codes.CONSTRUCT_CONFIDENCE, "likert", 2)
    check(codes.COMMITMENT, codes.CONSTRUCT_COMMITMENT, "likert", 2)
    check(codes.ACTION_PLAN, codes.CONSTRUCT_ACTION_PLAN, "text", 2)
    use = check(codes.USE_FREQUENCY, codes.CONSTRUCT_APPLICATION, "choice", 3)
    assert tuple(c["value"] for c in use["choices"]) == codes.USE_FREQUENCY_VALUES
    assert [c["label"] for c in use["choices"]] == ["Never", "Once", "2 to 5 times", "Regularly"]
    check(codes.CONCRETE_CHANGE, codes.CONSTRUCT_APPLICATION, "text", 3)
    check(codes.EVIDENCE, codes.CONSTRUCT_APPLICATION, "evidence", 3)
    channels = check(codes.DISSEMINATION_CHANNELS, codes.CONSTRUCT_DISSEMINATION, "multi_choice", 3)
    assert tuple(c["value"] for c in channels["choices"]) == codes.CHANNEL_VALUES
    assert codes.DISSEMINATION == codes.DISSEMINATION_CHANNELS
    check(codes.COLLEAGUES_REACHED, codes.CONSTRUCT_DISSEMINATION, "number", 3)
    assert len(codes.TRANSFER_CLIMATE_ITEMS) == 4
    for code in codes.TRANSFER_CLIMATE_ITEMS:
        check(code, codes.CONSTRUCT_TRANSFER_CLIMATE, "likert", 3)
    assert set(codes.REVERSED_ITEMS) <= set(codes.TRANSFER_CLIMATE_ITEMS)
    adoption = check(codes.ADOPTION_SCOPE, codes.CONSTRUCT_ADOPTION, "choice", 4)
    assert tuple(c["value"] for c in adoption["choices"]) == codes.ADOPTION_VALUES
    assert codes.ADOPTION == codes.ADOPTION_SCOPE
    curriculum = check(codes.CURRICULUM_CHANGE, codes.CONSTRUCT_CURRICULUM, "choice", 4)
    assert tuple(c["value"] for c in curriculum["choices"]) == codes.CURRICULUM_CHANGE_VALUES
    check(codes.CURRICULUM_CHANGE_DETAILS, codes.CONSTRUCT_CURRICULUM, "text", 4)
    partnerships = check(codes.PARTNERSHIPS, codes.CONSTRUCT_PARTNERSHIP, "choice", 4)
    assert tuple(c["value"] for c in partnerships["choices"]) == codes.PARTNERSHIP_VALUES
    msc = check(codes.MSC, codes.CONSTRUCT_MSC, "text", 4)
    assert msc["text"].startswith("Looking back, what was the most significant change")
    assert msc["text"].endswith("Why is it significant?")
    for code in codes.HOST_ITEMS:
        check(code, codes.CONSTRUCT_HOST, "likert", 1)
    check(codes.HOST_LEARNED, codes.CONSTRUCT_HOST, "text", 1)


def test_adoption_values_are_the_implementation_scopes() -> None:
    from mobinnov.impact.models import ImplementationRecord

    assert set(codes.ADOPTION_VALUES) - {"none"} == set(ImplementationRecord.Scope.values)


def test_english_and_french_are_complete_and_really_translated(data: dict[str, Any]) -> None:
    for row in data["items"]:
        fr = row["translations"]["fr"]
        assert fr["text"].strip() and fr["text"] != row["text"], row["code"]
        if row.get("help_text"):
            assert fr["help_text"].strip() and fr["help_text"] != row["help_text"], row["code"]
        if row["kind"] in ("likert", "competence"):
            assert len(row["anchors"]) == len(fr["anchors"]) == 5, row["code"]
            assert fr["anchors"] != row["anchors"], row["code"]
        if row["kind"] in ("choice", "multi_choice"):
            assert set(fr["choices"]) == {c["value"] for c in row["choices"]}, row["code"]
        assert row["source"].strip(), row["code"]
    likert = items_by_code(data)[codes.RELEVANCE]
    assert likert["anchors"] == [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ]
    assert likert["translations"]["fr"]["anchors"][4] == "Tout à fait d'accord"
    for row in data["instruments"]:
        fr = row["translations"]["fr"]
        assert fr["title"] != row["title"] and fr["introduction"] != row["introduction"]
        for section in row["sections"]:
            assert section["translations"]["fr"]["title"] != section["title"]


def test_waves_follow_the_domain_file(data: dict[str, Any]) -> None:
    assert {row["wave"] for row in data["instruments"]} == set(Wave.values)
    assert all(row["version"] == 1 and row["is_current"] for row in data["instruments"])
    assert asked(data, "T0") == [codes.COMPETENCE, codes.EXPECTATIONS, codes.LEARNING_GOALS]
    assert asked(data, "T1") == [
        *codes.REACTION_ITEMS,
        codes.TEACHING_ASSIGNMENT,
        codes.COMPETENCE,
        codes.CONFIDENCE,
        codes.COMMITMENT,
        codes.ACTION_PLAN,
    ]
    assert asked(data, "T2") == [
        codes.USE_FREQUENCY,
        codes.CONCRETE_CHANGE,
        codes.EVIDENCE,
        codes.DISSEMINATION_CHANNELS,
        codes.COLLEAGUES_REACHED,
        *codes.TRANSFER_CLIMATE_ITEMS,
    ]
    assert asked(data, "T3") == [
        codes.ADOPTION_SCOPE,
        codes.CURRICULUM_CHANGE,
        codes.CURRICULUM_CHANGE_DETAILS,
        codes.PARTNERSHIPS,
        codes.MSC,
    ]
    assert asked(data, "HOST") == [*codes.HOST_ITEMS, codes.HOST_LEARNED]
    conditions = {
        question["item"]: question.get("condition")
        for row in data["instruments"]
        for section in row["sections"]
        for question in section["questions"]
        if question.get("condition")
    }
    assert conditions == {codes.TEACHING_ASSIGNMENT: {"activity_types": ["SM-TTA"]}}


# --- the checks ----------------------------------------------------------------------


def _break(data: dict[str, Any], change: Any) -> dict[str, Any]:
    broken = copy.deepcopy(data)
    change(broken)
    return broken


def _item(data: dict[str, Any], code: str) -> dict[str, Any]:
    return next(row for row in data["items"] if row["code"] == code)


def _question(data: dict[str, Any], wave: str, index: int = 0) -> dict[str, Any]:
    return instrument(data, wave)["sections"][0]["questions"][index]


BROKEN = {
    "duplicate code": (
        lambda d: _item(d, codes.ENGAGEMENT).update(code=codes.RELEVANCE),
        r"items\[4\] 't1-relevance': code 't1-relevance' is used twice",
    ),
    "four anchors": (
        lambda d: _item(d, codes.RELEVANCE)["anchors"].pop(),
        r"'t1-relevance': a likert item needs 5 anchors",
    ),
    "no French text": (
        lambda d: _item(d, codes.MSC)["translations"]["fr"].pop("text"),
        r"'t3-msc', translations.fr.text: missing",
    ),
    "no French help": (
        lambda d: _item(d, codes.MSC)["translations"]["fr"].pop("help_text"),
        r"'t3-msc', translations.fr.help_text: missing",
    ),
    "no French at all": (
        lambda d: _item(d, codes.MSC).pop("translations"),
        r"'t3-msc', translations.fr: the translation is missing",
    ),
    "four French anchors": (
        lambda d: _item(d, codes.COMPETENCE)["translations"]["fr"]["anchors"].pop(),
        r"'competence-level', translations.fr.anchors: 5 anchors needed",
    ),
    "French choice missing": (
        lambda d: _item(d, codes.USE_FREQUENCY)["translations"]["fr"]["choices"].pop("once"),
        r"'t2-use-frequency', translations.fr.choices",
    ),
    "unknown kind": (
        lambda d: _item(d, codes.MSC).update(kind="essay"),
        r"'t3-msc': unknown kind 'essay'",
    ),
    "level 5": (
        lambda d: _item(d, codes.MSC).update(level=5),
        r"'t3-msc': level 5 must be one of",
    ),
    "then on a likert item": (
        lambda d: _item(d, codes.RELEVANCE).update(asks_then=True),
        r"'t1-relevance': only a competence item asks the 'then' rating",
    ),
    "one choice": (
        lambda d: _item(d, codes.CURRICULUM_CHANGE)["choices"].pop(),
        r"'t3-curriculum-change': a choice item needs at least two choices",
    ),
    "unknown item in a question": (
        lambda d: _question(d, "T2").update(item="t2-nothing"),
        r"instruments\[2\] T2 v1, sections\[0\], questions\[0\]: unknown item 't2-nothing'",
    ),
    "unknown activity type": (
        lambda d: _question(d, "T1", 5).update(condition={"activity_types": ["SM-XYZ"]}),
        r"T1 v1, sections\[0\], questions\[5\]: unknown activity types \['SM-XYZ'\]",
    ),
    "a condition of another shape": (
        lambda d: _question(d, "T1", 5).update(condition={"countries": ["FR"]}),
        r"T1 v1, sections\[0\], questions\[5\]: a condition is",
    ),
    "an item asked twice": (
        lambda d: _question(d, "T1", 1).update(item=codes.RELEVANCE),
        r"T1 v1, sections\[0\], questions\[1\]: item 't1-relevance' is asked twice",
    ),
    "no French section title": (
        lambda d: instrument(d, "T3")["sections"][1]["translations"]["fr"].pop("title"),
        r"T3 v1, sections\[1\], translations.fr.title: missing",
    ),
    "no French instrument title": (
        lambda d: instrument(d, "HOST")["translations"].pop("fr"),
        r"HOST v1, translations.fr.title: missing",
    ),
    "two current versions": (
        lambda d: d["instruments"].append({**copy.deepcopy(instrument(d, "T0")), "version": 2}),
        r"T0 v2: a second current version of T0",
    ),
    "a wave without instrument": (
        lambda d: d["instruments"].pop(),
        r"no current instrument for the wave HOST",
    ),
    "no provenance": (
        lambda d: d.pop("provenance"),
        r"provenance.source: missing",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_data_is_refused_naming_the_place(data: dict[str, Any], case: str) -> None:
    change, message = BROKEN[case]
    with pytest.raises(ValueError, match=message):
        loader.validate(_break(data, change))


@pytest.mark.django_db
def test_broken_data_writes_nothing(data: dict[str, Any]) -> None:
    Instrument.objects.all().delete()
    Item.objects.all().delete()
    broken = _break(data, lambda d: _question(d, "HOST").update(item="nothing"))
    with pytest.raises(ValueError, match="unknown item 'nothing'"):
        loader.load_instruments(broken)
    assert not Item.objects.exists() and not Instrument.objects.exists()


# --- the data migration --------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_loaded_the_bank_and_one_current_instrument_per_wave(
    data: dict[str, Any],
) -> None:
    assert set(Item.objects.values_list("code", flat=True)) == set(codes.ALL_ITEMS)
    current = {i.wave: i for i in Instrument.objects.filter(is_current=True)}
    assert set(current) == set(Wave.values)
    for wave, row in current.items():
        assert row.version == 1
        assert (
            row.translated("title", "fr") == instrument(data, wave)["translations"]["fr"]["title"]
        )
        questions = Question.objects.filter(section__instrument=row).order_by(
            "section__position", "position"
        )
        assert [q.item.code for q in questions] == asked(data, wave)
    teaching = Question.objects.get(
        section__instrument=current["T1"], item__code=codes.TEACHING_ASSIGNMENT
    )
    assert teaching.condition == {"activity_types": ["SM-TTA"]} and not teaching.required
    relevance = Item.objects.get(code=codes.RELEVANCE)
    assert (
        relevance.translated("text", "fr") == "L'activité était pertinente pour mon travail actuel."
    )
    assert relevance.translated_anchors("fr")[0] == "Pas du tout d'accord"
    frequency = Item.objects.get(code=codes.USE_FREQUENCY)
    assert frequency.translated_choices("fr")[2] == ("2-5", "De 2 à 5 fois")


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_keeps_editors_changes() -> None:
    Item.objects.filter(code=codes.RELEVANCE).update(text="Edited by an editor.")
    counts = (Item.objects.count(), Instrument.objects.count(), Question.objects.count())
    report = loader.load_instruments(loader.read_data())
    assert (report.items_created, report.instruments_created) == (0, 0)
    assert (Item.objects.count(), Instrument.objects.count(), Question.objects.count()) == counts
    assert Item.objects.get(code=codes.RELEVANCE).text == "Edited by an editor."


@pytest.mark.django_db
def test_the_migration_load_works_again_after_a_flush_without_schema_editor() -> None:
    """tests/conftest.py calls ``load(apps, None)`` after the browser tests' flush."""
    migration = importlib.import_module(MIGRATION)
    Instrument.objects.all().delete()
    Item.objects.all().delete()
    migration.load(apps, None)
    assert Item.objects.count() == len(codes.ALL_ITEMS)
    assert Instrument.objects.filter(is_current=True).count() == 5
    assert Section.objects.count() == 2 + 3 + 3 + 2 + 2


@pytest.mark.django_db
def test_a_newer_current_version_stays_current_when_loading_again(editor: Any) -> None:
    t0 = Instrument.objects.get(wave="T0", is_current=True)
    newer = loader.new_version(t0, user=editor)
    t0.delete()
    loader.load_instruments(loader.read_data())
    assert Instrument.objects.get(wave="T0", is_current=True) == newer
    assert Instrument.objects.get(wave="T0", version=1).is_current is False


@pytest.mark.django_db
def test_unload_keeps_what_answers_refer_to(
    staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any
) -> None:
    migration = importlib.import_module(MIGRATION)
    mobility = f.mobility(staff_a, org_a, org_b, by=coordinator_a)
    t1 = Instrument.objects.get(wave="T1", is_current=True)
    invitation = Invitation.objects.create(
        mobility=mobility,
        wave="T1",
        instrument=t1,
        respondent=staff_a,
        email=staff_a.email,
        due_on=mobility.end_date,
        status=Invitation.Status.SUBMITTED,
    )
    Answer.objects.create(
        invitation=invitation, item=Item.objects.get(code=codes.RELEVANCE), number=4
    )
    migration.unload(apps, None)
    assert list(Instrument.objects.values_list("wave", flat=True)) == ["T1"]
    assert set(Item.objects.values_list("code", flat=True)) == set(
        Question.objects.filter(section__instrument=t1).values_list("item__code", flat=True)
    )


# --- the shipped instruments through the answering services ----------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("activity", "teaching_asked"), [("SM-TTA", True), ("SM-JOB-SHDW", False)])
def test_t1_asks_now_and_then_per_competence_and_the_teaching_item_only_after_teaching(
    staff_a: Any,
    org_a: Any,
    org_b: Any,
    coordinator_a: Any,
    activity: str,
    teaching_asked: bool,
) -> None:
    mobility = f.mobility(staff_a, org_a, org_b, by=coordinator_a, activity=activity)
    f.complete_agreement(mobility, coordinator_a)
    created = {}
    for wave in ("T0", "T1"):
        created[wave] = Invitation.objects.create(
            mobility=mobility,
            wave=wave,
            instrument=Instrument.objects.get(wave=wave, is_current=True),
            respondent=staff_a,
            email=staff_a.email,
            due_on=mobility.start_date,
        )
    t1 = [(s.question.item.code, s.competence, s.variant) for s in services.slots(created["T1"])]
    competence_slots = [row for row in t1 if row[0] == codes.COMPETENCE]
    assert competence_slots == [
        (codes.COMPETENCE, "Assessing practical work", "now"),
        (codes.COMPETENCE, "Assessing practical work", "then"),
        (codes.COMPETENCE, "Giving feedback", "now"),
        (codes.COMPETENCE, "Giving feedback", "then"),
    ]
    assert ((codes.TEACHING_ASSIGNMENT, "", "now") in t1) is teaching_asked
    t0 = [(s.question.item.code, s.variant) for s in services.slots(created["T0"])]
    assert t0 == [
        (codes.COMPETENCE, "now"),
        (codes.COMPETENCE, "now"),
        (codes.EXPECTATIONS, "now"),
        (codes.LEARNING_GOALS, "now"),
    ]
