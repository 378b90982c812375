"""Shared model pieces."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import get_language


class Translatable(models.Model):
    """Curated data written in English with translations per language.

    ``translations`` holds ``{"fr": {"name": "...", "definition": "..."}}``;
    a missing or empty translation falls back to the English text.
    """

    translations: Any = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def translated(self, attribute: str, language: str | None = None) -> str:
        language = (language or get_language() or "en").split("-")[0]
        if language != "en":
            value = (self.translations or {}).get(language, {}).get(attribute)
            if value:
                return str(value)
        return str(getattr(self, attribute))
