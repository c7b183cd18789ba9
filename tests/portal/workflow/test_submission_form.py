"""Issue 15.6 for the submission's three files: a refused file's error sits next to it, the
other files' names are said, and nothing typed is lost."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from oqu.portal.workflow.models import Version
from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db


def _field(page: str, name: str) -> str:
    for block in re.findall(r'<div class="field[^"]*">.*?</div>', page, re.S):
        if f'name="{name}"' in block:
            return block
    raise AssertionError(f"no field {name}")


def test_a_refused_package_is_named_next_to_its_field(org: Org, resource, submit) -> None:
    note = "Екінші нұсқа: 3-слайд түзетілді."
    r = submit(resource, b"not a zip at all", note=note)
    assert r.status_code == 400 and not Version.objects.exists()
    page = r.content.decode()
    package = _field(page, "package")
    assert "field invalid" in package and "not a zip archive" in package
    assert "field invalid" not in _field(page, "syllabus")
    assert note in _field(page, "note")


def test_a_refused_syllabus_is_named_next_to_its_field(
    org: Org, resource, submit, source_zip
) -> None:
    r = submit(
        resource,
        source_zip,
        syllabus=SimpleUploadedFile("syllabus.exe", b"MZ\x90\x00\x03binary", "text/plain"),
    )
    assert r.status_code == 400 and not Version.objects.exists()
    page = r.content.decode()
    assert "field invalid" in _field(page, "syllabus")
    assert "field invalid" not in _field(page, "package")


def test_files_not_refused_are_kept_for_the_next_try(
    org: Org, resource, submit, source_zip
) -> None:
    """The minutes extract is refused: the package and the syllabus are kept and named; the
    next try sends only a new extract and the version has all three."""
    bad = SimpleUploadedFile("minutes.exe", b"MZ\x90\x00\x03binary", "text/plain")
    r = submit(resource, source_zip, name="haccp-v1.zip", minutes_extract=bad)
    assert r.status_code == 400 and not Version.objects.exists()
    page = r.content.decode()
    assert "field invalid" in _field(page, "minutes_extract")
    assert "Kept from your last try" in page
    assert "<strong>haccp-v1.zip</strong>" in page and "<strong>syllabus.txt</strong>" in page
    tokens = dict(re.findall(r'name="kept_(\w+)" value="([^"]+)"', page))
    assert set(tokens) == {"package", "syllabus"}
    assert "required" not in re.search(r'<input[^>]*name="package"[^>]*>', page)[0]
    c = org.client("author")
    # someone else's token is ignored: the field is then simply missing
    other = org.client("coauthor").post(
        f"/resources/{resource.pk}/submit/",
        {"kept_package": tokens["package"], "kept_syllabus": tokens["syllabus"],
         "minutes_extract": SimpleUploadedFile("m.txt", "Хаттама".encode())},
    )  # fmt: skip
    assert other.status_code == 400 and not Version.objects.exists()
    r = c.post(
        f"/resources/{resource.pk}/submit/",
        {"kept_package": tokens["package"], "kept_syllabus": tokens["syllabus"], "note": "",
         "minutes_extract": SimpleUploadedFile("minutes.txt", "Хаттама № 3".encode())},
    )  # fmt: skip
    assert r.status_code == 302, r.content.decode()
    v = Version.objects.get()
    assert v.upload_name == "haccp-v1.zip" and v.upload_size == len(source_zip)
    assert v.syllabus and v.minutes_extract
