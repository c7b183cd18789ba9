"""Issue 15.3: "What changed since the previous version" compares errors and warnings by rule
and location; info-level findings (10.7 "a source", 7.6 notes) are not problems fixed or left."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from oqu.portal.workflow.models import Version
from tests.portal.conftest import EXAMPLES, Org, fresh, review_data, zip_folder

pytestmark = pytest.mark.django_db


def _section(page: str) -> str:
    m = re.search(r"What changed since the previous version.*?</section>", page, re.S)
    assert m, page
    return m[0]


def test_fixed_error_is_named_and_infos_are_not_still_there(
    org: Org, resource, submit, source_zip, tmp_path: Path
) -> None:
    broken = tmp_path / "der"
    shutil.copytree(EXAMPLES / "haccp-kk", broken)
    with (broken / "01-haccp.md").open("a", encoding="utf-8") as f:
        f.write("\n![Жоқ сурет](media/missing.svg)\n")
    assert submit(resource, zip_folder(broken)).status_code == 302
    v1 = Version.objects.get(resource=resource)
    errors = [f for f in v1.report["en"]["findings"] if f["severity"] == "error"]
    assert len(errors) == 1, v1.report["en"]["findings"]
    infos = [f for f in v1.report["en"]["findings"] if f["severity"] == "info"]
    assert infos  # what the old comparison listed as "still there"
    rev = org.client("reviewer")
    rev.post(f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision})
    r = rev.post(
        f"/resources/{resource.pk}/review/decide/",
        review_data(fresh(resource).revision, "return", "Суретті қосыңыз"),
    )
    assert r.status_code == 302
    assert submit(resource, source_zip).status_code == 302
    diff = _section(org.client("author").get(f"/resources/{resource.pk}/").content.decode())
    fixed, new, still = re.findall(r"<dd>(.*?)</dd>", diff, re.S)
    assert f'<code class="fixed">{errors[0]["rule"]}</code>' in fixed
    assert errors[0]["location"] and errors[0]["location"] in fixed
    assert new == "—" and still == "—", diff
