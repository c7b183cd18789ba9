"""Issue 14 item 3: an ``incomplete`` verdict (oqu-check/2) is shown as "needs the reviewer's eye
on: …" with the unchecked clauses, in every language, on the resource and the version page."""

from __future__ import annotations

import pytest

from oqu.portal.workflow.models import Version
from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db

WORDS = {
    "en": "needs the reviewer's eye on:",
    "kk": "сарапшының назарын қажет етеді:",
    "ru": "требует внимания эксперта:",
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_incomplete_verdict_names_the_unchecked_clauses(
    org: Org, resource, submit, source_zip, lang: str
) -> None:
    assert submit(resource, source_zip).status_code == 302
    v = Version.objects.get(resource=resource)
    # what the job stores from `oqu check --json` when clauses could not be checked
    for data in v.report.values():
        data["verdict"] = "incomplete"
        data["unchecked"] = ["10.1.3", "10.1.1"]
    v.verdict = "incomplete"
    v.save()
    c = org.client("reviewer")
    c.post("/i18n/setlang/", {"language": lang, "next": "/"})
    for url in (f"/resources/{resource.pk}/", f"/resources/{resource.pk}/v/1/"):
        page = c.get(url).content.decode()
        assert f'<span class="verdict incomplete">{WORDS[lang]} 10.1.1, 10.1.3</span>' in page
