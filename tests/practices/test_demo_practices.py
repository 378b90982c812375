"""The demo practices: published through the real workflow, varied, translated,
some still in the workflow, and loaded only once however often the command runs."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from mobinnov.network.demo import PARTNERS
from mobinnov.practices import selectors, services
from mobinnov.practices.choices import Label, Status
from mobinnov.practices.demo import FACT_SHEETS, PUBLISHED
from mobinnov.practices.forms import TranslationForm
from mobinnov.practices.models import Practice, PracticeRevision, PracticeTranslation, Review
from mobinnov.practices.template import completeness

MODELS = (Practice, PracticeRevision, Review, PracticeTranslation)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The demo loaded once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("load_demo", "--force", stdout=out)
            yield {"output": out.getvalue(), "counts": _counts()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def public(demo: dict[str, Any], db: None) -> list[Practice]:
    return list(
        Practice.objects.filter(is_public=True)
        .select_related("host", "published_revision")
        .prefetch_related("fields__cluster")
    )


def test_the_command_reports_the_practices(demo: dict[str, Any], db: None) -> None:
    assert "Practices: 44 published, 3 drafts, 2 in review, 7 translations" in demo["output"]


def test_enough_varied_public_practices(public: list[Practice]) -> None:
    assert len(public) >= 40
    assert len({str(practice.country) for practice in public}) >= 8
    clusters = {field.cluster.code for practice in public for field in practice.fields.all()}
    assert {"T", "C", "G"} <= clusters
    labels = {practice.label for practice in public}
    assert labels == {Label.GOOD, Label.PROMISING, Label.EXPERIENCE}
    languages = {practice.source_language for practice in public}
    assert {"en", "fr", "de", "es", "it"} <= languages


def test_every_public_practice_went_through_review(public: list[Practice]) -> None:
    for practice in public:
        revision = practice.published_revision
        assert revision is not None
        assert practice.status == Status.PUBLISHED
        assert practice.label
        assert completeness(revision.content) == (100, [])
        reviews = Review.objects.filter(revision=revision, submitted_at__isnull=False)
        assert reviews.count() == 2, practice.slug
        reviewers = {review.reviewer for review in reviews}
        assert any(reviewer.is_editor for reviewer in reviewers)
        assert not any(
            reviewer.memberships.filter(organisation=practice.host).exists()
            for reviewer in reviewers
        )
        assert practice.facet_values.filter(facet="country").exists()
        assert practice.title == revision.content["title"]


def test_contact_is_the_host_coordinator(public: list[Practice]) -> None:
    coordinators = {partner.slug: partner.coordinator.full_name for partner in PARTNERS}
    for practice in public:
        assert practice.published_revision is not None
        content = practice.published_revision.content
        assert content["contact_name"] == coordinators[practice.host.slug]
        assert content["licence"] == "CC-BY-4.0"


def test_translations_french_german_and_one_outdated(demo: dict[str, Any], db: None) -> None:
    translations = list(PracticeTranslation.objects.select_related("practice__published_revision"))
    assert {"fr", "de"} <= {translation.language for translation in translations}
    outdated = []
    for translation in translations:
        assert translation.practice.is_public
        assert translation.language != translation.practice.source_language
        assert TranslationForm(data=translation.content).is_valid()
        localized = selectors.localized(translation.practice, translation.language)
        assert localized.translation == translation
        if localized.outdated:
            outdated.append(translation)
    assert len(outdated) == 1
    practice = outdated[0].practice
    # Really outdated: the source changed and was republished after the translation.
    assert practice.revisions.count() == 3
    assert outdated[0].source_fingerprint == services.source_fingerprint(
        practice.revisions.get(number=2).content
    )


def test_practices_still_in_the_workflow_are_not_public(demo: dict[str, Any], db: None) -> None:
    drafts = Practice.objects.filter(status=Status.DRAFT)
    assert drafts.count() == 3
    for draft in drafts:
        latest = draft.latest_revision
        assert latest is not None
        assert completeness(latest.content)[1], "a demo draft is incomplete"
    assert Practice.objects.filter(status=Status.SUBMITTED).count() == 1
    in_review = Practice.objects.get(status=Status.IN_REVIEW)
    reviews = in_review.reviews.all()
    assert reviews.count() == 2
    assert reviews.filter(submitted_at__isnull=False).count() == 1
    for practice in Practice.objects.exclude(status=Status.PUBLISHED):
        assert not practice.is_public
        assert practice.published_revision is None
        assert not practice.label
    assert Practice.objects.count() == len(FACT_SHEETS)
    published = sum(1 for sheet in FACT_SHEETS if sheet.state == PUBLISHED)
    assert Practice.objects.filter(is_public=True).count() == published


def test_second_run_creates_nothing(demo: dict[str, Any], db: None) -> None:
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert _counts() == demo["counts"]
    assert "(0 created now)" in out.getvalue()
