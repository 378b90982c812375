"""Learning need pages: the list, recording and editing a need, its page,
and sending it for endorsement, endorsing and withdrawing it."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mobinnov.mobility import services
from mobinnov.mobility.models import LearningNeed, Proposal
from mobinnov.network.models import Membership
from mobinnov.practices.models import Practice
from tests.conftest import make_user
from tests.mobility import factories as f

TODAY = timezone.localdate()
SOON, LATER = TODAY + dt.timedelta(days=30), TODAY + dt.timedelta(days=90)
LIST_URL = reverse("mobility:need_list")
CREATE_URL = reverse("mobility:need_create")
SECRET = "Needs a step-free workplace"


def iso(day: dt.date) -> str:
    return day.isoformat()


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def assert_headings_in_order(response: Any) -> None:
    levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", response.content.decode())]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def errors(response: Any) -> dict[str, list[str]]:
    return {name: list(messages) for name, messages in response.context["form"].errors.items()}


def need(person: Any, organisation: Any, **extra: Any) -> LearningNeed:
    extra.setdefault("earliest", SOON)
    extra.setdefault("latest", LATER)
    created = f.need(person, organisation, **extra)
    created.accessibility_needs = SECRET
    created.save()
    return created


def url(name: str, item: LearningNeed) -> str:
    return reverse(f"mobility:{name}", args=[item.pk])


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "goals": "See how apprentices are assessed in the workshop.",
        "earliest_start": iso(SOON),
        "latest_end": iso(LATER),
        "min_days": "3",
        "max_days": "5",
        "languages": ["en", "de"],
        "formats": ["SM-JOB-SHDW"],
        "accessibility_needs": SECRET,
    }
    data.update(overrides)
    return data


def edit_data(item: LearningNeed, **overrides: Any) -> dict[str, Any]:
    data = form_data(
        goals=item.goals,
        earliest_start=iso(item.earliest_start),
        latest_end=iso(item.latest_end),
        min_days=str(item.min_days),
        max_days=str(item.max_days),
        languages=item.languages,
        formats=item.formats,
        accessibility_needs=item.accessibility_needs,
        version=str(item.version),
    )
    data.update(overrides)
    return data


@pytest.fixture
def colleague_a(org_a):
    """Another staff member of A."""
    user = make_user("colleague.a@example.org")
    Membership.objects.create(user=user, organisation=org_a)
    return user


# --- the list ---------------------------------------------------------------------------------


def test_anonymous_visitors_sign_in_first(client, db):
    for target in (LIST_URL, CREATE_URL):
        response = client.get(target)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_staff_see_their_own_needs(as_user, org_a, org_b, staff_a, colleague_a, coordinator_b):
    mine = need(staff_a, org_a)
    need(colleague_a, org_a, max_days=6)
    response = as_user(staff_a).get(LIST_URL)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [mine]
    assert "Colleague" not in text(response)
    assert 'href="/mobility/needs/new/"' in response.content.decode()
    assert "<caption" in response.content.decode() and 'scope="col"' in response.content.decode()
    assert_headings_in_order(response)


def test_coordinators_see_their_staffs_needs_and_no_others(
    as_user, org_a, org_b, staff_a, coordinator_a, coordinator_b, admin
):
    of_a = need(staff_a, org_a)
    of_a.goals = "Private goals of Alpha's staff."
    of_a.save()
    person_b = make_user("staff.b@example.org")
    Membership.objects.create(user=person_b, organisation=org_b)
    of_b = need(person_b, org_b)
    response = as_user(coordinator_a).get(LIST_URL)
    assert list(response.context["page"].object_list) == [of_a]
    assert str(staff_a) in text(response) and str(person_b) not in text(response)
    other = as_user(coordinator_b).get(LIST_URL)
    assert list(other.context["page"].object_list) == [of_b]
    assert str(staff_a) not in text(other) and of_a.goals not in text(other)
    assert set(as_user(admin).get(LIST_URL).context["page"].object_list) == {of_a, of_b}


def test_coordinators_filter_by_status(as_user, org_a, staff_a, colleague_a, coordinator_a):
    waiting = need(staff_a, org_a)
    waiting.status = LearningNeed.Status.SUBMITTED
    waiting.save()
    need(colleague_a, org_a)
    client = as_user(coordinator_a)
    response = client.get(LIST_URL)
    assert response.context["waiting"] == 1
    assert "1 need waits for your endorsement" in text(response)
    filtered = client.get(LIST_URL, {"status": "submitted"})
    assert list(filtered.context["page"].object_list) == [waiting]
    wrong = client.get(LIST_URL, {"status": "nonsense"})
    assert "status" in errors(wrong)
    assert wrong.context["page"].paginator.count == 2


def test_the_list_runs_a_constant_number_of_queries(
    as_user, org_a, coordinator_a, django_assert_max_num_queries
):
    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            person = make_user(f"staff{number}@example.org")
            Membership.objects.create(user=person, organisation=org_a)
            need(person, org_a)

    add(2, 0)
    client = as_user(coordinator_a)
    with django_assert_max_num_queries(14) as few:
        assert client.get(LIST_URL).context["page"].paginator.count == 2
    add(8, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL)
    assert len(response.context["page"].object_list) == 10


def test_the_list_is_paginated(as_user, org_a, staff_a):
    for _number in range(26):
        need(staff_a, org_a)
    client = as_user(staff_a)
    assert len(client.get(LIST_URL).context["page"].object_list) == 25
    assert len(client.get(LIST_URL, {"page": "2"}).context["page"].object_list) == 1


# --- recording a need ------------------------------------------------------------------------------


def test_staff_record_their_own_need(as_user, org_a, org_b, staff_a):
    practice = Practice.objects.create(
        slug="bread", host=org_b, title="Bread school", is_public=True, status="published"
    )
    Practice.objects.create(slug="hidden", host=org_b, title="Hidden draft", status="draft")
    client = as_user(staff_a)
    page = client.get(CREATE_URL)
    assert page.status_code == 200
    form = page.context["form"]
    assert list(form.fields["organisation"].queryset) == [org_a]
    assert "person" not in form.fields
    assert [p.title for p in form.fields["practices"].queryset] == ["Bread school"]
    body = page.content.decode()
    assert '<label for="id_practices">' in body and 'name="csrfmiddlewaretoken"' in body
    assert_headings_in_order(page)
    response = client.post(
        CREATE_URL,
        form_data(
            organisation=str(org_a.pk),
            practices=[str(practice.pk)],
            fields_of_excellence=[str(form.fields["fields_of_excellence"].queryset[0].pk)],
        ),
    )
    created = LearningNeed.objects.get()
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert created.person == staff_a and created.organisation == org_a
    assert created.created_by == staff_a and created.status == LearningNeed.Status.DRAFT
    assert created.languages == ["en", "de"] and created.accessibility_needs == SECRET
    assert list(created.practices.all()) == [practice] and created.fields.count() == 1


def test_staff_cannot_record_for_another_organisation(as_user, org_a, org_b, staff_a):
    response = as_user(staff_a).post(CREATE_URL, form_data(organisation=str(org_b.pk)))
    assert response.status_code == 400
    assert "organisation" in errors(response)
    assert not LearningNeed.objects.exists()


def test_staff_cannot_slip_in_another_person(as_user, org_a, staff_a, colleague_a):
    response = as_user(staff_a).post(
        CREATE_URL, form_data(organisation=str(org_a.pk), person=str(colleague_a.pk))
    )
    # The field is not on a staff member's form: the need is theirs.
    assert response.status_code == 302
    assert LearningNeed.objects.get().person == staff_a


def test_people_without_an_organisation_cannot_record_needs(as_user, editor):
    assert as_user(editor).get(CREATE_URL).status_code == 403
    assert as_user(editor).post(CREATE_URL, form_data()).status_code == 403


def test_a_coordinator_records_a_need_for_their_staff(
    as_user, org_a, org_b, staff_a, coordinator_a, coordinator_b
):
    client = as_user(coordinator_a)
    people = list(client.get(CREATE_URL).context["form"].fields["person"].queryset)
    assert staff_a in people and coordinator_b not in people
    response = client.post(
        CREATE_URL, form_data(organisation=str(org_a.pk), person=str(staff_a.pk))
    )
    assert response.status_code == 302
    created = LearningNeed.objects.get()
    assert created.person == staff_a and created.created_by == coordinator_a
    refused = client.post(
        CREATE_URL, form_data(organisation=str(org_a.pk), person=str(coordinator_b.pk))
    )
    assert refused.status_code == 400 and "person" in errors(refused)
    assert LearningNeed.objects.count() == 1


def test_a_coordinator_of_two_organisations_records_only_where_they_coordinate(
    as_user, org_a, org_b, staff_a, coordinator_a
):
    Membership.objects.create(user=coordinator_a, organisation=org_b)  # staff in B
    response = as_user(coordinator_a).post(
        CREATE_URL, form_data(organisation=str(org_b.pk), person=str(staff_a.pk))
    )
    assert response.status_code == 400
    assert errors(response)["person"] == [
        "You can record a need for someone else only in an organisation you coordinate."
    ]
    assert not LearningNeed.objects.exists()


def test_admins_record_needs_for_members_only(as_user, org_a, org_b, staff_a, admin):
    client = as_user(admin)
    refused = client.post(CREATE_URL, form_data(organisation=str(org_b.pk), person=str(staff_a.pk)))
    assert refused.status_code == 400
    assert errors(refused)["person"] == [f"{staff_a} is not a member of {org_b.name}."]
    assert not LearningNeed.objects.exists()
    done = client.post(CREATE_URL, form_data(organisation=str(org_a.pk), person=str(staff_a.pk)))
    assert done.status_code == 302 and LearningNeed.objects.get().person == staff_a


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"earliest_start": iso(LATER), "latest_end": iso(SOON)},
            "latest_end",
            "The latest end is before the earliest start.",
        ),
        (
            {"min_days": "6", "max_days": "4"},
            "max_days",
            "The longest stay must be at least the shortest.",
        ),
        (
            {
                "earliest_start": iso(TODAY - dt.timedelta(days=60)),
                "latest_end": iso(TODAY - dt.timedelta(days=1)),
            },
            "latest_end",
            "The latest end is in the past.",
        ),
        (
            {"earliest_start": iso(SOON), "latest_end": iso(SOON + dt.timedelta(days=1))},
            "min_days",
            "The shortest stay does not fit between these dates.",
        ),
        ({"languages": []}, "languages", "Choose at least one language."),
        ({"formats": ["nonsense"]}, "formats", None),
        ({"goals": " "}, "goals", None),
        ({"min_days": "0"}, "min_days", None),
        ({"latest_end": "31/02/2027"}, "latest_end", None),
    ],
)
def test_bad_answers_are_explained_next_to_the_field(
    as_user, org_a, staff_a, changes, field, message
):
    response = as_user(staff_a).post(CREATE_URL, form_data(organisation=str(org_a.pk), **changes))
    assert response.status_code == 400
    found = errors(response)
    assert field in found
    if message:
        assert found[field] == [message]
    assert "field--error" in response.content.decode()
    assert not LearningNeed.objects.exists()


# --- the need's page ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff_a", 200),
        ("coordinator_a", 200),
        ("admin", 200),
        ("colleague_a", 403),
        ("coordinator_b", 403),
        ("editor", 403),
    ],
)
def test_who_reads_a_need(request, as_user, org_a, staff_a, persona, status):
    item = need(staff_a, org_a)
    response = as_user(request.getfixturevalue(persona)).get(url("need_detail", item))
    assert response.status_code == status
    if status == 200:
        page = text(response)
        assert SECRET in page and item.goals in page and str(staff_a) in page
        assert f"{SOON:%d/%m/%Y}" in page and "English" in page
        assert_headings_in_order(response)
    else:
        assert SECRET not in text(response)


def test_anonymous_visitors_cannot_read_a_need(client, org_a, staff_a):
    item = need(staff_a, org_a)
    response = client.get(url("need_detail", item))
    assert response.status_code == 302 and SECRET not in text(response)


def test_the_host_of_a_proposal_reads_the_need(
    as_user, org_a, org_b, staff_a, coordinator_a, coordinator_b
):
    item = need(staff_a, org_a, endorsed_by=coordinator_a)
    assert as_user(coordinator_b).get(url("need_detail", item)).status_code == 403
    host = f.offer(org_b, periods=((SOON, LATER),))
    Proposal.objects.create(
        round=f.planning_round(start=SOON, end=LATER),
        need=item,
        offer=host,
        period=host.periods.get(),
        start_date=SOON,
        end_date=SOON + dt.timedelta(days=4),
        activity_type="SM-JOB-SHDW",
        score=50,
    )
    response = as_user(coordinator_b).get(url("need_detail", item))
    assert response.status_code == 200
    assert response.context["may_edit"] is False and response.context["may_endorse"] is False
    assert "Edit the need" not in text(response)


@pytest.mark.parametrize(
    ("persona", "buttons"),
    [
        ("staff_a", {"Edit the need", "Send for endorsement", "Withdraw the need"}),
        ("coordinator_a", {"Edit the need", "Endorse the need", "Withdraw the need"}),
    ],
)
def test_the_buttons_follow_the_rights(request, as_user, org_a, staff_a, persona, buttons):
    item = need(staff_a, org_a)
    page = text(as_user(request.getfixturevalue(persona)).get(url("need_detail", item)))
    every = {"Edit the need", "Send for endorsement", "Endorse the need", "Withdraw the need"}
    assert {label for label in every if label in page} == buttons


# --- editing ------------------------------------------------------------------------------------


def test_the_person_edits_a_draft(as_user, org_a, staff_a):
    item = need(staff_a, org_a)
    client = as_user(staff_a)
    page = client.get(url("need_edit", item))
    assert page.status_code == 200 and page.context["form"].initial["version"] == 1
    assert "organisation" not in page.context["form"].fields
    assert_headings_in_order(page)
    response = client.post(url("need_edit", item), edit_data(item, goals="New goals."))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.goals == "New goals." and item.version == 2


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("colleague_a", 403), ("coordinator_b", 403), ("editor", 403)],
)
def test_others_cannot_edit(request, as_user, org_a, staff_a, persona, status):
    item = need(staff_a, org_a)
    client = as_user(request.getfixturevalue(persona) if persona else None)
    assert client.get(url("need_edit", item)).status_code == status
    assert (
        client.post(url("need_edit", item), edit_data(item, goals="Hacked")).status_code == status
    )
    item.refresh_from_db()
    assert item.goals != "Hacked"


def test_an_endorsed_need_is_edited_by_the_coordinator_only(as_user, org_a, staff_a, coordinator_a):
    item = need(staff_a, org_a, endorsed_by=coordinator_a)
    item.refresh_from_db()
    owner = as_user(staff_a)
    assert owner.get(url("need_edit", item)).status_code == 403
    assert owner.post(url("need_edit", item), edit_data(item, goals="Mine")).status_code == 403
    response = as_user(coordinator_a).post(url("need_edit", item), edit_data(item, goals="Tuned"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.goals == "Tuned" and item.status == LearningNeed.Status.ENDORSED
    assert item.endorsed_by == coordinator_a


def test_past_dates_may_stay_when_other_answers_change(as_user, org_a, staff_a, coordinator_a):
    item = f.need(staff_a, org_a, endorsed_by=coordinator_a)  # dates in 2025
    item.refresh_from_db()
    response = as_user(coordinator_a).post(url("need_edit", item), edit_data(item, goals="Kept"))
    assert response.status_code == 302
    moved = as_user(coordinator_a).post(
        url("need_edit", item),
        edit_data(item, latest_end=iso(item.latest_end + dt.timedelta(days=1)), version="2"),
    )
    assert moved.status_code == 400
    assert errors(moved)["latest_end"] == ["The latest end is in the past."]


def test_a_withdrawn_need_cannot_be_edited(as_user, org_a, staff_a, coordinator_a):
    item = need(staff_a, org_a)
    item.status = LearningNeed.Status.WITHDRAWN
    item.save()
    assert as_user(coordinator_a).get(url("need_edit", item)).status_code == 403


def test_a_concurrent_edit_is_refused(as_user, org_a, staff_a, coordinator_a):
    item = need(staff_a, org_a)
    stale = edit_data(item, goals="Staff's version")
    assert (
        as_user(coordinator_a)
        .post(url("need_edit", item), edit_data(item, goals="Coordinator's version"))
        .status_code
        == 302
    )
    response = as_user(staff_a).post(url("need_edit", item), stale)
    assert response.status_code == 409
    assert "Someone else saved this page" in text(response)
    assert "Staff&#x27;s version" in response.content.decode()
    item.refresh_from_db()
    assert item.goals == "Coordinator's version"


def test_bad_edits_change_nothing(as_user, org_a, staff_a):
    item = need(staff_a, org_a)
    response = as_user(staff_a).post(
        url("need_edit", item), edit_data(item, goals="Changed", min_days="9", max_days="2")
    )
    assert response.status_code == 400 and "max_days" in errors(response)
    item.refresh_from_db()
    assert item.goals != "Changed" and item.version == 1


# --- submitting, endorsing, withdrawing -------------------------------------------------------------


@pytest.mark.parametrize("name", ["need_submit", "need_endorse", "need_withdraw"])
def test_actions_need_a_post(as_user, org_a, staff_a, coordinator_a, name):
    item = need(staff_a, org_a)
    assert as_user(coordinator_a).get(url(name, item)).status_code == 405
    assert as_user(None).post(url(name, item)).status_code == 302
    item.refresh_from_db()
    assert item.status == LearningNeed.Status.DRAFT


def test_submitting_mails_the_coordinators_in_their_language(
    as_user,
    org_a,
    org_b,
    staff_a,
    coordinator_a,
    coordinator_b,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    second = make_user("second.coord.a@example.org", preferred_language="fr")
    Membership.objects.create(user=second, organisation=org_a, role=Membership.Role.COORDINATOR)
    languages: dict[str, str | None] = {}
    original = services.send_templated_email

    def spy(**kwargs: Any) -> None:
        languages[kwargs["to"]] = kwargs["language"]
        original(**kwargs)

    monkeypatch.setattr(services, "send_templated_email", spy)
    item = need(staff_a, org_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(staff_a).post(url("need_submit", item), follow=True)
    item.refresh_from_db()
    assert item.status == LearningNeed.Status.SUBMITTED
    assert "The need is sent to your coordinators" in text(response)
    assert sorted(m.to[0] for m in mail.outbox) == [coordinator_a.email, second.email]
    assert languages == {coordinator_a.email: "en", second.email: "fr"}
    message = mail.outbox[0]
    assert str(staff_a) in message.subject
    assert f"/mobility/needs/{item.pk}/" in message.body
    assert SECRET not in message.body


def test_only_the_person_submits(as_user, org_a, staff_a, coordinator_a, coordinator_b):
    item = need(staff_a, org_a)
    assert as_user(coordinator_a).post(url("need_submit", item)).status_code == 403
    assert as_user(coordinator_b).post(url("need_submit", item)).status_code == 403
    item.refresh_from_db()
    assert item.status == LearningNeed.Status.DRAFT and not mail.outbox


def test_a_submitted_need_is_not_submitted_twice(
    as_user, org_a, staff_a, coordinator_a, django_capture_on_commit_callbacks
):
    item = need(staff_a, org_a)
    item.status = LearningNeed.Status.SUBMITTED
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(staff_a).post(url("need_submit", item), follow=True)
    assert "Only a draft can be sent for endorsement." in text(response)
    assert not mail.outbox


@pytest.mark.parametrize(
    ("persona", "status"), [("staff_a", 403), ("coordinator_b", 403), ("editor", 403)]
)
def test_only_coordinators_endorse(request, as_user, org_a, staff_a, persona, status):
    item = need(staff_a, org_a)
    assert (
        as_user(request.getfixturevalue(persona)).post(url("need_endorse", item)).status_code
        == status
    )
    item.refresh_from_db()
    assert item.status == LearningNeed.Status.DRAFT


def test_a_coordinator_endorses(as_user, org_a, staff_a, coordinator_a):
    item = need(staff_a, org_a)
    response = as_user(coordinator_a).post(url("need_endorse", item), follow=True)
    item.refresh_from_db()
    assert item.status == LearningNeed.Status.ENDORSED and item.endorsed_by == coordinator_a
    page = text(response)
    assert "The need is endorsed" in page
    assert f"By {coordinator_a} on {timezone.localtime(item.endorsed_at):%d/%m/%Y}" in page
    assert "Endorse the need" not in page


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("staff_a", True), ("coordinator_a", True), ("colleague_a", False), ("coordinator_b", False)],
)
def test_who_withdraws(request, as_user, org_a, staff_a, persona, allowed):
    item = need(staff_a, org_a)
    response = as_user(request.getfixturevalue(persona)).post(url("need_withdraw", item))
    assert response.status_code == (302 if allowed else 403)
    item.refresh_from_db()
    assert (item.status == LearningNeed.Status.WITHDRAWN) is allowed


def test_a_matched_need_is_not_withdrawn(as_user, org_a, staff_a):
    item = need(staff_a, org_a)
    item.status = LearningNeed.Status.MATCHED
    item.save()
    response = as_user(staff_a).post(url("need_withdraw", item), follow=True)
    assert "cancel the mobility instead" in text(response)
    item.refresh_from_db()
    assert item.status == LearningNeed.Status.MATCHED
