"""Closing the loop: coordinators record what they changed because of the
evaluation results; who may see and add; bad input; pagination and queries;
participants see the actions of their organisation on their own page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mobinnov.impact.models import FeedbackAction
from mobinnov.network.models import Membership
from tests.conftest import make_user
from tests.impact.test_implementation_web import (
    LOGIN,
    assert_accessible,
    persona_client,
    text,
)


def url_for(organisation: Any) -> str:
    return reverse("impact:feedback_list", kwargs={"slug": organisation.slug})


def valid(**values: Any) -> dict[str, Any]:
    data = {
        "year": str(timezone.localdate().year - 1),
        "finding": "Half of the participants found the preparation too short.",
        "action": "A preparation day with the host's programme before every departure.",
    }
    data.update(values)
    return data


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_sees_and_adds_the_actions_of_an_organisation(
    request, as_user, org_a, org_b, persona, status
):
    client = persona_client(request, as_user, persona)

    page = client.get(url_for(org_a))
    posted = client.post(url_for(org_a), valid())

    assert page.status_code == status
    if status == 302:
        assert page["Location"].startswith(LOGIN)
    if status == 200:
        assert_accessible(page)
        assert posted.status_code == 302
        action = FeedbackAction.objects.get()
        assert action.organisation == org_a
        assert action.created_by == request.getfixturevalue(persona)
        assert "A preparation day" in text(client.get(url_for(org_a)))
    else:
        assert FeedbackAction.objects.count() == 0


def test_each_coordinator_sees_only_their_organisation(as_user, coordinator_b, org_a, org_b):
    FeedbackAction.objects.create(organisation=org_a, year=2024, finding="A's", action="A did")
    FeedbackAction.objects.create(organisation=org_b, year=2024, finding="B's", action="B did")

    body = text(as_user(coordinator_b).get(url_for(org_b)))

    assert "B did" in body and "A did" not in body


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"year": "1999"}, "year", "greater than or equal to 2014"),
        ({"year": str(timezone.localdate().year + 1)}, "year", "less than or equal to"),
        ({"year": "soon"}, "year", "Enter a whole number."),
        ({"finding": "   "}, "finding", "This field is required."),
        ({"action": ""}, "action", "This field is required."),
        ({"action": "x" * 3001}, "action", "at most 3000 characters"),
    ],
)
def test_bad_input_is_shown_next_to_its_field(
    as_user, coordinator_a, org_a, changes, field, message
):
    response = as_user(coordinator_a).post(url_for(org_a), valid(**changes))

    body = text(response)
    assert response.status_code == 200
    start = body.index(f'for="id_{field}"')
    assert message in body[start : start + 1500]
    assert FeedbackAction.objects.count() == 0


def test_an_unknown_organisation_is_not_found(as_user, admin):
    assert as_user(admin).get("/evaluation/feedback/no-such-partner/").status_code == 404


def test_an_admin_switches_organisation_with_a_select(as_user, admin, org_a, org_b):
    client = as_user(admin)

    page = client.get(url_for(org_a))
    switched = client.get(url_for(org_a), {"organisation": org_b.slug})
    nonsense = client.get(url_for(org_a), {"organisation": "../../etc"})

    assert f'<option value="{org_b.slug}">' in page.content.decode()
    assert switched.status_code == 302 and switched["Location"] == url_for(org_b)
    assert nonsense.status_code == 200


def test_a_coordinator_cannot_switch_to_another_organisation(as_user, coordinator_a, org_a, org_b):
    response = as_user(coordinator_a).get(url_for(org_a), {"organisation": org_b.slug})
    assert response.status_code == 200
    assert f'href="{url_for(org_b)}"' not in response.content.decode()
    assert f'<option value="{org_b.slug}">' not in response.content.decode()


def test_the_actions_are_paginated_and_queries_do_not_grow(
    as_user, coordinator_a, org_a, django_assert_max_num_queries
):
    client = as_user(coordinator_a)

    def add(count: int) -> None:
        FeedbackAction.objects.bulk_create(
            FeedbackAction(
                organisation=org_a,
                year=2020 + number % 5,
                finding=f"Finding {number}",
                action=f"Action {number}",
                created_by=coordinator_a,
            )
            for number in range(count)
        )

    add(2)
    with django_assert_max_num_queries(12) as few:
        client.get(url_for(org_a))
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url_for(org_a))
    assert text(response).count("Results of") == 10

    add(20)
    assert text(client.get(url_for(org_a))).count("Results of") == 25
    assert text(client.get(url_for(org_a), {"page": 2})).count("Results of") == 5


def test_participants_see_what_their_organisation_changed(as_user, staff_a, org_a, org_b):
    FeedbackAction.objects.create(
        organisation=org_a, year=2025, finding="Too short", action="Longer preparation"
    )
    FeedbackAction.objects.create(
        organisation=org_b, year=2025, finding="Other's", action="Not for Alpha's staff"
    )
    outsider = make_user("outsider@example.org")
    Membership.objects.create(user=outsider, organisation=org_b, role=Membership.Role.STAFF)

    mine = text(as_user(staff_a).get(reverse("impact:my_evaluation")))
    theirs = text(as_user(outsider).get(reverse("impact:my_evaluation")))

    assert "Longer preparation" in mine and "Not for Alpha's staff" not in mine
    assert "Lycée professionnel Alpha, results of 2025" in mine
    assert "Longer preparation" not in theirs and "Not for Alpha's staff" in theirs
