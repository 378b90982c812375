"""The one place that answers "may this user do X to this object?".

Each app registers its rules (``@rule("organisation.edit")``) in its own
``permissions.py``; views and templates ask :func:`can` or :func:`require`.
Rules receive an authenticated or anonymous user and the object (or None).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

Rule = Callable[[Any, Any], bool]
_RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    """Register the function deciding ``action``."""

    def register(func: Rule) -> Rule:
        if action in _RULES:
            raise RuntimeError(f"Permission rule {action!r} is registered twice.")
        _RULES[action] = func
        return func

    return register


def can(user: Any, action: str, obj: Any = None) -> bool:
    """True when ``user`` may do ``action`` (to ``obj``). Unknown actions raise."""
    try:
        check = _RULES[action]
    except KeyError:
        raise LookupError(f"No permission rule named {action!r}.") from None
    if user is None:
        user = AnonymousUser()
    if not user.is_authenticated or not user.is_active:
        # Anonymous visitors only get what a rule explicitly grants them.
        return bool(check(user, obj)) if action in PUBLIC_ACTIONS else False
    return bool(check(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied (a friendly 403 page) unless :func:`can`."""
    if not can(user, action, obj):
        raise PermissionDenied(action)


def registered_actions() -> list[str]:
    return sorted(_RULES)


# Actions that may be granted to people who are not signed in.
PUBLIC_ACTIONS: set[str] = set()


def organisation_roles(user: Any) -> dict[int, str]:
    """Map organisation id -> role for ``user``, cached on the user object so a
    request asks the database once however many checks it makes."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_mobinnov_org_roles", None)
    if cached is None:
        from mobinnov.network.models import Membership

        cached = dict(
            Membership.objects.filter(user=user, organisation__is_active=True).values_list(
                "organisation_id", "role"
            )
        )
        user._mobinnov_org_roles = cached
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles after a membership change."""
    if hasattr(user, "_mobinnov_org_roles"):
        del user._mobinnov_org_roles


def is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_network_admin or user.is_superuser))


def is_editor(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_editor or is_admin(user)))


def is_coordinator(user: Any, organisation_id: int | None) -> bool:
    return (
        organisation_id is not None
        and organisation_roles(user).get(organisation_id) == "coordinator"
    )


def is_member(user: Any, organisation_id: int | None) -> bool:
    return organisation_id is not None and organisation_id in organisation_roles(user)


def coordinated_organisation_ids(user: Any) -> list[int]:
    return [org for org, role in organisation_roles(user).items() if role == "coordinator"]
