"""Quiz markup: answerable controls that never give the answer away."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from oqu.assess.export import question_to_json
from oqu.diagnostics import Diagnostics
from oqu.i18n import t
from oqu.packaging.quizhtml import shuffled
from oqu.packaging.site import render_index
from oqu.sources.der import load

ROOT = Path(__file__).resolve().parents[2]


def page(example: str) -> str:
    r = load(ROOT / "examples" / example, Diagnostics())
    assert r is not None
    return render_index(r, "web").decode()


def test_shuffle_is_deterministic_and_never_the_key() -> None:
    items = ["a", "b", "c", "d"]
    assert shuffled(items, "q1") == shuffled(items, "q1")
    assert shuffled(items, "q1") != [0, 1, 2, 3]
    assert sorted(shuffled(items, "q2")) == [0, 1, 2, 3]
    assert shuffled(["x", "y"], "q") == [1, 0]


def test_sequence_and_matching_are_not_shown_in_answer_order() -> None:
    r = load(ROOT / "examples" / "haccp-kk", Diagnostics())
    assert r is not None
    html = render_index(r, "web").decode()
    for quiz in r.quizzes():
        for q in quiz.questions:
            if q.type == "sequence":
                positions = [html.index(c.text) for c in q.choices]
                assert positions != sorted(positions), q.id
            if q.type == "matching":
                assert f'name="{q.id}-0"' in html  # a drop-down per left item


def markup(html: str) -> str:
    """The page without its ``oqu-data`` JSON (which carries the quizzes for the player) and
    without the player's stylesheet inlined in its head (``:checked``, ``.oqu-correct``)."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(
        r'<script type="application/json" id="oqu-data">.*?</script>', "", html, flags=re.S
    )


def data(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="oqu-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1).replace("<\\/", "</"))  # type: ignore[no-any-return]


def test_no_answer_key_in_the_markup() -> None:
    html = markup(page("haccp-kk") + page("networks-en") + page("food-tech-ru"))
    for leak in ("correct", "data-answer", "checked", "L * 8 / (R * 1000)", "formula"):
        assert leak not in html, leak
    assert "\ufffd" not in html and "\ue000" not in html  # gap markers never leak


def test_calculated_prompts_show_values_not_placeholders() -> None:
    html = page("networks-en")
    start = html.index('<form class="oqu-quiz"')
    quiz = html[start : html.index("</form>", start)]
    assert '<var data-var="L">' in quiz and "{L}" not in quiz


def test_the_page_carries_each_quiz_for_the_player() -> None:
    r = load(ROOT / "examples" / "networks-en", Diagnostics())
    assert r is not None
    html = render_index(r, "scorm12").decode()
    quizzes = data(html)["quizzes"]
    assert set(quizzes) == {q.id for q in r.quizzes()}
    for quiz in r.quizzes():
        spec = quizzes[quiz.id]
        assert spec["final"] == quiz.final and spec["pass"] == quiz.pass_mark
        assert spec["questions"] == [question_to_json(q) for q in quiz.questions]
        for key in ("attempts", "shuffle", "shuffleOptions", "draw", "time", "review"):
            assert key in spec
    for src in ("player/scoring.js", "player/quiz.js"):
        assert src in html
    assert ".oqu-quiz" in html.split("</head>", 1)[0]  # quiz.css, inlined in the page's <style>


def test_matching_and_gap_values_are_the_players_indices() -> None:
    r = load(ROOT / "examples" / "haccp-kk", Diagnostics())
    assert r is not None
    html = markup(render_index(r, "web").decode())
    for quiz in r.quizzes():
        for q in quiz.questions:
            if q.type == "matching":
                rights = question_to_json(q)["rights"]
                values = set(
                    re.findall(rf'<select name="{q.id}-0">(.*?)</select>', html)[0].split("<option")
                )
                assert len([v for v in values if 'value="' in v and 'value=""' not in v]) == len(
                    rights
                )


def test_player_js_and_css_stay_within_40_kb_gzip() -> None:
    import gzip

    from oqu.packaging.site import player_css, player_files

    files = dict(player_files())
    assert {"player/quiz.js", "player/scoring.js", "player/quiz.css"} <= set(files)
    assert b".oqu-quiz" in files["player/quiz.css"]
    total = sum(len(gzip.compress(b, 9)) for b in files.values())
    total += len(gzip.compress(player_css().encode(), 9))
    assert total <= 40 * 1024, total  # issue 17; tests/packaging/test_player_assets.py


HOTSPOT = """---
title: Hotspot
type: interactive-presentation
language: kk
department: Кафедра
discipline: Желілер
date: 2026-01-15
completion: test
authors:
  - name: Автор
    email: teacher@example.edu
references:
  basic: ["Таненбаум Э. Компьютерлік желілер. 2021."]
media:
  media/protocols.svg: {source: Own work, licence: CC-BY-4.0}
---

# Тест

## Қорытынды тест

:::quiz {final=true}
{type=hotspot #where}
### Дұрыс жерді көрсетіңіз
![Хаттамалар](media/protocols.svg)
- [ ] rect 0 0 100 30 Қолданбалы деңгей
- [x] rect 0 30 100 30 Көлік деңгейі
:::
"""


def test_a_hotspot_is_its_picture_not_a_list_of_its_regions(tmp_path: Path) -> None:
    """Issue 17: buttons named after the regions made the question a multiple choice that
    gave the answer away; the player places a point on the picture (crosshair by keyboard)."""
    import shutil

    src = tmp_path / "lesson"
    src.mkdir()
    (src / "lesson.md").write_text(HOTSPOT, encoding="utf-8")
    shutil.copytree(ROOT / "tests" / "browser" / "fixtures" / "kinds" / "media", src / "media")
    r = load(src, Diagnostics())
    assert r is not None
    html = markup(render_index(r, "web").decode())
    box = re.search(r'<fieldset class="oqu-question" data-type="hotspot".*?</fieldset>', html, re.S)
    assert box and 'src="media/protocols.svg"' in box.group(0)
    assert "<button" not in box.group(0)
    assert "Көлік" not in html and "Қолданбалы" not in html  # no region named in the markup


def test_a_gaps_control_is_named_as_the_gap_it_fills() -> None:
    """A screen reader heard networks-en's gaps as "1", "2", "3": each control is now named as
    the drag engine reads a gap out, "gap 2 of 3" in the DER's language."""
    seen = 0
    for example in ("networks-en", "food-tech-ru", "haccp-kk"):
        r = load(ROOT / "examples" / example, Diagnostics())
        assert r is not None
        lang = r.meta.language
        html = render_index(r, "web").decode()
        for quiz in r.quizzes():
            for q in quiz.questions:
                if q.type not in ("blanks", "select", "dragwords"):
                    continue
                for n in range(len(q.gaps)):
                    gap = t("quiz_dnd_gap", lang).format(n=n + 1, total=len(q.gaps))
                    control = re.search(rf'<(?:input|select)[^>]* name="{q.id}-{n}"[^>]*>', html)
                    assert control, (example, q.id, n)
                    assert f'aria-label="{gap}"' in control.group(0), control.group(0)
                    seen += 1
    assert seen >= 3
