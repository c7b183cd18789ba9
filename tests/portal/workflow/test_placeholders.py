"""Issue 15.12 (portal side): the untouched ``oqu new`` template, submitted to the portal, fails
its check with the library's placeholder findings (10.1.1), shown to the author on the version
page in the author's language."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from oqu.portal.workflow.models import Version
from oqu.scaffold import create
from tests.portal.conftest import Org, zip_folder

pytestmark = pytest.mark.django_db

PLACEHOLDER = {"kk": "ЦББР атауы", "ru": "Название ЦОР"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_untouched_template_fails_with_its_placeholders(
    org: Org, resource, submit, tmp_path: Path, lang: str
) -> None:
    create(tmp_path / "der", lang)
    assert submit(resource, zip_folder(tmp_path / "der")).status_code == 302
    v = Version.objects.get(resource=resource)
    assert v.verdict == "fail"
    findings = v.report[lang]["findings"]
    placeholders = [f for f in findings if f["rule"] == "10.1.1" and f["severity"] == "error"]
    assert any(PLACEHOLDER[lang] in f["message"] for f in placeholders), findings
    c = org.client("author")
    c.post("/i18n/setlang/", {"language": lang, "next": "/"})
    page = html.unescape(c.get(f"/resources/{resource.pk}/v/1/").content.decode())
    assert '<span class="verdict fail">' in page
    assert "<code>10.1.1</code>" in page and PLACEHOLDER[lang] in page
