"""Files a crash leaves behind (issue 12): an upload's temporary file (the request's process was
killed while the body streamed in) and stored files no row names (the process died after the
files were saved and before the transaction that names them committed, or the transaction
rolled back). ``oqu portal sweep_files`` removes both, and every job worker does at start.

Only what is older than ``grace`` seconds goes (``OQU_SWEEP_GRACE_SECONDS``, an hour): an upload
still streaming, or a submission between its save and its commit, is never touched. Stored files
are looked for only under the folders the models' file fields write to (``versions/``,
``documents/``, ``packages/``, ``plans/``), never elsewhere in the storage (the catalogue's
register exports live beside them).

The files of a refused submission kept for the next try (``pending/``,
:mod:`oqu.portal.workflow.kept`) are named by a signed token in the author's page, never by a
row; their token expires after
:data:`KEPT_MAX_AGE` (a day), so once older than that (or ``grace``, whichever is longer) nobody
can use them and they go too (issue 15).
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db import models

log = logging.getLogger("oqu.portal.sweep")

KEPT_FOLDER = "pending"  # refused submissions' files kept for the next try (workflow.kept)
KEPT_MAX_AGE = 24 * 3600  # their tokens' lifetime: older files cannot be taken any more


def upload_temp_dir() -> Path:
    return Path(settings.FILE_UPLOAD_TEMP_DIR)


def sweep_upload_temp(grace: float) -> list[Path]:
    """Remove upload temporary files (and submissions' working folders) older than ``grace``
    seconds."""
    folder = upload_temp_dir()
    if not folder.is_dir():
        return []
    cutoff = time.time() - grace
    removed = []
    for path in folder.iterdir():
        try:
            if path.is_symlink() or path.lstat().st_mtime >= cutoff:
                continue
            if path.is_dir():  # a submission's working folder (workflow.views.version_submit)
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
        except OSError:
            continue
    return removed


def _file_fields() -> Iterator[tuple[type[models.Model], str, str]]:
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and isinstance(field.upload_to, str):
                top = field.upload_to.split("/", 1)[0]
                if top and "%" not in top:
                    yield model, field.name, top


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    try:
        dirs, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in dirs:
        yield from _walk(storage, f"{folder}/{sub}")


def sweep_media_orphans(grace: float, storage: Storage | None = None) -> list[str]:
    """Remove stored files under the file fields' folders that no row names, older than
    ``grace`` seconds."""
    storage = storage or default_storage
    referenced: set[str] = set()
    folders: set[str] = set()
    for model, name, top in _file_fields():
        folders.add(top)
        values = model._default_manager.exclude(**{name: ""}).values_list(name, flat=True)
        referenced.update(v for v in values.iterator() if v)
    unnamed = (
        n for folder in sorted(folders) for n in _walk(storage, folder) if n not in referenced
    )
    removed = _delete_older(storage, unnamed, time.time() - grace)
    if removed:
        log.warning("removed %d stored file(s) that no row names", len(removed))
    return removed


def sweep_kept(grace: float, storage: Storage | None = None) -> list[str]:
    """Remove refused submissions' kept files older than their tokens' lifetime (or ``grace``)."""
    storage = storage or default_storage
    removed = _delete_older(
        storage, _walk(storage, KEPT_FOLDER), time.time() - max(grace, KEPT_MAX_AGE)
    )
    if removed:
        log.info("removed %d kept file(s) of refused submissions", len(removed))
    return removed


def _delete_older(storage: Storage, names: Iterable[str], cutoff: float) -> list[str]:
    """Delete the stored files among ``names`` last changed before ``cutoff`` (a file whose
    time the storage cannot tell is kept); the names deleted."""
    removed = []
    for name in names:
        try:
            if storage.get_modified_time(name).timestamp() >= cutoff:
                continue
        except (OSError, NotImplementedError):
            continue
        storage.delete(name)
        removed.append(name)
    return removed
