"""Who may do what in the partner network."""

from typing import Any

from mobinnov.core.permissions import is_admin, is_coordinator, is_member, rule


@rule("network.manage")
def manage_network(user: Any, obj: Any) -> bool:
    """Partner applications, creating organisations, the audit log."""
    return is_admin(user)


@rule("organisation.edit")
def edit_organisation(user: Any, organisation: Any) -> bool:
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("organisation.manage_members")
def manage_members(user: Any, organisation: Any) -> bool:
    """Invite people, change roles, remove members."""
    return is_admin(user) or is_coordinator(user, organisation.pk)


@rule("organisation.view_members")
def view_members(user: Any, organisation: Any) -> bool:
    """Members' names and e-mail addresses are for the organisation itself."""
    return is_admin(user) or is_member(user, organisation.pk)
