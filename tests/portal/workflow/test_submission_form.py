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
