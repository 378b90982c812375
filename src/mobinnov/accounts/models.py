from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobinnov.core.languages import WORKING_LANGUAGES


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_network_admin", True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an e-mail address.

    Network-level roles are flags here; organisation roles live in
    :class:`mobinnov.network.models.Membership`.
    """

    email = models.EmailField(_("e-mail address"), max_length=254)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    job_role = models.CharField(
        _("job role"),
        max_length=150,
        blank=True,
        help_text=_("For example: teacher of automotive technology, mobility coordinator."),
    )
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)
    preferred_language = models.CharField(
        _("preferred interface language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
    )
    is_network_admin = models.BooleanField(_("network admin"), default=False)
    is_editor = models.BooleanField(_("editor"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("may use the technical admin site"),
        default=False,
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def languages_spoken_labels(self) -> list[str]:
        names = dict(WORKING_LANGUAGES)
        return [str(names.get(code, code)) for code in self.languages_spoken]


class Invitation(models.Model):
    """An invitation to join (an organisation of) the network by e-mail.

    The invitee receives a signed, expiring link; accepting it sets their
    password and, when an organisation is named, creates their membership.
    """

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        STAFF = "staff", _("Staff member")

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "accepted_at"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def expires_at(self) -> datetime:
        return self.created_at + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and timezone.now() < self.expires_at
        )


def signed_in_user(request: Any) -> User:
    """The person behind a request that ``login_required`` let through."""
    user = request.user
    if not isinstance(user, User):
        raise TypeError("signed_in_user() needs a signed-in request (use @login_required).")
    return user
