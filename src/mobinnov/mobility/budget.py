"""Erasmus+ KA1 staff mobility budget arithmetic: distance, band, unit costs.

Pure functions over the rate tables of :mod:`mobinnov.mobility.rates`; no
database, no request, no translation (errors carry a field, a code and
parameters; the callers word them). The amounts are all in the tables: this
module only knows how they combine.

Choices, with their sources (shared/domain/erasmus-rules.md and
sources/erasmus-rules-research.md §2.1):

* Distance. The EC Distance Calculator gives the one-way "as the crow flies"
  distance between the origin and destination cities; the band found covers
  the return trip, so the distance is never doubled [V]. Third parties
  describe it as a Haversine / great-circle distance [S-weak]; its Earth model
  is not published [U]. :func:`great_circle_km` uses the haversine formula on a
  sphere of radius 6371.0 km, the IUGG mean Earth radius (6371.0088 km)
  rounded as the usual haversine implementations do; the rounding changes a
  distance by 0.00014 %. A sphere differs from the ellipsoid by at most
  about 0.5 % (about 5 km at 1,000 km), so near a band edge a coordinator
  should enter the official calculator's figure, which is why
  :func:`estimate` takes a distance rather than coordinates.
* Whole kilometres. The bands are stated in whole kilometres ("10-99",
  "100-499", "500-1999") and the Beneficiary Module requires the "real
  distance in kilometres" to fall inside the band selected (EC wiki glossary
  "Distance band and Main means of transport" [V]). The estimate therefore
  reports an integer ``distance_km``: the great-circle distance truncated to
  the whole kilometre (how the official calculator rounds is not documented
  [U]; truncation makes the reported kilometres and the band always agree).
* Band edges. A band holds the distances from its lower figure (inclusive) up
  to the next band's lower figure (exclusive): both printed edges are
  inclusive in whole kilometres, so 500 km exactly is "500-1999", 499.9 km is
  "100-499", 1,999.9 km is "500-1999" and 2,000 km is "2000-2999".
* Travel days. Funded travel days are "up to 2", or "up to 6" with green
  travel [V]; an estimate counts the maximum. Under 10 km the band has no
  travel grant and no travel day is counted (an estimator assumption).
* Individual support. Days 1-14 of the activity at the daily rate, later days
  at 70 % of it rounded to the cent [S] (and, only if the tables enable it,
  50 % from day 61 [U]); travel days are paid at the full daily rate [V] and
  do not count towards day 14 unless the tables say so
  (``reduction.count_travel_days``, an assumption [U]).
* Course fees: per day for at most the activity's ``course_fee_max_days``
  (10 for SM-COUR-TRAIN). Organisational support: once per participant.
  Inclusion support: once per participant with fewer opportunities, when the
  call year has a unit cost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from mobinnov.mobility.rates import (
    CallYearRates,
    RateBook,
    TravelBand,
    default_rates,
)

EARTH_RADIUS_KM = 6371.0
CENTS = Decimal("0.01")


class BudgetInputError(ValueError):
    """An input the tables cannot price. ``field`` names the request parameter
    at fault (``days``, ``activity``, ``call_year``, ``destination_country``,
    ``distance_km``), ``code`` the reason and ``params`` the figures a message
    needs; ``str(error)`` is an English message."""

    def __init__(self, field: str, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.params = params


@dataclass(frozen=True)
class BreakdownLine:
    """One line of the budget: ``quantity`` x ``unit_amount`` = ``amount``."""

    item: str
    quantity: int
    unit_amount: Decimal
    amount: Decimal
    source: str
    confidence: str


@dataclass(frozen=True)
class Estimate:
    call_year: int
    activity: str
    days: int
    green: bool
    fewer_opportunities: bool
    receiving_country: str
    country_group: int
    distance_km: int
    distance_band: str
    travel_grant: Decimal
    travel_days: int
    daily_rate: Decimal
    individual_support: Decimal
    course_fees: Decimal
    organisational_support: Decimal
    inclusion_support: Decimal
    total: Decimal
    currency: str = "EUR"
    breakdown: tuple[BreakdownLine, ...] = ()
    # Codes of caveats worth showing: "green_amount_missing" (no green amount
    # in the band, the standard one applies), "inclusion_not_available" (no
    # inclusion unit cost for the call year), "example_na_rates".
    notes: tuple[str, ...] = ()


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points (degrees), by the
    haversine formula on a sphere of radius :data:`EARTH_RADIUS_KM`."""
    for name, value, limit in (
        ("lat1", lat1, 90),
        ("lon1", lon1, 180),
        ("lat2", lat2, 90),
        ("lon2", lon2, 180),
    ):
        if not math.isfinite(value) or abs(value) > limit:
            raise ValueError(f"{name} must be a number between -{limit} and {limit}, got {value}")
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def whole_km(km: float) -> int:
    """The distance in whole kilometres as reported and banded (truncated)."""
    if not math.isfinite(km) or km < 0:
        raise BudgetInputError(
            "distance_km",
            "bad_distance",
            f"The distance must be a number of kilometres >= 0, got {km}.",
            distance=km,
        )
    return math.floor(km)


def distance_band(km: float, rates: CallYearRates) -> TravelBand:
    """The travel band of a one-way distance: lower edge inclusive, upper edge
    exclusive at the next band's lower edge (500 km exactly is "500-1999")."""
    whole = whole_km(km)
    for band in rates.travel_bands:
        if band.min_km <= whole and (band.max_km is None or whole <= band.max_km):
            return band
    # The loader guarantees contiguous bands from 0 to an open-ended last one.
    raise AssertionError(f"no band for {whole} km in call {rates.call_year}")


def call_year_rates(call_year: int, rates: RateBook | None = None) -> CallYearRates:
    book = rates or default_rates()
    try:
        return book.years[call_year]
    except KeyError:
        years = ", ".join(str(year) for year in book.call_years)
        raise BudgetInputError(
            "call_year",
            "unknown_call_year",
            f"No rates for call year {call_year}; known call years: {years}.",
            call_year=call_year,
            years=years,
        ) from None


def input_errors(
    *,
    receiving_country: str,
    activity: str,
    days: int,
    call_year: int,
    rates: RateBook | None = None,
) -> list[BudgetInputError]:
    """Every reason why the tables cannot price these inputs (empty: fine),
    at most one per field, so a form can show them all at once."""
    book = rates or default_rates()
    try:
        year = call_year_rates(call_year, book)
    except BudgetInputError as error:
        problems = [error]
        if activity not in book.activity_codes:
            codes = ", ".join(book.activity_codes)
            problems.append(
                BudgetInputError(
                    "activity",
                    "unknown_activity",
                    f"Unknown activity {activity!r}; known: {codes}.",
                    activity=activity,
                    codes=codes,
                )
            )
        return problems
    problems = []
    kind = year.activities.get(activity)
    if kind is None:
        codes = ", ".join(year.activities)
        problems.append(
            BudgetInputError(
                "activity",
                "unknown_activity",
                f"Unknown activity {activity!r} for call {call_year}; known: {codes}.",
                activity=activity,
                codes=codes,
            )
        )
    if isinstance(days, bool) or not isinstance(days, int):
        problems.append(
            BudgetInputError(
                "days", "bad_days", f"The days must be a whole number, got {days!r}.", days=days
            )
        )
    elif kind is not None and not kind.min_days <= days <= kind.max_days:
        problems.append(
            BudgetInputError(
                "days",
                "days_out_of_range",
                f"{kind.code} ({kind.name}) lasts {kind.min_days} to {kind.max_days} days, "
                f"travel days excluded; {days} days is outside these limits.",
                activity=kind.code,
                min_days=kind.min_days,
                max_days=kind.max_days,
                days=days,
            )
        )
    country = str(receiving_country or "").strip().upper()
    if country not in year.country_groups:
        problems.append(
            BudgetInputError(
                "destination_country",
                "country_without_group",
                f"{country or '(none)'} is not a receiving country of the call {call_year} "
                "tables (no individual-support country group): Erasmus+ programme countries "
                "only.",
                country=country,
                call_year=call_year,
            )
        )
    return problems


def estimate(
    *,
    distance_km: float,
    receiving_country: str,
    activity: str,
    days: int,
    call_year: int,
    green: bool = False,
    fewer_opportunities: bool = False,
    rates: RateBook | None = None,
) -> Estimate:
    """The Erasmus+ grant of one participant: travel, individual support,
    course fees, organisational and inclusion support, with a breakdown.

    ``distance_km`` is the one-way distance (computed or the official
    calculator's), ``days`` the activity days without travel days,
    ``receiving_country`` an ISO 3166-1 alpha-2 code. Raises
    :class:`BudgetInputError` for anything the tables cannot price."""
    problems = input_errors(
        receiving_country=receiving_country,
        activity=activity,
        days=days,
        call_year=call_year,
        rates=rates,
    )
    if problems:
        raise problems[0]
    year = call_year_rates(call_year, rates)
    kind = year.activities[activity]
    country = str(receiving_country).strip().upper()
    group = year.country_groups[country]

    notes: list[str] = ["example_na_rates"]
    lines: list[BreakdownLine] = []

    # Travel: one amount per participant for the return trip.
    band = distance_band(distance_km, year)
    travel_grant = band.standard
    if green:
        if band.green is None:
            notes.append("green_amount_missing")
        else:
            travel_grant = band.green
    lines.append(
        BreakdownLine("travel", 1, travel_grant, travel_grant, band.source, band.confidence)
    )
    if band.standard == 0:
        travel_days = 0
    else:
        travel_days = year.travel_days_green if green else year.travel_days_standard

    # Individual support.
    daily = year.daily_rates[group]
    rate = daily.na_rate
    rule = year.reduction
    counted = days + (travel_days if rule.count_travel_days else 0)
    full = min(counted, rule.full_rate_days)
    long_stay = 0
    if rule.long_stay_enabled:
        long_stay = max(0, counted - rule.long_stay_from_day + 1)
    reduced = counted - full - long_stay
    na_source = daily.na_rate_provenance
    support_lines = [
        BreakdownLine(
            "individual_support_full",
            full,
            rate,
            rate * full,
            na_source.source,
            na_source.confidence,
        )
    ]
    if reduced:
        unit = _money(rate * rule.reduced_share)
        support_lines.append(
            BreakdownLine(
                "individual_support_reduced",
                reduced,
                unit,
                unit * reduced,
                rule.provenance.source,
                rule.provenance.confidence,
            )
        )
    if long_stay:
        unit = _money(rate * rule.long_stay_share)
        support_lines.append(
            BreakdownLine(
                "individual_support_long_stay",
                long_stay,
                unit,
                unit * long_stay,
                rule.long_stay_provenance.source,
                rule.long_stay_provenance.confidence,
            )
        )
    if travel_days and not rule.count_travel_days:
        support_lines.append(
            BreakdownLine(
                "individual_support_travel_days",
                travel_days,
                rate,
                rate * travel_days,
                year.travel_days.source,
                year.travel_days.confidence,
            )
        )
    individual_support = _money(sum((line.amount for line in support_lines), Decimal(0)))
    lines.extend(support_lines)

    # Course fees, for the activities that have them, capped in days.
    course_fees = Decimal(0)
    if kind.course_fees:
        fee = year.course_fee_per_day
        assert fee.value is not None and kind.course_fee_max_days is not None
        fee_days = min(days, kind.course_fee_max_days)
        course_fees = fee.value * fee_days
        lines.append(
            BreakdownLine(
                "course_fees", fee_days, fee.value, course_fees, fee.source, fee.confidence
            )
        )

    org = year.organisational_support
    organisational_support = org.value or Decimal(0)
    lines.append(
        BreakdownLine(
            "organisational_support",
            1,
            organisational_support,
            organisational_support,
            org.source,
            org.confidence,
        )
    )

    inclusion_support = Decimal(0)
    if fewer_opportunities:
        inclusion = year.inclusion_support
        if inclusion.value is None:
            notes.append("inclusion_not_available")
        else:
            inclusion_support = inclusion.value
            lines.append(
                BreakdownLine(
                    "inclusion_support",
                    1,
                    inclusion.value,
                    inclusion.value,
                    inclusion.source,
                    inclusion.confidence,
                )
            )

    lines = [
        BreakdownLine(
            line.item,
            line.quantity,
            _money(line.unit_amount),
            _money(line.amount),
            line.source,
            line.confidence,
        )
        for line in lines
    ]
    total = _money(
        travel_grant + individual_support + course_fees + organisational_support + inclusion_support
    )
    return Estimate(
        call_year=year.call_year,
        activity=kind.code,
        days=days,
        green=green,
        fewer_opportunities=fewer_opportunities,
        receiving_country=country,
        country_group=group,
        distance_km=whole_km(distance_km),
        distance_band=band.label,
        travel_grant=_money(travel_grant),
        travel_days=travel_days,
        daily_rate=_money(rate),
        individual_support=individual_support,
        course_fees=_money(course_fees),
        organisational_support=_money(organisational_support),
        inclusion_support=_money(inclusion_support),
        total=total,
        currency=year.currency,
        breakdown=tuple(lines),
        notes=tuple(notes),
    )
