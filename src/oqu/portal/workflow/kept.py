"""The files of a refused submission, kept for the next try (issue 15.6): a browser clears every
file field when the page comes back, so an author whose minutes extract was refused had to pick
the package and the syllabus again. A file that was accepted on its own is stored under
``pending/`` and named in the page by a signed token bound to the user and the field; the next
POST takes it when its field is left empty. Tokens expire after a day; a forged or foreign token
is ignored (the field is then simply empty). Files older than a token are swept
(:func:`oqu.portal.core.sweep.sweep_kept`)."""

from __future__ import annotations

import secrets
import shutil
from typing import Any

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile

from oqu.portal.core.sweep import KEPT_FOLDER, KEPT_MAX_AGE

SALT = "oqu.portal.kept-upload"
MAX_AGE = KEPT_MAX_AGE
PREFIX = f"{KEPT_FOLDER}/"


def keep(user_id: int, field: str, upload: UploadedFile[bytes]) -> str:
    """Store ``upload`` and return the token that names it."""
    upload.seek(0)
    path = default_storage.save(f"{PREFIX}{secrets.token_hex(16)}.bin", upload)
    upload.seek(0)
    return signing.dumps(
        {"u": user_id, "f": field, "p": path, "n": upload.name, "t": upload.content_type},
        salt=SALT,
    )


def _data(user_id: int, field: str, token: str) -> dict[str, Any] | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != user_id or data.get("f") != field:
        return None
    path = str(data.get("p", ""))
    if not path.startswith(PREFIX) or ".." in path or not default_storage.exists(path):
        return None
    return data


def take(user_id: int, field: str, token: str) -> UploadedFile[bytes] | None:
    """The kept file as an upload (on disk, like a large upload), or ``None``."""
    data = _data(user_id, field, token)
    if data is None:
        return None
    size = default_storage.size(data["p"])
    upload = TemporaryUploadedFile(str(data["n"]), str(data["t"] or ""), size, None)
    with default_storage.open(data["p"], "rb") as src:
        shutil.copyfileobj(src, upload)
    upload.seek(0)
    return upload


def forget(user_id: int, field: str, token: str) -> None:
    """Delete a kept file once it has been submitted."""
    data = _data(user_id, field, token)
    if data is not None:
        default_storage.delete(data["p"])
