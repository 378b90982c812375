"""Writes in the excellence framework: fields and definitions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mobinnov.accounts.models import User
from mobinnov.core.concurrency import EditConflict, claim_version
from mobinnov.excellence.models import Definition, DefinitionVersion, FieldOfExcellence
from mobinnov.excellence.selectors import field_is_in_use

FIELD_ATTRIBUTES = ("cluster", "code", "position", "name", "definition", "source", "translations")


@transaction.atomic
def field_create(*, cleaned_data: dict[str, Any]) -> FieldOfExcellence:
    """Add a field of excellence (or of innovation) to the framework."""
    field = FieldOfExcellence(**{key: cleaned_data[key] for key in FIELD_ATTRIBUTES})
    field.full_clean()
    field.save()
    return field


@transaction.atomic
def field_update(
    *, field: FieldOfExcellence, cleaned_data: dict[str, Any], expected_version: int
) -> FieldOfExcellence:
    """Save an edit; refuses with EditConflict when someone saved in between."""
    claim_version(field, expected_version)
    for key in FIELD_ATTRIBUTES:
        setattr(field, key, cleaned_data[key])
    field.save()
    return field


@transaction.atomic
def field_retire(*, field: FieldOfExcellence) -> FieldOfExcellence:
    """Retire a field: it stays on existing records but is no longer offered."""
    field.is_retired = True
    field.retired_at = timezone.now()
    field.save(update_fields=["is_retired", "retired_at", "updated_at"])
    return field


@transaction.atomic
def field_restore(*, field: FieldOfExcellence) -> FieldOfExcellence:
    field.is_retired = False
    field.retired_at = None
    field.save(update_fields=["is_retired", "retired_at", "updated_at"])
    return field


@transaction.atomic
def field_delete(*, field: FieldOfExcellence) -> None:
    """Delete a field that nothing refers to; a field in use can only be retired."""
    if field_is_in_use(field):
        raise ValidationError(_("This field is in use: retire it instead of deleting it."))
    field.delete()


@transaction.atomic
def definition_save(
    *,
    organisation: Any,
    topic: str,
    text: str,
    language: str,
    author: User,
    expected_version: int | None,
) -> Definition:
    """Save a new version of an organisation's (or the network's, when
    ``organisation`` is None) definition of ``topic``.

    ``expected_version`` is the version the author started from (None for a
    first definition); a save based on an older version is refused.
    """
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the definition.")})
    definition = Definition.objects.filter(organisation=organisation, topic=topic).first()
    now = timezone.now()
    if definition is None:
        if expected_version not in (None, 0):
            raise EditConflict()
        definition = Definition.objects.create(
            organisation=organisation,
            topic=topic,
            text=text,
            language=language,
            updated_at=now,
            updated_by=author,
        )
    else:
        if expected_version is None:
            raise EditConflict()
        if definition.text == text and definition.language == language:
            return definition  # nothing changed: no empty version
        claim_version(definition, expected_version)
        definition.text = text
        definition.language = language
        definition.updated_at = now
        definition.updated_by = author
        definition.save()
    DefinitionVersion.objects.create(
        definition=definition,
        number=definition.version,
        text=text,
        language=language,
        author=author,
        created_at=now,
    )
    return definition
