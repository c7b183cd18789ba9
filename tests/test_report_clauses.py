"""The report is the regulation clause by clause (issue 16, item 7): every clause the checker
knows, in the regulation's order, each with its title in the report's language and a state, the
findings under the clause they belong to, the verdict on top. Parsed with lxml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest

from oqu.check import check
from oqu.report import render_html, render_text, to_json
from oqu.rules import RULES
from oqu.rules.composition import IDS as TYPE_IDS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _regulation_order() -> list[str]:
    ids = [r.id for r in RULES if r.id != "9.2"] + list(TYPE_IDS)

    def key(c: str) -> tuple[tuple[int, ...], str]:
        number, _, suffix = c.partition("/")
        return tuple(int(p) for p in number.split(".")), suffix

    return sorted(ids, key=key)


def _states(page: str) -> dict[str, str]:
    doc = lxml.html.fromstring(page)
    rows = doc.xpath("//tr[contains(concat(' ', @class, ' '), ' clause ')]")
    out = {}
    for tr in rows:
        clause = tr.get("id").removeprefix("clause-")
        badge = tr.xpath(".//td[@class='state']/span")[0]
        state = badge.get("class").split()[1]
        assert state in ("passed", "failed", "not-applicable", "unchecked")
        assert badge.text_content().strip()
        out[clause] = state
    assert list(out) == _regulation_order()  # every clause, in the regulation's order
    return out


def _failing_copy(tmp_path: Path) -> Path:
    src = tmp_path / "haccp"
    shutil.copytree(EXAMPLES / "haccp-kk", src)
    md = src / "01-haccp.md"
    text = md.read_text(encoding="utf-8")
    md.write_text(text[: text.index("{#final-test}")], encoding="utf-8")  # no final test
    return src


def test_passing_source_in_kazakh_reads_as_a_form() -> None:
    page = render_html(check(EXAMPLES / "haccp-kk"), "kk")
    states = _states(page)
    assert states["9.2.5"] == "passed"  # the declared type: interactive presentation
    assert {states[c] for c in TYPE_IDS if c != "9.2.5"} == {"not-applicable"}
    assert states["7.6"] == "unchecked"  # no syllabus given
    assert states["10.1.4"] == "passed"
    doc = lxml.html.fromstring(page)
    # the verdict on top, before the clauses
    body = doc.xpath("//body")[0].text_content()
    assert body.index("Сәйкес келеді") < body.index("Ереже тармақтары бойынша")
    titles = {tr.get("id"): tr.xpath("./td[2]")[0].text_content() for tr in doc.xpath("//tr[@id]")}
    assert titles["clause-10.1.4"].startswith("Қорытынды тест")
    assert "Интерактивті презентация" in titles["clause-9.2.5"]
    # the subject's labels in the report's language
    labels = [dt.text_content() for dt in doc.xpath("//dl/dt")]
    assert "Түрі" in labels and "Құрал" in labels and "Слайдтар" in labels
    assert not {"kind", "path", "type", "slides", "tool"} & set(labels)
    assert "Сарапшы:" in body  # a line for the reviewer's signature


def test_failed_clause_carries_its_findings(tmp_path: Path) -> None:
    report = check(_failing_copy(tmp_path))
    page = render_html(report, "ru")
    states = _states(page)
    assert states["10.1.4"] == "failed"
    doc = lxml.html.fromstring(page)
    row = doc.xpath("//tr[@id='clause-10.1.4']")[0]
    assert "Нет итогового теста" in row.text_content()
    assert states["10.1.1"] == "passed"
    data = to_json(report, "ru")
    assert data["schema"] == "oqu-check/2" and data["verdict"] == "fail"
    clause = next(c for c in data["clauses"] if c["clause"] == "10.1.4")
    assert [data["findings"][i]["rule"] for i in clause["findings"]] == ["10.1.4"]
    json.dumps(data)  # serialisable


def test_a_source_with_errors_leaves_every_clause_unchecked_and_says_why(tmp_path: Path) -> None:
    src = tmp_path / "broken"
    shutil.copytree(EXAMPLES / "haccp-kk", src)
    (src / "der.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    report = check(src)
    data = to_json(report, "en")
    assert {c["state"] for c in data["clauses"]} == {"unchecked"}
    assert all(c["reason"] for c in data["clauses"])
    _states(render_html(report, "en"))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_text_summary_lists_the_clauses(lang: str) -> None:
    text = render_text(check(EXAMPLES / "haccp-kk"), lang)
    lines = text.splitlines()
    listed = [ln.split()[0] for ln in lines if ln.startswith("  ") and " — " in ln]
    assert listed == _regulation_order()
    assert lines[-1].split(":")[0] in ("Сәйкес келеді", "Соответствует", "Pass")
