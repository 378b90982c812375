"""Optimistic locking: a second, concurrent save is refused, never silently
applied over the first one."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved the same record after this form was opened."""

    message = _(
        "Someone else saved this page while you were editing it. Your text is still "
        "in the form below: compare it with the current version, then save again."
    )


def claim_version(instance: models.Model, expected_version: int) -> None:
    """Bump ``instance.version`` if it is still ``expected_version``, atomically.

    Call inside ``transaction.atomic`` before writing the instance's other
    fields; raises :class:`EditConflict` when another save came first.
    """
    model: Any = type(instance)
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if updated != 1:
        raise EditConflict()
    instance.version = expected_version + 1  # type: ignore[attr-defined]


def rebase_form(form: Any, current_version: int, message: str | None = None) -> None:
    """After a conflict: keep everything the person typed, show why the save was
    refused, and carry the current version so that their next save (once they
    have merged the other change) goes through."""
    form.add_error(None, message or str(EditConflict.message))
    data = form.data.copy()
    data["version"] = str(current_version)
    form.data = data
