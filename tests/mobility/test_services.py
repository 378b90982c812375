"""The planning flow through the services: need, offer, round, decisions,
mobility, agreement, budget; and the refusals with their messages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mobinnov.mobility import services
from mobinnov.mobility.models import (
    Agreement,
    Approval,
    HostOffer,
    LearningNeed,
    Mobility,
    Proposal,
)
from mobinnov.mobility.services import MobilityError
from mobinnov.network.models import Membership
from tests.conftest import make_user
from tests.mobility import factories as f

D = dt.date


@pytest.fixture
def host_b(org_b, coordinator_b):
    return f.offer(org_b, capacity=1)


def test_round_end_to_end(org_a, org_b, staff_a, coordinator_a, coordinator_b, host_b):
    need = f.need(staff_a, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round()
    result = services.solve_round(rnd, coordinator_a)
    assert result.proposals == 1 and result.optimal
    proposal = rnd.proposals.get()
    assert proposal.need == need and proposal.offer == host_b
    assert proposal.score_parts["language"] == 10
    assert (proposal.end_date - proposal.start_date).days + 1 == 5
    assert services.decide(proposal, coordinator_a, "sending", True) is None
    with pytest.raises(MobilityError):
        services.decide(proposal, coordinator_a, "host", True)
    mobility = services.decide(proposal, coordinator_b, "host", True)
    assert mobility is not None and mobility.status == Mobility.Status.PLANNED
    assert mobility.reference == f"{org_a.pk:06d}-MOB-00001"
    need.refresh_from_db()
    assert need.status == LearningNeed.Status.MATCHED
    # Lyon -> Köln is 500-1999 km; 2025 travel 309.
    assert mobility.distance_band == "500-1999"
    assert mobility.travel_grant == Decimal("309.00")
    assert mobility.grant_total > mobility.travel_grant


def test_declined_pair_is_not_proposed_again(
    org_a, org_b, staff_a, coordinator_a, coordinator_b, host_b
):
    f.need(staff_a, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round()
    services.solve_round(rnd, coordinator_a)
    proposal = rnd.proposals.get()
    with pytest.raises(MobilityError) as refused:
        services.decide(proposal, coordinator_b, "host", False)
    assert "reason" in refused.value.errors
    services.decide(proposal, coordinator_b, "host", False, "No trainer free that week.")
    result = services.solve_round(rnd, coordinator_a)
    assert result.proposals == 0 and result.unmatched == 1
    entry = rnd.entries.get()
    assert entry.unmatched_reasons == ["declined"]


def test_unmatched_reasons(org_a, org_b, staff_a, coordinator_a, coordinator_b):
    f.offer(org_b, languages=("de",))
    f.offer(org_a)  # own organisation
    f.need(staff_a, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round()
    services.solve_round(rnd, coordinator_a)
    assert rnd.entries.get().unmatched_reasons == ["own_organisation", "language"]


def test_capacity_reason(org_a, org_b, coordinator_a, coordinator_b, host_b):
    for i in range(2):
        person = make_user(f"t{i}@example.org")
        Membership.objects.create(user=person, organisation=org_a)
        f.need(person, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round(weight=0)
    result = services.solve_round(rnd, coordinator_a)
    assert result.proposals == 1
    assert sorted(e.unmatched_reasons for e in rnd.entries.all()) == [[], ["capacity"]]


def test_empty_round_is_a_clear_result(admin):
    rnd = f.planning_round()
    result = services.solve_round(rnd, admin)
    assert result.proposals == 0 and result.unmatched == 0 and result.optimal


def test_resolve_keeps_half_accepted(org_a, org_b, staff_a, coordinator_a, coordinator_b, host_b):
    f.need(staff_a, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round()
    services.solve_round(rnd, coordinator_a)
    first = rnd.proposals.get()
    services.decide(first, coordinator_a, "sending", True)
    services.solve_round(rnd, coordinator_a)
    assert list(rnd.proposals.values_list("pk", "status")) == [(first.pk, Proposal.Status.PROPOSED)]


def test_mobility_refusals(org_a, org_b, staff_a, coordinator_a):
    f.mobility(staff_a, org_a, org_b, by=coordinator_a)
    with pytest.raises(MobilityError) as overlap:
        f.mobility(staff_a, org_a, org_b, start=D(2025, 4, 10), end=D(2025, 4, 14))
    assert "overlap" in overlap.value.errors["start_date"][0]
    with pytest.raises(MobilityError) as own:
        f.mobility(staff_a, org_a, org_a, start=D(2025, 6, 2), end=D(2025, 6, 6))
    assert "receiving_organisation" in own.value.errors
    with pytest.raises(MobilityError) as backwards:
        f.mobility(staff_a, org_a, org_b, start=D(2025, 6, 6), end=D(2025, 6, 2))
    assert "end_date" in backwards.value.errors
    with pytest.raises(MobilityError) as too_long:
        f.mobility(staff_a, org_a, org_b, start=D(2025, 6, 1), end=D(2025, 9, 1))
    assert "2 to 60 days" in too_long.value.errors["end_date"][0]
    Membership.objects.create(user=staff_a, organisation=org_b)
    with pytest.raises(MobilityError) as host_staff:
        f.mobility(staff_a, org_a, org_b, start=D(2025, 6, 2), end=D(2025, 6, 6))
    assert "participant" in host_staff.value.errors
    assert Mobility.objects.count() == 1


def test_manual_booking_cannot_exceed_capacity(org_a, org_b, staff_a, coordinator_a):
    host = f.offer(org_b, capacity=1)
    period = host.periods.get()
    f.mobility(staff_a, org_a, org_b, offer=host, offer_period=period)
    other = make_user("other@example.org")
    Membership.objects.create(user=other, organisation=org_a)
    with pytest.raises(MobilityError) as full:
        f.mobility(other, org_a, org_b, offer=host, offer_period=period)
    assert "full" in full.value.errors["offer_period"][0]


def test_agreement_approvals_reset_and_freeze(org_a, org_b, staff_a, coordinator_a, coordinator_b):
    mobility = f.mobility(staff_a, org_a, org_b, by=coordinator_a)
    agreement = mobility.agreement
    with pytest.raises(MobilityError):
        services.approve_agreement(agreement, staff_a, Approval.Party.PARTICIPANT)
    f.complete_agreement(mobility, staff_a)
    agreement.refresh_from_db()
    assert services.approve_agreement(agreement, staff_a, "participant") is False
    with pytest.raises(MobilityError):
        services.approve_agreement(agreement, staff_a, "sending")
    assert services.approve_agreement(agreement, coordinator_a, "sending") is False
    agreement.refresh_from_db()
    assert services.update_agreement(
        agreement, {"objectives": "Changed."}, coordinator_b, agreement.version
    )
    assert agreement.approvals.count() == 0 and agreement.approvals_reset_by == coordinator_b
    for user, party in ((staff_a, "participant"), (coordinator_a, "sending")):
        assert services.approve_agreement(agreement, user, party) is False
    assert services.approve_agreement(agreement, coordinator_b, "receiving") is True
    agreement.refresh_from_db()
    mobility.refresh_from_db()
    assert agreement.is_frozen and mobility.status == Mobility.Status.AGREED
    with pytest.raises(MobilityError):
        services.update_agreement(
            agreement, {"objectives": "Late change."}, coordinator_a, agreement.version
        )


def test_budget_recalculated_from_actual_dates(org_a, org_b, staff_a, coordinator_a):
    mobility = f.mobility(staff_a, org_a, org_b, by=coordinator_a, call_year=2024)
    planned = mobility.individual_support
    services.update_mobility(mobility, {"end_date": D(2025, 4, 9)}, coordinator_a, mobility.version)
    mobility.refresh_from_db()
    assert mobility.individual_support < planned
    services.update_mobility(
        mobility, {"official_distance_km": 2100}, coordinator_a, mobility.version
    )
    mobility.refresh_from_db()
    assert mobility.distance_band == "2000-2999" and mobility.distance_km < 2000
    assert mobility.travel_grant == Decimal("395.00")


def test_ledger_counts_both_ways(org_a, org_b, staff_a, coordinator_b):
    f.mobility(staff_a, org_a, org_b)
    visitor = make_user("visitor@example.org")
    Membership.objects.create(user=visitor, organisation=org_b)
    f.mobility(visitor, org_b, org_a, start=D(2024, 5, 6), end=D(2024, 5, 15))
    book = services.ledger()
    assert book.get(org_a.pk, org_b.pk).sent == 1 and book.get(org_a.pk, org_b.pk).days == 5
    assert book.get(org_b.pk, org_a.pk).days == 10
    assert book.balance(org_a.pk, org_b.pk) == 0
    assert services.ledger(year=2024).balance(org_a.pk, org_b.pk) == -1


def test_stale_form_cannot_unfreeze_agreement(org_a, org_b, staff_a, coordinator_a, coordinator_b):
    mobility = f.mobility(staff_a, org_a, org_b, by=coordinator_a)
    f.complete_agreement(mobility, coordinator_a)
    stale = Agreement.objects.get(pk=mobility.agreement.pk)
    for user, party in (
        (staff_a, "participant"),
        (coordinator_a, "sending"),
        (coordinator_b, "receiving"),
    ):
        services.approve_agreement(Agreement.objects.get(pk=stale.pk), user, party)
    with pytest.raises(MobilityError):
        services.update_agreement(stale, {"objectives": "After the freeze"}, staff_a, stale.version)
    fresh = Agreement.objects.get(pk=stale.pk)
    assert fresh.is_frozen and fresh.objectives == "Learn workshop assessment."


def test_withdrawn_need_or_closed_offer_never_becomes_mobility(
    org_a, org_b, staff_a, coordinator_a, coordinator_b
):
    host = f.offer(org_b, capacity=1)
    need = f.need(staff_a, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round()
    services.solve_round(rnd, coordinator_a)
    proposal = rnd.proposals.get()
    HostOffer.objects.filter(pk=host.pk).update(status=HostOffer.Status.CLOSED)
    with pytest.raises(MobilityError, match="closed"):
        services.decide(proposal, coordinator_a, "sending", True)
    HostOffer.objects.filter(pk=host.pk).update(status=HostOffer.Status.OPEN)
    services.withdraw_need(need, staff_a)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUPERSEDED
    with pytest.raises(MobilityError):
        services.decide(proposal, coordinator_a, "sending", True)
    assert not Mobility.objects.exists()


def test_period_of_another_offer_is_refused(org_a, org_b, staff_a, coordinator_a):
    first = f.offer(org_b, capacity=1)
    other = f.offer(org_b, capacity=1, periods=((D(2026, 1, 1), D(2026, 1, 31)),))
    with pytest.raises(MobilityError) as refused:
        f.mobility(staff_a, org_a, org_b, offer=first, offer_period=other.periods.get())
    assert "offer_period" in refused.value.errors


def test_need_of_cancelled_mobility_is_matched_again(
    org_a, org_b, staff_a, coordinator_a, coordinator_b
):
    f.offer(org_b, capacity=2)
    need = f.need(staff_a, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round()
    services.solve_round(rnd, coordinator_a)
    proposal = rnd.proposals.get()
    services.decide(proposal, coordinator_a, "sending", True)
    mobility = services.decide(proposal, coordinator_b, "host", True)
    assert mobility is not None
    services.set_status(mobility, Mobility.Status.CANCELLED, coordinator_a, "Ill.")
    need.refresh_from_db()
    assert need.status == LearningNeed.Status.ENDORSED
    assert services.solve_round(rnd, coordinator_a).proposals == 1
