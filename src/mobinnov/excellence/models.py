from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobinnov.core.models import Translatable


class Cluster(Translatable):
    """One of the three clusters of the CoVE mapping (2019)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.localized_name()

    def localized_name(self, language: str | None = None) -> str:
        return self.translated("name", language)


class FieldOfExcellence(Translatable):
    """A field of excellence (or of innovation, when added by the network).

    English is the source; ``translations`` holds the other languages.
    A field in use is retired, never deleted.
    """

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="fields"
    )
    code = models.CharField(_("code"), max_length=10, unique=True)
    position = models.PositiveSmallIntegerField(_("position in the cluster"), default=0)
    name = models.CharField(_("name (English)"), max_length=200)
    definition = models.TextField(_("short definition (English)"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_(
            "Where this field comes from, e.g. the 2019 CoVE mapping or a network decision."
        ),
    )
    is_retired = models.BooleanField(_("retired"), default=False, db_index=True)
    retired_at = models.DateTimeField(_("retired on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("field of excellence")
        verbose_name_plural = _("fields of excellence")
        ordering = ["cluster__number", "position", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.localized_name()}"

    def get_absolute_url(self) -> str:
        return reverse("excellence:framework") + f"#field-{self.code}"

    def localized_name(self, language: str | None = None) -> str:
        return self.translated("name", language)

    def localized_definition(self, language: str | None = None) -> str:
        return self.translated("definition", language)


class DefinitionTopic(models.TextChoices):
    PEDAGOGICAL_INNOVATION = "pedagogical_innovation", _("Pedagogical innovation")
    EXCELLENCE_IN_VET = "excellence_in_vet", _("Excellence in VET")


class ReferenceDefinition(Translatable):
    """A definition from a published source, shown beside the partners' own."""

    topic = models.CharField(_("topic"), max_length=40, choices=DefinitionTopic.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("definition (English)"))
    citation = models.CharField(_("source"), max_length=400)
    url = models.URLField(_("link"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("reference definition")
        verbose_name_plural = _("reference definitions")
        ordering = ["topic", "position"]

    def __str__(self) -> str:
        return self.title

    def localized_text(self, language: str | None = None) -> str:
        return self.translated("text", language)


class Definition(models.Model):
    """An organisation's (or, without organisation, the network's common)
    definition of a topic. Its text is the latest :class:`DefinitionVersion`."""

    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="definitions",
    )
    topic = models.CharField(_("topic"), max_length=40, choices=DefinitionTopic.choices)
    text = models.TextField(_("definition"))
    language = models.CharField(_("language of the text"), max_length=10, default="en")
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("definition")
        verbose_name_plural = _("definitions")
        ordering = ["topic", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "topic"], name="excellence_definition_unique_per_org"
            ),
            models.UniqueConstraint(
                fields=["topic"],
                condition=models.Q(organisation__isnull=True),
                name="excellence_definition_unique_common",
            ),
        ]

    def __str__(self) -> str:
        owner = self.organisation.name if self.organisation else _("Network")
        return f"{owner}: {self.get_topic_display()}"


class DefinitionVersion(models.Model):
    """One saved version of a definition, with its author and date."""

    definition = models.ForeignKey(Definition, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("definition"))
    language = models.CharField(_("language of the text"), max_length=10, default="en")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("version of a definition")
        verbose_name_plural = _("versions of definitions")
        ordering = ["definition", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "number"], name="excellence_definition_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition} v{self.number}"
