"""Impact evaluation of staff mobility: the item bank and the instruments
built from it (versioned), the evaluation schedule, invitations with their
answers, implementation records, what organisations did with the feedback,
and Open Badges.

The method (levels, waves, items) is in shared/domain/impact-evaluation.md;
the default instruments ship as data (impact/data/instruments.json)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobinnov.core.models import Translatable


class Level(models.IntegerChoices):
    """Kirkpatrick levels, as in the domain file."""

    INPUTS = 0, _("Inputs")
    REACTION = 1, _("Reaction")
    LEARNING = 2, _("Learning")
    BEHAVIOUR = 3, _("Behaviour")
    RESULTS = 4, _("Results")


class Wave(models.TextChoices):
    T0 = "T0", _("Before departure (T0)")
    T1 = "T1", _("On return (T1)")
    T2 = "T2", _("About three months later (T2)")
    T3 = "T3", _("Six to twelve months later (T3)")
    HOST = "HOST", _("Host feedback")


PARTICIPANT_WAVES = (Wave.T0, Wave.T1, Wave.T2, Wave.T3)


class Item(Translatable):
    """A question of the item bank."""

    class Kind(models.TextChoices):
        LIKERT = "likert", _("Agreement scale 1-5 with anchors")
        COMPETENCE = "competence", _("Competence rating 1-5 (per competence of the agreement)")
        CHOICE = "choice", _("One choice")
        MULTI_CHOICE = "multi_choice", _("Several choices")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Text")
        EVIDENCE = "evidence", _("Evidence (file or link)")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    construct = models.CharField(_("construct"), max_length=60, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    kind = models.CharField(_("question type"), max_length=15, choices=Kind.choices)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help"), blank=True)
    # Five anchors for likert/competence items, lowest first.
    anchors = models.JSONField(_("anchors"), default=list, blank=True)
    # [{"value": "never", "label": "Never"}] for choice items.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # A competence item also asks the retrospective "then" rating.
    asks_then = models.BooleanField(_("also asks the level before (then)"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("item bank")
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return self.code

    def translated_anchors(self, language: str | None = None) -> list[str]:
        from django.utils.translation import get_language

        language = (language or get_language() or "en").split("-")[0]
        if language != "en":
            values = (self.translations or {}).get(language, {}).get("anchors")
            if values and len(values) == len(self.anchors):
                return [str(value) for value in values]
        return [str(value) for value in self.anchors]

    def translated_choices(self, language: str | None = None) -> list[tuple[str, str]]:
        from django.utils.translation import get_language

        language = (language or get_language() or "en").split("-")[0]
        labels = (self.translations or {}).get(language, {}).get("choices", {}) or {}
        return [
            (row["value"], str(labels.get(row["value"]) or row["label"])) for row in self.choices
        ]


class Instrument(Translatable):
    """A questionnaire of one wave, in one version. Answers point to the
    version answered; editing an instrument that has answers makes a new one."""

    wave = models.CharField(_("wave"), max_length=5, choices=Wave.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    is_current = models.BooleanField(_("current version"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["wave", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "version"], name="instrument_wave_version"),
            models.UniqueConstraint(
                fields=["wave"], condition=Q(is_current=True), name="one_current_instrument"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wave} v{self.version}"


class Section(Translatable):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["instrument", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """An item placed in a section, possibly only for some mobilities."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    required = models.BooleanField(_("required"), default=False)
    # {"activity_types": ["SM-TTA"]}: asked only for those activity types.
    condition = models.JSONField(_("condition"), default=dict, blank=True)

    class Meta:
        ordering = ["section", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.section_id}:{self.item_id}"

    def applies_to(self, activity_type: str) -> bool:
        wanted = (self.condition or {}).get("activity_types")
        return not wanted or activity_type in wanted


class ScheduleSettings(models.Model):
    """The network's offsets of each wave and its reminder policy (one row)."""

    t0_days_before_start = models.PositiveSmallIntegerField(
        _("T0: days before the first day"), default=14
    )
    t1_days_after_end = models.PositiveSmallIntegerField(
        _("T1: days after the last day"), default=0
    )
    t2_months_after_end = models.PositiveSmallIntegerField(
        _("T2: months after the last day"), default=3
    )
    t3_months_after_end = models.PositiveSmallIntegerField(
        _("T3: months after the last day"), default=9
    )
    host_days_after_end = models.PositiveSmallIntegerField(
        _("Host feedback: days after the last day"), default=0
    )
    reminder_interval_days = models.PositiveSmallIntegerField(
        _("days between reminders"), default=7
    )
    max_reminders = models.PositiveSmallIntegerField(_("reminders at most"), default=2)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evaluation schedule")

    def __str__(self) -> str:
        return "schedule"

    @classmethod
    def current(cls) -> ScheduleSettings:
        row = cls.objects.order_by("pk").first()
        return row if row is not None else cls.objects.create()


def _token() -> str:
    return secrets.token_urlsafe(18)


class Invitation(models.Model):
    """One person asked to answer one wave's questionnaire about one mobility."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENT = "sent", _("Sent")
        OPENED = "opened", _("Opened")
        DRAFT = "draft", _("Draft saved")
        SUBMITTED = "submitted", _("Submitted")
        BOUNCED = "bounced", _("Bounced")
        CANCELLED = "cancelled", _("Cancelled")

    mobility = models.ForeignKey(
        "mobility.Mobility", on_delete=models.CASCADE, related_name="invitations"
    )
    wave = models.CharField(_("wave"), max_length=5, choices=Wave.choices)
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="invitations")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation_invitations",
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, default="en")
    due_on = models.DateField(_("to send on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    bounce_reason = models.CharField(max_length=300, blank=True)
    cancelled_reason = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["mobility", "wave"]),
            models.Index(fields=["wave", "status"]),
            # The dashboards' submitted answers per wave, joined to mobilities.
            models.Index(fields=["status", "wave", "mobility"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["mobility", "wave", "email"], name="one_invitation_per_wave_and_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mobility_id} {self.wave} {self.email}"


class Answer(models.Model):
    """One value given in one invitation. Competence items have one row per
    competence of the agreement and per variant (now, then)."""

    class Variant(models.TextChoices):
        NOW = "now", _("Now")
        THEN = "then", _("Before the mobility, looking back")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    competence = models.CharField(max_length=200, blank=True)
    variant = models.CharField(max_length=5, choices=Variant.choices, default=Variant.NOW)
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    file = models.FileField(upload_to="evidence/%Y/", blank=True, max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "item", "competence", "variant"], name="one_answer_per_slot"
            )
        ]
        indexes = [models.Index(fields=["item", "variant"])]

    def __str__(self) -> str:
        return f"{self.invitation_id}:{self.item_id}:{self.competence}:{self.variant}"


class ImplementationRecord(models.Model):
    """Something put in place after a mobility."""

    class Kind(models.TextChoices):
        METHOD = "method", _("New teaching or training method")
        MATERIAL = "material", _("New material")
        TOOL = "tool", _("New tool")
        CURRICULUM = "curriculum", _("Curriculum or course change")
        TRAINING = "training", _("Training of colleagues")
        PARTNERSHIP = "partnership", _("New partnership")

    class Stage(models.TextChoices):
        PLANNED = "planned", _("Planned")
        PILOTING = "piloting", _("Piloting")
        IMPLEMENTED = "implemented", _("Implemented")
        EMBEDDED = "embedded", _("Embedded")

    class Scope(models.TextChoices):
        CLASS = "class", _("One class")
        DEPARTMENT = "department", _("A department")
        ORGANISATION = "organisation", _("The whole organisation")

    mobility = models.ForeignKey(
        "mobility.Mobility",
        verbose_name=_("mobility"),
        on_delete=models.CASCADE,
        related_name="implementations",
    )
    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("practice it came from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implementations",
    )
    kind = models.CharField(_("what"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, db_index=True)
    scope = models.CharField(_("scope"), max_length=15, choices=Scope.choices)
    learners_reached = models.PositiveIntegerField(_("learners reached"), default=0)
    colleagues_reached = models.PositiveIntegerField(_("colleagues reached"), default=0)
    evidence_link = models.URLField(_("evidence (link)"), blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to="implementation/%Y/", blank=True, max_length=300
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("implementation record")
        verbose_name_plural = _("implementation records")
        ordering = ["-updated_at", "pk"]
        indexes = [models.Index(fields=["practice", "stage"])]

    def __str__(self) -> str:
        return self.title


class FeedbackAction(models.Model):
    """What an organisation changed because of the evaluation results."""

    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="feedback_actions"
    )
    year = models.PositiveSmallIntegerField(_("year of the results"))
    finding = models.TextField(_("what the results showed"))
    action = models.TextField(_("what we changed"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("action taken on feedback")
        verbose_name_plural = _("actions taken on feedback")
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}"


class Story(models.Model):
    """A "most significant change" answer a coordinator selected for reports."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="story")
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    selected_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.answer_id)


class BadgeAssertion(models.Model):
    """An Open Badge awarded for a completed mobility with T1 submitted."""

    mobility = models.OneToOneField(
        "mobility.Mobility", on_delete=models.CASCADE, related_name="badge"
    )
    uid = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    issued_on = models.DateTimeField(default=timezone.now)
    # The hashed e-mail the badge was issued to, frozen at issue: a later
    # change of address does not change the published assertion.
    recipient_identity = models.CharField(max_length=80, blank=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.uid
