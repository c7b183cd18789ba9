"""Issue 15.8: the history on a resource's (a plan's, a person's, a unit's) page is sentences
in the page's language — "returned version 1 for revision" — never the audit codes
(``review.return: in_review → returned``). Every action code the portal appends has its
sentence in kk, ru and en: the codes are found in the source, so a new action without one
fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

from oqu.portal.audit.words import SENTENCES, sentence
from oqu.portal.plans.models import PlanChangeKind
from oqu.portal.workflow.models import Decision
from tests.portal.conftest import Org, review_data

PORTAL = Path(__file__).resolve().parents[3] / "src" / "oqu" / "portal"
KINDS = ("audit", "resource", "review", "plan", "certificate", "user", "profile", "role",
         "faculty", "department", "version", "publication", "item")  # fmt: skip
FILES = ("docx", "pdf", "txt", "zip", "yaml", "xml", "html", "js", "csv", "mbz", "bin", "json")


def _codes_in_source() -> set[str]:
    """Every string literal shaped like an audit action code (``kind.verb``)."""
    codes: set[str] = set()
    shape = re.compile(rf"^({'|'.join(KINDS)})\.[a-z_]+$")
    for path in PORTAL.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and shape.match(value) and value.split(".")[1] not in FILES:
                codes.add(value)
    codes |= {f"review.{d.value}" for d in Decision}  # f"review.{decision.value}"
    codes |= {f"plan.{k.value}" for k in PlanChangeKind}  # f"plan.{kind}" (plans/actions.py)
    return codes


def test_every_action_code_has_a_sentence_in_three_languages() -> None:
    codes = _codes_in_source()
    assert {"review.return", "resource.submit", "certificate.issue", "role.assign"} <= codes
    assert codes - set(SENTENCES) == set(), "give these audit codes a sentence in audit/words.py"
    data = {"version": 2, "slide": 3, "number": "2026-001", "by": "2026-002", "discipline": "Химия"}
    for code in SENTENCES:
        said = {}
        for lang in ("kk", "ru", "en"):
            with translation.override(lang):
                said[lang] = sentence(code, "", "author", data)
        assert code not in said.values(), (code, said)
        assert len(set(said.values())) == 3, (code, said)  # really translated
        assert "%(" not in "".join(said.values()), said
    with translation.override("kk"):
        assert sentence("role.assign", "", "reviewer", {}) == "«Орталық сарапшысы» рөлін берді"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "returned"),
    [
        ("kk", "1-нұсқаны пысықтауға қайтарды"),
        ("ru", "возврат версии 1 на доработку"),
        ("en", "returned version 1 for revision"),
    ],
)
def test_history_reads_as_sentences(
    org: Org, resource, submit, source_zip, lang: str, returned: str
) -> None:
    assert submit(resource, source_zip).status_code == 302
    reviewer = org.client("reviewer")
    reviewer.post(f"/resources/{resource.pk}/review/start/", {"revision": resource.revision + 1})
    resource.refresh_from_db()
    r = reviewer.post(
        f"/resources/{resource.pk}/review/decide/",
        review_data(resource.revision, "return", "Тақырып 3 жоқ."),
    )
    assert r.status_code == 302, r.content.decode()[:500]
    c = org.client("author")
    assert c.post("/i18n/setlang/", {"language": lang, "next": "/"}).status_code == 302
    page = c.get(f"/resources/{resource.pk}/").content.decode()
    history = re.search(r'<ol class="history">(.*?)</ol>', page, re.S)
    assert history, page
    text = re.sub(r"<[^>]+>", "", history[1])
    assert returned in text, text
    assert not re.search(r"\b(review|resource)\.[a-z_]+|in_review|→", text), text
