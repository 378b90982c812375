"""Forms of the mobility records pages: booking and editing a mobility, its
day-by-day programme, its status, its agreement and the complement.

The forms only read and shape what people type; every rule about what may be
saved lives in :mod:`mobinnov.mobility.services`, whose
:class:`~mobinnov.mobility.services.MobilityError` messages the views put next
to the fields (:func:`add_service_errors`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mobinnov.accounts.models import User
from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.mobility.estimator import ACTIVITY_LABELS
from mobinnov.mobility.models import HostOffer, Mobility, OfferPeriod
from mobinnov.mobility.ratebook import active_rates
from mobinnov.mobility.services import MobilityError
from mobinnov.network.models import Organisation
from mobinnov.practices.models import Practice


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Where a service's message about a field the form does not have goes.
SERVICE_FIELD_ALIASES = {"offer": "offer_period"}


def add_service_errors(form: forms.BaseForm, error: MobilityError) -> None:
    """Put a service's refusal next to the fields it names (or on top of the form)."""
    for name, messages in error.errors.items():
        target = SERVICE_FIELD_ALIASES.get(name or "", name)
        if target not in form.fields:
            target = None
        for message in messages:
            form.add_error(target, message)


def activity_label(code: str) -> str:
    """The name of an Erasmus+ activity type, in the active language."""
    return str(ACTIVITY_LABELS.get(code, code))


def activity_choices() -> list[tuple[str, str]]:
    rates = active_rates()
    latest = rates.years[rates.call_years[-1]]
    choices = []
    for code in rates.activity_codes:
        kind = latest.activities.get(code)
        name = str(ACTIVITY_LABELS.get(code, kind.name if kind else code))
        choices.append((code, f"{name} ({code})"))
    return choices


def call_year_choices() -> list[tuple[Any, Any]]:
    return [
        ("", _("The year of the first day")),
        *((year, str(year)) for year in reversed(active_rates().call_years)),
    ]


def country_choices() -> list[tuple[str, str]]:
    return [("", "—"), *((code, str(name)) for code, name in countries)]


class PeriodChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        offer = obj.offer
        return f"{offer.organisation.name} — {offer.title}: {obj}"


class PracticeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.host.name})"


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


def periods_of_open_offers(*, exclude_host: int | None = None, keep: int | None = None) -> QuerySet:
    """Periods of the open offers of active partners (and the one already chosen)."""
    queryset = OfferPeriod.objects.filter(
        offer__status=HostOffer.Status.OPEN, offer__organisation__is_active=True
    )
    if exclude_host is not None:
        queryset = queryset.exclude(offer__organisation_id=exclude_host)
    if keep is not None:
        queryset = queryset | OfferPeriod.objects.filter(pk=keep)
    return queryset.select_related("offer", "offer__organisation").order_by(
        "offer__organisation__name", "offer__title", "start", "pk"
    )


class MobilityFields(forms.Form):
    """What a coordinator records about a mobility (booking and editing)."""

    activity_type = forms.ChoiceField(label=_("Activity type"), choices=activity_choices)
    call_year = forms.TypedChoiceField(
        label=_("Call year"),
        choices=call_year_choices,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("The call whose rates price the mobility."),
    )
    project_code = forms.CharField(
        label=_("Project code"),
        max_length=40,
        required=False,
        help_text=_("As in the grant agreement, for example 2024-1-FR01-KA121-VET-000123456."),
    )
    start_date = forms.DateField(label=_("First day of activity"), widget=date_input())
    end_date = forms.DateField(label=_("Last day of activity"), widget=date_input())
    travel_days = forms.IntegerField(
        label=_("Travel days"),
        min_value=0,
        max_value=30,
        initial=2,
        help_text=_(
            "Days spent travelling, outside the activity dates: up to 2, up to 6 by green travel."
        ),
    )
    offer_period = PeriodChoiceField(
        label=_("Host offer and period"),
        queryset=OfferPeriod.objects.none(),
        required=False,
        empty_label=_("No offer (a visit arranged directly)"),
        help_text=_("An open offer of the receiving organisation, if the visit follows one."),
    )
    practices = PracticeChoiceField(
        label=_("Practices the participant will see"),
        queryset=Practice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Practices of the receiving organisation."),
    )
    origin_city = forms.CharField(
        label=_("Travelling from (city)"),
        max_length=120,
        required=False,
        help_text=_("Empty: the sending organisation's city."),
    )
    origin_country = forms.ChoiceField(
        label=_("Travelling from (country)"), choices=country_choices, required=False
    )
    green_travel = forms.BooleanField(
        label=_("Green travel (train, bus, car sharing…)"), required=False
    )
    transport = forms.ChoiceField(
        label=_("Main means of transport"),
        choices=[("", "—"), *Mobility.Transport.choices],
        required=False,
    )
    blended = forms.BooleanField(label=_("Blended mobility"), required=False)
    fewer_opportunities = forms.BooleanField(
        label=_("Participant with fewer opportunities"), required=False
    )
    official_distance_km = forms.IntegerField(
        label=_("Distance from the official calculator (km)"),
        min_value=0,
        max_value=40000,
        required=False,
        help_text=_("Leave empty to use the computed distance."),
    )

    def receiving_organisation_id(self) -> int | None:
        """The host the offer period must belong to: the booking form reads it
        from its field, the edit form from the mobility (both override this);
        None skips the check."""
        return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        receiving = self.receiving_organisation_id()
        period = cleaned.get("offer_period")
        if (
            period is not None
            and receiving is not None
            and period.offer.organisation_id != receiving
        ):
            self.add_error("offer_period", _("Choose an offer of the receiving organisation."))
        practices = cleaned.get("practices") or []
        if receiving is not None and any(p.host_id != receiving for p in practices):
            self.add_error("practices", _("Choose practices of the receiving organisation."))
        return cleaned

    def mobility_values(self) -> dict[str, Any]:
        """The cleaned values as :func:`services.create_mobility` /
        :func:`services.update_mobility` take them (without practices)."""
        data = self.cleaned_data
        period = data.get("offer_period")
        values: dict[str, Any] = {
            "activity_type": data["activity_type"],
            "project_code": data.get("project_code", "").strip(),
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "travel_days": data["travel_days"],
            "offer": period.offer if period is not None else None,
            "offer_period": period,
            "origin_city": data.get("origin_city", "").strip(),
            "origin_country": data.get("origin_country", ""),
            "green_travel": data.get("green_travel", False),
            "transport": data.get("transport", ""),
            "blended": data.get("blended", False),
            "fewer_opportunities": data.get("fewer_opportunities", False),
            "official_distance_km": data.get("official_distance_km"),
        }
        if data.get("call_year") is not None:
            values["call_year"] = data["call_year"]
        return values


class MobilityCreateForm(MobilityFields):
    """Manual booking by a coordinator of the sending organisation."""

    participant = ParticipantChoiceField(
        label=_("Participant"),
        queryset=User.objects.none(),
        help_text=_("A member of the sending organisation."),
    )
    receiving_organisation = forms.ModelChoiceField(
        label=_("Receiving organisation"), queryset=Organisation.objects.none()
    )
    field_order = ["participant", "receiving_organisation"]

    def __init__(self, *args: Any, sending: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sending = sending
        fields: Any = self.fields
        fields["participant"].queryset = (
            User.objects.filter(memberships__organisation=sending, is_active=True)
            .distinct()
            .order_by("full_name", "email")
        )
        fields["receiving_organisation"].queryset = (
            Organisation.objects.filter(is_active=True).exclude(pk=sending.pk).order_by("name")
        )
        fields["offer_period"].queryset = periods_of_open_offers(exclude_host=sending.pk)
        fields["practices"].queryset = (
            Practice.objects.filter(is_public=True, host__is_active=True)
            .exclude(host=sending)
            .select_related("host")
            .order_by("host__name", "title")
        )
        if not self.is_bound:
            self.initial.setdefault("origin_city", sending.city)
            self.initial.setdefault("origin_country", str(sending.country))
            self.initial.setdefault("travel_days", 2)
            self.initial.setdefault("activity_type", "SM-JOB-SHDW")

    def receiving_organisation_id(self) -> int | None:
        receiving = self.cleaned_data.get("receiving_organisation")
        return receiving.pk if receiving is not None else None

    def mobility_values(self) -> dict[str, Any]:
        values = super().mobility_values()
        values.update(
            participant=self.cleaned_data["participant"],
            sending_organisation=self.sending,
            receiving_organisation=self.cleaned_data["receiving_organisation"],
        )
        return values


class MobilityEditForm(MobilityFields):
    """Changes to a mobility's details (participant and partners stay)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, mobility: Mobility, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mobility = mobility
        fields: Any = self.fields
        fields["offer_period"].queryset = periods_of_open_offers(
            keep=mobility.offer_period_id
        ).filter(Q(offer__organisation_id=mobility.receiving_organisation_id))
        fields["practices"].queryset = (
            Practice.objects.filter(
                Q(is_public=True, host_id=mobility.receiving_organisation_id)
                | Q(pk__in=mobility.practices.values("pk"))
            )
            .select_related("host")
            .order_by("title")
        )

    def receiving_organisation_id(self) -> int | None:
        return self.mobility.receiving_organisation_id

    @staticmethod
    def initial_for(mobility: Mobility) -> dict[str, Any]:
        return {
            "activity_type": mobility.activity_type,
            "call_year": mobility.call_year,
            "project_code": mobility.project_code,
            "start_date": mobility.start_date,
            "end_date": mobility.end_date,
            "travel_days": mobility.travel_days,
            "offer_period": mobility.offer_period_id,
            "practices": [p.pk for p in mobility.practices.all()],
            "origin_city": mobility.origin_city,
            "origin_country": str(mobility.origin_country),
            "green_travel": mobility.green_travel,
            "transport": mobility.transport,
            "blended": mobility.blended,
            "fewer_opportunities": mobility.fewer_opportunities,
            "official_distance_km": mobility.official_distance_km,
            "version": mobility.version,
        }


def changed_values(mobility: Mobility, values: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from the mobility's (countries compared by code)."""
    changed = {}
    for name, value in values.items():
        current = getattr(mobility, name)
        if name == "origin_country":
            current, value = str(current or ""), str(value or "")
        if current != value:
            changed[name] = value
    return changed


class MobilityFilterForm(forms.Form):
    """Filters of the list of mobilities (a GET form)."""

    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[
            ("", _("Sent and received")),
            ("sent", _("Sent by my organisations")),
            ("received", _("Received by my organisations")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Mobility.Status.choices],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], directions: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["year"].choices = [("", _("Any year")), *((y, str(y)) for y in years)]
        if not directions:
            del self.fields["direction"]


class ProgrammeVersionForm(forms.Form):
    """Carries the mobility's version with the programme rows."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ProgrammeDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=date_input())
    activity = forms.CharField(label=_("What"), max_length=300)
    with_whom = forms.CharField(label=_("With whom"), max_length=200, required=False)
    place = forms.CharField(label=_("Where"), max_length=200, required=False)

    def __init__(self, *args: Any, first: dt.date, last: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.first, self.last = first, last

    def clean_date(self) -> dt.date:
        date: dt.date = self.cleaned_data["date"]
        if not self.first <= date <= self.last:
            raise forms.ValidationError(
                _(
                    "Choose a day from %(first)s to %(last)s: the activity dates with the "
                    "travel days around them."
                )
                % {"first": self.first.strftime("%d/%m/%Y"), "last": self.last.strftime("%d/%m/%Y")}
            )
        return date


class BaseProgrammeFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove")


ProgrammeFormSet = forms.formset_factory(
    ProgrammeDayForm,
    formset=BaseProgrammeFormSet,
    extra=3,
    can_delete=True,
    max_num=100,
    validate_max=True,
)


def programme_bounds(mobility: Mobility) -> tuple[dt.date, dt.date]:
    """The days a programme entry may fall on: the activity with its travel days."""
    margin = dt.timedelta(days=mobility.travel_days)
    return mobility.start_date - margin, mobility.end_date + margin


def programme_rows(formset: Any) -> list[dict[str, Any]]:
    """The filled rows of a valid programme formset, deleted ones left out."""
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or data.get("DELETE"):
            continue
        rows.append(
            {
                "date": data["date"],
                "activity": data["activity"].strip(),
                "with_whom": data.get("with_whom", "").strip(),
                "place": data.get("place", "").strip(),
            }
        )
    return rows


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Mobility.Status.choices)
    reason = forms.CharField(
        label=_("Reason for cancelling"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AgreementForm(forms.Form):
    """The text of the mobility agreement."""

    language = forms.ChoiceField(
        label=_("Language of the activity"),
        choices=[("", "—"), *WORKING_LANGUAGES],
        required=False,
    )
    objectives = forms.CharField(
        label=_("Objectives"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    added_value = forms.CharField(
        label=_("Added value for both organisations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    activities = forms.CharField(
        label=_("Activities (programme)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the participant will do; the day-by-day programme is kept separately."),
    )
    expected_outcomes = forms.CharField(
        label=_("Expected learning outcomes and impact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    competences = forms.CharField(
        label=_("Competences targeted"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. They are rated before and after the mobility."),
    )
    recognition = forms.CharField(
        label=_("Recognition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example Europass Mobility, or a certificate of the host."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_competences(self) -> list[str]:
        lines = str(self.cleaned_data.get("competences") or "").splitlines()
        competences = [line.strip() for line in lines if line.strip()]
        too_long = [line for line in competences if len(line) > 200]
        if too_long:
            raise forms.ValidationError(_("Keep each competence under 200 characters."))
        return competences

    def agreement_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            name: str(data.get(name) or "").strip()
            for name in (
                "language",
                "objectives",
                "added_value",
                "activities",
                "expected_outcomes",
                "recognition",
            )
        }
        values["competences"] = data.get("competences") or []
        return values

    @staticmethod
    def initial_for(agreement: Any) -> dict[str, Any]:
        return {
            "language": agreement.language,
            "objectives": agreement.objectives,
            "added_value": agreement.added_value,
            "activities": agreement.activities,
            "expected_outcomes": agreement.expected_outcomes,
            "competences": "\n".join(agreement.competences or []),
            "recognition": agreement.recognition,
            "version": agreement.version,
        }


class ComplementForm(forms.Form):
    """After the mobility: did it take place as planned?"""

    took_place_as_planned = forms.TypedChoiceField(
        label=_("Did the mobility take place as planned?"),
        choices=[("yes", _("Yes, as planned")), ("no", _("No, something was different"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    complement = forms.CharField(
        label=_("What took place"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when it did not take place as planned: say what was different."),
    )
