"""The demo mobility data: offers for most practices, 30+ needs, a completed
round with accepted matches, an open round, 30+ mobilities in every status over
several years, agreements in each state, budgets; loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from mobinnov.mobility.models import (
    Agreement,
    HostOffer,
    LearningNeed,
    Mobility,
    PlanningRound,
    Proposal,
)
from mobinnov.practices.models import Practice


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("load_demo", "--force", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_offers_for_most_practices(demo: str, db: None) -> None:
    public = Practice.objects.filter(is_public=True).count()
    with_offer = Practice.objects.filter(host_offers__status="open").distinct().count()
    assert with_offer > public / 2
    assert set(HostOffer.objects.values_list("status", flat=True)) == {"open", "draft", "closed"}
    assert "host offers" in demo


def test_needs_in_every_state(demo: str, db: None) -> None:
    assert LearningNeed.objects.count() >= 30
    states = set(LearningNeed.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "endorsed", "matched"} <= states


def test_one_completed_round_and_one_in_decision(demo: str, db: None) -> None:
    closed = PlanningRound.objects.get(status=PlanningRound.Status.CLOSED)
    accepted = closed.proposals.filter(status=Proposal.Status.ACCEPTED)
    assert accepted.count() >= 5 and closed.optimal
    assert all(p.mobility.status in ("completed", "evaluated") for p in accepted)
    upcoming = PlanningRound.objects.get(status=PlanningRound.Status.SOLVED)
    statuses = set(upcoming.proposals.values_list("status", flat=True))
    assert {"proposed", "accepted", "declined"} <= statuses


def test_mobilities_in_every_status_and_year(demo: str, db: None) -> None:
    assert Mobility.objects.count() >= 30
    assert set(Mobility.objects.values_list("status", flat=True)) == set(Mobility.Status.values)
    years = {d.year for d in Mobility.objects.dates("start_date", "year")}
    assert len(years) >= 4
    priced = Mobility.objects.exclude(grant_total=0).count()
    assert priced == Mobility.objects.count()
    assert not Mobility.objects.exclude(budget_error="").exists()


def test_agreements_in_each_state(demo: str, db: None) -> None:
    agreements = Agreement.objects.all()
    assert agreements.filter(frozen_at__isnull=False).exists()
    assert agreements.filter(objectives="").exists()  # not written yet
    assert agreements.filter(approvals_reset_at__isnull=False).exists()
    partly = [a for a in agreements.filter(frozen_at__isnull=True) if a.approvals.exists()]
    assert partly
    assert agreements.filter(complement_at__isnull=False, took_place_as_planned=False).exists()


def test_second_run_creates_nothing(demo: str, db: None) -> None:
    from mobinnov.impact.models import Invitation

    before = (
        Mobility.objects.count(),
        LearningNeed.objects.count(),
        HostOffer.objects.count(),
        Invitation.objects.count(),
    )
    call_command("load_demo", "--force", stdout=StringIO())
    assert (
        Mobility.objects.count(),
        LearningNeed.objects.count(),
        HostOffer.objects.count(),
        Invitation.objects.count(),
    ) == before


# --- the evaluation data of the same demo ------------------------------------------


def test_invitations_in_every_state(demo: str, db: None) -> None:
    from mobinnov.impact.models import Invitation

    states = set(Invitation.objects.values_list("status", flat=True))
    assert states == set(Invitation.Status.values)
    assert "Evaluation:" in demo


def test_answers_of_60_participants_most_improve_not_all(demo: str, db: None) -> None:
    from mobinnov.impact import codes
    from mobinnov.impact.models import Answer, Invitation, Wave

    submitted = Invitation.objects.filter(status=Invitation.Status.SUBMITTED).exclude(
        wave=Wave.HOST
    )
    assert submitted.values("mobility").distinct().count() >= 60
    assert submitted.values("mobility__participant").distinct().count() >= 60
    ratings = Answer.objects.filter(
        item__code=codes.COMPETENCE,
        variant=Answer.Variant.NOW,
        invitation__status=Invitation.Status.SUBMITTED,
    ).values_list("invitation__mobility_id", "competence", "invitation__wave", "number")
    by_key: dict[tuple[int, str], dict[str, float]] = {}
    for mobility, competence, wave, number in ratings:
        by_key.setdefault((mobility, competence), {})[wave] = number
    changes = [v["T1"] - v["T0"] for v in by_key.values() if {"T0", "T1"} <= set(v)]
    assert len(changes) >= 60
    improved = sum(change > 0 for change in changes)
    assert improved > len(changes) / 2 and improved < len(changes)
    # Some drop out: fewer T2 than T1 answers.
    waves = list(submitted.values_list("wave", flat=True))
    assert waves.count(Wave.T2) < waves.count(Wave.T1)


def test_implementation_records_draw_the_transfer_map(demo: str, db: None) -> None:
    from mobinnov.impact.models import ImplementationRecord

    records = ImplementationRecord.objects.all()
    assert records.count() >= 25
    assert set(records.values_list("stage", flat=True)) == set(ImplementationRecord.Stage.values)
    travelled = records.filter(
        stage__in=["piloting", "implemented", "embedded"], practice__is_public=True
    ).values_list("practice__host_id", "mobility__sending_organisation_id")
    assert len(set(travelled)) >= 5
