"""Writes on practices: drafting, the review workflow, publication, translations.

Every transition checks who may do it (``mobinnov.core.permissions``), changes
the rows in one transaction and tells the people concerned by e-mail.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mobinnov.accounts.models import User
from mobinnov.core.concurrency import EditConflict
from mobinnov.core.emails import send_templated_email
from mobinnov.core.permissions import can
from mobinnov.core.uploads import UnsupportedFile, display_image, sniff
from mobinnov.excellence.models import FieldOfExcellence
from mobinnov.network.models import Membership, Organisation
from mobinnov.practices import search
from mobinnov.practices.choices import Status
from mobinnov.practices.facets import facet_values
from mobinnov.practices.models import (
    LabelRule,
    Practice,
    PracticeAttachment,
    PracticeFacetValue,
    PracticeRevision,
    PracticeTranslation,
    Review,
    RubricCriterion,
)
from mobinnov.practices.rubric import Rule, consensus, label_for
from mobinnov.practices.template import TRANSLATABLE, completeness

EDITABLE_STATES = {Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED, Status.ARCHIVED}


def _require(user: User, action: str, obj: Any = None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied(action)


# Words the practice URLs use for other pages.
RESERVED_SLUGS = {"new", "mine", "reviews", "import", "booklet", "export", "facets", "rubric"}


def _unique_slug(title: str) -> str:
    base = slugify(title)[:80] or "practice"
    if base in RESERVED_SLUGS:
        base = f"{base}-practice"
    candidate, number = base, 2
    while Practice.objects.filter(slug=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def source_fingerprint(content: dict[str, Any]) -> str:
    """A fingerprint of the translatable source text: a translation made from
    another fingerprint is outdated."""
    text = json.dumps(
        {k: content.get(k, "") for k in TRANSLATABLE}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _notify(users: Any, template: str, practice: Practice, **context: Any) -> None:
    for user in {u for u in users if u is not None and u.is_active}:
        send_templated_email(
            to=user.email,
            template=template,
            context={"practice": practice, "person": user, **context},
            language=user.preferred_language,
        )


def _coordinators(organisation: Organisation) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, role=Membership.Role.COORDINATOR
        ).select_related("user")
    ]


def _editors() -> list[User]:
    return list(User.objects.filter(is_active=True, is_editor=True))


@transaction.atomic
def practice_create(
    *, host: Organisation, author: User, content: dict[str, Any], language: str
) -> Practice:
    """Start a fact sheet (a draft) for ``host``."""
    _require(author, "practice.create", host)
    now = timezone.now()
    practice = Practice.objects.create(
        slug=_unique_slug(str(content.get("title", ""))),
        host=host,
        source_language=language,
        status=Status.DRAFT,
        version=1,
        created_at=now,
        updated_at=now,
    )
    practice.authors.add(author)
    PracticeRevision.objects.create(
        practice=practice, number=1, content=content, author=author, created_at=now
    )
    return practice


@transaction.atomic
def practice_save(
    *,
    practice: Practice,
    author: User,
    content: dict[str, Any],
    expected_version: int,
    note: str = "",
) -> PracticeRevision:
    """Save a new revision of the working copy.

    Refused with EditConflict when another save happened since the author
    opened the form (``expected_version``). Saving a published practice opens a
    new draft; the published version stays public until the new one is published.
    """
    _require(author, "practice.edit", practice)
    locked = Practice.objects.select_for_update().get(pk=practice.pk)
    if locked.status not in EDITABLE_STATES:
        raise ValidationError(_("A practice cannot be edited while it is submitted or in review."))
    # Sent-back practices stay "changes requested" until resubmitted; any other
    # edit opens a draft (a published or archived version stays as it is).
    new_status = (
        Status.CHANGES_REQUESTED if locked.status == Status.CHANGES_REQUESTED else Status.DRAFT
    )
    updated = Practice.objects.filter(pk=locked.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), status=new_status
    )
    if updated != 1:
        raise EditConflict()
    locked.refresh_from_db()
    revision = PracticeRevision.objects.create(
        practice=locked,
        number=locked.version,
        content=content,
        author=author,
        note=note[:300],
    )
    practice.refresh_from_db()
    return revision


@transaction.atomic
def practice_submit(*, practice: Practice, actor: User) -> Practice:
    """Send the working copy to the editors; every required field must be filled."""
    _require(actor, "practice.edit", practice)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.status not in {Status.DRAFT, Status.CHANGES_REQUESTED}:
        raise ValidationError(_("Only a draft can be submitted."))
    revision = practice.latest_revision
    percent, missing = completeness(revision.content if revision else {})
    if missing:
        raise ValidationError(
            _("Fill in every required field before submitting (%(percent)s%% complete).")
            % {"percent": percent}
        )
    practice.status = Status.SUBMITTED
    practice.updated_at = timezone.now()
    practice.save(update_fields=["status", "updated_at"])
    _notify(_editors(), "practices/email/submitted", practice)
    return practice


def may_review(user: User, practice: Practice) -> bool:
    """Editors or coordinators of other organisations; never an author, never
    someone of the host organisation."""
    if not user.is_active:
        return False
    if practice.authors.filter(pk=user.pk).exists():
        return False
    if Membership.objects.filter(user=user, organisation=practice.host).exists():
        return False
    if user.is_editor or user.is_network_admin:
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.COORDINATOR).exists()


@transaction.atomic
def review_assign(*, practice: Practice, reviewer: User, actor: User) -> Review:
    """An editor asks ``reviewer`` to score the submitted revision."""
    _require(actor, "practice.manage_review", practice)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.status not in {Status.SUBMITTED, Status.IN_REVIEW}:
        raise ValidationError(_("Only a submitted practice can be reviewed."))
    if not may_review(reviewer, practice):
        raise ValidationError(
            _(
                "%(person)s cannot review this practice: reviewers are editors or coordinators "
                "of other organisations, never its authors or its host's staff."
            )
            % {"person": reviewer}
        )
    revision = practice.latest_revision
    assert revision is not None
    review, created = Review.objects.get_or_create(
        practice=practice, revision=revision, reviewer=reviewer, defaults={"assigned_by": actor}
    )
    if not created:
        raise ValidationError(_("%(person)s is already a reviewer.") % {"person": reviewer})
    practice.status = Status.IN_REVIEW
    practice.save(update_fields=["status"])
    _notify([reviewer], "practices/email/review_assigned", practice, review=review)
    return review


@transaction.atomic
def review_submit(*, review: Review, actor: User, scores: dict[str, int], comments: str) -> Review:
    """The reviewer records a score (0-4) for every criterion, with comments."""
    if review.reviewer_id != actor.pk:
        raise PermissionDenied("practice.review")
    review = Review.objects.select_for_update().select_related("practice").get(pk=review.pk)
    if review.practice.status != Status.IN_REVIEW or review.revision_id != (
        review.practice.latest_revision.pk if review.practice.latest_revision else None
    ):
        raise ValidationError(_("This review is closed."))
    codes = list(RubricCriterion.objects.values_list("code", flat=True))
    if set(scores) != set(codes) or any(not 0 <= int(v) <= 4 for v in scores.values()):
        raise ValidationError(_("Give every criterion a score from 0 to 4."))
    review.scores = {code: int(scores[code]) for code in codes}
    review.comments = comments
    review.submitted_at = timezone.now()
    review.save()
    _notify(_editors(), "practices/email/review_submitted", review.practice, review=review)
    return review


def consensus_for(practice: Practice) -> tuple[dict[str, int], str]:
    """Consensus scores of the submitted reviews of the working revision, and the label."""
    revision = practice.latest_revision
    reviews = list(
        Review.objects.filter(revision=revision, submitted_at__isnull=False).values_list(
            "scores", flat=True
        )
    )
    codes = list(RubricCriterion.objects.values_list("code", flat=True))
    scores = consensus(reviews, codes)
    rules = [
        Rule(r.label, r.min_total, r.min_scores, r.max_scores)
        for r in LabelRule.objects.order_by("position")
    ]
    return scores, label_for(scores, rules) if scores else ""


@transaction.atomic
def practice_request_changes(*, practice: Practice, actor: User, message: str) -> Practice:
    """Send the practice back to its authors with the reviewers' comments."""
    _require(actor, "practice.manage_review", practice)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.status not in {Status.SUBMITTED, Status.IN_REVIEW}:
        raise ValidationError(_("Only a practice under review can be sent back."))
    if not message.strip():
        raise ValidationError({"message": _("Tell the authors what to change.")})
    practice.status = Status.CHANGES_REQUESTED
    practice.save(update_fields=["status"])
    comments = list(
        Review.objects.filter(revision=practice.latest_revision, submitted_at__isnull=False)
    )
    _notify(
        [*practice.authors.all(), *_coordinators(practice.host)],
        "practices/email/changes_requested",
        practice,
        message=message,
        reviews=comments,
    )
    return practice


MIN_REVIEWS = 2


def _publish_revision(
    practice: Practice, revision: PracticeRevision, scores: dict[str, int], label: str
) -> None:
    content = revision.content
    now = timezone.now()
    practice.published_revision = revision
    practice.is_public = True
    practice.status = Status.PUBLISHED
    practice.published_at = now
    practice.first_published_at = practice.first_published_at or now
    practice.title = str(content.get("title", ""))[:200]
    practice.summary = str(content.get("summary", ""))
    practice.country = practice.host.country
    practice.label = label
    practice.rubric_scores = scores
    practice.save()
    practice.fields.set(FieldOfExcellence.objects.filter(code__in=content.get("fields") or []))
    PracticeFacetValue.objects.filter(practice=practice).delete()
    PracticeFacetValue.objects.bulk_create(
        PracticeFacetValue(practice=practice, facet=facet, value=value)
        for facet, value in facet_values(
            content=content, country=str(practice.country), label=label
        )
    )
    search.index_practice(practice)


@transaction.atomic
def practice_publish(*, practice: Practice, actor: User) -> Practice:
    """Publish the reviewed working revision with its consensus label."""
    _require(actor, "practice.manage_review", practice)
    practice = Practice.objects.select_for_update().select_related("host").get(pk=practice.pk)
    if practice.status != Status.IN_REVIEW:
        raise ValidationError(_("Only a practice in review can be published."))
    revision = practice.latest_revision
    submitted = Review.objects.filter(revision=revision, submitted_at__isnull=False).count()
    if submitted < MIN_REVIEWS:
        raise ValidationError(
            _("%(count)s of the %(needed)s reviews are in: wait for the reviewers.")
            % {"count": submitted, "needed": MIN_REVIEWS}
        )
    scores, label = consensus_for(practice)
    assert revision is not None
    _publish_revision(practice, revision, scores, label)
    _notify(
        [*practice.authors.all(), *_coordinators(practice.host)],
        "practices/email/published",
        practice,
    )
    return practice


@transaction.atomic
def practice_archive(*, practice: Practice, actor: User) -> Practice:
    """Take a published practice out of the catalogue (it can come back). A
    draft of a new revision, if any, stays a draft."""
    _require(actor, "practice.archive", practice)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not practice.is_public:
        raise ValidationError(_("Only a published practice can be archived."))
    practice.is_public = False
    if practice.status == Status.PUBLISHED:
        practice.status = Status.ARCHIVED
    practice.save(update_fields=["is_public", "status"])
    search.remove_practice(practice.pk)
    return practice


@transaction.atomic
def practice_unarchive(*, practice: Practice, actor: User) -> Practice:
    """Put an archived practice back into the catalogue as it was published."""
    _require(actor, "practice.archive", practice)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.is_public or practice.published_revision is None:
        raise ValidationError(_("Only an archived practice can be brought back."))
    practice.is_public = True
    if practice.status == Status.ARCHIVED:
        practice.status = Status.PUBLISHED
    practice.save(update_fields=["is_public", "status"])
    search.index_practice(practice)
    return practice


@transaction.atomic
def translation_save(
    *,
    practice: Practice,
    language: str,
    content: dict[str, str],
    translator: User,
    expected_version: int | None,
) -> PracticeTranslation:
    """Save the translation of the published text into ``language``."""
    _require(translator, "practice.translate", practice)
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.published_revision is None:
        raise ValidationError(_("A practice is translated once it is published."))
    if language == practice.source_language:
        raise ValidationError({"language": _("This is the language of the original.")})
    source = practice.published_revision.content
    translation, created = PracticeTranslation.objects.select_for_update().get_or_create(
        practice=practice,
        language=language,
        defaults={
            "content": content,
            "source_fingerprint": source_fingerprint(source),
            "translator": translator,
        },
    )
    if not created:
        if expected_version is not None and translation.version != expected_version:
            raise EditConflict()
        translation.content = content
        translation.source_fingerprint = source_fingerprint(source)
        translation.translator = translator
        translation.updated_at = timezone.now()
        translation.version += 1
        translation.save()
    if practice.is_public:
        search.index_practice(practice)
    return translation


def review_url(review: Review) -> str:
    return reverse("practices:review", kwargs={"pk": review.pk})


@transaction.atomic
def attachment_add(
    *, practice: Practice, actor: User, upload: Any, title: str
) -> PracticeAttachment:
    """Attach an image or a document, checked by its content; images also get a
    resized copy for display."""
    _require(actor, "practice.edit", practice)
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {
                    "size": round(upload.size / 1048576, 1),
                    "limit": settings.ATTACHMENT_MAX_BYTES // 1048576,
                }
            }
        )
    try:
        sniffed = sniff(upload)
    except UnsupportedFile:
        raise ValidationError(
            {
                "file": _(
                    "Upload an image (JPEG, PNG, WebP, GIF) or a document (PDF, Word, Excel, "
                    "PowerPoint, OpenDocument). Other files, such as SVG or web pages, are refused."
                )
            }
        ) from None
    stem = slugify(title)[:60] or "attachment"
    attachment = PracticeAttachment(
        practice=practice,
        kind=sniffed.kind,
        title=title,
        mime=sniffed.mime,
        size=upload.size,
        uploaded_by=actor,
    )
    upload.seek(0)
    attachment.file.save(f"{stem}.{sniffed.extension}", File(upload), save=False)
    if sniffed.kind == PracticeAttachment.Kind.IMAGE:
        data, extension = display_image(upload)
        attachment.display.save(f"{stem}-display.{extension}", ContentFile(data), save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: PracticeAttachment, actor: User) -> None:
    _require(actor, "practice.edit", attachment.practice)
    files = [attachment.file, attachment.display]
    attachment.delete()
    # Files go only once the row is gone for good.
    transaction.on_commit(lambda: [f.delete(save=False) for f in files if f])


@transaction.atomic
def label_rules_save(*, rules: list[dict[str, Any]], actor: User) -> list[LabelRule]:
    """Replace the label rules (in order) with ``rules``. The last rule must
    accept every practice, so each reviewed practice gets a label."""
    _require(actor, "practice.manage_rubric")
    if not rules:
        raise ValidationError(_("Keep at least one rule."))
    last = rules[-1]
    if last["min_total"] or last["min_scores"]:
        raise ValidationError(_("The last rule must accept every practice: no minimum in it."))
    LabelRule.objects.all().delete()
    return [
        LabelRule.objects.create(position=position, **rule)
        for position, rule in enumerate(rules, start=1)
    ]
