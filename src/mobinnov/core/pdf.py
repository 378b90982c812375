"""The one way to make a PDF: a Django template rendered to HTML in the
requested language, then laid out by WeasyPrint.

Nothing is fetched over the network while a PDF is made. The URL fetcher
serves the project's own static files (``STATIC_URL``: from the static files
finders, else ``STATIC_ROOT``) and uploaded media (``MEDIA_URL``: from
``MEDIA_ROOT``) straight from the disk, and refuses every other address
(``http(s)`` elsewhere, ``file:``, ``data:``...). A refused resource is left out
of the PDF with a warning in WeasyPrint's log; the PDF is still made.

Fonts come from the system's fontconfig: the print stylesheet asks for
DejaVu Sans (Debian's ``fonts-dejavu-core``); no web font is loaded.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation
from django.utils._os import safe_join

# WeasyPrint reports each step and each page it lays out on this logger. Kept
# out of the site's log, but still emitted, for the ``on_page`` callbacks.
PROGRESS_LOGGER = logging.getLogger("weasyprint.progress")
PROGRESS_LOGGER.setLevel(logging.INFO)
PROGRESS_LOGGER.propagate = False


class _PageCounter(logging.Handler):
    """Calls ``on_page(number)`` as WeasyPrint lays out pages in this thread."""

    def __init__(self, on_page: Callable[[int], None]) -> None:
        super().__init__(logging.INFO)
        self.on_page, self.thread = on_page, threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread or not str(record.msg).startswith(
            "Step 5 - Creating layout - Page"
        ):
            return
        args = record.args if isinstance(record.args, tuple) else ()
        if args and isinstance(args[0], int):
            self.on_page(args[0])


class RefusedURL(ValueError):
    """A PDF asked for something that is not one of the project's own files."""


def default_base_url() -> str:
    return settings.SITE_URL.rstrip("/") + "/"


def _static_file(name: str) -> Path | None:
    found = finders.find(name)
    if isinstance(found, list):  # find(all=True) shape; not asked for, but typed so
        found = found[0] if found else None
    if found:
        return Path(found)
    try:
        path = Path(safe_join(str(settings.STATIC_ROOT), name))
    except (SuspiciousFileOperation, ValueError):
        return None
    return path if path.is_file() else None


def _media_file(name: str) -> Path | None:
    try:
        path = Path(safe_join(str(settings.MEDIA_ROOT), name))
    except (SuspiciousFileOperation, ValueError):
        return None
    return path if path.is_file() else None


class LocalFiles:
    """Maps the site's static and media URLs to files on disk; refuses the rest."""

    def __init__(self, base_url: str | None = None) -> None:
        base = base_url or default_base_url()
        self.roots = (
            (urljoin(base, settings.STATIC_URL or "/static/"), _static_file),
            (urljoin(base, settings.MEDIA_URL or "/media/"), _media_file),
        )

    def resolve(self, url: str) -> Path:
        """The file on disk for ``url``; :class:`RefusedURL` when there is none."""
        parts = urlsplit(url)
        if (
            parts.scheme not in {"http", "https"}
            or parts.query
            or ".." in unquote(parts.path).split("/")
        ):
            raise RefusedURL(f"Not fetched (only the site's own static and media files are): {url}")
        clean = f"{parts.scheme}://{parts.netloc}{parts.path}"
        for prefix, find in self.roots:
            if clean.startswith(prefix):
                name = unquote(clean[len(prefix) :])
                path = find(name) if name else None
                if path is None:
                    raise RefusedURL(f"No such static or media file: {url}")
                return path
        raise RefusedURL(f"Not fetched (only the site's own static and media files are): {url}")


def url_fetcher(base_url: str | None = None) -> Any:
    """A WeasyPrint URL fetcher reading only the site's own static and media
    files from the disk (WeasyPrint is imported here, when a PDF is made, so
    the rest of the site runs even where its libraries are missing)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    files = LocalFiles(base_url)

    class LocalFilesFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = files.resolve(url)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

    return LocalFilesFetcher(allow_redirects=False)


def render_html(template_name: str, context: dict[str, Any], *, language: str) -> str:
    """The HTML that :func:`render_pdf` lays out (also useful in tests)."""
    with translation.override(language):
        return render_to_string(template_name, {**context, "LANGUAGE_CODE": language})


def html_to_pdf(
    html: str, *, base_url: str | None = None, on_page: Callable[[int], None] | None = None
) -> bytes:
    """Lay out ``html`` as PDF; ``on_page(number)`` is called as each page is
    laid out (WeasyPrint may lay out some pages more than once)."""
    from weasyprint import HTML

    base = base_url or default_base_url()
    counter = _PageCounter(on_page) if on_page is not None else None
    if counter is not None:
        PROGRESS_LOGGER.addHandler(counter)
    try:
        document = HTML(string=html, base_url=base, url_fetcher=url_fetcher(base))
        pdf = document.write_pdf()
    finally:
        if counter is not None:
            PROGRESS_LOGGER.removeHandler(counter)
    assert pdf is not None
    return bytes(pdf)


def render_pdf(
    template_name: str, context: dict[str, Any], *, language: str, base_url: str | None = None
) -> bytes:
    """``template_name`` rendered with ``context`` in ``language``, as PDF bytes.

    ``base_url`` is the site's address that relative links resolve against
    (default ``SITE_URL``); only files under its ``STATIC_URL`` and
    ``MEDIA_URL`` are read, from the disk."""
    return html_to_pdf(render_html(template_name, context, language=language), base_url=base_url)
