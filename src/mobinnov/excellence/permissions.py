"""Who may curate the framework and write definitions."""

from typing import Any

from mobinnov.core.permissions import is_admin, is_coordinator, is_editor, rule


@rule("excellence.curate")
def curate_framework(user: Any, obj: Any) -> bool:
    """Edit, add and retire fields of excellence; write the network's definitions."""
    return is_editor(user)


@rule("definition.edit")
def edit_definition(user: Any, organisation: Any) -> bool:
    """``organisation`` is None for the network's common definitions."""
    if organisation is None:
        return is_editor(user)
    return is_admin(user) or is_coordinator(user, organisation.pk)
