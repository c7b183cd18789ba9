"""Quiz markup: answerable controls that never give the answer away."""

from __future__ import annotations

from pathlib import Path

from oqu.build.quizhtml import shuffled
from oqu.build.site import render_index
from oqu.diagnostics import Diagnostics
from oqu.sources import load

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


def test_no_answer_key_in_the_markup() -> None:
    html = page("haccp-kk") + page("networks-en") + page("food-tech-ru")
    for leak in ("correct", "data-answer", "checked", "L * 8 / (R * 1000)", "formula"):
        assert leak not in html, leak
    assert "\ufffd" not in html and "\ue000" not in html  # gap markers never leak


def test_calculated_prompts_show_values_not_placeholders() -> None:
    html = page("networks-en")
    start = html.index('<form class="oqu-quiz"')
    quiz = html[start : html.index("</form>", start)]
    assert '<var data-var="L">' in quiz and "{L}" not in quiz
