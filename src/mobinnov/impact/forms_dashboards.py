"""Filters of the impact dashboards (GET) and the report request (GET)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from mobinnov.excellence.models import FieldOfExcellence
from mobinnov.impact.selectors import Filters
from mobinnov.mobility.models import ACTIVITY_FORMATS, Format
from mobinnov.network.models import Organisation

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def activity_choices() -> list[tuple[str, str]]:
    labels = dict(Format.choices)
    return [(str(code), str(labels[code])) for code in ACTIVITY_FORMATS]


class DashboardFilterForm(forms.Form):
    """Year of the mobilities' last day, activity type, field of excellence,
    host organisation and (network dashboard only) sending partner. Every
    field is optional; the form is bound only when a filter was asked."""

    PARAMETERS = ("year", "activity", "field", "host", "sending")

    year = forms.TypedChoiceField(
        label=_("Year the mobilities ended"), required=False, coerce=int, empty_value=None
    )
    activity = forms.ChoiceField(label=_("Activity type"), required=False)
    field = forms.ModelChoiceField(
        label=_("Field of excellence"),
        queryset=FieldOfExcellence.objects.select_related("cluster"),
        to_field_name="code",
        required=False,
        empty_label=_("All fields"),
        help_text=_("Through the practices the mobilities were about."),
    )
    host = forms.ModelChoiceField(
        label=_("Host organisation"),
        queryset=Organisation.objects.order_by("name", "pk"),
        to_field_name="slug",
        required=False,
        empty_label=_("All hosts"),
    )
    sending = forms.ModelChoiceField(
        label=_("Sending partner"),
        queryset=Organisation.objects.order_by("name", "pk"),
        to_field_name="slug",
        required=False,
        empty_label=_("All partners"),
    )

    def __init__(
        self,
        *args: Any,
        years: Sequence[int] = (),
        with_sending: bool = False,
        prefix_id: str = "filter",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", f"{prefix_id}-%s")
        super().__init__(*args, **kwargs)
        known = sorted(set(years), reverse=True)
        asked = str(self.data.get("year", "")).strip() if self.is_bound else ""
        if asked.isdigit() and len(asked) == 4 and int(asked) not in known:
            known = sorted([*known, int(asked)], reverse=True)
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [("", str(_("All years"))), *((str(y), str(y)) for y in known)]
        activity = self.fields["activity"]
        assert isinstance(activity, forms.ChoiceField)
        activity.choices = [("", str(_("All activity types"))), *activity_choices()]
        if not with_sending:
            del self.fields["sending"]

    @classmethod
    def asked(cls, data: Any) -> bool:
        """True when the query string carries a filter (then the form is bound)."""
        return any(name in data for name in cls.PARAMETERS)

    def filters(self, *, sending_ids: tuple[int, ...] | None = None) -> Filters:
        """The filters chosen (``sending_ids`` fixes the sending organisations,
        for an organisation's dashboard). Only call on a valid or unbound form."""
        data = self.cleaned_data if self.is_bound else {}
        sending = data.get("sending")
        if sending is not None and sending_ids is None:
            sending_ids = (sending.pk,)
        field = data.get("field")
        host = data.get("host")
        return Filters(
            year=data.get("year"),
            activity_type=data.get("activity") or "",
            field_id=field.pk if field is not None else None,
            host_id=host.pk if host is not None else None,
            sending_ids=sending_ids,
        )


class ReportForm(forms.Form):
    """The report: an organisation (or the whole network), a period of the
    mobilities' last days and a format. The organisation's permission is
    checked by the view before the form; ``organisations`` are the choices
    offered to this user."""

    FORMATS = (("pdf", _("PDF report")), ("csv", _("Anonymised data (CSV)")))

    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    to = forms.DateField(
        label=_("Mobilities that ended until"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, widget=forms.RadioSelect)

    def __init__(
        self,
        *args: Any,
        organisations: Sequence[Organisation] = (),
        network: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "report-%s")
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword: the field is added by name.
        start = forms.DateField(
            label=_("Mobilities that ended from"),
            input_formats=DATE_FORMATS,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        )
        self.fields = {
            "organisation": self.fields["organisation"],
            "from": start,
            "to": self.fields["to"],
            "format": self.fields["format"],
        }
        choices: list[tuple[str, str]] = []
        if network:
            choices.append(("", str(_("The whole network"))))
        choices.extend((org.slug, org.name) for org in organisations)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ChoiceField)
        organisation.choices = choices
        organisation.required = not network

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            self.add_error("to", _("The end of the period must not be before its start."))
        return cleaned
