"""The mobility agreement pages: writing it, approving it as each party,
the reset of approvals when it changes, the frozen agreement, and the
complement written after the mobility."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mobinnov.mobility import services
from mobinnov.mobility.models import Agreement, Mobility
from mobinnov.network.models import Membership, Organisation
from tests.conftest import make_user
from tests.mobility import factories as f
from tests.mobility.test_records_web import assert_accessible, make_org, text

D = dt.date
LOGIN = "/accounts/login/"


@pytest.fixture
def org_c(db: None) -> Organisation:
    return make_org("Instituto Gamma", "ES", "Valencia", 39.47, -0.38, "E10000003")


@pytest.fixture
def coordinator_c(org_c: Organisation) -> Any:
    user = make_user("coord.c@example.org")
    Membership.objects.create(user=user, organisation=org_c, role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def participant(org_a: Organisation) -> Any:
    user = make_user("pat@example.org")
    user.full_name = "Patricia Participant"
    user.save(update_fields=["full_name"])
    Membership.objects.create(user=user, organisation=org_a)
    return user


@pytest.fixture
def to_c(
    participant: Any, org_a: Organisation, org_c: Organisation, coordinator_a: Any
) -> Mobility:
    return f.mobility(participant, org_a, org_c, by=coordinator_a)


@pytest.fixture
def to_b(
    participant: Any, org_a: Organisation, org_b: Organisation, coordinator_a: Any
) -> Mobility:
    return f.mobility(participant, org_a, org_b, by=coordinator_a)


def url(name: str, mobility: Mobility) -> str:
    return reverse(f"mobility:{name}", kwargs={"reference": mobility.reference})


def agreement_data(agreement: Agreement, **overrides: Any) -> dict[str, Any]:
    data = {
        "language": "en",
        "objectives": "Learn workshop assessment.",
        "added_value": "Both schools compare assessment grids.",
        "activities": "Observe, co-assess, debrief.",
        "expected_outcomes": "A new assessment grid back home.",
        "competences": "Assessing practical work\n\n  Giving feedback  \n",
        "recognition": "Europass Mobility.",
        "version": str(agreement.version),
    }
    data.update(overrides)
    return data


def approve_all(mobility: Mobility, participant: Any, sending: Any, receiving: Any) -> None:
    for user, party in (
        (participant, "participant"),
        (sending, "sending"),
        (receiving, "receiving"),
    ):
        services.approve_agreement(mobility.agreement, user, party)


# --- who -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("participant", 200),
        ("coordinator_a", 200),
        ("coordinator_b", 403),  # unrelated to a mobility from A to C
        ("coordinator_c", 200),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_may_open_the_agreement(
    request: Any,
    as_user: Any,
    to_c: Mobility,
    staff_a: Any,
    coordinator_b: Any,
    persona: str,
    status: int,
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = as_user(user)
    for name in ("agreement_edit", "agreement_complement"):
        response = client.get(url(name, to_c))
        assert response.status_code == status, name
        if status == 302:
            assert response["Location"].startswith(LOGIN)
    posted = client.post(url("agreement_edit", to_c), agreement_data(to_c.agreement))
    if status != 200:
        assert posted.status_code == status
        to_c.agreement.refresh_from_db()
        assert to_c.agreement.objectives == ""


@pytest.mark.parametrize("persona", ["anonymous", "staff_a", "coordinator_b", "editor"])
def test_outsiders_cannot_approve(
    request: Any, as_user: Any, to_c: Mobility, persona: str, staff_a, coordinator_b, editor
) -> None:
    f.complete_agreement(to_c, request.getfixturevalue("participant"))
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = as_user(user).post(url("agreement_approve", to_c), {"party": "sending"})
    assert response.status_code in (302, 403)
    assert response.status_code == (302 if user is None else 403)
    assert not to_c.agreement.approvals.exists()


# --- writing ------------------------------------------------------------------------------


def test_the_participant_writes_the_agreement(
    as_user: Any, participant: Any, to_b: Mobility
) -> None:
    client = as_user(participant)
    page = client.get(url("agreement_edit", to_b))
    assert_accessible(page)
    assert page.context["form"].initial["version"] == to_b.agreement.version
    response = client.post(url("agreement_edit", to_b), agreement_data(to_b.agreement), follow=True)
    assert "The agreement is saved." in text(response)
    agreement = Agreement.objects.get(pk=to_b.agreement.pk)
    assert agreement.objectives == "Learn workshop assessment."
    assert agreement.competences == ["Assessing practical work", "Giving feedback"]
    assert agreement.language == "en"
    again = client.get(url("agreement_edit", to_b))
    assert again.context["form"].initial["competences"] == (
        "Assessing practical work\nGiving feedback"
    )


def test_bad_agreement_input_is_shown_next_to_the_field(
    as_user: Any, participant: Any, to_b: Mobility
) -> None:
    data = agreement_data(to_b.agreement, language="xx", competences="a" * 201)
    response = as_user(participant).post(url("agreement_edit", to_b), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"language", "competences"} <= set(errors)
    assert "Keep each competence under 200 characters." in text(response)
    to_b.agreement.refresh_from_db()
    assert to_b.agreement.objectives == ""


def test_a_concurrent_agreement_edit_is_refused_with_409(
    as_user: Any, participant: Any, coordinator_b: Any, to_b: Mobility
) -> None:
    stale = agreement_data(to_b.agreement, objectives="My parallel objectives.")
    first = as_user(coordinator_b).post(url("agreement_edit", to_b), agreement_data(to_b.agreement))
    assert first.status_code == 302
    response = as_user(participant).post(url("agreement_edit", to_b), stale)
    assert response.status_code == 409
    assert "Someone else saved this page" in text(response)
    assert "My parallel objectives." in text(response)
    to_b.agreement.refresh_from_db()
    assert to_b.agreement.objectives == "Learn workshop assessment."


def test_a_change_after_an_approval_resets_it_and_says_so(
    as_user: Any, participant: Any, coordinator_b: Any, to_b: Mobility
) -> None:
    f.complete_agreement(to_b, participant)
    services.approve_agreement(to_b.agreement, participant, "participant")
    to_b.agreement.refresh_from_db()
    data = agreement_data(to_b.agreement, objectives="Also learn safety briefings.")
    response = as_user(coordinator_b).post(url("agreement_edit", to_b), data, follow=True)
    page = text(response)
    assert "The approvals were reset because the agreement changed" in page
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"Approvals were reset on {today} by Coord.B because the agreement changed." in page
    assert not to_b.agreement.approvals.exists()


# --- approving ---------------------------------------------------------------------------


def test_each_party_approves_and_the_third_freezes(
    as_user: Any, participant: Any, coordinator_a: Any, coordinator_b: Any, to_b: Mobility
) -> None:
    f.complete_agreement(to_b, participant)
    approve = url("agreement_approve", to_b)
    first = as_user(participant).post(approve, {"party": "participant"}, follow=True)
    assert "Approved as participant." in text(first)
    assert "Patricia Participant" in text(first)
    wrong = as_user(participant).post(approve, {"party": "sending"}, follow=True)
    assert "You cannot approve for this party." in text(wrong)
    again = as_user(participant).post(approve, {"party": "participant"}, follow=True)
    assert "This party has already approved." in text(again)
    as_user(coordinator_a).post(approve, {"party": "sending"})
    last = as_user(coordinator_b).post(approve, {"party": "receiving"}, follow=True)
    assert (
        "The three parties approved: the agreement is frozen and the mobility is agreed."
        in text(last)
    )
    to_b.refresh_from_db()
    assert to_b.status == Mobility.Status.AGREED and to_b.agreement.is_frozen
    assert to_b.agreement.approvals.count() == 3


def test_an_incomplete_agreement_cannot_be_approved(
    as_user: Any, participant: Any, to_b: Mobility
) -> None:
    response = as_user(participant).post(
        url("agreement_approve", to_b), {"party": "participant"}, follow=True
    )
    assert "Complete the agreement before approving it" in text(response)
    assert not to_b.agreement.approvals.exists()


def test_a_made_up_party_is_refused(as_user: Any, participant: Any, to_b: Mobility) -> None:
    f.complete_agreement(to_b, participant)
    response = as_user(participant).post(
        url("agreement_approve", to_b), {"party": "everyone"}, follow=True
    )
    assert "You cannot approve for this party." in text(response)
    assert as_user(participant).get(url("agreement_approve", to_b)).status_code == 405


def test_a_frozen_agreement_is_read_only(
    as_user: Any, participant: Any, coordinator_a: Any, coordinator_b: Any, to_b: Mobility
) -> None:
    f.complete_agreement(to_b, participant)
    approve_all(to_b, participant, coordinator_a, coordinator_b)
    client = as_user(coordinator_a)
    page = client.get(url("agreement_edit", to_b))
    assert page.status_code == 200
    assert_accessible(page)
    body = text(page)
    assert "it is frozen and can no longer be changed" in body
    assert "Learn workshop assessment." in body and "Giving feedback" in body
    assert "<textarea" not in body and "Save the agreement" not in body
    refused = client.post(
        url("agreement_edit", to_b),
        agreement_data(to_b.agreement, objectives="A late change."),
    )
    assert "frozen" in text(refused)
    to_b.agreement.refresh_from_db()
    assert to_b.agreement.objectives == "Learn workshop assessment."
    detail = text(client.get(to_b.get_absolute_url()))
    assert "Read the agreement" in detail and "Approve the agreement as" not in detail


# --- complement --------------------------------------------------------------------------


def test_the_complement_waits_for_the_mobility(
    as_user: Any, participant: Any, to_b: Mobility
) -> None:
    client = as_user(participant)
    page = client.get(url("agreement_complement", to_b))
    assert_accessible(page)
    assert "The complement is written once the mobility has taken place." in text(page)
    assert "Record the complement" not in text(page)
    client.post(url("agreement_complement", to_b), {"took_place_as_planned": "yes"})
    to_b.agreement.refresh_from_db()
    assert to_b.agreement.took_place_as_planned is None


@pytest.fixture
def taken_place(
    participant: Any, coordinator_a: Any, coordinator_b: Any, to_b: Mobility
) -> Mobility:
    f.complete_agreement(to_b, participant)
    approve_all(to_b, participant, coordinator_a, coordinator_b)
    services.set_status(to_b, "under_way", coordinator_a)
    services.set_status(to_b, "completed", coordinator_a)
    to_b.refresh_from_db()
    return to_b


def test_a_different_mobility_needs_a_text(
    as_user: Any, participant: Any, taken_place: Mobility
) -> None:
    client = as_user(participant)
    page = client.get(url("agreement_complement", taken_place))
    assert_accessible(page)
    refused = client.post(url("agreement_complement", taken_place), {"took_place_as_planned": "no"})
    assert refused.status_code == 200
    assert "Say what was different from the plan." in refused.context["form"].errors["complement"]
    missing = client.post(url("agreement_complement", taken_place), {})
    assert "took_place_as_planned" in missing.context["form"].errors
    taken_place.agreement.refresh_from_db()
    assert taken_place.agreement.took_place_as_planned is None
    done = client.post(
        url("agreement_complement", taken_place),
        {"took_place_as_planned": "no", "complement": "Day 3 moved to a partner company."},
        follow=True,
    )
    assert "The complement of the agreement is recorded." in text(done)
    assert "Day 3 moved to a partner company." in text(done)
    agreement = Agreement.objects.get(pk=taken_place.agreement.pk)
    assert agreement.took_place_as_planned is False and agreement.complement_by == participant


def test_the_complement_as_planned(as_user: Any, coordinator_b: Any, taken_place: Mobility) -> None:
    as_user(coordinator_b).post(
        url("agreement_complement", taken_place), {"took_place_as_planned": "yes"}
    )
    agreement = Agreement.objects.get(pk=taken_place.agreement.pk)
    assert agreement.took_place_as_planned is True and agreement.complement == ""
    page = text(as_user(coordinator_b).get(taken_place.get_absolute_url()))
    assert "The mobility took place as planned." in page
    form = as_user(coordinator_b).get(url("agreement_complement", taken_place)).context["form"]
    assert form.initial["took_place_as_planned"] == "yes"
