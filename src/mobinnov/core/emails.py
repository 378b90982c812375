"""One way to send an e-mail: rendered from templates, in the recipient's
language, after the surrounding transaction has committed."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send_templated_email(
    *, to: str, template: str, context: dict[str, Any], language: str | None = None
) -> None:
    """Send ``<template>_subject.txt`` / ``<template>_body.txt`` to ``to``.

    Sending is deferred until the current transaction commits, so a rolled-back
    action never leaves an e-mail behind it.
    """
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    full_context = {"NETWORK_NAME": settings.NETWORK_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", full_context).split())
        body = render_to_string(f"{template}_body.txt", full_context)

    def deliver() -> None:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        except OSError:
            logger.exception("Could not send the e-mail %r to %s", template, to)

    transaction.on_commit(deliver)
