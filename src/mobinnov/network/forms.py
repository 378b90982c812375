from __future__ import annotations

import math
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from mobinnov.network.gazetteer import locate
from mobinnov.network.models import (
    Membership,
    Organisation,
    OrganisationType,
    PartnerApplication,
    Sector,
)


class SectorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"


def sector_field(required: bool = False) -> SectorChoiceField:
    return SectorChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=required,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Fields of education and training (ISCED-F 2013)."),
    )


class CityCoordinatesMixin(forms.Form):
    """Fills latitude/longitude from the offline gazetteer; when the town is not
    in it, the person may give the coordinates themselves."""

    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Only if your town is not found, e.g. 60.1699."),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=_("Only if your town is not found, e.g. 24.9384."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        country, city = cleaned.get("country"), cleaned.get("city")
        if not country or not city:
            return cleaned
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Give both latitude and longitude, or neither."),
            )
            return cleaned
        given = latitude is not None
        # Coordinates typed by the person, or the stored ones of an unchanged town, stand.
        if given and (
            self._coordinates_typed() or not self._place_changed(str(country), str(city))
        ):
            return cleaned
        found = locate(str(country), str(city))
        if found is not None:
            cleaned["latitude"], cleaned["longitude"] = found.latitude, found.longitude
        else:
            self.add_error(
                "city",
                _(
                    "We could not find “%(city)s” in %(country)s. Check the spelling (the "
                    "local or the English name both work) or give the coordinates below."
                )
                % {"city": city, "country": dict(countries)[str(country)]},
            )
        return cleaned

    def _place_changed(self, country: str, city: str) -> bool:
        """True when the town differs from the stored one (always for a new record)."""
        instance = getattr(self, "instance", None)
        if instance is None or instance.pk is None:
            return True
        return (str(instance.country), instance.city.strip().lower()) != (
            country,
            city.strip().lower(),
        )

    def _coordinates_typed(self) -> bool:
        """True when the person changed the coordinates shown in the form."""
        return "latitude" in self.changed_data or "longitude" in self.changed_data


def validate_logo(logo: Any) -> None:
    if not logo or not hasattr(logo, "image"):
        return
    if logo.size > settings.LOGO_MAX_BYTES:
        raise forms.ValidationError(
            _("The logo is %(size)s kB; the limit is %(limit)s kB."),
            # Size rounded up, limit down: a file just over the limit never reads
            # "2 kB; the limit is 2 kB".
            params={"size": math.ceil(logo.size / 1024), "limit": settings.LOGO_MAX_BYTES // 1024},
        )
    if (logo.image.format or "").upper() not in {"PNG", "JPEG", "WEBP", "GIF"}:
        raise forms.ValidationError(_("Upload a PNG, JPEG, WebP or GIF image."))


def website_field() -> forms.URLField:
    return forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class OrganisationForm(CityCoordinatesMixin, forms.ModelForm[Organisation]):
    sectors = sector_field()
    website = website_field()
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "org_type",
            "country",
            "city",
            "address",
            "website",
            "erasmus_oid",
            "sectors",
            "description",
            "logo",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    field_order = [
        "name",
        "org_type",
        "country",
        "city",
        "latitude",
        "longitude",
        "address",
        "website",
        "erasmus_oid",
        "sectors",
        "description",
        "logo",
        "contact_name",
        "contact_email",
        "contact_phone",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Coordinates are not model-form fields (they come from the gazetteer);
            # show the stored ones so a save keeps them.
            self.initial.setdefault("latitude", self.instance.latitude)
            self.initial.setdefault("longitude", self.instance.longitude)
            if not self.is_bound:
                self.initial["version"] = self.instance.version

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        validate_logo(logo)
        return logo

    def clean_erasmus_oid(self) -> str | None:
        value = (self.cleaned_data.get("erasmus_oid") or "").strip().upper()
        return value or None


class HoneypotMixin(forms.Form):
    """A field people never see; bots that fill every field give themselves away."""

    website_confirm = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website_confirm")))


class PartnerApplicationForm(
    HoneypotMixin, CityCoordinatesMixin, forms.ModelForm[PartnerApplication]
):
    sectors = sector_field()
    website = website_field()
    consent = forms.BooleanField(
        label=_("I agree that the network stores these details to process the application."),
    )

    class Meta:
        model = PartnerApplication
        fields = [
            "organisation_name",
            "org_type",
            "country",
            "city",
            "address",
            "website",
            "erasmus_oid",
            "sectors",
            "description",
            "motivation",
            "contact_name",
            "contact_email",
            "contact_job_role",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "motivation": forms.Textarea(attrs={"rows": 5}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    field_order = [
        "organisation_name",
        "org_type",
        "country",
        "city",
        "latitude",
        "longitude",
        "address",
        "website",
        "erasmus_oid",
        "sectors",
        "description",
        "motivation",
        "contact_name",
        "contact_email",
        "contact_job_role",
        "consent",
        "website_confirm",
    ]

    def clean_erasmus_oid(self) -> str:
        value = (self.cleaned_data.get("erasmus_oid") or "").strip().upper()
        if value and Organisation.objects.filter(erasmus_oid=value).exists():
            raise forms.ValidationError(
                _("An organisation with this Erasmus+ Organisation ID is already a partner.")
            )
        return value

    def clean_contact_email(self) -> str:
        return str(self.cleaned_data["contact_email"]).strip().lower()


class ApplicationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Sent by e-mail with the decision. Required when you decline."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "decline" and not cleaned.get("message", "").strip():
            self.add_error("message", _("Tell the applicant why the application is declined."))
        return cleaned


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or city"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    org_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *OrganisationType.choices]
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)

    def __init__(
        self, *args: Any, country_codes: list[str], sector_codes: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        names = dict(countries)
        country_field: Any = self.fields["country"]
        sector_choice: Any = self.fields["sector"]
        country_field.choices = [
            ("", _("All countries")),
            *sorted(
                ((code, names.get(code, code)) for code in country_codes),
                key=lambda pair: str(pair[1]),
            ),
        ]
        sectors = {s.code: s.name for s in Sector.objects.filter(code__in=sector_codes)}
        sector_choice.choices = [("", _("All sectors"))] + [
            (code, f"{code} {sectors[code]}") for code in sorted(sectors)
        ]


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
