"""Forms of the host offer and learning need pages.

The forms check what a person typed (required answers, dates in order,
numbers in range); the rules that depend on the rest of the data (booked
periods, memberships, opening an offer) are checked when saving, in
:mod:`mobinnov.mobility.views_offers`."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mobinnov.accounts.models import User
from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.excellence.models import FieldOfExcellence
from mobinnov.mobility.models import Format, HostOffer, LearningNeed
from mobinnov.network.models import Organisation
from mobinnov.practices.models import Practice

# How far ahead a period or a need may reach, and how long a period may last.
MAX_YEARS_AHEAD = 3
MAX_PERIOD_DAYS = 366
MAX_STAY_DAYS = 365


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _too_far(day: dt.date) -> bool:
    today = timezone.localdate()
    return day > today.replace(year=today.year + MAX_YEARS_AHEAD)


def _days_field(label: Any, **extra: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=MAX_STAY_DAYS, **extra)


def field_of_excellence_choices() -> list[tuple[str, str]]:
    """Active fields of excellence, as (code, "code name") in framework order."""
    rows = FieldOfExcellence.objects.filter(is_retired=False).select_related("cluster")
    return [(field.code, f"{field.code} {field.localized_name()}") for field in rows]


class FieldChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.localized_name()}"


class PracticeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.host.name})" if obj.host_id else str(obj.title)


# --- host offers ---------------------------------------------------------------


class OfferForm(forms.Form):
    """A host offer's description; its periods are a formset beside it."""

    title = forms.CharField(label=_("Title"), max_length=200)
    practices = PracticeChoice(
        label=_("Practices visitors will see"),
        queryset=Practice.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The published practices of your organisation the visit is about."),
    )
    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one format.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=WORKING_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages visitors can work in with your staff."),
        error_messages={"required": _("Choose at least one working language.")},
    )
    capacity = forms.IntegerField(
        label=_("Visitors per period"),
        min_value=1,
        max_value=100,
        help_text=_("How many visitors you can receive in each period."),
    )
    min_days = _days_field(_("Minimum days"))
    max_days = _days_field(_("Maximum days"))
    programme = forms.CharField(
        label=_("What visitors will do and learn"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_("Activities, people they will meet, what they will take home."),
    )
    practical_information = forms.CharField(
        label=_("Practical information"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
        help_text=_("Accommodation, transport, accessibility of the premises, contact."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=HostOffer.Status.choices,
        help_text=_(
            "Draft: only your organisation sees it. Open: everyone sees it and planning "
            "rounds can propose visitors. Closed: no new visitors."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        practices: Any = self.fields["practices"]
        practices.queryset = (
            Practice.objects.filter(host=organisation, is_public=True)
            .select_related("host")
            .order_by("title", "pk")
        )
        if not practices.queryset.exists():
            practices.help_text = _(
                "Your organisation has no published practice yet: you can add them later."
            )
        practices.error_messages["invalid_choice"] = _(
            "Choose among the published practices of %(organisation)s."
        ) % {"organisation": organisation.name}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("min_days"), cleaned.get("max_days")
        if low is not None and high is not None and low > high:
            self.add_error("max_days", _("The maximum must be at least the minimum."))
        return cleaned


class PeriodForm(forms.Form):
    """One available period of an offer."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    start = forms.DateField(label=_("From"), widget=_date_widget())
    end = forms.DateField(label=_("To"), widget=_date_widget())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None or end is None:
            return cleaned
        changed = not cleaned.get("id") or {"start", "end"} & set(self.changed_data)
        if end < start:
            self.add_error("end", _("The end of the period is before its start."))
        elif (end - start).days + 1 > MAX_PERIOD_DAYS:
            self.add_error("end", _("A period lasts one year at most: split it."))
        elif changed and end < timezone.localdate():
            self.add_error("end", _("This period is over: give dates to come."))
        elif changed and _too_far(start):
            self.add_error(
                "start",
                _("Give periods starting within %(years)s years.") % {"years": MAX_YEARS_AHEAD},
            )
        return cleaned


class BasePeriodFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form in self.forms:
            if "DELETE" in form.fields:
                form.fields["DELETE"].label = _("Remove this period")

    def clean(self) -> None:
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("start")
            and form.cleaned_data.get("end")
        ]
        kept.sort(key=lambda form: form.cleaned_data["start"])
        for before, after in itertools.pairwise(kept):
            if after.cleaned_data["start"] <= before.cleaned_data["end"]:
                after.add_error(
                    "start",
                    _("This period overlaps the period %(start)s - %(end)s.")
                    % {
                        "start": before.cleaned_data["start"].strftime("%d/%m/%Y"),
                        "end": before.cleaned_data["end"].strftime("%d/%m/%Y"),
                    },
                )

    def periods(self) -> list[dict[str, Any]]:
        """The periods as typed: ``{"id", "start", "end", "delete"}`` per row."""
        rows = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or not data.get("start") or not data.get("end"):
                continue
            rows.append(
                {
                    "id": data.get("id"),
                    "start": data["start"],
                    "end": data["end"],
                    "delete": bool(data.get("DELETE")),
                }
            )
        return rows


PeriodFormSet = forms.formset_factory(
    PeriodForm,
    formset=BasePeriodFormSet,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=40,
    validate_max=True,
)


# --- browsing offers --------------------------------------------------------------


class OfferFilterForm(forms.Form):
    """The filters of the offer list (a GET form: the URL can be shared)."""

    q = forms.CharField(label=_("Words in the title or programme"), required=False, max_length=100)
    field = forms.ChoiceField(label=_("Field of excellence"), required=False)
    country = forms.ChoiceField(label=_("Host country"), required=False)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *Format.choices]
    )
    language = forms.ChoiceField(
        label=_("Working language"),
        required=False,
        choices=[("", _("All languages")), *WORKING_LANGUAGES],
    )
    available_from = forms.DateField(
        label=_("Available from"),
        required=False,
        widget=_date_widget(),
        help_text=_("Offers with a period ending on or after this date."),
    )
    available_to = forms.DateField(
        label=_("Available until"),
        required=False,
        widget=_date_widget(),
        help_text=_("Offers with a period starting on or before this date."),
    )

    def __init__(self, *args: Any, country_codes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(countries)
        country: Any = self.fields["country"]
        country.choices = [
            ("", _("All countries")),
            *sorted(
                ((code, str(names.get(code, code))) for code in set(country_codes)),
                key=lambda pair: pair[1],
            ),
        ]
        field: Any = self.fields["field"]
        field.choices = [("", _("All fields")), *field_of_excellence_choices()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("available_from"), cleaned.get("available_to")
        if start and end and end < start:
            self.add_error("available_to", _("This date is before the “available from” date."))
        return cleaned


# --- learning needs ------------------------------------------------------------------


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} <{obj.email}>" if obj.full_name else str(obj.email)


class NeedForm(forms.Form):
    """A learning need. ``organisation`` and ``person`` are asked only when it
    is created (``organisations`` given); a person may be chosen only by those
    who record needs for others (``people`` given)."""

    organisation = forms.ModelChoiceField(
        label=_("Sending organisation"), queryset=Organisation.objects.none()
    )
    person = PersonChoice(
        label=_("Staff member"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("Coordinators may record a need for a member of their organisation."),
    )
    goals = forms.CharField(
        label=_("What I want to learn"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    fields_of_excellence = FieldChoice(
        label=_("Fields of excellence"),
        queryset=FieldOfExcellence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    practices = PracticeChoice(
        label=_("Practices of interest"),
        queryset=Practice.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Published practices you would like to see. Hold Ctrl (or Cmd) to choose several."
        ),
    )
    earliest_start = forms.DateField(label=_("Earliest start"), widget=_date_widget())
    latest_end = forms.DateField(label=_("Latest end"), widget=_date_widget())
    min_days = _days_field(_("Shortest stay (days)"), initial=2)
    max_days = _days_field(_("Longest stay (days)"), initial=10)
    languages = forms.MultipleChoiceField(
        label=_("Languages I can work in"),
        choices=WORKING_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language.")},
    )
    formats = forms.MultipleChoiceField(
        label=_("Preferred formats"),
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty if any format suits you."),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Only you, your coordinator, the host's coordinator and admins can read this."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation] | None = None,
        people: QuerySet[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            organisation: Any = self.fields["organisation"]
            organisation.queryset = organisations
        if people is None:
            del self.fields["person"]
        else:
            person: Any = self.fields["person"]
            person.queryset = people
        fields: Any = self.fields["fields_of_excellence"]
        fields.queryset = FieldOfExcellence.objects.filter(is_retired=False).select_related(
            "cluster"
        )
        practices: Any = self.fields["practices"]
        practices.queryset = (
            Practice.objects.filter(is_public=True).select_related("host").order_by("title", "pk")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("earliest_start"), cleaned.get("latest_end")
        low, high = cleaned.get("min_days"), cleaned.get("max_days")
        if start and end:
            if end < start:
                self.add_error("latest_end", _("The latest end is before the earliest start."))
            elif "latest_end" in self.changed_data and end < timezone.localdate():
                # A need is for the future; a past need may keep its dates
                # when other answers are corrected.
                self.add_error("latest_end", _("The latest end is in the past."))
            elif "earliest_start" in self.changed_data and _too_far(start):
                self.add_error(
                    "earliest_start",
                    _("Give an earliest start within %(years)s years.")
                    % {"years": MAX_YEARS_AHEAD},
                )
            elif low is not None and low > (end - start).days + 1:
                self.add_error("min_days", _("The shortest stay does not fit between these dates."))
        if low is not None and high is not None and low > high:
            self.add_error("max_days", _("The longest stay must be at least the shortest."))
        return cleaned


class NeedFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *LearningNeed.Status.choices],
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All my organisations"),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            organisation: Any = self.fields["organisation"]
            organisation.queryset = organisations
