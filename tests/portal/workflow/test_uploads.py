"""Uploads that are not what they claim are refused with a clear message, and nothing is kept."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from oqu.portal.workflow.models import State, Version
from tests.portal.conftest import Org, fresh

pytestmark = pytest.mark.django_db


def _stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _zip(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


def _refused(org: Org, resource, submit, package: bytes, words: str, **extra) -> None:
    before = _stored_files()
    r = submit(resource, package, **extra)
    assert r.status_code == 400, r.status_code
    assert words in r.content.decode()
    assert not Version.objects.exists()
    assert fresh(resource).state == State.DRAFT
    # the files that were not refused are kept for the next try (pending/, issue 15.6), each
    # named in the page; nothing else is stored
    after = [p for p in _stored_files() if "pending" not in p.parts]
    assert after == [p for p in before if "pending" not in p.parts]
    kept = [p for p in _stored_files() if "pending" in p.parts and p not in before]
    assert len(kept) == r.content.decode().count('name="kept_')
    if "syllabus" not in extra:  # else the package was fine and is kept
        assert all(p.read_bytes() != package for p in kept)


def test_not_a_zip(org: Org, resource, submit) -> None:
    _refused(org, resource, submit, b"%PDF-1.7 not a zip at all" * 10, "not a zip archive")


def test_zip_bomb(org: Org, resource, submit) -> None:
    bomb = _zip({"imsmanifest.xml": b"<manifest/>", "big.bin": b"\0" * 50_000_000})
    assert len(bomb) < 200_000
    _refused(org, resource, submit, bomb, "was refused")


def test_zip_bomb_spread_over_many_entries(org: Org, resource, submit) -> None:
    from tests.sources.test_safezip import many_megabytes

    bomb = many_megabytes(60, head={"imsmanifest.xml": b"<manifest/>"})  # 60 MB from ~65 KB
    _refused(org, resource, submit, bomb, "was refused")


def test_duplicate_entry_names(org: Org, resource, submit) -> None:
    from tests.sources.test_safezip import duplicated

    _refused(
        org,
        resource,
        submit,
        duplicated(head={"imsmanifest.xml": b"<manifest/>"}),
        "more than once",
    )


def test_path_traversal(org: Org, resource, submit) -> None:
    evil = _zip({"imsmanifest.xml": b"<manifest/>", "../../etc/cron.d/x": b"boom"})
    _refused(org, resource, submit, evil, "was refused")


def test_symlink_entry(org: Org, resource, submit) -> None:
    evil = _zip({"imsmanifest.xml": b"<manifest/>"}, symlink="media/link")
    _refused(org, resource, submit, evil, "was refused")


def test_zip_that_is_neither_scorm_nor_source(org: Org, resource, submit) -> None:
    _refused(org, resource, submit, _zip({"photo.jpg": b"\xff\xd8"}), "neither a SCORM package")


def test_syllabus_that_is_not_a_document(org: Org, resource, submit, source_zip) -> None:
    exe = SimpleUploadedFile("syllabus.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 20)
    _refused(org, resource, submit, source_zip, "Only PDF, DOCX", syllabus=exe)


def test_upload_over_the_cap_is_stopped(org: Org, resource, submit, source_zip, settings) -> None:
    settings.OQU_MAX_UPLOAD_BYTES = 10_000  # the example is ~90 KB
    before = _stored_files()
    r = submit(resource, source_zip)
    assert r.status_code == 413
    assert "larger than" in r.content.decode()
    assert not Version.objects.exists() and _stored_files() == before


def test_declared_2gb_body_is_refused_before_reading(org: Org, resource) -> None:
    """A request announcing 2 GB is refused from its Content-Length; the body is never read."""
    body = (
        b'--B\r\nContent-Disposition: form-data; name="package"; filename="x.zip"\r\n'
        b"Content-Type: application/zip\r\n\r\nPK\x03\x04\r\n--B--\r\n"
    )
    c = org.client("author")
    r = c.generic(
        "POST",
        f"/resources/{resource.pk}/submit/",
        body,
        content_type="multipart/form-data; boundary=B",
        CONTENT_LENGTH=str(2 * 1024**3),
    )
    assert r.status_code == 413
    assert not Version.objects.exists()


def test_big_upload_streams_to_a_temporary_file() -> None:
    # Django keeps at most this much of an upload in memory; the rest goes to a temp file.
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 256 * 1024
