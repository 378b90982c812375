"""Erasmus+ unit costs per call year, read from ``data/erasmus_rates.json``.

The rates are data with provenance: every figure keeps the ``source`` and the
``confidence`` tag (V official EC source, S secondary source quoting the
Programme Guide, U unverified) it has in shared/domain/erasmus-rules.md and its
research file. Nothing here knows an amount; change the JSON, not the code.

``load_rates`` validates the whole file and raises :class:`RatesError` naming
the call year and the figure at fault: a broken table must stop the estimator
loudly rather than produce a plausible wrong grant.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

RATES_FILE = Path(__file__).resolve().parent / "data" / "erasmus_rates.json"

CONFIDENCE_TAGS = frozenset({"V", "S", "U"})
# Erasmus+ Beneficiary Module codes of the staff and "other" activities
# (EC wiki "Activity Types in KA121 projects" [V]); anything else is a typo.
KNOWN_ACTIVITY_CODES = frozenset(
    {"SM-JOB-SHDW", "SM-TTA", "SM-COUR-TRAIN", "OA-INV-EXP", "OA-HOS-TTT"}
)


class RatesError(ValueError):
    """The rates file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Provenance:
    source: str
    confidence: str


@dataclass(frozen=True)
class Amount:
    """One figure (``None`` when the call year has none) and where it comes from."""

    value: Decimal | None
    source: str
    confidence: str


@dataclass(frozen=True)
class TravelBand:
    """One-way distance band, both edges inclusive in whole kilometres
    (``max_km`` None for the open last band); amounts cover the return trip."""

    label: str
    min_km: int
    max_km: int | None
    standard: Decimal
    green: Decimal | None  # None: no green amount, the standard one applies
    source: str
    confidence: str


@dataclass(frozen=True)
class Activity:
    code: str
    name: str
    min_days: int
    max_days: int
    course_fees: bool
    course_fee_max_days: int | None
    source: str
    confidence: str


@dataclass(frozen=True)
class DailyRate:
    """Individual support per day for one receiving-country group: the EU range
    (either end may be unknown) and the rate the NA chose inside it."""

    group: int
    eu_min: Decimal | None
    eu_max: Decimal | None
    eu_range: Provenance
    na_rate: Decimal
    na_rate_provenance: Provenance


@dataclass(frozen=True)
class Reduction:
    """Days 1..full_rate_days at 100%, later days at reduced_share; optionally
    long_stay_share from long_stay_from_day on."""

    full_rate_days: int
    reduced_share: Decimal
    count_travel_days: bool
    provenance: Provenance
    long_stay_enabled: bool
    long_stay_from_day: int
    long_stay_share: Decimal
    long_stay_provenance: Provenance


@dataclass(frozen=True)
class CallYearRates:
    call_year: int
    currency: str
    travel_bands: tuple[TravelBand, ...]
    travel_days_standard: int
    travel_days_green: int
    travel_days: Provenance
    activities: Mapping[str, Activity]
    course_fee_per_day: Amount
    organisational_support: Amount
    inclusion_support: Amount
    country_groups: Mapping[str, int]  # ISO 3166-1 alpha-2 -> group
    country_groups_provenance: Mapping[int, Provenance]
    daily_rates: Mapping[int, DailyRate]
    na_rates_note: str
    reduction: Reduction


@dataclass(frozen=True)
class RateBook:
    years: Mapping[int, CallYearRates]

    @property
    def call_years(self) -> list[int]:
        return sorted(self.years)

    @property
    def activity_codes(self) -> list[str]:
        codes: dict[str, None] = {}
        for year in self.call_years:
            codes.update(dict.fromkeys(self.years[year].activities))
        return list(codes)


# --- parsing helpers: each names what is wrong and where --------------------


def _get(node: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(node, Mapping) or key not in node:
        raise RatesError(f"{where}: missing '{key}'")
    return node[key]


def _int(node: Mapping[str, Any], key: str, where: str, *, minimum: int = 0) -> int:
    value = _get(node, key, where)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RatesError(f"{where}: '{key}' must be a whole number >= {minimum}, got {value!r}")
    return value


def _money(value: Any, where: str, *, nullable: bool = False) -> Decimal | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise RatesError(f"{where}: expected an amount >= 0, got {value!r}")
    return Decimal(str(value))


def _share(node: Mapping[str, Any], key: str, where: str) -> Decimal:
    value = _get(node, key, where)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise RatesError(f"{where}: '{key}' must be a share in (0, 1], got {value!r}")
    return Decimal(str(value))


def _provenance(node: Mapping[str, Any], where: str) -> Provenance:
    source = _get(node, "source", where)
    confidence = _get(node, "confidence", where)
    if not isinstance(source, str) or not source.strip():
        raise RatesError(f"{where}: 'source' must be a non-empty text")
    if confidence not in CONFIDENCE_TAGS:
        raise RatesError(f"{where}: 'confidence' must be one of V, S, U, got {confidence!r}")
    return Provenance(source=source, confidence=confidence)


def _amount(node: Mapping[str, Any], where: str, *, nullable: bool = False) -> Amount:
    prov = _provenance(node, where)
    value = _money(_get(node, "value", where), where, nullable=nullable)
    return Amount(value=value, source=prov.source, confidence=prov.confidence)


def _bands(rows: Any, where: str) -> tuple[TravelBand, ...]:
    if not isinstance(rows, list) or not rows:
        raise RatesError(f"{where}: 'travel_bands' must be a non-empty list")
    bands: list[TravelBand] = []
    for index, row in enumerate(rows):
        here = f"{where} travel band #{index + 1}"
        prov = _provenance(row, here)
        label = _get(row, "label", here)
        min_km = _int(row, "min_km", here)
        max_km = _get(row, "max_km", here)
        if max_km is not None and (isinstance(max_km, bool) or not isinstance(max_km, int)):
            raise RatesError(f"{here}: 'max_km' must be a whole number or null")
        standard = _money(_get(row, "standard", here), f"{here} standard")
        green = _money(_get(row, "green", here), f"{here} green", nullable=True)
        assert standard is not None
        if max_km is not None and max_km < min_km:
            raise RatesError(f"{here}: max_km {max_km} is below min_km {min_km}")
        expected = f"{min_km}+" if max_km is None else f"{min_km}-{max_km}"
        if label != expected:
            raise RatesError(f"{here}: label {label!r} should be {expected!r}")
        if green is not None and green < standard:
            raise RatesError(f"{here}: the green amount {green} is below the standard {standard}")
        if bands:
            previous = bands[-1]
            if previous.max_km is None:
                raise RatesError(f"{here}: a band follows the open-ended band {previous.label}")
            if min_km != previous.max_km + 1:
                raise RatesError(
                    f"{here}: bands must be contiguous, {previous.label} is followed by {label}"
                )
            if standard < previous.standard:
                raise RatesError(f"{here}: the standard amount decreases after {previous.label}")
        elif min_km != 0:
            raise RatesError(f"{here}: the first band must start at 0 km")
        bands.append(
            TravelBand(label, min_km, max_km, standard, green, prov.source, prov.confidence)
        )
    if bands[-1].max_km is not None:
        raise RatesError(f"{where}: the last band must be open-ended (max_km null)")
    return tuple(bands)


def _activities(rows: Any, where: str) -> dict[str, Activity]:
    if not isinstance(rows, list) or not rows:
        raise RatesError(f"{where}: 'activities' must be a non-empty list")
    activities: dict[str, Activity] = {}
    for row in rows:
        code = _get(row, "code", f"{where} activity")
        here = f"{where} activity {code}"
        if code not in KNOWN_ACTIVITY_CODES:
            raise RatesError(
                f"{here}: unknown activity code (known: {sorted(KNOWN_ACTIVITY_CODES)})"
            )
        if code in activities:
            raise RatesError(f"{here}: listed twice")
        prov = _provenance(row, here)
        min_days = _int(row, "min_days", here, minimum=1)
        max_days = _int(row, "max_days", here, minimum=1)
        if max_days < min_days:
            raise RatesError(f"{here}: max_days {max_days} is below min_days {min_days}")
        course_fees = _get(row, "course_fees", here)
        fee_days = _get(row, "course_fee_max_days", here)
        if not isinstance(course_fees, bool):
            raise RatesError(f"{here}: 'course_fees' must be true or false")
        if course_fees != (fee_days is not None):
            raise RatesError(f"{here}: 'course_fee_max_days' is set exactly when 'course_fees' is")
        if fee_days is not None:
            fee_days = _int(row, "course_fee_max_days", here, minimum=1)
        activities[code] = Activity(
            code=code,
            name=str(_get(row, "name", here)),
            min_days=min_days,
            max_days=max_days,
            course_fees=course_fees,
            course_fee_max_days=fee_days,
            source=prov.source,
            confidence=prov.confidence,
        )
    return activities


def _groups(node: Any, where: str) -> tuple[dict[str, int], dict[int, Provenance]]:
    if not isinstance(node, Mapping) or not node:
        raise RatesError(f"{where}: 'country_groups' must be a non-empty object")
    countries: dict[str, int] = {}
    provenance: dict[int, Provenance] = {}
    for key, entry in node.items():
        here = f"{where} country group {key}"
        if not str(key).isdigit():
            raise RatesError(f"{here}: group keys are numbers")
        group = int(key)
        provenance[group] = _provenance(entry, here)
        codes = _get(entry, "countries", here)
        if not isinstance(codes, list) or not codes:
            raise RatesError(f"{here}: 'countries' must be a non-empty list")
        for code in codes:
            if not (isinstance(code, str) and len(code) == 2 and code.isalpha() and code.isupper()):
                raise RatesError(f"{here}: {code!r} is not an ISO 3166-1 alpha-2 code")
            if code in countries:
                raise RatesError(
                    f"{here}: {code} is already in group {countries[code]} (groups must be disjoint)"
                )
            countries[code] = group
    return countries, provenance


def _daily_rates(node: Any, groups: set[int], where: str) -> dict[int, DailyRate]:
    if not isinstance(node, Mapping):
        raise RatesError(f"{where}: 'daily_rates' must be an object")
    rates: dict[int, DailyRate] = {}
    for key, entry in node.items():
        here = f"{where} daily rate for group {key}"
        if not str(key).isdigit() or int(key) not in groups:
            raise RatesError(f"{here}: no such country group")
        eu = _get(entry, "eu_range", here)
        eu_prov = _provenance(eu, f"{here} eu_range")
        eu_min = _money(_get(eu, "min", here), f"{here} eu_range min", nullable=True)
        eu_max = _money(_get(eu, "max", here), f"{here} eu_range max", nullable=True)
        na = _amount(_get(entry, "na_rate", here), f"{here} na_rate")
        assert na.value is not None
        if eu_min is not None and eu_max is not None and eu_min > eu_max:
            raise RatesError(f"{here}: EU range {eu_min}-{eu_max} is reversed")
        if (eu_min is not None and na.value < eu_min) or (eu_max is not None and na.value > eu_max):
            raise RatesError(
                f"{here}: NA rate {na.value} is outside the EU range {eu_min}-{eu_max}"
            )
        rates[int(key)] = DailyRate(
            group=int(key),
            eu_min=eu_min,
            eu_max=eu_max,
            eu_range=eu_prov,
            na_rate=na.value,
            na_rate_provenance=Provenance(na.source, na.confidence),
        )
    missing = groups - set(rates)
    if missing:
        raise RatesError(f"{where}: no daily rate for group(s) {sorted(missing)}")
    return rates


def _reduction(node: Any, long_stay: Any, where: str) -> Reduction:
    here = f"{where} reduction"
    full_days = _int(node, "full_rate_days", here, minimum=1)
    count_travel = _get(node, "count_travel_days", here)
    enabled = _get(long_stay, "enabled", f"{where} long_stay_reduction")
    if not isinstance(count_travel, bool) or not isinstance(enabled, bool):
        raise RatesError(f"{where}: 'count_travel_days' and 'enabled' must be true or false")
    from_day = _int(long_stay, "from_day", f"{where} long_stay_reduction", minimum=1)
    if from_day <= full_days:
        raise RatesError(f"{where}: the long-stay reduction must start after day {full_days}")
    return Reduction(
        full_rate_days=full_days,
        reduced_share=_share(node, "reduced_share", here),
        count_travel_days=count_travel,
        provenance=_provenance(node, here),
        long_stay_enabled=enabled,
        long_stay_from_day=from_day,
        long_stay_share=_share(long_stay, "share", f"{where} long_stay_reduction"),
        long_stay_provenance=_provenance(long_stay, f"{where} long_stay_reduction"),
    )


def _call_year(node: Mapping[str, Any]) -> CallYearRates:
    year = _int(node, "call_year", "call year", minimum=2014)
    where = f"call {year}"
    currency = _get(node, "currency", where)
    if currency != "EUR":
        raise RatesError(f"{where}: currency must be EUR, got {currency!r}")
    travel = _get(node, "funded_travel_days", where)
    days_standard = _int(travel, "standard", f"{where} funded_travel_days")
    days_green = _int(travel, "green", f"{where} funded_travel_days")
    if days_green < days_standard:
        raise RatesError(f"{where}: green travel funds fewer travel days than standard travel")
    countries, group_prov = _groups(_get(node, "country_groups", where), where)
    note = _get(node, "na_rates_note", where)
    return CallYearRates(
        call_year=year,
        currency=currency,
        travel_bands=_bands(_get(node, "travel_bands", where), where),
        travel_days_standard=days_standard,
        travel_days_green=days_green,
        travel_days=_provenance(travel, f"{where} funded_travel_days"),
        activities=_activities(_get(node, "activities", where), where),
        course_fee_per_day=_amount(_get(node, "course_fee_per_day", where), f"{where} course fee"),
        organisational_support=_amount(
            _get(node, "organisational_support", where), f"{where} organisational support"
        ),
        inclusion_support=_amount(
            _get(node, "inclusion_support", where), f"{where} inclusion support", nullable=True
        ),
        country_groups=countries,
        country_groups_provenance=group_prov,
        daily_rates=_daily_rates(_get(node, "daily_rates", where), set(group_prov), where),
        na_rates_note=str(note),
        reduction=_reduction(
            _get(node, "reduction", where), _get(node, "long_stay_reduction", where), where
        ),
    )


def parse_rates(data: Any) -> RateBook:
    """A validated :class:`RateBook` from the decoded JSON document."""
    years = _get(data, "call_years", "rates file")
    if not isinstance(years, list) or not years:
        raise RatesError("rates file: 'call_years' must be a non-empty list")
    book: dict[int, CallYearRates] = {}
    for node in years:
        rates = _call_year(node)
        if rates.call_year in book:
            raise RatesError(f"call {rates.call_year}: listed twice")
        book[rates.call_year] = rates
    return RateBook(years=book)


def load_rates(path: Path | str = RATES_FILE) -> RateBook:
    """Read and validate a rates file; :class:`RatesError` if anything is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise RatesError(f"cannot read the rates file {path}: {error}") from error
    return parse_rates(data)


@lru_cache(maxsize=1)
def default_rates() -> RateBook:
    """The shipped rates file, read once per process."""
    return load_rates()
