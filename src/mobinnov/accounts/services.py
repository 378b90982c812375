"""Writes about people: invitations, profiles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mobinnov.accounts.models import Invitation, User
from mobinnov.core.emails import send_templated_email
from mobinnov.core.permissions import forget_roles

INVITATION_SALT = "mobinnov.accounts.invitation"


def invitation_token(invitation: Invitation) -> str:
    """The signed value carried by the invitation link."""
    return signing.dumps({"id": invitation.pk, "email": invitation.email}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The open invitation behind ``token``, or None when the link is forged,
    expired, already used or revoked."""
    try:
        payload = signing.loads(
            token, salt=INVITATION_SALT, max_age=settings.INVITATION_MAX_AGE_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return None
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=payload.get("id"), email=payload.get("email"))
        .first()
    )
    if invitation is None or not invitation.is_open:
        return None
    return invitation


@transaction.atomic
def invitation_create(
    *,
    organisation: Any,
    email: str,
    role: str,
    invited_by: User | None,
    full_name: str = "",
    language: str | None = None,
) -> Invitation:
    """Invite ``email`` to ``organisation`` with ``role`` and send the link.

    Earlier open invitations of the same person to the same organisation are
    revoked, so only the newest link works.
    """
    from mobinnov.network.models import Membership

    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a member of this organisation.") % {"email": email}}
        )
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name,
        organisation=organisation,
        role=role,
        invited_by=invited_by,
        created_at=now,
    )
    existing = User.objects.filter(email__iexact=email).first()
    send_templated_email(
        to=email,
        template="accounts/email/invitation",
        context={
            "invitation": invitation,
            "organisation": organisation,
            "link": settings.SITE_URL
            + reverse("accounts:invitation_accept", kwargs={"token": invitation_token(invitation)}),
            "days": settings.INVITATION_MAX_AGE_DAYS,
            "has_account": existing is not None,
        },
        language=existing.preferred_language if existing else language,
    )
    return invitation


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    full_name: str = "",
    password: str = "",
    preferred_language: str = "en",
) -> User:
    """Accept an open invitation: create the account (or use the signed-in
    ``user`` whose e-mail matches) and the membership. A link works once."""
    from mobinnov.network.models import Membership

    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("This invitation has already been used or has expired."))
    if user is None:
        if User.objects.filter(email__iexact=locked.email).exists():
            raise ValidationError(_("An account with this e-mail address exists: sign in first."))
        user = User.objects.create_user(
            email=locked.email,
            password=password,
            full_name=full_name,
            preferred_language=preferred_language,
        )
    elif user.email.lower() != locked.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    Membership.objects.update_or_create(
        user=user, organisation=locked.organisation, defaults={"role": locked.role}
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    forget_roles(user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    """Make an unused invitation link stop working."""
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def user_update_profile(*, user: User, cleaned_data: dict[str, Any]) -> User:
    """Save a person's own profile."""
    for field in ("full_name", "job_role", "languages_spoken", "preferred_language"):
        setattr(user, field, cleaned_data[field])
    user.save(update_fields=["full_name", "job_role", "languages_spoken", "preferred_language"])
    return user


@transaction.atomic
def user_set_network_roles(*, user: User, is_editor: bool, is_network_admin: bool) -> User:
    """Grant or withdraw the network-level roles; the network always keeps an admin."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.is_network_admin and not is_network_admin:
        others = User.objects.filter(is_network_admin=True, is_active=True).exclude(pk=locked.pk)
        if not others.exists():
            raise ValidationError(_("The network needs at least one admin."))
    locked.is_editor = is_editor
    locked.is_network_admin = is_network_admin
    locked.save(update_fields=["is_editor", "is_network_admin"])
    return locked
