"""What an upload is, judged by its content — never by its name or the browser's content type.

A submission is a zip; before it is stored it passes the library's safe-zip checks
(:func:`oqu.sources.scorm.open_package`: no ``..``/absolute names/links, no encrypted entries,
no zip bomb) and is classified: ``imsmanifest.xml`` at the root → a SCORM package; a
``der.yaml`` or Markdown at the root (or in one top folder) → an Oqu source. Supporting
documents are PDF, DOCX or plain text (the syllabus reader of rule 7.6 reads all three).

Bodies stream to temporary files (``FILE_UPLOAD_MAX_MEMORY_SIZE`` is small) and
:class:`SizeCapHandler` stops a request the moment it passes the cap, before it is all read.
"""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from oqu.diagnostics import Lang, SourceUnreadable
from oqu.portal.workflow.models import VersionKind
from oqu.sources.safezip import Limits, ZipRefused, open_zip
from oqu.sources.scorm import open_package

MAX_SOURCE_BYTES = 500_000_000  # an Oqu source, uncompressed, when extracted for the build


def current_lang() -> Lang:
    """The request's language as the library's ``Lang`` (kk, ru or en)."""
    code = (get_language() or "kk")[:2]
    return "ru" if code == "ru" else "en" if code == "en" else "kk"


class Refused(ValueError):
    """The upload is not what it must be; the message is for the user."""


class SizeCapHandler(FileUploadHandler):
    """Stops reading the request body once the files in it pass ``cap`` bytes."""

    SLACK = 1024 * 1024  # the form fields around the files

    def __init__(self, cap: int, request: Any = None) -> None:
        super().__init__(request)
        self.cap = cap
        self.seen = 0
        self.exceeded = False

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        # A declared length far over the cap: refuse at the first file, before reading it.
        if content_length > self.cap + self.SLACK:
            self.exceeded = True

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        if self.exceeded:
            raise StopUpload(connection_reset=True)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.seen += len(raw_data)
        if self.exceeded or self.seen > self.cap:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def local_path(f: UploadedFile[bytes], tmp_dir: Path) -> Path:
    """A path on disk for the upload (temporary file, or the small in-memory one written out)."""
    temp = getattr(f, "temporary_file_path", None)
    if temp is not None:
        return Path(temp())
    path = tmp_dir / "upload.bin"
    f.seek(0)
    with path.open("wb") as out:
        shutil.copyfileobj(f, out)
    f.seek(0)
    return path


def sha256_of(f: IO[bytes]) -> str:
    h = hashlib.sha256()
    f.seek(0)
    for chunk in iter(lambda: f.read(1024 * 1024), b""):
        h.update(chunk)
    f.seek(0)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Judged:
    kind: VersionKind
    root: str  # folder inside the zip holding der.yaml / the Markdown ("" for the zip root)


def judge_package(path: Path) -> Judged:
    """Classify a submitted zip, or raise :class:`Refused` saying why not."""
    if not zipfile.is_zipfile(path):
        raise Refused(_("The file is not a zip archive (its content was checked, not its name)."))
    try:
        pkg = open_package(path)
    except SourceUnreadable as e:
        why = e.diagnostic.message(current_lang())
        raise Refused(_("The zip was refused: %(why)s") % {"why": why}) from None
    try:
        names = set(pkg.entries)
    finally:
        pkg.close()
    if "imsmanifest.xml" in names:
        return Judged(VersionKind.SCORM, "")
    tops = {PurePosixPath(n).parts[0] for n in names if "/" in n}
    for root in ["", *sorted(tops)] if len(tops) == 1 else [""]:
        prefix = f"{root}/" if root else ""
        here = [n[len(prefix) :] for n in names if n.startswith(prefix)]
        if "der.yaml" in here or any("/" not in n and n.endswith(".md") for n in here):
            return Judged(VersionKind.OQU_SOURCE, root)
    raise Refused(
        _(
            "The zip is neither a SCORM package (imsmanifest.xml at its root) nor an Oqu "
            "source (der.yaml or a Markdown file)."
        )
    )


def extract_source(path: Path, root: str, dest: Path) -> Path:
    """Extract an Oqu source zip (already judged safe) into ``dest``; returns the source folder.

    The zip is judged again by :func:`oqu.sources.safezip.open_zip` (names, duplicates, sizes,
    ratios, with :data:`MAX_SOURCE_BYTES` as the total); each target is re-checked to stay in
    ``dest``.
    """
    dest = dest.resolve()
    try:
        safe = open_zip(path, Limits(total=MAX_SOURCE_BYTES))
    except ZipRefused as e:
        raise Refused(_("The zip was refused: %(why)s") % {"why": e.problem}) from None
    with safe:
        for name, info in safe.entries.items():
            target = (dest / name).resolve()
            if not target.is_relative_to(dest):
                raise Refused(_("A file in the zip points outside it."))
            target.parent.mkdir(parents=True, exist_ok=True)
            with safe.zf.open(info) as src, target.open("wb") as out:
                shutil.copyfileobj(src, out, 1024 * 1024)
    return dest / root if root else dest


DOCUMENT_KINDS = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}


def judge_document(f: UploadedFile[bytes], cap: int) -> str:
    """The suffix for a supporting document (PDF, DOCX or UTF-8 text), or :class:`Refused`."""
    if f.size is not None and f.size > cap:
        raise Refused(_("The document is larger than %(mb)d MB.") % {"mb": cap // 1_000_000})
    f.seek(0)
    head = f.read(8)
    f.seek(0)
    if head.startswith(b"%PDF-"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with open_zip(f, check_names=False) as safe:
                if "word/document.xml" in safe.entries:
                    return ".docx"
        except ZipRefused:
            pass
        finally:
            f.seek(0)
        raise Refused(_("Only PDF, DOCX or plain-text documents are accepted."))
    data = f.read(cap + 1)
    f.seek(0)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(_("Only PDF, DOCX or plain-text documents are accepted.")) from None
    if b"\x00" in data:
        raise Refused(_("Only PDF, DOCX or plain-text documents are accepted."))
    return ".txt"
