"""Implementation records ("what was put in place"): who may record, see and
edit them; the practice choices; evidence files checked by content and served
behind the permission; bad input next to the fields with nothing written;
concurrent edits; the list (visibility, filters, pagination, queries); the
participant's own evaluation page; "already transferred to" on a practice."""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mobinnov.impact.models import (
    FeedbackAction,
    ImplementationRecord,
    Instrument,
    Invitation,
    Wave,
)
from mobinnov.mobility.models import Mobility
from mobinnov.network.models import Membership, Organisation
from mobinnov.network.services import organisation_create
from tests.api.test_practices_api import make_published_practice
from tests.conftest import make_user
from tests.mobility import factories as f

LOGIN = "/accounts/login/"
PERSONAS = ["anonymous", "staff_a", "coordinator_a", "coordinator_b", "editor", "admin"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- shared helpers (imported by the other test modules of this area) -------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.problems: list[str] = []
        self.label_for: set[str] = set()
        self.fields: list[tuple[str, bool]] = []
        self.open_labels = 0
        self.tables: list[dict[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
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
        if tag in {"input", "select", "textarea"} and attributes.get("type") not in {
            "hidden",
            "submit",
            "button",
        }:
            self.fields.append((str(attributes.get("id") or ""), self.open_labels > 0))
        if tag == "table":
            self.tables.append({"caption": False, "th_scope": True})
        if tag == "caption" and self.tables:
            self.tables[-1]["caption"] = True
        if tag == "th" and self.tables and not attributes.get("scope"):
            self.tables[-1]["th_scope"] = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1


def assert_accessible(response: Any) -> None:
    """One h1, headings in order, a label for every field, tables with a
    caption and scoped headers, no inline style or script."""
    page = _Page()
    page.feed(response.content.decode())
    assert page.headings.count(1) == 1, page.headings
    for before, after in itertools.pairwise(page.headings):
        assert after <= before + 1, f"h{after} after h{before}: {page.headings}"
    assert page.problems == []
    assert [i for i, wrapped in page.fields if not wrapped and i not in page.label_for] == []
    assert all(t["caption"] and t["th_scope"] for t in page.tables), page.tables


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def persona_client(request: Any, as_user: Any, persona: str) -> Any:
    return as_user(None if persona == "anonymous" else request.getfixturevalue(persona))


def completed_mobility(
    participant: Any, sending: Organisation, receiving: Organisation, by: Any, **extra: Any
) -> Mobility:
    mobility = f.mobility(participant, sending, receiving, by=by, **extra)
    Mobility.objects.filter(pk=mobility.pk).update(status=Mobility.Status.COMPLETED)
    mobility.refresh_from_db()
    return mobility


def instrument(wave: str) -> Instrument:
    found = Instrument.objects.filter(wave=wave).order_by("-is_current", "-version").first()
    return found or Instrument.objects.create(
        wave=wave, version=900, is_current=False, title=f"{wave} test"
    )


def invite(mobility: Mobility, wave: str, status: str, **extra: Any) -> Invitation:
    person = mobility.participant
    return Invitation.objects.create(
        mobility=mobility,
        wave=wave,
        instrument=instrument(wave),
        respondent=person,
        email=person.email,
        due_on=mobility.end_date,
        status=status,
        **extra,
    )


def record(mobility: Mobility, **values: Any) -> ImplementationRecord:
    defaults: dict[str, Any] = {
        "kind": ImplementationRecord.Kind.METHOD,
        "title": "Peer assessment in the workshop",
        "description": "Apprentices assess each other's welds with a grid.",
        "stage": ImplementationRecord.Stage.IMPLEMENTED,
        "scope": ImplementationRecord.Scope.DEPARTMENT,
        "learners_reached": 40,
        "colleagues_reached": 3,
    }
    defaults.update(values)
    return ImplementationRecord.objects.create(mobility=mobility, **defaults)


def make_org(name: str, country: str, lat: float, lon: float, oid: str) -> Organisation:
    return organisation_create(
        data={
            "name": name,
            "org_type": "vet_school",
            "country": country,
            "city": name.split()[-1],
            "latitude": lat,
            "longitude": lon,
            "erasmus_oid": oid,
        }
    )


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(output, format="PNG")
    return output.getvalue()


def form_data(**values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "method",
        "title": "Peer assessment grid",
        "description": "We use the host's grid with second-year apprentices.",
        "stage": "piloting",
        "scope": "class",
        "learners_reached": "24",
        "colleagues_reached": "2",
        "practice": "",
        "evidence_link": "",
    }
    data.update(values)
    return data


@pytest.fixture
def mobility(
    staff_a: Any, org_a: Organisation, org_b: Organisation, coordinator_a: Any
) -> Mobility:
    return completed_mobility(staff_a, org_a, org_b, coordinator_a)


@pytest.fixture
def host_practice(org_b: Organisation) -> Any:
    return make_published_practice(org_b, title="Welding simulators")


def create_url(mobility: Mobility) -> str:
    return reverse("impact:implementation_create", kwargs={"reference": mobility.reference})


def stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- recording ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 200),  # the participant
        ("coordinator_a", 200),  # sending coordinator
        ("coordinator_b", 403),  # the host does not record the sender's changes
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_may_record_what_was_put_in_place(request, as_user, mobility, persona, status):
    response = persona_client(request, as_user, persona).get(create_url(mobility))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(LOGIN)
    if status == 200:
        assert_accessible(response)


def test_a_mobility_not_completed_yet_cannot_get_records(
    as_user, staff_a, org_a, org_b, coordinator_a
):
    planned = f.mobility(staff_a, org_a, org_b, by=coordinator_a)
    client = as_user(staff_a)

    page = client.get(create_url(planned))
    posted = client.post(create_url(planned), form_data())

    assert "once the mobility is completed" in text(page)
    assert "planned" in text(page)
    assert "<form" not in page.content.decode().split("<main", 1)[1]
    assert posted.status_code == 200
    assert ImplementationRecord.objects.count() == 0


def test_the_participant_records_a_change_with_a_pdf_as_evidence(
    as_user, staff_a, mobility, host_practice, settings
):
    mobility.practices.add(host_practice)
    upload = SimpleUploadedFile("report.exe", PDF, content_type="application/octet-stream")

    response = as_user(staff_a).post(
        create_url(mobility),
        form_data(
            practice=str(host_practice.pk),
            evidence_link="https://intranet.alpha.example/grid",
            evidence_file=upload,
        ),
    )

    saved = ImplementationRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("impact:implementation_detail", kwargs={"pk": saved.pk})
    assert (saved.mobility, saved.practice, saved.created_by) == (mobility, host_practice, staff_a)
    assert (saved.stage, saved.scope, saved.learners_reached) == ("piloting", "class", 24)
    # Named by its content, not by the name it came with.
    assert saved.evidence_file.name.endswith(".pdf")
    assert saved.evidence_file.name.startswith("implementation/")


def test_practice_choices_list_the_mobility_practices_first_then_the_hosts(
    as_user, staff_a, org_a, org_b, mobility
):
    seen = make_published_practice(org_b, title="Zebra practice seen on the visit")
    other = make_published_practice(org_b, title="Another practice of the host")
    make_published_practice(org_b, title="Host draft", public=False, status="draft")
    elsewhere = make_published_practice(org_a, title="Practice of the sender")
    mobility.practices.add(seen)

    page = text(as_user(staff_a).get(create_url(mobility)))
    refused = as_user(staff_a).post(create_url(mobility), form_data(practice=str(elsewhere.pk)))

    assert page.index("Zebra practice seen on the visit") < page.index(
        "Another practice of the host"
    )
    assert "Practices of this mobility" in page
    assert "Other practices of Berufskolleg Beta" in page
    assert str(other) in page
    assert "Host draft" not in page
    assert "Practice of the sender" not in page
    assert "Select a valid choice" in text(refused)
    assert ImplementationRecord.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"learners_reached": "-3"}, "learners_reached", "greater than or equal to 0"),
        ({"stage": "finished"}, "stage", "Select a valid choice"),
        ({"evidence_link": "javascript:alert(1)"}, "evidence_link", "Enter a valid URL."),
        (
            {"evidence_file": ("grid.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")},
            "evidence_file",
            "Other files, such as SVG or web pages, are refused.",
        ),
        (
            {"evidence_file": ("grid.pdf", b"MZ\x90\x00 not a pdf at all")},
            "evidence_file",
            "Upload an image",
        ),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(
    as_user, staff_a, mobility, settings, changes, field, message
):
    data = form_data()
    for name, value in changes.items():
        data[name] = SimpleUploadedFile(value[0], value[1]) if name == "evidence_file" else value

    response = as_user(staff_a).post(create_url(mobility), data)

    assert response.status_code == 200
    body = text(response)
    assert message in body
    # The message sits in the field's own group, after its label.
    group_start = body.index(f'for="id_{field}"')
    assert message in body[group_start : group_start + 2500]
    assert ImplementationRecord.objects.count() == 0
    assert stored_files(settings) == []


def test_a_file_over_the_limit_is_refused(as_user, staff_a, mobility, settings):
    settings.ATTACHMENT_MAX_BYTES = 1048576
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 1_300_000)

    response = as_user(staff_a).post(create_url(mobility), form_data(evidence_file=big))

    assert "The file is 1.2 MB; the limit is 1 MB." in text(response)
    assert ImplementationRecord.objects.count() == 0


# --- seeing and editing -------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status", "sees_name"),
    [
        ("anonymous", 302, False),
        ("staff_a", 200, True),
        ("coordinator_a", 200, True),
        ("coordinator_b", 403, False),
        ("editor", 200, False),  # editors read every record, without the name
        ("admin", 200, True),
    ],
)
def test_who_sees_a_record(request, as_user, mobility, persona, status, sees_name):
    item = record(mobility)
    response = persona_client(request, as_user, persona).get(
        reverse("impact:implementation_detail", kwargs={"pk": item.pk})
    )
    assert response.status_code == status
    if status == 200:
        assert_accessible(response)
        assert "Peer assessment in the workshop" in text(response)
        assert ("Staff.A" in text(response)) is sees_name


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 200),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 200),
        ("admin", 200),
    ],
)
def test_the_evidence_file_is_served_only_behind_the_permission(
    request, as_user, staff_a, mobility, persona, status
):
    as_user(staff_a).post(
        create_url(mobility), form_data(evidence_file=SimpleUploadedFile("a.png", png_bytes()))
    )
    item = ImplementationRecord.objects.get()
    url = reverse("impact:implementation_evidence", kwargs={"pk": item.pk})

    response = persona_client(request, as_user, persona).get(url)

    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("inline;")
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content) == png_bytes()
        detail = as_user(staff_a).get(
            reverse("impact:implementation_detail", kwargs={"pk": item.pk})
        )
        assert url in detail.content.decode()
        assert "/media/" not in detail.content.decode()


def test_a_record_without_a_file_has_no_evidence_to_serve(as_user, staff_a, mobility):
    item = record(mobility)
    response = as_user(staff_a).get(
        reverse("impact:implementation_evidence", kwargs={"pk": item.pk})
    )
    assert response.status_code == 404


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
def test_who_may_edit_a_record(request, as_user, mobility, persona, status):
    item = record(mobility)
    url = reverse("impact:implementation_edit", kwargs={"pk": item.pk})
    client = persona_client(request, as_user, persona)

    page = client.get(url)
    posted = client.post(url, form_data(title="Changed", version=str(item.version)))

    assert page.status_code == status
    item.refresh_from_db()
    if status == 200:
        assert_accessible(page)
        assert posted.status_code == 302
        assert item.title == "Changed"
        assert item.version == 2
    else:
        assert item.title == "Peer assessment in the workshop"


def test_a_concurrent_edit_is_refused_and_the_typed_text_kept(as_user, staff_a, mobility):
    item = record(mobility)
    url = reverse("impact:implementation_edit", kwargs={"pk": item.pk})
    as_user(staff_a).post(url, form_data(title="First save", version="1"))

    stale = as_user(staff_a).post(url, form_data(title="Second, stale save", version="1"))

    item.refresh_from_db()
    assert stale.status_code == 200
    assert "Someone else saved this page" in text(stale)
    assert "Second, stale save" in text(stale)
    assert 'name="version" value="2"' in stale.content.decode()
    assert item.title == "First save"


def test_replacing_and_removing_the_evidence_file(
    as_user, staff_a, mobility, settings, django_capture_on_commit_callbacks
):
    client = as_user(staff_a)
    client.post(create_url(mobility), form_data(evidence_file=SimpleUploadedFile("a.pdf", PDF)))
    item = ImplementationRecord.objects.get()
    first = Path(item.evidence_file.path)
    url = reverse("impact:implementation_edit", kwargs={"pk": item.pk})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            form_data(
                version=str(item.version), evidence_file=SimpleUploadedFile("b.png", png_bytes())
            ),
        )
    item.refresh_from_db()
    second = Path(item.evidence_file.path)
    assert not first.exists()
    assert second.exists() and second.suffix == ".png"

    both = client.post(
        url,
        form_data(
            version=str(item.version),
            remove_evidence_file="on",
            evidence_file=SimpleUploadedFile("c.pdf", PDF),
        ),
    )
    assert "Either remove the current file or upload a new one" in text(both)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(version=str(item.version), remove_evidence_file="on"))
    item.refresh_from_db()
    assert not item.evidence_file
    assert not second.exists()


# --- the list -------------------------------------------------------------------------


@pytest.fixture
def records_of_both(staff_a, coordinator_a, coordinator_b, org_a, org_b, mobility):
    mine = record(mobility, title="Alpha's change")
    person_b = make_user("staff.b@example.org")
    Membership.objects.create(user=person_b, organisation=org_b, role=Membership.Role.STAFF)
    theirs = record(
        completed_mobility(person_b, org_b, org_a, coordinator_b),
        title="Beta's change",
        stage=ImplementationRecord.Stage.PLANNED,
        kind=ImplementationRecord.Kind.TOOL,
    )
    return mine, theirs


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("staff_a", {"Alpha's change"}),
        ("coordinator_a", {"Alpha's change"}),
        ("coordinator_b", {"Beta's change"}),
        ("editor", {"Alpha's change", "Beta's change"}),
        ("admin", {"Alpha's change", "Beta's change"}),
    ],
)
def test_the_list_shows_each_persona_their_records(
    request, as_user, records_of_both, persona, expected
):
    response = persona_client(request, as_user, persona).get(reverse("impact:implementation_list"))
    assert response.status_code == 200
    assert_accessible(response)
    shown = {title for title in ("Alpha's change", "Beta's change") if title in text(response)}
    assert shown == expected


def test_the_list_needs_an_account(client):
    response = client.get(reverse("impact:implementation_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_the_list_filters_by_organisation_stage_and_kind(as_user, admin, records_of_both, org_b):
    client = as_user(admin)
    url = reverse("impact:implementation_list")

    by_org = text(client.get(url, {"organisation": org_b.slug}))
    by_stage = text(client.get(url, {"stage": "implemented"}))
    by_kind = text(client.get(url, {"kind": "tool"}))
    unknown = client.get(url, {"stage": "nonsense"})

    assert "Beta's change" in by_org and "Alpha's change" not in by_org
    assert "Alpha's change" in by_stage and "Beta's change" not in by_stage
    assert "Beta's change" in by_kind and "Alpha's change" not in by_kind
    assert unknown.status_code == 200
    assert "Alpha's change" in text(unknown) and "Beta's change" in text(unknown)


def test_the_list_hides_the_participant_from_editors(
    as_user, editor, coordinator_a, records_of_both
):
    assert "Staff.A" not in text(as_user(editor).get(reverse("impact:implementation_list")))
    assert "Staff.A" in text(as_user(coordinator_a).get(reverse("impact:implementation_list")))


def test_record_for_a_mobility_id_leads_to_its_form(as_user, staff_a, mobility):
    client = as_user(staff_a)
    url = reverse("impact:implementation_list")

    response = client.get(url, {"record_for": mobility.reference})
    odd = client.get(url, {"record_for": "../x/y"})

    assert response.status_code == 302
    assert response["Location"] == create_url(mobility)
    assert odd.status_code == 200
    assert "A mobility ID has digits, letters and dashes only." in text(odd)


def _many_records(count: int, org_a, org_b, coordinator_a) -> None:
    practice = make_published_practice(org_b, title=f"Practice {count}")
    for number in range(count):
        person = make_user(f"person{count}-{number}@example.org")
        Membership.objects.create(user=person, organisation=org_a, role=Membership.Role.STAFF)
        record(
            completed_mobility(person, org_a, org_b, coordinator_a),
            title=f"Change {number}",
            practice=practice,
        )


def test_the_list_is_paginated_and_its_queries_do_not_grow(
    as_user, coordinator_a, org_a, org_b, django_assert_max_num_queries
):
    client = as_user(coordinator_a)
    url = reverse("impact:implementation_list")
    _many_records(2, org_a, org_b, coordinator_a)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    ImplementationRecord.objects.all().delete()
    _many_records(10, org_a, org_b, coordinator_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('scope="row"') == 10

    _many_records(20, org_a, org_b, coordinator_a)
    first, second = client.get(url), client.get(url, {"page": 2})
    assert first.content.decode().count('scope="row"') == 25
    assert second.content.decode().count('scope="row"') == 5


# --- the participant's page -----------------------------------------------------------


def test_my_evaluation_needs_an_account(client):
    response = client.get(reverse("impact:my_evaluation"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_my_evaluation_shows_waves_records_badge_and_feedback(
    as_user, staff_a, coordinator_a, org_a, org_b, mobility
):
    invite(
        mobility,
        Wave.T0,
        Invitation.Status.SUBMITTED,
        submitted_at=dt.datetime(2025, 4, 1, tzinfo=dt.UTC),
    )
    invite(
        mobility,
        Wave.T1,
        Invitation.Status.DRAFT,
        last_sent_at=dt.datetime(2025, 4, 12, tzinfo=dt.UTC),
    )
    invite(mobility, Wave.T2, Invitation.Status.SCHEDULED)
    record(mobility, title="Peer grid in class 2B")
    FeedbackAction.objects.create(
        organisation=org_a,
        year=2025,
        finding="Participants found the preparation too short.",
        action="A preparation day before every departure.",
    )
    FeedbackAction.objects.create(
        organisation=org_b, year=2025, finding="Someone else's finding", action="Not ours"
    )
    other = make_user("somebody@example.org")
    Membership.objects.create(user=other, organisation=org_a, role=Membership.Role.STAFF)
    record(completed_mobility(other, org_a, org_b, coordinator_a), title="Not my record")

    response = as_user(staff_a).get(reverse("impact:my_evaluation"))

    assert response.status_code == 200
    assert_accessible(response)
    body = text(response)
    assert "Berufskolleg Beta, 07/04/2025 \N{EN DASH} 11/04/2025" in body
    assert "Before departure (T0)" in body and "01/04/2025" in body
    assert "Continue answering" in body  # the draft's personal link
    assert body.count("/evaluate/") == 1  # only the open invitation has its link
    assert f"to be sent on {mobility.end_date:%d/%m/%Y}" in body
    assert "Peer grid in class 2B" in body and "Not my record" not in body
    assert "A preparation day before every departure." in body
    assert "Someone else's finding" not in body
    assert "/evaluation/my-answers/" in body
    # T1 is a draft: no badge yet, and the reason is given.
    assert "Get my badge" not in body
    assert "questionnaire on return (T1) is submitted" in body
    assert "Record what I put in place" in body


def test_my_evaluation_offers_the_badge_once_t1_is_submitted(as_user, staff_a, mobility):
    invite(mobility, Wave.T1, Invitation.Status.SUBMITTED)
    body = text(as_user(staff_a).get(reverse("impact:my_evaluation")))
    assert "Get my badge" in body
    assert reverse("impact:badge_claim", kwargs={"reference": mobility.reference}) in body


def test_my_evaluation_queries_do_not_grow_with_mobilities(
    as_user, staff_a, org_a, org_b, coordinator_a, django_assert_max_num_queries
):
    def add(count: int, first: int = 0) -> None:
        for number in range(first, first + count):
            start = dt.date(2024, 1, 8) + dt.timedelta(days=14 * number)
            made = completed_mobility(
                staff_a, org_a, org_b, coordinator_a, start=start, end=start + dt.timedelta(days=3)
            )
            invite(made, Wave.T1, Invitation.Status.SENT)
            record(made)

    client = as_user(staff_a)
    add(2)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("impact:my_evaluation"))
    add(8, first=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("impact:my_evaluation"))
    assert text(response).count("Answer now") == 10


# --- "already transferred to" on a practice ------------------------------------------


def test_a_practice_shows_where_it_was_transferred(
    client, staff_a, coordinator_a, org_a, org_b, mobility, host_practice
):
    record(mobility, practice=host_practice, stage=ImplementationRecord.Stage.EMBEDDED)
    gamma = make_org("Istituto Gamma Torino", "IT", 45.07, 7.69, "E10000003")
    person = make_user("staff.g@example.org")
    Membership.objects.create(user=person, organisation=gamma, role=Membership.Role.STAFF)
    planned_only = completed_mobility(person, gamma, org_b, person)
    record(planned_only, practice=host_practice, stage=ImplementationRecord.Stage.PLANNED)

    response = client.get(host_practice.get_absolute_url())

    body = text(response)
    assert response.status_code == 200
    assert "Already transferred to" in body
    section = body.split("Already transferred to", 1)[1]
    assert "Lycée professionnel Alpha" in section
    assert "Istituto Gamma Torino" not in section  # only planned there
    assert "Staff.A" not in body
    assert_accessible(response)


def test_a_practice_never_transferred_shows_no_heading(client, host_practice):
    assert "Already transferred to" not in text(client.get(host_practice.get_absolute_url()))
