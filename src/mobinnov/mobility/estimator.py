"""Budget estimate between two named places: the gazetteer finds the cities,
:mod:`mobinnov.mobility.budget` prices the mobility. Shared by the public
estimator page and ``GET /api/v1/budget/``; errors come back per request
parameter, worded in the active language."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from mobinnov.mobility.budget import (
    BudgetInputError,
    Estimate,
    estimate,
    great_circle_km,
    input_errors,
)
from mobinnov.mobility.ratebook import active_rates
from mobinnov.network.gazetteer import City, locate


class EstimateError(Exception):
    """Inputs that cannot be priced: ``errors`` maps parameter names to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class PlacedEstimate:
    estimate: Estimate
    origin: City
    destination: City
    distance_exact_km: float


def country_name(code: str) -> str:
    return str(countries.name(code)) or code


def budget_error_message(error: BudgetInputError) -> str:
    """The message of a :class:`BudgetInputError` in the active language."""
    params = error.params
    if error.code == "days_out_of_range":
        return _(
            "%(activity)s lasts %(min)s to %(max)s days (travel days not included): "
            "enter a number of days between %(min)s and %(max)s."
        ) % {"activity": params["activity"], "min": params["min_days"], "max": params["max_days"]}
    if error.code == "bad_days":
        return _("Enter a whole number of days.")
    if error.code == "unknown_activity":
        return _("Unknown activity type. Choose one of: %(codes)s.") % {"codes": params["codes"]}
    if error.code == "unknown_call_year":
        return _(
            "There are no rates for the call year %(year)s. Available call years: %(years)s."
        ) % {
            "year": params["call_year"],
            "years": params["years"],
        }
    if error.code == "country_without_group":
        return _(
            "%(country)s is not an Erasmus+ programme country for the %(year)s call: the "
            "receiving country must be in one of the individual-support country groups."
        ) % {"country": country_name(params["country"]), "year": params["call_year"]}
    if error.code == "bad_distance":
        return _("The distance must be a number of kilometres, 0 or more.")
    return str(error)


NOTE_MESSAGES = {
    "example_na_rates": gettext_lazy(
        "The daily rates are an example National Agency's rates inside the EU ranges; "
        "your National Agency's rates may differ."
    ),
    "green_amount_missing": gettext_lazy(
        "This distance band has no green-travel amount for this call year: the standard "
        "amount applies (the extra funded travel days still count)."
    ),
    "inclusion_not_available": gettext_lazy(
        "The rates for this call year have no inclusion-support unit cost for organisations."
    ),
}

ITEM_LABELS = {
    "travel": gettext_lazy("Travel (return trip, distance band)"),
    "individual_support_full": gettext_lazy("Individual support, days at the full daily rate"),
    "individual_support_reduced": gettext_lazy(
        "Individual support, days at the reduced rate (from day 15)"
    ),
    "individual_support_long_stay": gettext_lazy("Individual support, long-stay days"),
    "individual_support_travel_days": gettext_lazy("Individual support, funded travel days"),
    "course_fees": gettext_lazy("Course fees, per course day (capped)"),
    "organisational_support": gettext_lazy("Organisational support"),
    "inclusion_support": gettext_lazy("Inclusion support for organisations"),
}

ACTIVITY_LABELS = {
    "SM-JOB-SHDW": gettext_lazy("Job shadowing"),
    "SM-TTA": gettext_lazy("Teaching or training assignment"),
    "SM-COUR-TRAIN": gettext_lazy("Courses and training"),
    "OA-INV-EXP": gettext_lazy("Invited experts"),
    "OA-HOS-TTT": gettext_lazy("Hosting teachers and educators in training"),
}


def note_message(code: str) -> str:
    return str(NOTE_MESSAGES.get(code, code))


def item_label(item: str) -> str:
    return str(ITEM_LABELS.get(item, item))


def _locate(city: str, country: str, field: str, errors: dict[str, list[str]]) -> City | None:
    city = (city or "").strip()
    country = (country or "").strip().upper()
    country_field = f"{field}_country"
    if not country:
        errors.setdefault(country_field, []).append(
            _("Enter a country code (ISO 3166-1, e.g. FR).")
        )
    elif country not in countries:
        errors.setdefault(country_field, []).append(
            _("“%(code)s” is not a country code (ISO 3166-1 alpha-2, e.g. FR).") % {"code": country}
        )
    if not city:
        errors.setdefault(field, []).append(_("Enter a city."))
    if field in errors or country_field in errors:
        return None
    place = locate(country, city)
    if place is None:
        errors.setdefault(field, []).append(
            _(
                "No city called “%(city)s” was found in %(country)s. Check the spelling and "
                "the country, or try the nearest larger town."
            )
            % {"city": city, "country": country_name(country)}
        )
    return place


def estimate_between(
    *,
    origin: str,
    origin_country: str,
    destination: str,
    destination_country: str,
    activity: str,
    days: int,
    call_year: int,
    green: bool = False,
    fewer_opportunities: bool = False,
) -> PlacedEstimate:
    """The estimate for a mobility from ``origin`` to ``destination`` (city
    names in the given ISO countries); :class:`EstimateError` with one or more
    messages per parameter otherwise."""
    errors: dict[str, list[str]] = {}
    start = _locate(origin, origin_country, "origin", errors)
    end = _locate(destination, destination_country, "destination", errors)
    receiving = (destination_country or "").strip().upper()
    book = active_rates()
    for problem in input_errors(
        receiving_country=receiving, activity=activity, days=days, call_year=call_year, rates=book
    ):
        # A country code that is not ISO at all already has its message.
        if problem.field not in errors:
            errors[problem.field] = [budget_error_message(problem)]
    if errors or start is None or end is None:
        raise EstimateError(errors)
    exact = great_circle_km(start.latitude, start.longitude, end.latitude, end.longitude)
    result = estimate(
        distance_km=exact,
        receiving_country=receiving,
        activity=activity,
        days=days,
        call_year=call_year,
        green=green,
        fewer_opportunities=fewer_opportunities,
        rates=book,
    )
    return PlacedEstimate(estimate=result, origin=start, destination=end, distance_exact_km=exact)
