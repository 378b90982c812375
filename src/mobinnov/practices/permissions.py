"""Who may do what with practices."""

from typing import Any

from mobinnov.core.permissions import (
    PUBLIC_ACTIONS,
    is_admin,
    is_coordinator,
    is_editor,
    is_member,
    rule,
)


@rule("practice.create")
def create_practice(user: Any, host: Any) -> bool:
    """Staff and coordinators draft practices for their own organisation."""
    return is_admin(user) or is_member(user, host.pk)


def _is_author(user: Any, practice: Any) -> bool:
    return practice.authors.filter(pk=user.pk).exists()


@rule("practice.edit")
def edit_practice(user: Any, practice: Any) -> bool:
    """The host's coordinators and the named authors edit the fact sheet."""
    return is_admin(user) or is_coordinator(user, practice.host_id) or _is_author(user, practice)


@rule("practice.view_working_copy")
def view_working_copy(user: Any, practice: Any) -> bool:
    """Drafts and revisions under review: authors, the host, editors, its reviewers."""
    return (
        is_editor(user)
        or is_member(user, practice.host_id)
        or _is_author(user, practice)
        or practice.reviews.filter(reviewer=user).exists()
    )


@rule("practice.manage_review")
def manage_review(user: Any, practice: Any) -> bool:
    """Editors assign reviewers, request changes and publish."""
    return is_editor(user)


@rule("practice.manage_rubric")
def manage_rubric(user: Any, obj: Any) -> bool:
    """Editors decide how scores turn into labels."""
    return is_editor(user)


@rule("practice.archive")
def archive_practice(user: Any, practice: Any) -> bool:
    return is_editor(user) or is_coordinator(user, practice.host_id)


@rule("practice.translate")
def translate_practice(user: Any, practice: Any) -> bool:
    return is_editor(user) or is_member(user, practice.host_id) or _is_author(user, practice)


@rule("practice.view")
def view_practice(user: Any, practice: Any) -> bool:
    """Published practices are public; others follow view_working_copy."""
    if practice.is_public:
        return True
    return user.is_authenticated and view_working_copy(user, practice)


PUBLIC_ACTIONS.add("practice.view")
