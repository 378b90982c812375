"""The fact-sheet workflow: draft -> submitted -> in review -> published
(or changes requested) -> archived, with permissions and e-mails."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mobinnov.core.concurrency import EditConflict
from mobinnov.practices import services
from mobinnov.practices.choices import Status
from mobinnov.practices.models import Practice, PracticeFacetValue
from tests.practices.factories import HIGH, complete_content, draft, publish, reviewer_from


@pytest.fixture
def reviewers(org_b, editor):
    return [editor, reviewer_from(org_b, "reviewer.b@example.org")]


def test_a_complete_draft_goes_through_review_to_publication(
    coordinator_a, org_a, editor, reviewers, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        practice = draft(org_a, coordinator_a)
        assert practice.status == Status.DRAFT and not practice.is_public
        practice = publish(practice, author=coordinator_a, editor=editor, reviewers=reviewers)
    assert practice.status == Status.PUBLISHED and practice.is_public
    assert practice.title == "Modular welding training with simulators"
    assert practice.label == "good_practice" and sum(practice.rubric_scores.values()) == 32
    assert set(practice.fields.values_list("code", flat=True)) == {"T3", "T4"}
    facets = set(PracticeFacetValue.objects.filter(practice=practice).values_list("facet", "value"))
    assert {
        ("country", "FR"),
        ("eqf", "3"),
        ("field", "T4"),
        ("host", "yes"),
        ("label", "good_practice"),
    } <= facets
    subjects = [mail.subject for mail in mailoutbox]
    assert any("submitted for review" in s for s in subjects)
    assert any("Please review" in s for s in subjects)
    assert any(s.startswith("Published") for s in subjects)


def test_an_incomplete_draft_cannot_be_submitted(coordinator_a, org_a):
    practice = services.practice_create(
        host=org_a, author=coordinator_a, content={"title": "Half"}, language="en"
    )
    with pytest.raises(ValidationError, match="complete"):
        services.practice_submit(practice=practice, actor=coordinator_a)
    assert Practice.objects.get(pk=practice.pk).status == Status.DRAFT


def test_reviewers_are_never_authors_nor_the_hosts_staff(coordinator_a, staff_a, org_a, editor):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    for person in (coordinator_a, staff_a):
        with pytest.raises(ValidationError, match="cannot review"):
            services.review_assign(practice=practice, reviewer=person, actor=editor)


def test_only_editors_assign_and_publish(coordinator_a, coordinator_b, org_a, reviewers):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    with pytest.raises(PermissionDenied):
        services.review_assign(practice=practice, reviewer=reviewers[1], actor=coordinator_b)
    with pytest.raises(PermissionDenied):
        services.practice_publish(practice=practice, actor=coordinator_a)


def test_publication_needs_two_submitted_reviews(coordinator_a, org_a, editor, reviewers):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    review = services.review_assign(practice=practice, reviewer=reviewers[1], actor=editor)
    services.review_submit(review=review, actor=reviewers[1], scores=HIGH, comments="")
    with pytest.raises(ValidationError, match="1 of the 2 reviews"):
        services.practice_publish(practice=practice, actor=editor)


def test_scores_must_cover_every_criterion_within_0_to_4(coordinator_a, org_a, editor, reviewers):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    review = services.review_assign(practice=practice, reviewer=editor, actor=editor)
    with pytest.raises(ValidationError):
        services.review_submit(
            review=review, actor=editor, scores={**HIGH, "evidence": 5}, comments=""
        )
    with pytest.raises(ValidationError):
        services.review_submit(review=review, actor=editor, scores={"evidence": 3}, comments="")
    with pytest.raises(PermissionDenied):
        services.review_submit(review=review, actor=reviewers[1], scores=HIGH, comments="")


def test_changes_requested_go_back_to_the_authors_with_the_message(
    coordinator_a, org_a, editor, mailoutbox, django_capture_on_commit_callbacks
):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    with pytest.raises(ValidationError):
        services.practice_request_changes(practice=practice, actor=editor, message="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_request_changes(
            practice=practice, actor=editor, message="Add figures to the results."
        )
    assert Practice.objects.get(pk=practice.pk).status == Status.CHANGES_REQUESTED
    assert any("Add figures to the results." in mail.body for mail in mailoutbox)
    # The authors edit and submit again.
    services.practice_save(
        practice=practice,
        author=coordinator_a,
        content=complete_content(results="Waste -38 %."),
        expected_version=practice.version,
    )
    services.practice_submit(practice=practice, actor=coordinator_a)
    assert Practice.objects.get(pk=practice.pk).status == Status.SUBMITTED


def test_editing_a_published_practice_keeps_the_published_version_public(
    coordinator_a, org_a, editor, reviewers
):
    practice = publish(
        draft(org_a, coordinator_a), author=coordinator_a, editor=editor, reviewers=reviewers
    )
    published = practice.published_revision
    services.practice_save(
        practice=practice,
        author=coordinator_a,
        content=complete_content(title="New title in progress"),
        expected_version=practice.version,
    )
    practice.refresh_from_db()
    assert practice.is_public and practice.status == Status.DRAFT
    assert (
        practice.published_revision == published
        and practice.title == "Modular welding training with simulators"
    )
    assert practice.latest_revision.content["title"] == "New title in progress"


def test_a_stale_save_is_refused(coordinator_a, staff_a, org_a):
    practice = draft(org_a, coordinator_a)
    version = practice.version
    services.practice_save(
        practice=practice,
        author=coordinator_a,
        content=complete_content(title="First"),
        expected_version=version,
    )
    with pytest.raises(EditConflict):
        services.practice_save(
            practice=practice,
            author=coordinator_a,
            content=complete_content(title="Second"),
            expected_version=version,
        )
    assert Practice.objects.get(pk=practice.pk).latest_revision.content["title"] == "First"


def test_nobody_edits_while_in_review(coordinator_a, org_a, editor):
    practice = draft(org_a, coordinator_a)
    services.practice_submit(practice=practice, actor=coordinator_a)
    with pytest.raises(ValidationError, match="in review"):
        services.practice_save(
            practice=practice,
            author=coordinator_a,
            content=complete_content(),
            expected_version=Practice.objects.get(pk=practice.pk).version,
        )


def test_archive_and_bring_back(coordinator_a, coordinator_b, org_a, editor, reviewers):
    practice = publish(
        draft(org_a, coordinator_a), author=coordinator_a, editor=editor, reviewers=reviewers
    )
    with pytest.raises(PermissionDenied):
        services.practice_archive(practice=practice, actor=coordinator_b)
    services.practice_archive(practice=practice, actor=coordinator_a)
    practice.refresh_from_db()
    assert not practice.is_public and practice.status == Status.ARCHIVED
    services.practice_unarchive(practice=practice, actor=editor)
    practice.refresh_from_db()
    assert practice.is_public and practice.status == Status.PUBLISHED


def test_other_organisations_cannot_draft_or_edit(coordinator_b, coordinator_a, org_a):
    with pytest.raises(PermissionDenied):
        services.practice_create(
            host=org_a, author=coordinator_b, content={"title": "x"}, language="en"
        )
    practice = draft(org_a, coordinator_a)
    with pytest.raises(PermissionDenied):
        services.practice_save(
            practice=practice,
            author=coordinator_b,
            content=complete_content(),
            expected_version=practice.version,
        )


def test_editing_an_archived_practice_keeps_it_archivable_and_restorable(
    coordinator_a, org_a, editor, reviewers
):
    practice = publish(
        draft(org_a, coordinator_a), author=coordinator_a, editor=editor, reviewers=reviewers
    )
    services.practice_archive(practice=practice, actor=editor)
    practice.refresh_from_db()
    services.practice_save(
        practice=practice,
        author=coordinator_a,
        content=complete_content(title="Reworked"),
        expected_version=practice.version,
    )
    services.practice_unarchive(practice=practice, actor=editor)
    practice.refresh_from_db()
    # The published version is back online; the reworked draft waits for review.
    assert practice.is_public and practice.status == Status.DRAFT
    assert practice.title == "Modular welding training with simulators"


def test_a_practice_titled_like_a_page_gets_another_address(coordinator_a, org_a):
    for title in ("Import", "New", "Booklet"):
        practice = services.practice_create(
            host=org_a, author=coordinator_a, content={"title": title}, language="en"
        )
        assert practice.slug not in services.RESERVED_SLUGS
