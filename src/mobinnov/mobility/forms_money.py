"""Forms of the money pages: budget filters, the reporting-tool export and
the rate tables of one call year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobinnov.mobility.ratebook import active_rates

DOWNLOAD_FORMATS = [("csv", gettext_lazy("CSV")), ("xlsx", gettext_lazy("Excel (XLSX)"))]
CONFIDENCE_CHOICES = [
    ("V", gettext_lazy("V: stated in an official European Commission source")),
    ("S", gettext_lazy("S: secondary source quoting the Programme Guide")),
    ("U", gettext_lazy("U: unverified")),
]


def year_choices() -> list[tuple[str, str]]:
    return [("", str(gettext_lazy("All call years")))] + [
        (str(year), str(year)) for year in reversed(active_rates().call_years)
    ]


class DownloadForm(forms.Form):
    """A page without filters: carries the error of an unknown download format."""


class YearFilterForm(forms.Form):
    """The call year filter of the budget pages (GET)."""

    year = forms.TypedChoiceField(label=gettext_lazy("Call year"), coerce=int, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = year_choices()  # read once per form

    def clean_year(self) -> int | None:
        value = self.cleaned_data.get("year")
        return value if value not in ("", None) else None


class BudgetFilterForm(YearFilterForm):
    """Call year and planning round of an organisation's budget (GET)."""

    round: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Planning round"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All mobilities, planned in a round or not"),
    )

    def __init__(self, *args: Any, rounds: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["round"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = rounds


class ReportingExportForm(YearFilterForm):
    """Which mobilities go to the reporting-tool file, and in which format."""

    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=gettext_lazy("Sending organisation"),
        queryset=None,
        to_field_name="slug",
        help_text=gettext_lazy("The beneficiary: its mobilities sent abroad are exported."),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("File format"), choices=DOWNLOAD_FORMATS, initial="xlsx"
    )
    field_order = ["organisation", "year", "format"]

    def __init__(
        self, *args: Any, organisations: QuerySet[Any], allow_all: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        field.required = not allow_all
        field.empty_label = (
            str(gettext_lazy("All organisations of the network")) if allow_all else None
        )


# --- rate tables -----------------------------------------------------------------------


def _number(value: Decimal | None) -> int | float | None:
    """A form amount as the rates file stores it (a JSON number)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _amount_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        help_text=help_text,
    )


def _source_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Where the figure comes from: document, section, date."),
    )


def _confidence_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=CONFIDENCE_CHOICES)


@dataclass
class RatesSection:
    """A fieldset of the rates form: its legend, a note and its field names."""

    legend: str
    note: str
    names: list[str]


class RatesForm(forms.Form):
    """The figures of one call year that admins change, each with its source
    and confidence: the National Agency's daily rates per country group
    (inside the EU range), the course fee per day, the organisational and
    inclusion support, and the standard and green travel amounts per band.

    Built from the call year's node of the rates document;
    :meth:`apply` writes the cleaned figures into a copy of that node."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, node: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.node = node
        self.sections: list[RatesSection] = []
        initial: dict[str, Any] = {}

        # Daily rates per country group.
        groups = node.get("country_groups", {})
        for key, entry in sorted(node["daily_rates"].items(), key=lambda item: int(item[0])):
            eu = entry["eu_range"]
            countries = ", ".join(groups.get(key, {}).get("countries", []))
            prefix = f"rate_{key}"
            self.fields[prefix] = _amount_field(
                _("Daily rate of group %(group)s (EUR)") % {"group": key},
                help_text=self.range_text(eu.get("min"), eu.get("max")),
            )
            self.fields[f"{prefix}_source"] = _source_field(
                _("Source of the daily rate of group %(group)s") % {"group": key}
            )
            self.fields[f"{prefix}_confidence"] = _confidence_field(
                _("Confidence of the daily rate of group %(group)s") % {"group": key}
            )
            na = entry["na_rate"]
            initial.update(
                {prefix: na["value"], f"{prefix}_source": na["source"]}
                | {f"{prefix}_confidence": na["confidence"]}
            )
            self.sections.append(
                RatesSection(
                    _("Individual support: country group %(group)s") % {"group": key},
                    _("Receiving countries: %(countries)s.") % {"countries": countries}
                    if countries
                    else "",
                    [prefix, f"{prefix}_source", f"{prefix}_confidence"],
                )
            )

        # Course fees, organisational and inclusion support.
        for key, legend, required, note, source, confidence in (
            (
                "course_fee_per_day",
                _("Course fee per day (EUR)"),
                True,
                "",
                _("Source of the course fee"),
                _("Confidence of the course fee"),
            ),
            (
                "organisational_support",
                _("Organisational support per participant (EUR)"),
                True,
                "",
                _("Source of the organisational support"),
                _("Confidence of the organisational support"),
            ),
            (
                "inclusion_support",
                _("Inclusion support per participant with fewer opportunities (EUR)"),
                False,
                _("Leave the amount empty when the call year has no inclusion unit cost."),
                _("Source of the inclusion support"),
                _("Confidence of the inclusion support"),
            ),
        ):
            self.fields[key] = _amount_field(legend, required=required)
            self.fields[f"{key}_source"] = _source_field(source)
            self.fields[f"{key}_confidence"] = _confidence_field(confidence)
            figure = node[key]
            initial.update(
                {
                    key: figure["value"],
                    f"{key}_source": figure["source"],
                    f"{key}_confidence": figure["confidence"],
                }
            )
            self.sections.append(
                RatesSection(legend, note, [key, f"{key}_source", f"{key}_confidence"])
            )

        # Travel bands.
        for index, band in enumerate(node["travel_bands"]):
            prefix = f"band_{index}"
            label = band["label"]
            self.fields[f"{prefix}_standard"] = _amount_field(
                _("Standard travel, %(band)s km (EUR)") % {"band": label}
            )
            self.fields[f"{prefix}_green"] = _amount_field(
                _("Green travel, %(band)s km (EUR)") % {"band": label},
                required=False,
                help_text=_("Empty: no green amount, the standard amount applies."),
            )
            self.fields[f"{prefix}_source"] = _source_field(
                _("Source of the %(band)s km amounts") % {"band": label}
            )
            self.fields[f"{prefix}_confidence"] = _confidence_field(
                _("Confidence of the %(band)s km amounts") % {"band": label}
            )
            initial.update(
                {
                    f"{prefix}_standard": band["standard"],
                    f"{prefix}_green": band["green"],
                    f"{prefix}_source": band["source"],
                    f"{prefix}_confidence": band["confidence"],
                }
            )
            self.sections.append(
                RatesSection(
                    _("Travel: %(band)s km (return trip)") % {"band": label},
                    "",
                    [
                        f"{prefix}_standard",
                        f"{prefix}_green",
                        f"{prefix}_source",
                        f"{prefix}_confidence",
                    ],
                )
            )
        for name, value in initial.items():
            self.initial.setdefault(name, value)

    @staticmethod
    def range_text(low: Any, high: Any) -> str:
        if low is not None and high is not None:
            return _("EU range: %(min)s to %(max)s EUR a day.") % {"min": low, "max": high}
        if low is not None:
            return _("EU range: at least %(min)s EUR a day.") % {"min": low}
        if high is not None:
            return _("EU range: at most %(max)s EUR a day.") % {"max": high}
        return _("The EU range is not known for this call year.")

    def section_fields(self) -> list[tuple[RatesSection, list[forms.BoundField]]]:
        return [(section, [self[name] for name in section.names]) for section in self.sections]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for key, entry in self.node["daily_rates"].items():
            name = f"rate_{key}"
            value = cleaned.get(name)
            if value is None:
                continue
            low, high = entry["eu_range"].get("min"), entry["eu_range"].get("max")
            if (low is not None and value < Decimal(str(low))) or (
                high is not None and value > Decimal(str(high))
            ):
                self.add_error(
                    name,
                    _("The daily rate of group %(group)s must be inside the EU range: %(range)s")
                    % {"group": key, "range": self.range_text(low, high)},
                )
        previous: Decimal | None = None
        for index in range(len(self.node["travel_bands"])):
            standard = cleaned.get(f"band_{index}_standard")
            green = cleaned.get(f"band_{index}_green")
            if standard is None:
                previous = None
                continue
            if green is not None and green < standard:
                self.add_error(
                    f"band_{index}_green",
                    _("The green amount cannot be below the standard amount (%(standard)s).")
                    % {"standard": standard},
                )
            if previous is not None and standard < previous:
                self.add_error(
                    f"band_{index}_standard",
                    _("A longer distance cannot get less than the band before it (%(previous)s).")
                    % {"previous": previous},
                )
            previous = standard
        return cleaned

    def apply(self) -> dict[str, Any]:
        """A copy of the call year's node with the cleaned figures."""
        import copy

        node = copy.deepcopy(self.node)
        data = self.cleaned_data
        for key, entry in node["daily_rates"].items():
            prefix = f"rate_{key}"
            entry["na_rate"]["value"] = _number(data[prefix])
            entry["na_rate"]["source"] = data[f"{prefix}_source"].strip()
            entry["na_rate"]["confidence"] = data[f"{prefix}_confidence"]
        for key in ("course_fee_per_day", "organisational_support", "inclusion_support"):
            node[key]["value"] = _number(data[key])
            node[key]["source"] = data[f"{key}_source"].strip()
            node[key]["confidence"] = data[f"{key}_confidence"]
        for index, band in enumerate(node["travel_bands"]):
            prefix = f"band_{index}"
            band["standard"] = _number(data[f"{prefix}_standard"])
            band["green"] = _number(data[f"{prefix}_green"])
            band["source"] = data[f"{prefix}_source"].strip()
            band["confidence"] = data[f"{prefix}_confidence"]
        return node
