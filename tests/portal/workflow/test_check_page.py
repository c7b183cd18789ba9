"""The portal's check page is the regulation clause by clause (issue 16, items 4 and 7): every
clause with its state in the page's language, findings under their clause, plural counts."""

from __future__ import annotations

import lxml.html
import pytest

from oqu.portal.workflow.models import Version
from oqu.report import summary_counts
from oqu.rules import RULES
from oqu.rules.composition import IDS as TYPE_IDS
from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db


def _clauses() -> set[str]:
    return {r.id for r in RULES if r.id != "9.2"} | set(TYPE_IDS)


@pytest.mark.parametrize(
    ("lang", "title", "passed"),
    [("kk", "Қорытынды тест", "сәйкес"), ("ru", "Итоговый тест", "соответствует")],
)
def test_check_page_lists_every_clause(
    org: Org, resource, submit, source_zip, lang: str, title: str, passed: str
) -> None:
    assert submit(resource, source_zip).status_code == 302
    v = Version.objects.get(resource=resource)
    client = org.client("reviewer")
    client.post("/i18n/setlang/", {"language": lang, "next": "/"})
    page = client.get(f"/resources/{resource.pk}/v/1/")
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.content.decode())
    rows = {tr.get("id").removeprefix("clause-"): tr for tr in doc.xpath("//tr[@id]")}
    assert set(rows) >= _clauses()
    for clause in _clauses():
        state = rows[clause].xpath(".//span[contains(@class, 'state')]")[0]
        assert state.get("class").split()[1] in ("passed", "failed", "not-applicable", "unchecked")
    assert title in rows["10.1.4"].text_content()
    expected = {"passed": passed}.get(rows["10.1.4"].get("class").split()[1])
    if expected:
        assert expected in rows["10.1.4"].text_content()
    s = v.report[lang]["summary"]
    counts = summary_counts(s["errors"], s["warnings"], s["infos"], lang, " · ")
    assert counts in doc.text_content()
