"""Writes in the partner network: organisations, members, applications."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mobinnov.accounts.models import Invitation, User
from mobinnov.accounts.services import invitation_create
from mobinnov.core.concurrency import claim_version
from mobinnov.core.emails import send_templated_email
from mobinnov.core.permissions import forget_roles
from mobinnov.network.models import Membership, Organisation, PartnerApplication, Sector

PROFILE_FIELDS = (
    "name",
    "org_type",
    "country",
    "city",
    "latitude",
    "longitude",
    "address",
    "website",
    "erasmus_oid",
    "description",
    "contact_name",
    "contact_email",
    "contact_phone",
)


# Slugs that address something else than a partner in URLs.
RESERVED_SLUGS = {"network"}


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug for ``name`` that no other organisation uses."""
    base = slugify(name)[:70] or "partner"
    if base in RESERVED_SLUGS:
        base = f"{base}-partner"
    candidate, number = base, 2
    others = Organisation.objects.exclude(pk=exclude_pk) if exclude_pk else Organisation.objects
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


@transaction.atomic
def organisation_create(
    *, data: dict[str, Any], sectors: QuerySet[Sector] | list[Sector] | None = None
) -> Organisation:
    """Create an organisation from validated profile fields."""
    values = {key: data[key] for key in PROFILE_FIELDS if key in data}
    values["erasmus_oid"] = values.get("erasmus_oid") or None
    organisation = Organisation(slug=data.get("slug") or unique_slug(values["name"]), **values)
    organisation.full_clean()
    organisation.save()
    if sectors:
        organisation.sectors.set(sectors)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, cleaned_data: dict[str, Any], expected_version: int
) -> Organisation:
    """Save a profile edit; refuses with EditConflict when someone saved in between."""
    claim_version(organisation, expected_version)
    for key in PROFILE_FIELDS:
        if key in cleaned_data:
            setattr(organisation, key, cleaned_data[key])
    organisation.erasmus_oid = organisation.erasmus_oid or None
    if "logo" in cleaned_data:
        logo = cleaned_data["logo"]
        if logo is False:  # "clear" ticked
            organisation.logo.delete(save=False)
        elif logo:
            organisation.logo = logo
    organisation.save()
    if "sectors" in cleaned_data:
        organisation.sectors.set(cleaned_data["sectors"])
    return organisation


def _coordinator_count(organisation: Organisation) -> int:
    return Membership.objects.filter(
        organisation=organisation, role=Membership.Role.COORDINATOR
    ).count()


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    """Change a member's role; an organisation always keeps one coordinator."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        membership.role == Membership.Role.COORDINATOR
        and role != Membership.Role.COORDINATOR
        and _coordinator_count(membership.organisation) <= 1
    ):
        raise ValidationError(_("An organisation needs at least one coordinator."))
    membership.role = role
    membership.save(update_fields=["role"])
    forget_roles(membership.user)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a person from an organisation (their account stays)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if (
        membership.role == Membership.Role.COORDINATOR
        and _coordinator_count(membership.organisation) <= 1
    ):
        raise ValidationError(_("An organisation needs at least one coordinator."))
    membership.delete()
    forget_roles(membership.user)


@transaction.atomic
def application_submit(*, cleaned_data: dict[str, Any], language: str) -> PartnerApplication:
    """Record an application to join, tell the applicant and the admins."""
    fields = {field.name for field in PartnerApplication._meta.concrete_fields}
    # Form-only answers (consent, the honeypot) are not stored.
    values = {key: value for key, value in cleaned_data.items() if key in fields}
    application = PartnerApplication.objects.create(**{**values, "language": language})
    sectors = cleaned_data.get("sectors") or []
    application.sectors.set(sectors)
    send_templated_email(
        to=application.contact_email,
        template="network/email/application_received",
        context={"application": application},
        language=language,
    )
    for admin in User.objects.filter(is_active=True, is_network_admin=True):
        send_templated_email(
            to=admin.email,
            template="network/email/application_to_review",
            context={"application": application, "admin": admin},
            language=admin.preferred_language,
        )
    return application


def _lock_pending(application: PartnerApplication) -> PartnerApplication:
    locked = PartnerApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != PartnerApplication.Status.PENDING:
        raise ValidationError(_("This application has already been decided."))
    return locked


@transaction.atomic
def application_accept(
    *, application: PartnerApplication, actor: User, message: str
) -> Organisation:
    """Accept: create the organisation, invite the contact as its first
    coordinator, and tell the applicant."""
    application = _lock_pending(application)
    if (
        application.erasmus_oid
        and Organisation.objects.filter(erasmus_oid=application.erasmus_oid).exists()
    ):
        raise ValidationError(
            _("An organisation with the Erasmus+ Organisation ID %(oid)s is already a partner.")
            % {"oid": application.erasmus_oid}
        )
    organisation = organisation_create(
        data=application.organisation_defaults(), sectors=list(application.sectors.all())
    )
    invitation = invitation_create(
        organisation=organisation,
        email=application.contact_email,
        role=Invitation.Role.COORDINATOR,
        invited_by=actor,
        full_name=application.contact_name,
        language=application.language,
    )
    application.status = PartnerApplication.Status.ACCEPTED
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.decision_message = message
    application.organisation = organisation
    application.save()
    send_templated_email(
        to=application.contact_email,
        template="network/email/application_accepted",
        context={
            "application": application,
            "organisation": organisation,
            "invitation": invitation,
        },
        language=application.language,
    )
    return organisation


@transaction.atomic
def application_decline(*, application: PartnerApplication, actor: User, message: str) -> None:
    """Decline with a message to the applicant."""
    application = _lock_pending(application)
    application.status = PartnerApplication.Status.DECLINED
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.decision_message = message
    application.save()
    send_templated_email(
        to=application.contact_email,
        template="network/email/application_declined",
        context={"application": application},
        language=application.language,
    )
