from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mobinnov.mobility.estimator import (
    ACTIVITY_LABELS,
    EstimateError,
    PlacedEstimate,
    estimate_between,
)
from mobinnov.mobility.ratebook import active_rates


def _country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *((code, str(name)) for code, name in countries)]


def _activity_choices() -> list[tuple[str, str]]:
    rates = active_rates()
    latest = rates.years[rates.call_years[-1]]
    choices = []
    for code in rates.activity_codes:
        kind = latest.activities.get(code)
        name = ACTIVITY_LABELS.get(code, kind.name if kind else code)
        if kind is None:
            choices.append((code, f"{name} ({code})"))
        else:
            choices.append(
                (
                    code,
                    _("%(name)s (%(code)s, %(min)s to %(max)s days)")
                    % {"name": name, "code": code, "min": kind.min_days, "max": kind.max_days},
                )
            )
    return choices


def _year_choices() -> list[tuple[int, str]]:
    return [(year, str(year)) for year in reversed(active_rates().call_years)]


class EstimatorForm(forms.Form):
    """The public budget estimator: two cities, an activity, days, a call year."""

    origin = forms.CharField(
        label=_("City of departure"),
        max_length=200,
        help_text=_("Usually the city of the sending organisation."),
    )
    origin_country = forms.ChoiceField(label=_("Country of departure"), choices=_country_choices)
    destination = forms.CharField(label=_("City of the receiving organisation"), max_length=200)
    destination_country = forms.ChoiceField(
        label=_("Receiving country"),
        choices=_country_choices,
        help_text=_("An Erasmus+ programme country: it sets the daily rate."),
    )
    activity = forms.ChoiceField(label=_("Activity type"), choices=_activity_choices)
    days = forms.IntegerField(
        label=_("Days of activity"),
        help_text=_("Travel days not included: they are added to the budget."),
    )
    call_year = forms.TypedChoiceField(label=_("Call year"), choices=_year_choices, coerce=int)
    green = forms.BooleanField(
        label=_("Green travel (train, bus, car-pooling, bike…)"), required=False
    )
    fewer_opportunities = forms.BooleanField(
        label=_("Participant with fewer opportunities"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.result: PlacedEstimate | None = None
        if not self.is_bound:
            self.initial.setdefault("call_year", active_rates().call_years[-1])
            self.initial.setdefault("activity", "SM-JOB-SHDW")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            self.result = estimate_between(
                origin=cleaned["origin"],
                origin_country=cleaned["origin_country"],
                destination=cleaned["destination"],
                destination_country=cleaned["destination_country"],
                activity=cleaned["activity"],
                days=cleaned["days"],
                call_year=cleaned["call_year"],
                green=cleaned.get("green", False),
                fewer_opportunities=cleaned.get("fewer_opportunities", False),
            )
        except EstimateError as error:
            for name, messages in error.errors.items():
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        return cleaned
