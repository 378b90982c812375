"""Typed helpers that read settings from the environment and fail loudly.

A wrong value (``DEBUG=maybe``, ``PORT=eighty``) stops the process at start-up
with a message that names the variable, instead of silently falling back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """Return the variable as text; without a default it is required."""
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    """Return a boolean from 1/0, true/false, yes/no, on/off."""
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    """Return an integer; anything else is an error."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    """Return a comma-separated list, blanks dropped."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


@dataclass(frozen=True)
class EmailConfig:
    backend: str
    host: str = ""
    port: int = 25
    user: str = ""
    password: str = ""
    use_tls: bool = False
    use_ssl: bool = False


def parse_email_url(url: str) -> EmailConfig:
    """Parse ``EMAIL_URL``: ``console://``, ``locmem://``, ``smtp://u:p@host:587?tls=1``
    or ``smtps://u:p@host:465``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "console":
        return EmailConfig(backend="django.core.mail.backends.console.EmailBackend")
    if scheme == "locmem":
        return EmailConfig(backend="django.core.mail.backends.locmem.EmailBackend")
    if scheme in {"smtp", "smtps"}:
        if not parts.hostname:
            raise ImproperlyConfigured(f"EMAIL_URL {url!r} has no host name.")
        query = parse_qs(parts.query)
        tls = query.get("tls", ["0"])[0].lower() in _TRUE
        ssl = scheme == "smtps" or query.get("ssl", ["0"])[0].lower() in _TRUE
        try:
            port = parts.port or (465 if ssl else 587 if tls else 25)
        except ValueError as exc:
            raise ImproperlyConfigured(f"EMAIL_URL {url!r} has an invalid port.") from exc
        return EmailConfig(
            backend="django.core.mail.backends.smtp.EmailBackend",
            host=parts.hostname,
            port=port,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            use_tls=tls,
            use_ssl=ssl,
        )
    raise ImproperlyConfigured(
        f"EMAIL_URL must start with console://, locmem://, smtp:// or smtps://, not {url!r}."
    )
