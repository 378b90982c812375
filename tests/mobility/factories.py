"""Builders for mobility tests: offers, needs, rounds and mobilities made
through the services, as the web pages make them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mobinnov.accounts.models import User
from mobinnov.mobility import services
from mobinnov.mobility.models import HostOffer, LearningNeed, Mobility, OfferPeriod, PlanningRound
from mobinnov.network.models import Organisation

D = dt.date
APRIL, END_OF_MAY = D(2025, 4, 1), D(2025, 5, 31)
YEAR_START, YEAR_END = D(2025, 1, 1), D(2025, 12, 31)
WEEK_START, WEEK_END = D(2025, 4, 7), D(2025, 4, 11)


def offer(
    host: Organisation,
    *,
    periods: tuple[tuple[dt.date, dt.date], ...] = ((D(2025, 3, 1), D(2025, 6, 30)),),
    capacity: int = 2,
    languages: tuple[str, ...] = ("en",),
    formats: tuple[str, ...] = ("SM-JOB-SHDW",),
    practices: tuple[Any, ...] = (),
    status: str = HostOffer.Status.OPEN,
    min_days: int = 2,
    max_days: int = 10,
    title: str = "",
) -> HostOffer:
    created = HostOffer.objects.create(
        organisation=host,
        title=title or f"Visit {host.name}",
        capacity=capacity,
        languages=list(languages),
        formats=list(formats),
        min_days=min_days,
        max_days=max_days,
        programme="Observe workshops and meet trainers.",
        status=status,
    )
    created.practices.set(practices)
    for start, end in periods:
        OfferPeriod.objects.create(offer=created, start=start, end=end)
    return created


def need(
    person: User,
    organisation: Organisation,
    *,
    earliest: dt.date = APRIL,
    latest: dt.date = END_OF_MAY,
    languages: tuple[str, ...] = ("en",),
    formats: tuple[str, ...] = ("SM-JOB-SHDW",),
    min_days: int = 3,
    max_days: int = 5,
    endorsed_by: User | None = None,
    practices: tuple[Any, ...] = (),
    fields: tuple[Any, ...] = (),
) -> LearningNeed:
    created = LearningNeed.objects.create(
        person=person,
        organisation=organisation,
        goals="Learn how apprentices are assessed in the workshop.",
        earliest_start=earliest,
        latest_end=latest,
        min_days=min_days,
        max_days=max_days,
        languages=list(languages),
        formats=list(formats),
        created_by=person,
    )
    created.practices.set(practices)
    created.fields.set(fields)
    if endorsed_by is not None:
        services.endorse_need(created, endorsed_by)
    return created


def planning_round(
    *,
    organisation: Organisation | None = None,
    start: dt.date = YEAR_START,
    end: dt.date = YEAR_END,
    weight: float = 10,
) -> PlanningRound:
    return PlanningRound.objects.create(
        name="Spring 2025",
        organisation=organisation,
        period_start=start,
        period_end=end,
        reciprocity_weight=weight,
    )


def mobility(
    participant: User,
    sending: Organisation,
    receiving: Organisation,
    *,
    start: dt.date = WEEK_START,
    end: dt.date = WEEK_END,
    activity: str = "SM-JOB-SHDW",
    by: User | None = None,
    **extra: Any,
) -> Mobility:
    return services.create_mobility(
        by or participant,
        participant=participant,
        sending_organisation=sending,
        receiving_organisation=receiving,
        activity_type=activity,
        start_date=start,
        end_date=end,
        **extra,
    )


def complete_agreement(mobility: Mobility, by: User) -> None:
    agreement = mobility.agreement
    services.update_agreement(
        agreement,
        {
            "language": "en",
            "objectives": "Learn workshop assessment.",
            "added_value": "Both schools compare assessment grids.",
            "activities": "Day 1 observe, day 2 co-assess, day 3 debrief.",
            "expected_outcomes": "A new assessment grid back home.",
            "competences": ["Assessing practical work", "Giving feedback"],
            "recognition": "Europass Mobility.",
        },
        by,
        agreement.version,
    )
