"""Answering a questionnaire through its personal link (draft, resume,
submit, once), the clear pages of bad, expired, someone else's, submitted
and cancelled links, and the respondent's own answers (page, CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
from typing import Any
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from PIL import Image

from mobinnov.impact import services
from mobinnov.impact.models import Answer, Invitation, Wave
from mobinnov.impact.views_answers import answer_path
from tests.conftest import make_user
from tests.impact import factories as f

pytestmark = pytest.mark.django_db
DASH = "\N{EN DASH}"


@pytest.fixture
def q() -> f.Questionnaires:
    return f.questionnaires()


@pytest.fixture
def mobility(q: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any) -> Any:
    return f.mobility(staff_a, org_a, org_b, by=coordinator_a)


@pytest.fixture
def t1(mobility: Any) -> Invitation:
    return f.invitation(mobility, Wave.T1)


def slot_names(invitation: Invitation) -> dict[str, str]:
    """Field name per (item code / competence / variant), as the form names them."""
    names = {}
    for slot in services.slots(invitation):
        key = slot.question.item.code
        if slot.competence:
            key = f"{key}/{slot.competence}/{slot.variant}"
        names[key] = slot.name
    return names


def complete_t1(invitation: Invitation, **extra: str) -> dict[str, Any]:
    names = slot_names(invitation)
    data = {
        "version": str(invitation.version),
        names["test-t1-relevance"]: "4",
        names["test-competence-level/Assessing practical work/now"]: "4",
        names["test-competence-level/Assessing practical work/then"]: "2",
        names["test-competence-level/Giving feedback/now"]: "3",
        names["test-competence-level/Giving feedback/then"]: "3",
        names["test-t1-action-plan"]: "Share the grid with my team by June.",
    }
    data.update(extra)
    return data


def png(name: str = "photo.png") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- the questionnaire --------------------------------------------------------------------


def test_the_link_opens_the_questionnaire_without_an_account(client: Any, t1: Invitation) -> None:
    response = client.get(answer_path(t1))
    assert response.status_code == 200
    page = f.assert_accessible(response)
    body = f.text(response)
    assert "Back from your mobility" in body
    assert "Introduction of Back from your mobility." in body
    # Sections as fieldsets with an h2; the competence question as an h3.
    assert page.headings == [1, 2, 2, 3, 2]
    # Competence ratings name their competence; the "then" rating says so.
    assert "Assessing practical work — your level now (required)" in body
    assert (
        "Assessing practical work — looking back, your level BEFORE the mobility (required)" in body
    )
    assert f"5 {DASH} Expert" in body and f"1 {DASH} Strongly disagree" in body
    # Every radio button is in a fieldset with a legend; 5 radios per rating.
    radio_groups = [fs["radios"] for fs in page.fieldsets if fs["radios"]]
    assert radio_groups.count(5) == 5  # relevance + 2 competences x (now, then)
    assert 'name="action" value="draft"' in body and 'name="action" value="submit"' in body
    assert 'type="hidden" name="version" value="1"' in body
    # Only asked after teaching assignments: not here.
    assert "The teaching assignment let me try my methods." not in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.OPENED
    assert t1.opened_at is not None


def test_condition_shows_the_teaching_question_after_a_teaching_assignment(
    client: Any, q: Any, coordinator_a: Any, org_a: Any, org_b: Any
) -> None:
    teacher = make_user("teacher@example.org")
    from mobinnov.network.models import Membership

    Membership.objects.create(user=teacher, organisation=org_a, role=Membership.Role.STAFF)
    teaching = f.mobility(teacher, org_a, org_b, by=coordinator_a, activity="SM-TTA")
    invitation = f.invitation(teaching, Wave.T1)
    body = f.text(client.get(answer_path(invitation)))
    assert "The teaching assignment let me try my methods." in body


def test_the_page_speaks_the_invitations_language(client: Any, mobility: Any) -> None:
    invitation = f.invitation(mobility, Wave.T0, language="fr")
    response = client.get(answer_path(invitation))
    assert response.status_code == 200
    page = f.parse(response)
    assert page.html_lang == "fr"
    assert response["Content-Language"] == "fr"
    body = f.text(response)
    assert "Before your mobility (fr)" in body
    assert "Introduction en français." in body
    assert "Your competences (fr)" in body
    assert f"1 {DASH} Débutant" in body and f"5 {DASH} Expert" in body
    assert "Comment évaluez-vous votre niveau dans cette compétence aujourd'hui ?" in body
    # T0 asks no "then" rating.
    assert "BEFORE the mobility" not in body


def test_an_unknown_language_falls_back_to_english(client: Any, mobility: Any) -> None:
    invitation = f.invitation(mobility, Wave.T0, language="xx")
    response = client.get(answer_path(invitation))
    assert response.status_code == 200
    assert f.parse(response).html_lang == "en"


def test_draft_then_resume_then_submit(client: Any, t1: Invitation) -> None:
    path = answer_path(t1)
    client.get(path)
    names = slot_names(t1)
    draft = {
        "version": "1",
        "action": "draft",
        names["test-t1-relevance"]: "5",
        names["test-competence-level/Giving feedback/then"]: "2",
        names["test-t1-action-plan"]: "Half written",
    }
    response = client.post(path, draft)
    assert response.status_code == 302 and response["Location"] == path
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.DRAFT and t1.draft_saved_at is not None
    assert t1.version == 2
    assert Answer.objects.filter(invitation=t1).count() == 3
    # Resume: the saved values are back in the form, and the new version.
    response = client.get(path)
    body = f.text(response)
    assert "Your answers are saved as a draft." in body
    assert (
        f'name="{names["test-t1-relevance"]}" value="5" id="id_{names["test-t1-relevance"]}_4" checked'
        in body
    )
    assert "Half written" in body
    assert 'name="version" value="2"' in body
    # Submit: the whole questionnaire replaces the draft.
    response = client.post(path, {**complete_t1(t1), "action": "submit"})
    assert response.status_code == 302
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.SUBMITTED and t1.submitted_at is not None
    stored = {
        (a.item.code, a.competence, a.variant): (a.number, a.text)
        for a in Answer.objects.filter(invitation=t1).select_related("item")
    }
    assert stored[("test-t1-relevance", "", "now")] == (4.0, "")
    assert stored[("test-competence-level", "Assessing practical work", "then")] == (2.0, "")
    assert stored[("test-competence-level", "Assessing practical work", "now")] == (4.0, "")
    assert stored[("test-t1-action-plan", "", "now")][1] == "Share the grid with my team by June."
    assert len(stored) == 6
    # The link now shows the thank-you page, with nothing to edit.
    response = client.get(path)
    assert response.status_code == 200
    body = f.text(response)
    assert "Thank you: your answers are submitted" in body
    assert "<form" not in body.split('<main id="main"')[1]
    f.assert_accessible(response)


def test_submit_refuses_missing_required_answers_and_keeps_the_input(
    client: Any, t1: Invitation
) -> None:
    path = answer_path(t1)
    names = slot_names(t1)
    data = complete_t1(t1, action="submit")
    del data[names["test-t1-relevance"]]
    del data[names["test-competence-level/Giving feedback/then"]]
    response = client.post(path, data)
    assert response.status_code == 200
    body = f.text(response)
    assert body.count("Please answer this question.") == 2
    assert "Share the grid with my team by June." in body  # kept
    # The message sits in the question's own fieldset, next to it.
    relevance = body.split("The visit was relevant to my work.")[1].split("</fieldset>")[0]
    assert "Please answer this question." in relevance
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.SENT
    assert not Answer.objects.filter(invitation=t1).exists()
    f.assert_accessible(response)


def test_a_draft_needs_no_required_answer(client: Any, t1: Invitation) -> None:
    response = client.post(answer_path(t1), {"version": "1", "action": "draft"})
    assert response.status_code == 302
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.DRAFT


def test_bad_values_are_refused_next_to_the_field_and_nothing_is_saved(
    client: Any, mobility: Any
) -> None:
    t2 = f.invitation(mobility, Wave.T2)
    names = slot_names(t2)
    data = {
        "version": "1",
        "action": "draft",
        names["test-t2-use-frequency"]: "sometimes",  # not a choice
        names["test-t2-colleagues"]: "-3",
        names["test-t2-dissemination"]: ["talk"],
    }
    response = client.post(answer_path(t2), data)
    assert response.status_code == 200
    body = f.text(response)
    assert "Select a valid choice." in body
    assert "greater than or equal to 0" in body
    t2.refresh_from_db()
    assert t2.status == Invitation.Status.SENT and t2.version == 1
    assert not t2.answers.exists()


def test_choices_numbers_and_evidence_round_trip(
    client: Any, mobility: Any, django_capture_on_commit_callbacks: Any
) -> None:
    t2 = f.invitation(mobility, Wave.T2)
    path = answer_path(t2)
    names = slot_names(t2)
    evidence = names["test-t2-evidence"]
    response = client.get(path)
    body = f.text(response)
    assert 'enctype="multipart/form-data"' in body
    assert 'type="checkbox"' in body and 'type="number"' in body and 'type="file"' in body
    f.assert_accessible(response)
    data = {
        "version": "1",
        "action": "draft",
        names["test-t2-use-frequency"]: "once",
        names["test-t2-dissemination"]: ["talk", "workshop"],
        names["test-t2-colleagues"]: "12",
        evidence: png(),
        f"{evidence}_link": "https://example.org/our-grid",
    }
    assert client.post(path, data).status_code == 302
    stored = {a.item.code: a for a in Answer.objects.filter(invitation=t2).select_related("item")}
    assert stored["test-t2-use-frequency"].choices == ["once"]
    assert stored["test-t2-dissemination"].choices == ["talk", "workshop"]
    assert stored["test-t2-colleagues"].number == 12
    proof = stored["test-t2-evidence"]
    assert proof.file.name.endswith(".png") and "photo" not in proof.file.name
    assert proof.text == "https://example.org/our-grid"
    first_file = proof.file.name
    # Resume: everything is back; the file is named and stays when saving again.
    response = client.get(path)
    body = f.text(response)
    assert re.search(r'value="once"[^>]*checked', body)
    assert re.search(r'value="talk"[^>]*checked', body)
    assert re.search(r'value="workshop"[^>]*checked', body)
    assert not re.search(r'value="meeting"[^>]*checked', body)
    assert "Attached file:" in body and 'value="12"' in body
    assert "https://example.org/our-grid" in body
    assert client.post(path, {**data, evidence: "", "version": "2"}).status_code == 302
    proof = Answer.objects.get(invitation=t2, item__code="test-t2-evidence")
    assert proof.file.name == first_file
    assert proof.file.storage.exists(first_file)
    # Removing it drops the file (from the storage too, once saved), the link stays.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            path, {**data, evidence: "", "version": "3", f"{evidence}_remove": "on"}
        )
    assert response.status_code == 302
    proof = Answer.objects.get(invitation=t2, item__code="test-t2-evidence")
    assert not proof.file and proof.text == "https://example.org/our-grid"
    assert not proof.file.storage.exists(first_file)


def test_an_evidence_file_is_judged_by_its_content(client: Any, mobility: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    t2 = f.invitation(mobility, Wave.T2)
    evidence = slot_names(t2)["test-t2-evidence"]
    fake = SimpleUploadedFile("grid.png", b"<html><script>alert(1)</script></html>")
    response = client.post(answer_path(t2), {"version": "1", "action": "draft", evidence: fake})
    assert response.status_code == 200
    assert "Upload an image (JPEG, PNG, WebP, GIF) or a document" in f.text(response)
    assert not t2.answers.exists()


def test_a_concurrent_save_is_refused_and_the_input_kept(client: Any, t1: Invitation) -> None:
    path = answer_path(t1)
    names = slot_names(t1)
    assert (
        client.post(
            path, {"version": "1", "action": "draft", names["test-t1-relevance"]: "2"}
        ).status_code
        == 302
    )
    # A second window still carries version 1.
    stale = {
        "version": "1",
        "action": "draft",
        names["test-t1-action-plan"]: "From the other window",
    }
    response = client.post(path, stale)
    assert response.status_code == 200
    body = f.text(response)
    assert "saved from another window" in body
    assert "From the other window" in body
    assert 'name="version" value="2"' in body
    answers = Answer.objects.filter(invitation=t1).select_related("item")
    assert [(a.item.code, a.number) for a in answers] == [("test-t1-relevance", 2.0)]


def test_a_second_submission_changes_nothing(client: Any, t1: Invitation) -> None:
    path = answer_path(t1)
    assert client.post(path, {**complete_t1(t1), "action": "submit"}).status_code == 302
    t1.refresh_from_db()
    before = (t1.version, t1.submitted_at, list(t1.answers.values_list("number", flat=True)))
    names = slot_names(t1)
    again = {**complete_t1(t1), "action": "submit", names["test-t1-relevance"]: "1"}
    response = client.post(path, again)
    assert response.status_code == 200
    assert "Thank you: your answers are submitted" in f.text(response)
    t1.refresh_from_db()
    assert (
        t1.version,
        t1.submitted_at,
        list(t1.answers.values_list("number", flat=True)),
    ) == before


# --- links that do not open ------------------------------------------------------------------


def test_a_tampered_link_gives_a_clear_404(client: Any, t1: Invitation) -> None:
    path = answer_path(t1)
    token = path.rstrip("/").rsplit("/", 1)[1]
    broken = reverse(
        "impact:answer", kwargs={"token": token[:-2] + ("AA" if token[-2:] != "AA" else "BB")}
    )
    response = client.get(broken)
    assert response.status_code == 404
    body = f.text(response)
    assert "This link does not work" in body and "coordinator" in body
    f.assert_accessible(response)
    response = client.post(broken, complete_t1(t1, action="submit"))
    assert response.status_code == 404
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.SENT and not t1.answers.exists()


def test_an_expired_link_gives_a_clear_410(client: Any, t1: Invitation) -> None:
    long_ago = time.time() - (services.LINK_MAX_AGE.total_seconds() + 86400)
    with mock.patch("django.core.signing.time.time", return_value=long_ago):
        token = signing.TimestampSigner(salt=services.LINK_SALT).sign(t1.token)
    response = client.get(reverse("impact:answer", kwargs={"token": token}))
    assert response.status_code == 410
    assert "This link has expired" in f.text(response)
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.SENT


def test_a_link_to_a_deleted_invitation_gives_a_clear_404(client: Any, t1: Invitation) -> None:
    path = answer_path(t1)
    t1.delete()
    response = client.get(path)
    assert response.status_code == 404
    assert "This questionnaire no longer exists." in f.text(response)


def test_a_cancelled_invitation_gives_a_clear_page(client: Any, t1: Invitation) -> None:
    Invitation.objects.filter(pk=t1.pk).update(
        status=Invitation.Status.CANCELLED, cancelled_reason="mobility cancelled"
    )
    response = client.get(answer_path(t1))
    assert response.status_code == 410
    assert "This questionnaire is closed" in f.text(response)
    response = client.post(answer_path(t1), complete_t1(t1, action="submit"))
    assert response.status_code == 410
    assert not t1.answers.exists()


@pytest.mark.parametrize(
    "persona", ["staff_b", "coordinator_a", "coordinator_b", "editor", "admin"]
)
def test_someone_elses_link_while_signed_in_is_refused(
    request: Any, as_user: Any, t1: Invitation, persona: str, org_b: Any
) -> None:
    if persona == "staff_b":
        user = make_user("staff.b@example.org")
    else:
        user = request.getfixturevalue(persona)
    client = as_user(user)
    response = client.get(answer_path(t1))
    assert response.status_code == 403
    assert "This questionnaire is for someone else" in f.text(response)
    response = client.post(answer_path(t1), complete_t1(t1, action="submit"))
    assert response.status_code == 403
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.SENT and t1.opened_at is None
    assert not t1.answers.exists()


def test_the_respondent_signed_in_may_answer(as_user: Any, staff_a: Any, t1: Invitation) -> None:
    client = as_user(staff_a)
    assert client.get(answer_path(t1)).status_code == 200
    assert client.post(answer_path(t1), {**complete_t1(t1), "action": "submit"}).status_code == 302
    t1.refresh_from_db()
    assert t1.status == Invitation.Status.SUBMITTED


def test_the_host_answers_the_host_feedback(client: Any, mobility: Any, coordinator_b: Any) -> None:
    host = f.invitation(mobility, Wave.HOST, respondent=coordinator_b)
    response = client.get(answer_path(host))
    body = f.text(response)
    assert "About the visit of Staff.A" in body
    names = slot_names(host)
    data = {"version": "1", "action": "submit", names["test-host-exchange"]: "5"}
    assert client.post(answer_path(host), data).status_code == 302
    host.refresh_from_db()
    assert host.status == Invitation.Status.SUBMITTED


# --- the respondent's answers -------------------------------------------------------------------


@pytest.fixture
def answered(client: Any, mobility: Any, t1: Invitation) -> dict[str, Invitation]:
    t0 = f.invitation(mobility, Wave.T0)
    names = slot_names(t0)
    client.post(
        answer_path(t0),
        {
            "version": "1",
            "action": "submit",
            names["test-competence-level/Assessing practical work/now"]: "1",
            names["test-competence-level/Giving feedback/now"]: "2",
            names["test-t0-expectations"]: '=HYPERLINK("http://evil")',
        },
    )
    client.post(answer_path(t1), {**complete_t1(t1), "action": "submit"})
    t2 = f.invitation(mobility, Wave.T2)
    client.post(
        answer_path(t2),
        {"version": "1", "action": "draft", slot_names(t2)["test-t2-colleagues"]: "7"},
    )
    return {"t0": t0, "t1": t1, "t2": t2}


def test_my_answers_lists_my_questionnaires_and_my_ratings(
    as_user: Any, staff_a: Any, answered: dict[str, Invitation]
) -> None:
    response = as_user(staff_a).get(reverse("impact:my_answers"))
    assert response.status_code == 200
    f.assert_accessible(response)
    body = f.text(response)
    assert answered["t1"].mobility.reference in body
    assert "Submitted" in body and "Draft saved" in body
    # The draft can be continued, the submitted ones viewed.
    # (The signed link carries a timestamp: compare the invitation's part.)
    assert f"/evaluate/{answered['t2'].token}:" in body
    assert f"/evaluate/{answered['t1'].token}:" not in body
    assert reverse("impact:invitation_answers", kwargs={"pk": answered["t1"].pk}) in body
    # T0 now, T1 then, T1 now per competence.
    row = body.split('<th scope="row">Assessing practical work</th>')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]] == ["1", "2", "4"]
    assert reverse("impact:my_answers_csv") in body


@pytest.mark.parametrize("persona", ["coordinator_a", "coordinator_b", "editor", "admin"])
def test_my_answers_is_only_mine(request: Any, as_user: Any, answered: Any, persona: str) -> None:
    client = f.persona_client(request, as_user, persona)
    response = client.get(reverse("impact:my_answers"))
    assert response.status_code == 200
    body = f.text(response)
    assert answered["t1"].mobility.reference not in body
    assert "You have no evaluation questionnaire yet." in body
    f.assert_accessible(response)


def test_my_answers_needs_an_account(client: Any) -> None:
    for name in ("impact:my_answers", "impact:my_answers_csv"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_my_answers_csv_has_all_my_answers_and_no_formula(
    as_user: Any, staff_a: Any, coordinator_a: Any, answered: Any
) -> None:
    response = as_user(staff_a).get(reverse("impact:my_answers_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0][0] == "Mobility ID"
    assert len(rows) == 1 + 2 + 1 + 6 + 1  # header, T0 (2 ratings + text), T1 (6), T2 draft (1)
    expectations = next(r for r in rows if r[4] == "test-t0-expectations")
    assert expectations[8] == '\'=HYPERLINK("http://evil")'
    then = [
        r
        for r in rows
        if r[6] == "Assessing practical work"
        and r[1].startswith("On return")
        and r[7].startswith("Before")
    ]
    assert then and then[0][8] == f"2 {DASH} Basic"
    other = as_user(coordinator_a).get(reverse("impact:my_answers_csv")).content.decode("utf-8")
    assert len(list(csv.reader(io.StringIO(other.lstrip("\ufeff"))))) == 1


def test_my_answers_page_does_not_grow_in_queries(
    as_user: Any,
    staff_a: Any,
    org_a: Any,
    org_b: Any,
    coordinator_a: Any,
    q: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client = as_user(staff_a)
    start = dt.date(2025, 1, 6)

    def add(count: int) -> None:
        nonlocal start
        for _ in range(count):
            mobility = f.mobility(
                staff_a,
                org_a,
                org_b,
                by=coordinator_a,
                start=start,
                end=start + dt.timedelta(days=4),
            )
            for wave in (Wave.T0, Wave.T1):
                f.invitation(mobility, wave, status=Invitation.Status.SUBMITTED)
            start += dt.timedelta(days=14)

    add(2)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("impact:my_answers")).status_code == 200
    add(8)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("impact:my_answers"))
    assert f.text(response).count('<caption id="questionnaires-') == 10


# --- one invitation's answers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 200),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_may_read_one_invitations_answers(
    request: Any, as_user: Any, answered: Any, persona: str, status: int
) -> None:
    client = f.persona_client(request, as_user, persona)
    response = client.get(reverse("impact:invitation_answers", kwargs={"pk": answered["t1"].pk}))
    assert response.status_code == status
    if status == 200:
        f.assert_accessible(response)
        body = f.text(response)
        assert "Share the grid with my team by June." in body
        assert "Giving feedback — looking back, your level BEFORE the mobility" in body


def test_a_draft_is_shown_to_its_author_only(
    as_user: Any, staff_a: Any, coordinator_a: Any, answered: Any
) -> None:
    url = reverse("impact:invitation_answers", kwargs={"pk": answered["t2"].pk})
    assert (
        "7"
        in f.text(as_user(staff_a).get(url)).split("How many colleagues did you reach?")[1][:200]
    )
    body = f.text(as_user(coordinator_a).get(url))
    assert "How many colleagues did you reach?" not in body
    assert "once the questionnaire is submitted" in body


def test_evidence_files_are_downloaded_by_those_who_may_read_them(
    client: Any, as_user: Any, mobility: Any, staff_a: Any, coordinator_a: Any, coordinator_b: Any
) -> None:
    t2 = f.invitation(mobility, Wave.T2)
    names = slot_names(t2)
    client.post(
        answer_path(t2),
        {
            "version": "1",
            "action": "submit",
            names["test-t2-use-frequency"]: "never",
            names["test-t2-evidence"]: png(),
        },
    )
    answer = Answer.objects.get(invitation=t2, item__code="test-t2-evidence")
    url = reverse("impact:evidence_file", kwargs={"pk": t2.pk, "answer_pk": answer.pk})
    page = f.text(as_user(staff_a).get(reverse("impact:invitation_answers", kwargs={"pk": t2.pk})))
    assert url in page
    for user, status in ((staff_a, 200), (coordinator_a, 200), (coordinator_b, 403)):
        response = as_user(user).get(url)
        assert response.status_code == status
        if status == 200:
            assert "attachment" in response["Content-Disposition"]
            assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(url).status_code == 302
