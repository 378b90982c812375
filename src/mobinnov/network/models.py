from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mobinnov.network.sectors import SECTOR_NAMES

erasmus_oid_validator = RegexValidator(
    r"^E\d{8}$",
    _("An Erasmus+ Organisation ID is the letter E followed by 8 digits, e.g. E10012345."),
)


class OrganisationType(models.TextChoices):
    VET_SCHOOL = "vet_school", _("VET school")
    APPRENTICESHIP_CENTRE = "apprenticeship_centre", _("Apprenticeship centre")
    CHAMBER = "chamber", _("Chamber")
    COMPANY = "company", _("Company")
    INTERMEDIARY = "intermediary", _("Intermediary organisation")
    OTHER = "other", _("Other")


class Sector(models.Model):
    """A field of education and training (ISCED-F 2013 narrow field)."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> str:
        return str(SECTOR_NAMES.get(self.code, self.code))


class Organisation(models.Model):
    """A partner of the network."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    org_type = models.CharField(
        _("type"), max_length=30, choices=OrganisationType.choices, db_index=True
    )
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=120)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    erasmus_oid = models.CharField(
        _("Erasmus+ Organisation ID"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[erasmus_oid_validator],
        help_text=_(
            "The letter E followed by 8 digits, as in the Erasmus+ Organisation Registration system."
        ),
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="organisations"
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active member"), default=True, db_index=True)
    joined_on = models.DateField(_("member since"), default=timezone.localdate)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["is_active", "country", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:partner_detail", kwargs={"slug": self.slug})

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Membership(models.Model):
    """A person's role in one organisation."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        STAFF = "staff", _("Staff member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="network_membership_unique"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return f"{self.user}, {self.organisation} ({self.get_role_display()})"


class PartnerApplication(models.Model):
    """An organisation's application to join the network."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organisation_name = models.CharField(_("name of the organisation"), max_length=200)
    org_type = models.CharField(
        _("type of organisation"), max_length=30, choices=OrganisationType.choices
    )
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    erasmus_oid = models.CharField(
        _("Erasmus+ Organisation ID"), max_length=9, blank=True, validators=[erasmus_oid_validator]
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="+"
    )
    description = models.TextField(_("what your organisation does"))
    motivation = models.TextField(_("why you want to join the network"))
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_job_role = models.CharField(_("contact person's job role"), max_length=150, blank=True)
    language = models.CharField(_("language of correspondence"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_message = models.TextField(_("message to the applicant"), blank=True)
    organisation = models.OneToOneField(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )

    class Meta:
        verbose_name = _("partner application")
        verbose_name_plural = _("partner applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.organisation_name

    def get_absolute_url(self) -> str:
        return reverse("network:application_detail", kwargs={"pk": self.pk})

    def organisation_defaults(self) -> dict[str, Any]:
        """The fields an accepted application gives the new organisation."""
        return {
            "name": self.organisation_name,
            "org_type": self.org_type,
            "country": self.country,
            "city": self.city,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "address": self.address,
            "website": self.website,
            "erasmus_oid": self.erasmus_oid or None,
            "description": self.description,
            "contact_name": self.contact_name,
            "contact_email": self.contact_email,
        }
