"""Innovative practices (fact sheets), their revisions, translations and reviews.

A practice's working copy is its latest :class:`PracticeRevision`; what the
public sees is ``published_revision``, copied into the catalogue columns and
facet rows of :class:`Practice` when it is published. Editing a published
practice therefore never hides it: the new revision goes through review while
the published one stays visible.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from mobinnov.core.models import Translatable
from mobinnov.practices.choices import Label, Status


class Practice(models.Model):
    slug = models.SlugField(_("short name in web addresses"), max_length=90, unique=True)
    host = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authors"),
        related_name="authored_practices",
        blank=True,
    )
    source_language = models.CharField(_("language of the fact sheet"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    # The published version, as the catalogue shows it.
    published_revision = models.ForeignKey(
        "PracticeRevision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_public = models.BooleanField(default=False, db_index=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    country = CountryField(_("country"), blank=True, db_index=True)
    label = models.CharField(_("label"), max_length=30, choices=Label.choices, blank=True)
    rubric_scores = models.JSONField(_("consensus scores"), default=dict, blank=True)
    fields = models.ManyToManyField(
        "excellence.FieldOfExcellence",
        verbose_name=_("fields of excellence"),
        related_name="practices",
        blank=True,
    )

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_at", "title"]
        # The catalogue's two orders, complete (ties broken by id): the first
        # page is read from the index whatever the database's statistics say.
        # ``is_public`` leads no index: the filter is written as the bare
        # column, which SQLite cannot look up in an index.
        indexes = [
            models.Index(fields=["-published_at", "id"]),
            models.Index(fields=["title", "id"]),
            models.Index(fields=["host", "status"]),
        ]

    def __str__(self) -> str:
        return self.title or self.working_title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})

    @property
    def working_title(self) -> str:
        latest = self.latest_revision
        return str(latest.content.get("title", "")) if latest else ""

    @property
    def latest_revision(self) -> PracticeRevision | None:
        return self.revisions.order_by("-number").first()


class PracticeRevision(models.Model):
    """Every save of a fact sheet, with its author and date."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    content: Any = models.JSONField(_("content"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    note = models.CharField(_("what changed"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["practice", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "number"], name="practices_revision_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practice_id} r{self.number}"


class PracticeFacetValue(models.Model):
    """One value of one facet of a published practice (country, EQF level,
    sector, ...). Filled on publication; the catalogue filters and counts on
    this one indexed table."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "facet", "value"], name="practices_facet_unique"
            ),
        ]
        indexes = [models.Index(fields=["facet", "value", "practice"])]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class PracticeTranslation(models.Model):
    """The translatable text of a practice in another language."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    content: Any = models.JSONField(_("content"), default=dict)
    source_fingerprint = models.CharField(max_length=64, editable=False)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language"], name="practices_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practice} [{self.language}]"


class RubricCriterion(Translatable):
    """A criterion of the review rubric (data: practices/data/rubric.json)."""

    code = models.CharField(max_length=30, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    levels: Any = models.JSONField(default=dict, help_text="Descriptors of scores 0, 2 and 4.")

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.translated("name")

    def level_text(self, score: int, language: str | None = None) -> str:
        translated = (self.translations or {}).get((language or "")[:2], {}).get("levels", {})
        return str(translated.get(str(score)) or self.levels.get(str(score), ""))


class LabelRule(models.Model):
    """First matching rule (by position) gives the label of a reviewed practice."""

    position = models.PositiveSmallIntegerField(unique=True)
    label = models.CharField(max_length=30, choices=Label.choices)
    min_total = models.PositiveSmallIntegerField(default=0)
    min_scores: Any = models.JSONField(default=dict, blank=True)
    max_scores: Any = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("label rule")
        verbose_name_plural = _("label rules")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}: {self.get_label_display()}"


class Review(models.Model):
    """A reviewer's scores for one revision of a practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="reviews")
    revision = models.ForeignKey(PracticeRevision, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_reviews"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    scores: Any = models.JSONField(default=dict, blank=True)
    comments = models.TextField(_("comments for the authors"), blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "reviewer"], name="practices_review_unique"
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.practice}"

    @property
    def total(self) -> int:
        return sum(int(v) for v in self.scores.values())


from django.contrib.postgres.search import SearchVectorField  # noqa: E402
from django.db.models.expressions import Col  # noqa: E402
from django.db.models.lookups import Exact  # noqa: E402


class PracticeSearchDocument(models.Model):
    """The searched text of one public practice, every language run together
    and normalised (``practices.search``). On PostgreSQL ``vector`` holds its
    weighted tsvector (GIN index, created by migration 0003 on PostgreSQL only);
    on SQLite ``vector`` stays empty and the FTS5 table ``practices_search``
    (rowid = practice id) holds the same text."""

    practice = models.OneToOneField(
        Practice, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    title = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    description = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"search document of {self.practice_id}"


class FullTextColumn(models.TextField):
    """The hidden column of an SQLite FTS5 table, named like the table: the
    left side of ``MATCH`` and the first argument of ``bm25()``."""


class FullTextRowLink(models.OneToOneField):
    """The link of a full-text row to its practice. A join through it also
    states the equality the other way round (full-text rowid = practice id):
    SQLite then checks the practice's other filters (facets) on the full-text
    rowid, before it looks the practice up, instead of after."""

    def get_extra_restriction(self, alias: str, related_alias: str) -> Any:
        # alias: the practice's table in the query; related_alias: the full-text table's.
        return Exact(Col(related_alias, self), Col(alias, self.target_field))


class _NoFullTextRows(models.Manager["PracticeSearchRow"]):
    """Reads no full-text row: they are only joined to practices in a search.
    The table does not exist on PostgreSQL, and its rows are derived data that
    ``search.rebuild_index()`` rebuilds, so ``dumpdata`` must not read them."""

    def get_queryset(self) -> models.QuerySet[PracticeSearchRow]:
        return super().get_queryset().none()


class PracticeSearchRow(models.Model):
    """A row of the SQLite full-text table ``practices_search`` (migration
    0003, rowid = practice id), declared so that a search can join it to the
    practices (``practices.search``). Not managed: ``practices.search`` writes
    the table; it does not exist on PostgreSQL, where nothing reads this model."""

    practice = FullTextRowLink(
        Practice,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="search_row",
    )
    document = FullTextColumn(db_column="practices_search", editable=False)

    objects = _NoFullTextRows()

    class Meta:
        managed = False
        db_table = "practices_search"
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"full-text row of {self.practice_id}"


def _attachment_path(instance: PracticeAttachment, filename: str) -> str:
    return f"practices/{instance.practice_id}/{filename}"


class PracticeAttachment(models.Model):
    """An image or document of a practice. Files are served through a view that
    checks who may see the practice, never straight from the media folder."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title or description"), max_length=200)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=300)
    display = models.FileField(upload_to=_attachment_path, max_length=300, blank=True)
    mime = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["kind", "uploaded_at"]

    def __str__(self) -> str:
        return self.title
