"""Forms of the planning-round pages and of the reciprocity ledger."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mobinnov.mobility.models import PlanningRound
from mobinnov.network.models import Organisation

NETWORK = ""
"""The organisation choice that means "the whole network"."""
MAX_TIME_LIMIT_S = 120


def _date_field(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class RoundForm(forms.Form):
    """A new planning round. ``organisations`` are those the user may open a
    round for; ``network`` adds the "Whole network" choice (admins)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        help_text=_("For example: Spring 2026 exchanges."),
    )
    organisation = forms.ChoiceField(
        label=_("Whose round"),
        required=False,  # "" is the whole network, offered to admins only
        help_text=_(
            "A round of the whole network matches every partner's needs; a round of "
            "one organisation matches its own staff's needs with the offers of all partners."
        ),
    )
    period_start = _date_field(
        _("Period from"), _("The first day a visit of this round may start.")
    )
    period_end = _date_field(_("Period to"), _("The last day a visit of this round may end."))
    reciprocity_weight = forms.DecimalField(
        label=_("Weight of reciprocity"),
        min_value=Decimal(0),
        max_digits=6,
        decimal_places=2,
        initial=Decimal(10),
        help_text=PlanningRound._meta.get_field("reciprocity_weight").help_text,
    )
    time_limit_s = forms.IntegerField(
        label=_("Time limit of the solver (seconds)"),
        min_value=1,
        max_value=MAX_TIME_LIMIT_S,
        initial=10,
        help_text=_(
            "From 1 to 120 seconds. When the limit is reached the best solution found "
            "is proposed, marked as not proven optimal."
        ),
    )

    def __init__(
        self,
        *args: Any,
        organisations: Sequence[Organisation] = (),
        network: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.network = network
        self.organisations = {str(org.pk): org for org in organisations}
        choices: list[tuple[str, str]] = []
        if network:
            choices.append((NETWORK, str(_("Whole network"))))
        choices += [(key, org.name) for key, org in self.organisations.items()]
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices
        if choices and "organisation" not in self.initial:
            self.initial["organisation"] = choices[0][0]

    def clean_organisation(self) -> Organisation | None:
        value = self.cleaned_data["organisation"]
        if value == NETWORK:
            if not self.network:
                raise forms.ValidationError(_("Choose the organisation of the round."))
            return None
        return self.organisations[value]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period cannot be before its start."))
        return cleaned


class DecisionForm(forms.Form):
    """One side's decision on a proposal. The reason is required to decline;
    the service says so (next to the field) when it is missing."""

    SIDES = (("sending", _("Sending organisation")), ("host", _("Host organisation")))
    DECISIONS = (("accept", _("Accept")), ("decline", _("Decline")))

    side = forms.ChoiceField(choices=SIDES, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=DECISIONS, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text=_("Required to decline; both coordinators read it."),
    )


class LedgerFilterForm(forms.Form):
    """The year of the ledger (GET). ``years`` are the years with mobilities;
    a well-formed year without any is accepted too (an empty ledger)."""

    year = forms.TypedChoiceField(
        label=_("Year of the start of the mobilities"),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, years: Sequence[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = sorted(set(years), reverse=True)
        asked = str(self.data.get("year", "")).strip() if self.is_bound else ""
        if asked.isdigit() and len(asked) == 4 and int(asked) not in known:
            known = sorted([*known, int(asked)], reverse=True)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", str(_("All years"))), *((str(y), str(y)) for y in known)]

    @property
    def chosen_year(self) -> int | None:
        """The chosen year; None for all years or when the input is invalid."""
        if not self.is_bound or not self.is_valid():
            return None
        year: int | None = self.cleaned_data.get("year")
        return year
