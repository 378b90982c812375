"""Staff mobility planning: host offers, learning needs, planning rounds and
their proposals, mobility records with their programme, agreements and
budgets, and the Erasmus+ rate tables as editable data.

The business rules (what may change when, how a round is solved, how a budget
is computed) live in :mod:`mobinnov.mobility.services`; the models hold data
and its invariants (constraints, indexes)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Format(models.TextChoices):
    """How a visit happens: the Erasmus+ activity types of the rules file,
    plus the formats partners use outside them."""

    JOB_SHADOWING = "SM-JOB-SHDW", _("Job shadowing")
    TEACHING = "SM-TTA", _("Teaching or training assignment")
    COURSE = "SM-COUR-TRAIN", _("Course or training")
    INVITED_EXPERT = "OA-INV-EXP", _("Invited expert")
    HOSTING_TEACHERS = "OA-HOS-TTT", _("Hosting teachers in training")
    STUDY_VISIT = "study-visit", _("Study visit")
    VIRTUAL = "virtual", _("Virtual")
    BLENDED = "blended", _("Blended")


# Formats that are Erasmus+ activity types (reporting-tool codes); a mobility's
# activity type is always one of them.
ACTIVITY_FORMATS = [
    Format.JOB_SHADOWING,
    Format.TEACHING,
    Format.COURSE,
    Format.INVITED_EXPERT,
    Format.HOSTING_TEACHERS,
]
# What a format without an activity code is reported as.
DEFAULT_ACTIVITY = Format.JOB_SHADOWING


class HostOffer(models.Model):
    """An organisation's offer to receive visitors around its practices."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("host organisation"),
        on_delete=models.CASCADE,
        related_name="host_offers",
    )
    title = models.CharField(_("title"), max_length=200)
    practices = models.ManyToManyField(
        "practices.Practice",
        verbose_name=_("practices visitors will see"),
        related_name="host_offers",
        blank=True,
    )
    formats = models.JSONField(_("formats"), default=list)
    languages = models.JSONField(_("working languages"), default=list)
    capacity = models.PositiveSmallIntegerField(
        _("visitors per period"),
        default=2,
        help_text=_("How many visitors you can receive in each period."),
    )
    min_days = models.PositiveSmallIntegerField(_("minimum days"), default=2)
    max_days = models.PositiveSmallIntegerField(_("maximum days"), default=10)
    programme = models.TextField(
        _("what visitors will do and learn"),
        help_text=_("Activities, people they will meet, what they will take home."),
    )
    practical_information = models.TextField(
        _("practical information"),
        blank=True,
        help_text=_("Accommodation, transport, accessibility of the premises, contact."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("host offer")
        verbose_name_plural = _("host offers")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["status", "organisation"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_days__lte=models.F("max_days")), name="offer_min_le_max_days"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="offer_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mobility:offer_detail", kwargs={"pk": self.pk})

    def get_formats_display(self) -> list[str]:
        labels = dict(Format.choices)
        return [str(labels.get(code, code)) for code in self.formats]


class OfferPeriod(models.Model):
    """A date range in which an offer can receive ``offer.capacity`` visitors."""

    offer = models.ForeignKey(HostOffer, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))

    class Meta:
        verbose_name = _("available period")
        verbose_name_plural = _("available periods")
        ordering = ["start", "end", "pk"]
        indexes = [models.Index(fields=["start", "end"])]
        constraints = [
            models.CheckConstraint(condition=Q(start__lte=models.F("end")), name="period_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.start:%d/%m/%Y} - {self.end:%d/%m/%Y}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class LearningNeed(models.Model):
    """What a staff member wants to learn abroad."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for endorsement")
        ENDORSED = "endorsed", _("Endorsed")
        MATCHED = "matched", _("Matched")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="learning_needs",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("sending organisation"),
        on_delete=models.CASCADE,
        related_name="learning_needs",
    )
    fields = models.ManyToManyField(
        "excellence.FieldOfExcellence",
        verbose_name=_("fields of excellence"),
        related_name="learning_needs",
        blank=True,
    )
    practices = models.ManyToManyField(
        "practices.Practice",
        verbose_name=_("practices of interest"),
        related_name="learning_needs",
        blank=True,
    )
    goals = models.TextField(_("what I want to learn"))
    earliest_start = models.DateField(_("earliest start"))
    latest_end = models.DateField(_("latest end"))
    min_days = models.PositiveSmallIntegerField(_("shortest stay (days)"), default=2)
    max_days = models.PositiveSmallIntegerField(_("longest stay (days)"), default=10)
    languages = models.JSONField(_("languages I can work in"), default=list)
    formats = models.JSONField(_("preferred formats"), default=list)
    accessibility_needs = models.TextField(
        _("accessibility needs"),
        blank=True,
        help_text=_("Only you, your coordinator, the host's coordinator and admins can read this."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("learning need")
        verbose_name_plural = _("learning needs")
        ordering = ["-created_at", "pk"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["status", "earliest_start", "latest_end"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(earliest_start__lte=models.F("latest_end")), name="need_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(min_days__lte=models.F("max_days")), name="need_min_le_max_days"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} - {self.goals[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("mobility:need_detail", kwargs={"pk": self.pk})

    def get_formats_display(self) -> list[str]:
        labels = dict(Format.choices)
        return [str(labels.get(code, code)) for code in self.formats]


class PlanningRound(models.Model):
    """A period for which endorsed needs are matched to open offers."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SOLVED = "solved", _("Proposals made")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=150)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="planning_rounds",
        help_text=_("Empty for a round of the whole network."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    reciprocity_weight = models.DecimalField(
        _("weight of reciprocity"),
        max_digits=6,
        decimal_places=2,
        default=10,
        help_text=_(
            "Fit points one unit of imbalance between two partners costs. 0 ignores reciprocity."
        ),
    )
    time_limit_s = models.PositiveSmallIntegerField(
        _("time limit of the solver (seconds)"), default=10
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    solved_at = models.DateTimeField(null=True, blank=True)
    solve_count = models.PositiveSmallIntegerField(default=0)
    objective = models.FloatField(null=True, blank=True)
    optimal = models.BooleanField(null=True, blank=True)
    solver_status = models.CharField(max_length=200, blank=True)
    solve_time_s = models.FloatField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("planning round")
        verbose_name_plural = _("planning rounds")
        ordering = ["-period_start", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")), name="round_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mobility:round_detail", kwargs={"pk": self.pk})


class RoundNeed(models.Model):
    """A need taking part in a round, with why it was left unmatched."""

    round = models.ForeignKey(PlanningRound, on_delete=models.CASCADE, related_name="entries")
    need = models.ForeignKey(LearningNeed, on_delete=models.CASCADE, related_name="round_entries")
    # Codes (see services.UNMATCHED_REASONS) when the last solve left it out.
    unmatched_reasons = models.JSONField(default=list, blank=True)
    candidate_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "need"], name="round_need_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.need_id}"


class Proposal(models.Model):
    """A need-offer pair the solver proposes; both coordinators decide."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for decisions")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        SUPERSEDED = "superseded", _("Replaced by a new solution")

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    round = models.ForeignKey(PlanningRound, on_delete=models.CASCADE, related_name="proposals")
    need = models.ForeignKey(LearningNeed, on_delete=models.CASCADE, related_name="proposals")
    offer = models.ForeignKey(HostOffer, on_delete=models.CASCADE, related_name="proposals")
    period = models.ForeignKey(OfferPeriod, on_delete=models.CASCADE, related_name="proposals")
    start_date = models.DateField(_("proposed start"))
    end_date = models.DateField(_("proposed end"))
    activity_type = models.CharField(_("activity type"), max_length=20)
    score = models.FloatField(_("fit"))
    score_parts = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    sending_decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    sending_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sending_decided_at = models.DateTimeField(null=True, blank=True)
    host_decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    host_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    host_decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-score", "pk"]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["need", "offer", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.need_id} -> {self.offer_id}"


class Mobility(models.Model):
    """One participant's stay at a host organisation."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        AGREED = "agreed", _("Agreed")
        UNDER_WAY = "under_way", _("Under way")
        COMPLETED = "completed", _("Completed")
        EVALUATED = "evaluated", _("Evaluated")
        CANCELLED = "cancelled", _("Cancelled")

    class Transport(models.TextChoices):
        PLANE = "plane", _("Plane")
        TRAIN = "train", _("Train")
        BUS = "bus", _("Bus or coach")
        CAR = "car", _("Car")
        CAR_SHARING = "car-sharing", _("Car sharing")
        BOAT = "boat", _("Boat")
        OTHER = "other", _("Other")

    reference = models.CharField(_("mobility ID"), max_length=20, unique=True, editable=False)
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="mobilities",
    )
    sending_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("sending organisation"),
        on_delete=models.PROTECT,
        related_name="mobilities_sent",
    )
    receiving_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("receiving organisation"),
        on_delete=models.PROTECT,
        related_name="mobilities_received",
    )
    activity_type = models.CharField(_("activity type"), max_length=20, db_index=True)
    call_year = models.PositiveSmallIntegerField(_("call year"))
    project_code = models.CharField(
        _("project code"),
        max_length=40,
        blank=True,
        help_text=_("As in the grant agreement, for example 2024-1-FR01-KA121-VET-000123456."),
    )
    start_date = models.DateField(_("first day of activity"))
    end_date = models.DateField(_("last day of activity"))
    travel_days = models.PositiveSmallIntegerField(
        _("travel days"),
        default=2,
        help_text=_(
            "Days spent travelling, outside the activity dates: up to 2, up to 6 by green travel."
        ),
    )
    offer = models.ForeignKey(
        HostOffer,
        verbose_name=_("host offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mobilities",
    )
    offer_period = models.ForeignKey(
        OfferPeriod, null=True, blank=True, on_delete=models.SET_NULL, related_name="mobilities"
    )
    need = models.ForeignKey(
        LearningNeed, null=True, blank=True, on_delete=models.SET_NULL, related_name="mobilities"
    )
    proposal = models.OneToOneField(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="mobility"
    )
    practices = models.ManyToManyField(
        "practices.Practice",
        verbose_name=_("practices"),
        related_name="mobilities",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Travel and budget.
    origin_city = models.CharField(_("travelling from (city)"), max_length=120, blank=True)
    origin_country = CountryField(_("travelling from (country)"), blank=True)
    green_travel = models.BooleanField(_("green travel"), default=False)
    transport = models.CharField(
        _("main means of transport"), max_length=12, choices=Transport.choices, blank=True
    )
    blended = models.BooleanField(_("blended mobility"), default=False)
    fewer_opportunities = models.BooleanField(
        _("participant with fewer opportunities"), default=False
    )
    distance_km = models.PositiveIntegerField(_("computed distance (km)"), null=True, blank=True)
    official_distance_km = models.PositiveIntegerField(
        _("distance from the official calculator (km)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the computed distance."),
    )
    distance_band = models.CharField(_("distance band"), max_length=12, blank=True)
    funded_travel_days = models.PositiveSmallIntegerField(default=0)
    travel_grant = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    individual_support = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    course_fees = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    organisational_support = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    inclusion_support = models.DecimalField(max_digits=9, decimal_places=2, default=0)
    grant_total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    budget_basis = models.CharField(max_length=10, blank=True)  # "estimated" or "actual"
    budget_error = models.CharField(max_length=300, blank=True)
    budget_breakdown = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("mobility")
        verbose_name_plural = _("mobilities")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["participant", "start_date"]),
            models.Index(fields=["sending_organisation", "status", "start_date"]),
            models.Index(fields=["receiving_organisation", "status", "start_date"]),
            models.Index(fields=["status", "start_date"]),
            models.Index(fields=["call_year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")), name="mobility_dates_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(sending_organisation=models.F("receiving_organisation")),
                name="mobility_not_own_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("mobility:mobility_detail", kwargs={"reference": self.reference})

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def effective_distance_km(self) -> int | None:
        if self.official_distance_km is not None:
            return self.official_distance_km
        return self.distance_km

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


class ProgrammeDay(models.Model):
    """One entry of the day-by-day programme."""

    mobility = models.ForeignKey(Mobility, on_delete=models.CASCADE, related_name="programme")
    date = models.DateField(_("date"))
    activity = models.CharField(_("what"), max_length=300)
    with_whom = models.CharField(_("with whom"), max_length=200, blank=True)
    place = models.CharField(_("where"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("programme entry")
        verbose_name_plural = _("programme")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.activity}"


class Agreement(models.Model):
    """The mobility (learning) agreement of the three parties."""

    mobility = models.OneToOneField(Mobility, on_delete=models.CASCADE, related_name="agreement")
    language = models.CharField(_("language of the activity"), max_length=10, blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    added_value = models.TextField(_("added value for both organisations"), blank=True)
    activities = models.TextField(_("activities (programme)"), blank=True)
    expected_outcomes = models.TextField(_("expected learning outcomes and impact"), blank=True)
    competences = models.JSONField(
        _("competences targeted"),
        default=list,
        blank=True,
        help_text=_("One per line. They are rated before and after the mobility."),
    )
    recognition = models.TextField(_("recognition"), blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    approvals_reset_at = models.DateTimeField(null=True, blank=True)
    approvals_reset_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    complement = models.TextField(_("what took place"), blank=True)
    took_place_as_planned = models.BooleanField(_("took place as planned"), null=True, blank=True)
    complement_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    complement_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("mobility agreement")
        verbose_name_plural = _("mobility agreements")

    def __str__(self) -> str:
        return f"{self.mobility.reference}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Approval(models.Model):
    """One party's recorded approval of an agreement."""

    class Party(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        SENDING = "sending", _("Sending organisation")
        RECEIVING = "receiving", _("Receiving organisation")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="approvals")
    party = models.CharField(_("party"), max_length=12, choices=Party.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(default=timezone.now)
    agreement_version = models.PositiveIntegerField()

    class Meta:
        ordering = ["approved_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_approval_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.approved_at:%Y-%m-%d}"


class RateTable(models.Model):
    """The Erasmus+ unit costs of one call year, as admins keep them.

    ``data`` is one entry of ``call_years`` in the format of
    ``data/erasmus_rates.json`` (every figure with its source and confidence);
    when the table is empty the shipped file is used."""

    call_year = models.PositiveSmallIntegerField(_("call year"), unique=True)
    data = models.JSONField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("rate table")
        verbose_name_plural = _("rate tables")
        ordering = ["call_year"]

    def __str__(self) -> str:
        return str(self.call_year)
