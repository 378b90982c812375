"""Editors' pages of the item bank and the instruments: who may open them,
what they show, items with answers keeping their meaning, and instruments
edited in place or as a new version with the answers tied to the old one."""

from __future__ import annotations

import html
import itertools
from html.parser import HTMLParser
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobinnov.impact import codes
from mobinnov.impact import instruments as services
from mobinnov.impact.forms_instruments import InstrumentEditor
from mobinnov.impact.models import Answer, Instrument, Invitation, Item, Question, Section
from tests.mobility import factories as f

PERSONAS = ["anonymous", "staff_a", "coordinator_a", "coordinator_b", "editor", "admin"]
EXPECTED = {
    "anonymous": 302,
    "staff_a": 403,
    "coordinator_a": 403,
    "coordinator_b": 403,
    "editor": 200,
    "admin": 200,
}


def client(request: Any, as_user: Any, persona: str) -> Any:
    return as_user(None if persona == "anonymous" else request.getfixturevalue(persona))


def current(wave: str) -> Instrument:
    return Instrument.objects.get(wave=wave, is_current=True)


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


# --- accessibility of the pages ------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.problems: list[str] = []
        self.label_for: set[str] = set()
        self.in_label = 0
        self.fields: list[tuple[str, bool]] = []
        self.fieldsets: list[list[bool]] = []
        self.table: dict[str, bool] | None = None
        self.tables: list[dict[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "style" in a:
            self.problems.append(f"{tag}[style]")
        if tag == "script":
            self.problems.append("script")
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        if tag == "fieldset":
            self.fieldsets.append([False])
        if tag == "legend" and self.fieldsets:
            self.fieldsets[-1][0] = True
        if tag in {"input", "select", "textarea"} and a.get("type") not in {
            "hidden",
            "submit",
            "button",
        }:
            self.fields.append((str(a.get("id") or ""), self.in_label > 0))
        if tag == "table":
            self.table = {"caption": bool(a.get("aria-label")), "scope": True}
            self.tables.append(self.table)
        if tag == "caption" and self.table is not None:
            self.table["caption"] = True
        if tag == "th" and self.table is not None and not a.get("scope"):
            self.table["scope"] = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1


def assert_accessible(response: Any) -> None:
    page = _Page()
    page.feed(response.content.decode())
    assert page.headings.count(1) == 1, page.headings
    for before, after in itertools.pairwise(page.headings):
        assert after <= before + 1, page.headings
    assert page.problems == []
    assert [i for i, wrapped in page.fields if not wrapped and i not in page.label_for] == []
    assert all(fieldset[0] for fieldset in page.fieldsets)
    assert all(t["caption"] and t["scope"] for t in page.tables), page.tables


# --- helpers to post the forms as a browser would ---------------------------------


def _value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(v) for v in value]
    return str(value)


def form_data(*forms: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for form in forms:
        for field in form:
            value = field.value()
            if field.widget_type == "checkbox":
                if value:
                    data[field.html_name] = "on"
                continue
            if field.widget_type == "checkboxselectmultiple":
                if value:
                    data[field.html_name] = [str(v) for v in value]
                continue
            data[field.html_name] = _value(value)
    return data


def editor_data(instrument: Instrument) -> dict[str, Any]:
    """What the edit page posts when nothing is changed."""
    editor = InstrumentEditor(instrument)
    data = form_data(
        editor.header,
        editor.sections.management_form,
        editor.questions.management_form,
        *editor.sections.forms,
        *editor.questions.forms,
    )
    return data


def question_index(data: dict[str, Any], code: str) -> int:
    pk = str(Item.objects.get(code=code).pk)
    for key, value in data.items():
        if key.startswith("question-") and key.endswith("-item") and value == pk:
            return int(key.split("-")[1])
    raise AssertionError(code)


def item_data(item: Item) -> dict[str, Any]:
    from mobinnov.impact.forms_instruments import ItemForm

    return form_data(ItemForm(item=item))


def invite(mobility: Any, instrument: Instrument, status: str, email: str) -> Invitation:
    return Invitation.objects.create(
        mobility=mobility,
        wave=instrument.wave,
        instrument=instrument,
        email=email,
        due_on=mobility.end_date,
        status=status,
    )


@pytest.fixture
def mobility(staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any) -> Any:
    return f.mobility(staff_a, org_a, org_b, by=coordinator_a)


# --- permissions ---------------------------------------------------------------------


def _urls() -> list[str]:
    t1 = current("T1")
    return [
        reverse("impact:item_list"),
        reverse("impact:item_create"),
        reverse("impact:item_edit", args=[codes.RELEVANCE]),
        reverse("impact:instrument_list"),
        reverse("impact:instrument_detail", args=[t1.pk]),
        reverse("impact:instrument_edit", args=[t1.pk]),
    ]


def test_urls_are_the_agreed_paths(db: None) -> None:
    t1 = current("T1")
    assert _urls() == [
        "/evaluation/items/",
        "/evaluation/items/new/",
        "/evaluation/items/t1-relevance/edit/",
        "/evaluation/instruments/",
        f"/evaluation/instruments/{t1.pk}/",
        f"/evaluation/instruments/{t1.pk}/edit/",
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_editors_and_admins_open_the_pages(
    db: None, request: Any, as_user: Any, persona: str
) -> None:
    browser = client(request, as_user, persona)
    for url in _urls():
        response = browser.get(url)
        assert response.status_code == EXPECTED[persona], (persona, url)
        if persona == "anonymous":
            assert response["Location"].startswith(reverse("accounts:login"))
        if response.status_code == 200:
            assert_accessible(response)


@pytest.mark.parametrize("persona", ["anonymous", "staff_a", "coordinator_a", "coordinator_b"])
def test_others_cannot_change_anything(db: None, request: Any, as_user: Any, persona: str) -> None:
    browser = client(request, as_user, persona)
    item = Item.objects.get(code=codes.RELEVANCE)
    t1 = current("T1")
    data = {**item_data(item), "text": "Hacked."}
    assert browser.post(reverse("impact:item_edit", args=[item.code]), data).status_code in (
        302,
        403,
    )
    new = {**item_data(item), "code": "hacked", "text": "Hacked."}
    assert browser.post(reverse("impact:item_create"), new).status_code in (302, 403)
    structure = {**editor_data(t1), "title": "Hacked"}
    assert browser.post(reverse("impact:instrument_edit", args=[t1.pk]), structure).status_code in (
        302,
        403,
    )
    assert Item.objects.get(pk=item.pk).text == item.text
    assert not Item.objects.filter(code="hacked").exists()
    assert Instrument.objects.get(pk=t1.pk).title == t1.title


# --- the item bank -------------------------------------------------------------------


def test_the_item_bank_lists_and_filters(as_user: Any, editor: Any) -> None:
    browser = as_user(editor)
    page = text(browser.get(reverse("impact:item_list")))
    assert "30 items." in page and "Page 1 of 2" in page
    assert codes.COMPETENCE in page
    filtered = text(browser.get(reverse("impact:item_list"), {"level": 4, "kind": "choice"}))
    assert "3 items." in filtered
    for code in (codes.ADOPTION_SCOPE, codes.CURRICULUM_CHANGE, codes.PARTNERSHIPS):
        assert code in filtered
    assert codes.MSC not in filtered
    bad = browser.get(reverse("impact:item_list"), {"level": "9"})
    assert bad.status_code == 200 and "30 items." in text(bad)


def _evidence_items(count: int, start: int = 0) -> None:
    for number in range(start, start + count):
        Item.objects.create(
            code=f"extra-evidence-{number}",
            construct="application",
            level=3,
            kind="evidence",
            text=f"Show evidence {number}",
            translations={"fr": {"text": f"Preuve {number}"}},
        )


def test_the_item_bank_queries_do_not_grow_with_rows(
    as_user: Any, editor: Any, django_assert_max_num_queries: Any
) -> None:
    browser = as_user(editor)
    url = reverse("impact:item_list")
    _evidence_items(1)  # with the shipped t2-evidence: 2 rows
    with CaptureQueriesContext(connection) as two:
        assert "2 items." in text(browser.get(url, {"kind": "evidence"}))
    _evidence_items(8, start=1)  # 10 rows
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert "10 items." in text(browser.get(url, {"kind": "evidence"}))


def _item_form(**changes: Any) -> dict[str, Any]:
    data = {
        "code": "t1-most-useful",
        "text": "The programme matched the goals agreed before departure.",
        "help_text": "",
        "construct": "reaction",
        "level": "1",
        "kind": "likert",
        "source": "research A2.6 item R2",
        "choices": "",
        "text_fr": "Le programme correspondait aux objectifs convenus avant le départ.",
        "help_text_fr": "",
        "choices_fr": "",
    }
    english = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"]
    french = ["Pas du tout", "Plutôt pas", "Ni l'un ni l'autre", "Plutôt", "Tout à fait"]
    for number in range(1, 6):
        data[f"anchor_{number}"] = english[number - 1]
        data[f"anchor_fr_{number}"] = french[number - 1]
    data.update(changes)
    return data


def test_an_editor_adds_an_item(as_user: Any, editor: Any) -> None:
    response = as_user(editor).post(reverse("impact:item_create"), _item_form())
    assert response.status_code == 302
    item = Item.objects.get(code="t1-most-useful")
    assert item.kind == "likert" and item.level == 1 and item.construct == "reaction"
    assert item.anchors[4] == "Strongly agree"
    assert item.translated("text", "fr").startswith("Le programme")
    assert item.translated_anchors("fr")[2] == "Ni l'un ni l'autre"
    assert item.asks_then is False


def test_a_choice_item_with_french_labels(as_user: Any, editor: Any) -> None:
    data = _item_form(
        code="t3-new-course",
        kind="choice",
        level="4",
        construct="curriculum",
        text="Did your organisation open a new course?",
        text_fr="Votre organisme a-t-il ouvert une nouvelle formation ?",
        choices="yes | Yes\nno | No\nplanned | Planned",
        choices_fr="planned | Prévu\nyes | Oui\nno | Non",
    )
    assert as_user(editor).post(reverse("impact:item_create"), data).status_code == 302
    item = Item.objects.get(code="t3-new-course")
    assert item.choices == [
        {"value": "yes", "label": "Yes"},
        {"value": "no", "label": "No"},
        {"value": "planned", "label": "Planned"},
    ]
    assert item.anchors == []  # anchors are for scales only
    assert item.translated_choices("fr") == [("yes", "Oui"), ("no", "Non"), ("planned", "Prévu")]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"anchor_3": ""}, "anchor_3", "Every anchor is needed"),
        ({"anchor_fr_5": ""}, "anchor_fr_5", "Every anchor is needed"),
        ({"text_fr": ""}, "text_fr", "This field is required"),
        ({"help_text": "Think of last week."}, "help_text_fr", "Translate the help"),
        ({"code": "T1 Bad"}, "code", "lowercase letters"),
        ({"code": codes.RELEVANCE}, "code", "Another item already uses this code"),
        ({"construct": "Reaction!"}, "construct", "lowercase words"),
        ({"asks_then": "on"}, "asks_then", "Only competence ratings"),
        ({"kind": "choice", "choices": "yes | Yes"}, "choices", "at least two choices"),
        ({"kind": "choice", "choices": "yes Yes\nno | No"}, "choices", "Line 1"),
        ({"kind": "choice", "choices": "Yes! | Yes\nno | No"}, "choices", "must be short"),
        ({"kind": "choice", "choices": "no | No\nno | Nope"}, "choices", "used twice"),
        (
            {"kind": "choice", "choices": "yes | Yes\nno | No", "choices_fr": "yes | Oui"},
            "choices_fr",
            "French label for each",
        ),
    ],
)
def test_bad_items_are_refused_next_to_the_field(
    as_user: Any, editor: Any, changes: dict[str, Any], field: str, message: str
) -> None:
    before = Item.objects.count()
    response = as_user(editor).post(reverse("impact:item_create"), _item_form(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert "field--error" in response.content.decode()
    assert Item.objects.count() == before


def _answered(item: Item, mobility: Any) -> None:
    invitation = invite(mobility, current("T1"), Invitation.Status.SUBMITTED, "a@example.org")
    Answer.objects.create(invitation=invitation, item=item, number=4)


def test_an_item_with_answers_can_change_its_wording_and_the_change_is_audited(
    as_user: Any, editor: Any, mobility: Any
) -> None:
    item = Item.objects.get(code=codes.RELEVANCE)
    _answered(item, mobility)
    page = as_user(editor).get(reverse("impact:item_edit", args=[item.code]))
    assert "People have answered this item" in text(page)
    data = {
        **item_data(item),
        "text": "The activity was relevant to my job.",
        "anchor_3": "Neutral",
    }
    response = as_user(editor).post(reverse("impact:item_edit", args=[item.code]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text == "The activity was relevant to my job." and item.anchors[2] == "Neutral"
    assert item.version == 2
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Item), object_pk=str(item.pk)
    ).latest("timestamp")
    assert entry.actor == editor
    assert entry.changes_dict["text"] == [
        "The activity was relevant to my current job.",
        "The activity was relevant to my job.",
    ]


@pytest.mark.parametrize(
    ("code", "changes", "field"),
    [
        (codes.RELEVANCE, {"kind": "competence"}, "kind"),
        (
            codes.USE_FREQUENCY,
            {"choices": "never | Never\nonce | Once\nsometimes | Sometimes\nregularly | Regularly"},
            "choices",
        ),
        (codes.COMPETENCE, {"asks_then": ""}, "asks_then"),
    ],
)
def test_an_item_with_answers_keeps_its_type_choice_values_and_then_rating(
    as_user: Any, editor: Any, mobility: Any, code: str, changes: dict[str, Any], field: str
) -> None:
    item = Item.objects.get(code=code)
    _answered(item, mobility)
    data = {**item_data(item), **changes}
    if code == codes.USE_FREQUENCY:
        data["choices_fr"] = (
            "never | Jamais\nonce | Une fois\nsometimes | Parfois\nregularly | Régulièrement"
        )
    if not data.get("asks_then"):
        data.pop("asks_then", None)
    response = as_user(editor).post(reverse("impact:item_edit", args=[code]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and "People have answered this item" in " ".join(errors[field])
    fresh = Item.objects.get(pk=item.pk)
    assert (fresh.kind, fresh.choices, fresh.asks_then, fresh.version) == (
        item.kind,
        item.choices,
        item.asks_then,
        item.version,
    )


def test_choice_labels_of_an_answered_item_may_change(
    as_user: Any, editor: Any, mobility: Any
) -> None:
    item = Item.objects.get(code=codes.USE_FREQUENCY)
    _answered(item, mobility)
    data = {
        **item_data(item),
        "choices": "regularly | Regularly\nnever | Not at all\nonce | Once\n2-5 | Two to five times",
    }
    response = as_user(editor).post(reverse("impact:item_edit", args=[item.code]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.choices[1] == {"value": "never", "label": "Not at all"}


def test_an_item_without_answers_may_change_its_type(as_user: Any, editor: Any) -> None:
    item = Item.objects.get(code=codes.COLLEAGUES_REACHED)
    data = {
        **item_data(item),
        "kind": "choice",
        "choices": "none | None\nfew | 1 to 5\nmany | More than 5",
        "choices_fr": "none | Aucun\nfew | De 1 à 5\nmany | Plus de 5",
    }
    assert (
        as_user(editor).post(reverse("impact:item_edit", args=[item.code]), data).status_code == 302
    )
    item.refresh_from_db()
    assert item.kind == "choice" and len(item.choices) == 3


def test_a_stale_item_form_is_refused_with_409_and_keeps_the_input(
    as_user: Any, editor: Any
) -> None:
    item = Item.objects.get(code=codes.ENGAGEMENT)
    stale = {**item_data(item), "text": "Mine."}
    Item.objects.filter(pk=item.pk).update(text="Theirs.", version=item.version + 1)
    response = as_user(editor).post(reverse("impact:item_edit", args=[item.code]), stale)
    assert response.status_code == 409
    assert "Someone else saved this page" in text(response) and "Mine." in text(response)
    assert Item.objects.get(pk=item.pk).text == "Theirs."


def test_an_unknown_item_is_404(as_user: Any, editor: Any) -> None:
    assert as_user(editor).get(reverse("impact:item_edit", args=["nothing"])).status_code == 404


# --- instruments: list and detail ----------------------------------------------------


def _only_versions(count: int, user: Any) -> None:
    """Leave ``count`` instruments: T1 v1, then new versions of it."""
    Instrument.objects.exclude(wave="T1").delete()
    while Instrument.objects.count() < count:
        services.new_version(current("T1"), user=user)


def test_the_instrument_list_counts_answers_in_one_query_per_page(
    as_user: Any, editor: Any, mobility: Any, django_assert_max_num_queries: Any
) -> None:
    browser = as_user(editor)
    url = reverse("impact:instrument_list")
    _only_versions(2, editor)
    old = Instrument.objects.get(wave="T1", version=1)
    submitted = invite(mobility, old, Invitation.Status.SUBMITTED, "a@example.org")
    for code in codes.REACTION_ITEMS:
        Answer.objects.create(invitation=submitted, item=Item.objects.get(code=code), number=4)
    invite(mobility, old, Invitation.Status.DRAFT, "b@example.org")
    with CaptureQueriesContext(connection) as two:
        response = browser.get(url)
    assert response.status_code == 200
    rows = {row.version: row for row in response.context["page"].object_list}
    assert (rows[1].submitted_count, rows[1].answer_count) == (1, 5)
    assert (rows[2].submitted_count, rows[2].answer_count) == (0, 0)
    assert "current" in text(response) and "older version" in text(response)
    _only_versions(10, editor)
    with django_assert_max_num_queries(len(two.captured_queries)):
        response = browser.get(url)
    assert len(response.context["page"].object_list) == 10


def test_the_detail_shows_sections_questions_and_conditions_in_order(
    as_user: Any, editor: Any
) -> None:
    t1 = current("T1")
    page = text(as_user(editor).get(reverse("impact:instrument_detail", args=[t1.pk])))
    titles = ["1. Your view of the activity", "2. Your competences, now and before", "3. Putting"]
    positions = [page.index(title) for title in titles]
    assert positions == sorted(positions)
    order = [page.index(code) for code in (*codes.REACTION_ITEMS, codes.TEACHING_ASSIGNMENT)]
    assert order == sorted(order)
    assert "Only after: Teaching or training assignment" in page
    assert "Nobody has answered this version yet" in page


def test_an_older_version_cannot_be_edited(as_user: Any, editor: Any) -> None:
    old = current("T2")
    services.new_version(old, user=editor)
    browser = as_user(editor)
    response = browser.get(reverse("impact:instrument_edit", args=[old.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("impact:instrument_detail", args=[old.pk])
    detail = browser.get(response["Location"])
    assert "Only the current version" in text(detail)
    assert "Edit the questions" not in text(detail)


# --- instruments: editing --------------------------------------------------------------


def _codes(instrument: Instrument) -> list[list[str]]:
    return [
        [section.title, *(q.item.code for q in section.questions.order_by("position", "pk"))]
        for section in instrument.sections.order_by("position", "pk")
    ]


def test_without_answers_the_instrument_is_edited_in_place(as_user: Any, editor: Any) -> None:
    t1 = current("T1")
    question_pks = set(Question.objects.filter(section__instrument=t1).values_list("pk", flat=True))
    data = editor_data(t1)
    data["title"] = "Back home"
    data["section-2-title"] = "Applying it"
    data["section-2-title_fr"] = "L'appliquer"
    data["section-0-position"] = "2"
    data["section-1-position"] = "3"
    data["section-2-position"] = "1"  # the third section first
    recommend = question_index(data, codes.RECOMMEND)
    data[f"question-{recommend}-position"] = "1"  # first in its section
    del data[f"question-{recommend}-required"]  # an unticked box is not posted
    data[f"question-{question_index(data, codes.ACTION_PLAN)}-remove"] = "on"
    confidence = question_index(data, codes.CONFIDENCE)
    data[f"question-{confidence}-activity_types"] = ["SM-TTA", "SM-COUR-TRAIN"]
    new = len([k for k in data if k.startswith("question-") and k.endswith("-item")]) - 3
    data[f"question-{new}-section"] = "0"
    data[f"question-{new}-item"] = str(Item.objects.get(code=codes.HOST_LEARNED).pk)
    data[f"question-{new}-position"] = "9"
    data[f"question-{new}-required"] = "on"
    response = as_user(editor).post(reverse("impact:instrument_edit", args=[t1.pk]), data)
    assert response.status_code == 302, (
        response.context and response.context["editor"].header.errors
    )
    assert Instrument.objects.filter(wave="T1").count() == 1
    t1.refresh_from_db()
    assert t1.title == "Back home" and t1.version == 1 and t1.is_current
    assert _codes(t1) == [
        ["Applying it", codes.CONFIDENCE, codes.COMMITMENT],
        [
            "Your view of the activity",
            codes.RECOMMEND,
            codes.RELEVANCE,
            codes.ENGAGEMENT,
            codes.ORGANISATION,
            codes.HOST_SUPPORT,
            codes.TEACHING_ASSIGNMENT,
            codes.HOST_LEARNED,
        ],
        ["Your competences, now and before", codes.COMPETENCE],
    ]
    kept = Question.objects.filter(section__instrument=t1)
    assert not kept.get(item__code=codes.RECOMMEND).required
    assert kept.get(item__code=codes.HOST_LEARNED).required
    assert kept.get(item__code=codes.CONFIDENCE).condition == {
        "activity_types": ["SM-TTA", "SM-COUR-TRAIN"]
    }
    # Questions kept their rows (a page opened meanwhile keeps its field names).
    assert (
        set(kept.exclude(item__code=codes.HOST_LEARNED).values_list("pk", flat=True)) < question_pks
    )
    assert (
        Section.objects.get(instrument=t1, title="Applying it").translated("title", "fr")
        == "L'appliquer"
    )
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Instrument), object_pk=str(t1.pk)
    ).latest("timestamp")
    assert entry.actor == editor and "sections" in entry.changes_dict


def test_a_new_section_with_a_question(as_user: Any, editor: Any) -> None:
    host = current("HOST")
    data = editor_data(host)
    data["section-2-title"] = "Next time"
    data["section-2-title_fr"] = "La prochaine fois"
    data["question-4-section"] = "2"
    data["question-4-item"] = str(Item.objects.get(code=codes.EXPECTATIONS).pk)
    response = as_user(editor).post(reverse("impact:instrument_edit", args=[host.pk]), data)
    assert response.status_code == 302
    assert _codes(host)[-1] == ["Next time", codes.EXPECTATIONS]


def test_with_answers_saving_makes_a_new_version_and_answers_stay_with_the_old(
    as_user: Any, editor: Any, mobility: Any, staff_a: Any
) -> None:
    t1 = current("T1")
    before = _codes(t1)
    submitted = invite(mobility, t1, Invitation.Status.SUBMITTED, "submitted@example.org")
    relevance = Item.objects.get(code=codes.RELEVANCE)
    answer = Answer.objects.create(invitation=submitted, item=relevance, number=5)
    draft = invite(mobility, t1, Invitation.Status.DRAFT, "draft@example.org")
    Answer.objects.create(invitation=draft, item=relevance, number=3)
    opened = invite(mobility, t1, Invitation.Status.OPENED, "opened@example.org")
    scheduled = invite(mobility, t1, Invitation.Status.SCHEDULED, "scheduled@example.org")
    sent = invite(mobility, t1, Invitation.Status.SENT, "sent@example.org")
    browser = as_user(editor)
    page = text(browser.get(reverse("impact:instrument_edit", args=[t1.pk])))
    assert "People have answered version 1. Saving makes version 2" in page
    data = editor_data(t1)
    data[f"question-{question_index(data, codes.ENGAGEMENT)}-remove"] = "on"
    data["section-0-title"] = "About the visit"
    response = browser.post(reverse("impact:instrument_edit", args=[t1.pk]), data)
    assert response.status_code == 302
    new = current("T1")
    assert new.pk != t1.pk and new.version == 2 and new.created_by == editor
    assert response["Location"] == reverse("impact:instrument_detail", args=[new.pk])
    t1.refresh_from_db()
    assert not t1.is_current
    # The old version is untouched and keeps its answers.
    assert _codes(t1) == before
    answer.refresh_from_db()
    assert answer.invitation.instrument_id == t1.pk
    assert Invitation.objects.get(pk=draft.pk).instrument_id == t1.pk
    assert Invitation.objects.get(pk=opened.pk).instrument_id == t1.pk
    # Invitations not opened yet move to the new version.
    assert Invitation.objects.get(pk=scheduled.pk).instrument_id == new.pk
    assert Invitation.objects.get(pk=sent.pk).instrument_id == new.pk
    assert _codes(new)[0][0] == "About the visit"
    assert codes.ENGAGEMENT not in _codes(new)[0]
    assert new.translated("title", "fr") == t1.translated("title", "fr")
    assert Section.objects.filter(instrument=new).first().translated("title", "fr")
    follow = text(browser.get(response["Location"]))
    assert "People had already answered version 1" in follow


def test_a_submitted_invitation_without_answer_rows_also_freezes_the_version(
    as_user: Any, editor: Any, mobility: Any
) -> None:
    t3 = current("T3")
    invite(mobility, t3, Invitation.Status.SUBMITTED, "submitted@example.org")
    data = {**editor_data(t3), "title": "Nine months later"}
    assert (
        as_user(editor).post(reverse("impact:instrument_edit", args=[t3.pk]), data).status_code
        == 302
    )
    assert current("T3").version == 2 and current("T3").title == "Nine months later"
    assert Instrument.objects.get(pk=t3.pk).title != "Nine months later"


def test_a_stale_instrument_form_is_refused_with_409(as_user: Any, editor: Any) -> None:
    t0 = current("T0")
    stale = {**editor_data(t0), "title": "Mine"}
    Section.objects.filter(instrument=t0, position=1).update(title="Theirs")
    response = as_user(editor).post(reverse("impact:instrument_edit", args=[t0.pk]), stale)
    assert response.status_code == 409
    assert "Someone else saved this page" in text(response)
    assert Instrument.objects.get(pk=t0.pk).title != "Mine"
    # The next save, made knowingly, goes through.
    again = {**stale, "version": response.context["editor"].header.data["version"]}
    assert (
        as_user(editor).post(reverse("impact:instrument_edit", args=[t0.pk]), again).status_code
        == 302
    )
    assert Instrument.objects.get(pk=t0.pk).title == "Mine"


def _refused(as_user: Any, editor: Any, instrument: Instrument, data: dict[str, Any]) -> Any:
    before = (_codes(instrument), services.structure_stamp(instrument))
    response = as_user(editor).post(reverse("impact:instrument_edit", args=[instrument.pk]), data)
    assert response.status_code == 200
    assert "field--error" in response.content.decode() or "form-errors" in response.content.decode()
    assert (_codes(instrument), services.structure_stamp(instrument)) == before
    assert Instrument.objects.filter(wave=instrument.wave).count() == 1
    return response.context["editor"]


def test_an_item_asked_twice_is_refused_next_to_it(as_user: Any, editor: Any) -> None:
    t2 = current("T2")
    data = editor_data(t2)
    new = len([k for k in data if k.startswith("question-") and k.endswith("-item")]) - 3
    data[f"question-{new}-section"] = "1"
    data[f"question-{new}-item"] = str(Item.objects.get(code=codes.USE_FREQUENCY).pk)
    editor_ = _refused(as_user, editor, t2, data)
    assert "already asked" in " ".join(editor_.questions.forms[new].errors["item"])


def test_removing_a_section_that_still_holds_questions_is_refused(
    as_user: Any, editor: Any
) -> None:
    t0 = current("T0")
    data = {**editor_data(t0), "section-1-remove": "on"}
    editor_ = _refused(as_user, editor, t0, data)
    errors = [" ".join(form.errors.get("section", [])) for form in editor_.questions.forms]
    assert any("being removed" in message for message in errors)


def test_a_section_left_without_questions_is_refused(as_user: Any, editor: Any) -> None:
    t0 = current("T0")
    data = editor_data(t0)
    data[f"question-{question_index(data, codes.COMPETENCE)}-remove"] = "on"
    editor_ = _refused(as_user, editor, t0, data)
    assert "has no question" in " ".join(editor_.sections.forms[0].errors["remove"])


def test_a_new_section_needs_french_and_a_question_needs_an_item(as_user: Any, editor: Any) -> None:
    host = current("HOST")
    data = editor_data(host)
    data["section-2-title"] = "Next time"
    data["question-4-section"] = "2"
    editor_ = _refused(as_user, editor, host, data)
    assert "French title" in " ".join(editor_.sections.forms[2].errors["title_fr"])
    assert "Choose the item" in " ".join(editor_.questions.forms[4].errors["item"])


def test_an_unknown_activity_type_is_refused(as_user: Any, editor: Any) -> None:
    t1 = current("T1")
    data = editor_data(t1)
    data[f"question-{question_index(data, codes.TEACHING_ASSIGNMENT)}-activity_types"] = ["virtual"]
    editor_ = _refused(as_user, editor, t1, data)
    index = question_index(data, codes.TEACHING_ASSIGNMENT)
    assert "activity_types" in editor_.questions.forms[index].errors


def test_a_tampered_form_count_is_refused(as_user: Any, editor: Any) -> None:
    t1 = current("T1")
    data = {**editor_data(t1), "question-INITIAL_FORMS": "3"}
    editor_ = _refused(as_user, editor, t1, data)
    assert "out of date" in " ".join(editor_.header.non_field_errors())


def test_new_version_service_copies_and_moves_only_unopened_invitations(
    editor: Any, mobility: Any
) -> None:
    t2 = current("T2")
    bounced = invite(mobility, t2, Invitation.Status.BOUNCED, "bounced@example.org")
    cancelled = invite(mobility, t2, Invitation.Status.CANCELLED, "cancelled@example.org")
    copy = services.new_version(t2, user=editor)
    assert (copy.version, copy.is_current) == (2, True)
    assert _codes(copy) == _codes(t2)
    assert Question.objects.filter(section__instrument=copy).filter(required=True).count() == (
        Question.objects.filter(section__instrument=t2, required=True).count()
    )
    assert Invitation.objects.get(pk=bounced.pk).instrument_id == copy.pk
    assert Invitation.objects.get(pk=cancelled.pk).instrument_id == t2.pk
    third = services.new_version(t2, user=editor)  # from an older version: still the next number
    assert (
        third.version == 3 and Instrument.objects.filter(wave="T2", is_current=True).get() == third
    )


def test_the_pages_show_the_questions_in_the_interface_language(as_user: Any, editor: Any) -> None:
    browser = as_user(editor)
    browser.cookies["mobinnov_language"] = "fr"
    bank = text(browser.get(reverse("impact:item_list"), {"level": 1, "kind": "likert"}))
    assert "L'activité était pertinente pour mon travail actuel." in bank
    t1 = current("T1")
    detail = text(browser.get(reverse("impact:instrument_detail", args=[t1.pk])))
    assert "J'ai participé activement pendant l'activité." in detail
