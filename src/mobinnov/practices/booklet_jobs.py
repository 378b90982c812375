"""Booklets asked for on the web, made in the background from small job files.

No table and no task queue: a job is a JSON file under
``MEDIA_ROOT/booklets/`` whose name says its state:

``<id>.json``
    queued, written by :func:`enqueue`;
``<id>.running``
    taken by a worker (``mobinnov run_booklet_jobs``), which renames the
    ``.json`` file: the rename is atomic, so two workers never take the same
    job; the worker rewrites it with its progress;
``<id>.done``
    finished, ``status`` "done" (the booklet is ``<id>.pdf``) or "failed".

Every write goes to a temporary file first and replaces the target with
:func:`os.replace`, so a reader never sees half a file. A ``.done`` file is
written before its ``.running`` file is removed, and :func:`load` looks for
``.json``, then ``.running``, then ``.done``: a job in the middle of a move is
always found. Jobs left ``.running`` longer than :data:`STALE_AFTER` (a worker
that died) are marked failed; finished jobs and their PDFs are removed after
``keep_days``.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

logger = logging.getLogger(__name__)

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
STALE_AFTER = datetime.timedelta(minutes=30)
SUFFIXES = {QUEUED: ".json", RUNNING: ".running"}
ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
# A booklet holds at most this many practices (the first ones of the search).
MAX_PRACTICES = 200


def directory() -> Path:
    path = Path(settings.MEDIA_ROOT) / "booklets"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` atomically."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with path.open(encoding="utf-8") as stream:
            data = json.load(stream)
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _now() -> str:
    return timezone.now().isoformat()


def valid_id(job_id: str) -> bool:
    return bool(ID_PATTERN.match(job_id))


def pdf_path(job_id: str) -> Path:
    return directory() / f"{job_id}.pdf"


def enqueue(*, user_id: int, language: str, title: str, query: str) -> str:
    """Queue a booklet of the catalogue search ``query`` (the catalogue's
    query string, e.g. ``q=apprentices&field=T2``); returns the job id."""
    job_id = uuid.uuid4().hex
    _write(
        directory() / f"{job_id}.json",
        {
            "id": job_id,
            "status": QUEUED,
            "user_id": user_id,
            "language": language,
            "title": title,
            "query": query,
            "progress": 0,
            "count": None,
            "error": "",
            "created_at": _now(),
            "started_at": None,
            "finished_at": None,
        },
    )
    return job_id


def load(job_id: str) -> dict[str, Any] | None:
    """The job's current state, wherever it is; None when there is no such job."""
    if not valid_id(job_id):
        return None
    base = directory()
    for suffix in (".json", ".running", ".done"):
        data = _read(base / f"{job_id}{suffix}")
        if data is not None:
            return data
    return None


def claim() -> dict[str, Any] | None:
    """Take the oldest queued job (rename ``.json`` to ``.running``); None
    when nothing is queued."""
    base = directory()
    queued = sorted(base.glob("*.json"), key=lambda p: (p.stat().st_mtime, p.name))
    for path in queued:
        if not valid_id(path.stem):
            continue
        running = path.with_suffix(".running")
        try:
            os.rename(path, running)
        except FileNotFoundError:
            continue  # another worker took it
        data = _read(running)
        if data is None:
            finish(path.stem, {"id": path.stem}, error="unreadable job file")
            continue
        data.update(status=RUNNING, started_at=_now(), progress=0)
        _write(running, data)
        return data
    return None


def update(job: dict[str, Any], **changes: Any) -> None:
    """Record progress of a running job."""
    job.update(changes)
    _write(directory() / f"{job['id']}.running", job)


def finish(job_id: str, job: dict[str, Any], *, pdf: bytes | None = None, error: str = "") -> None:
    """Mark the job done (with its PDF) or failed."""
    base = directory()
    if pdf is not None:
        handle, temporary = tempfile.mkstemp(dir=base, prefix=".tmp-", suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(pdf)
        os.replace(temporary, pdf_path(job_id))
    job.update(
        status=FAILED if error or pdf is None else DONE,
        error=error,
        progress=100 if pdf is not None else job.get("progress", 0),
        finished_at=_now(),
    )
    _write(base / f"{job_id}.done", job)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(base / f"{job_id}.running")


def fail_stale(now: datetime.datetime | None = None) -> int:
    """Mark failed the jobs left running by a worker that stopped."""
    now = now or timezone.now()
    count = 0
    for path in directory().glob("*.running"):
        try:
            age = now.timestamp() - path.stat().st_mtime
        except FileNotFoundError:
            continue
        if age > STALE_AFTER.total_seconds():
            job = _read(path) or {"id": path.stem}
            finish(path.stem, job, error="interrupted")
            count += 1
    return count


def clean(keep_days: int, now: datetime.datetime | None = None) -> int:
    """Remove finished jobs and their booklets older than ``keep_days``."""
    limit = (now or timezone.now()).timestamp() - keep_days * 86400
    count = 0
    for path in [*directory().glob("*.done"), *directory().glob(".tmp-*.part")]:
        try:
            if path.stat().st_mtime < limit:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path.with_suffix(".pdf"))
                path.unlink()
                count += 1
        except FileNotFoundError:
            continue
    return count


def process(job: dict[str, Any]) -> None:
    """Make the booklet of a claimed job and record the outcome."""
    from mobinnov.practices import booklet, selectors

    job_id = str(job["id"])
    last = -1

    def progress(done: int, total: int) -> None:
        nonlocal last
        percent = min(int(100 * done / max(total, 1)), 99)  # 100: written
        if percent != last:
            last = percent
            update(job, progress=percent)

    try:
        query = selectors.CatalogueQuery.from_params(QueryDict(str(job.get("query") or "")))
        practices = list(booklet.prefetched(selectors.catalogue(query))[:MAX_PRACTICES])
        update(job, count=len(practices))
        pdf = booklet.build_booklet(
            practices,
            language=str(job.get("language") or settings.LANGUAGE_CODE),
            title=str(job.get("title") or "")[:200],
            progress=progress,
        )
    except Exception as error:  # any failure is the job's, not the worker's
        logger.exception("Booklet job %s failed", job_id)
        finish(job_id, job, error=type(error).__name__)
    else:
        finish(job_id, job, pdf=pdf)


def run_pending(limit: int | None = None) -> int:
    """Process queued jobs, oldest first (at most ``limit``); returns how many."""
    count = 0
    while limit is None or count < limit:
        job = claim()
        if job is None:
            break
        process(job)
        count += 1
    return count
