"""``:::columns`` … ``+++`` … ``:::``: a text and its picture side by side (issue 16, item 10).

The parse (columns, lines, glossary links, what is not a ``+++``), each mistake told at its line
in kk/ru/en, and the built page: side by side at 1366 px, stacked at 360 px (one page load).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from oqu.diagnostics import LANGS
from oqu.model.content import Callout, Columns, Html, Image
from tests.sources.pptx_decks import png
from tests.sources.test_diagnostics import FRONT_LINES, run, write

L = FRONT_LINES
WASH = (
    "\n## Қолды жуу {#wash}\n\n:::columns\n"
    "HACCP бойынша қолды жылы сумен және сабынмен 20 секунд жуыңыз.\n\n"
    "- Жылы су\n- Сабын\n+++\n![Раковина](media/sink.png)\n:::\n"
)


def _columns(r: Any) -> list[Columns]:
    return [b for s in r.slides() for b in s.blocks if isinstance(b, Columns)]


def test_two_columns_are_parsed_with_their_lines(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media/sink.png").write_bytes(png())
    diags, r = run(write(tmp_path, WASH))
    assert [d.format() for d in diags] == []
    [cols] = _columns(r)
    left, right = cols.columns
    assert [type(b) for b in left] == [Html, Html] and [type(b) for b in right] == [Image]
    assert 'class="oqu-term"' in left[0].html  # the glossary still links inside a column
    assert "<li>Сабын</li>" in left[1].html and "+++" not in left[1].html  # no blank line needed
    assert (cols.loc.line, left[0].loc.line, right[0].loc.line) == (L + 4, L + 5, L + 10)
    assert right[0].alt == "Раковина"
    assert [m.path for m in r.media] == ["media/sink.png"]  # checked and credited like any image


def test_a_plus_line_in_code_or_a_nested_block_is_text(tmp_path: Path) -> None:
    body = "\n## A\n\n::::columns\n:::note\nx\n\n+++\n:::\n```\n+++\n```\n+++\nb\n::::\n"
    diags, r = run(write(tmp_path, body))
    assert [d.format() for d in diags] == []
    [cols] = _columns(r)
    left, right = cols.columns
    assert isinstance(left[0], Callout) and "+++" in left[0].blocks[1].html  # type: ignore[union-attr]
    assert "<code>+++" in left[1].html  # type: ignore[union-attr]
    assert right[0].text == "b"  # type: ignore[union-attr]


MISTAKES = [  # body, variant, line told, text of the English message
    ("\n## A\n\n:::columns\nтек мәтін\n:::\n", "columns_one", L + 4, "has one column"),
    (
        "\n## A\n\n:::columns\na\n+++\nb\n\n+++\nc\n:::\n",
        "columns_many",
        L + 9,
        "more than two columns: '+++' on lines 18, 21",
    ),
    ("\n## A\n\n:::columns\n+++\nb\n:::\n", "columns_empty_left", L + 5, "left column"),
    ("\n## A\n\n:::columns\na\n+++\n:::\n", "columns_empty_right", L + 6, "right column"),
    ("\n## A\n\n:::columns\na\n+++\nb\n", "columns_unclosed", L + 4, "is not closed"),
]


@pytest.mark.parametrize(("body", "variant", "line", "en"), MISTAKES, ids=[m[1] for m in MISTAKES])
def test_each_columns_mistake_is_one_message_at_its_line(
    tmp_path: Path, body: str, variant: str, line: int, en: str
) -> None:
    diags, r = run(write(tmp_path, body))
    [d] = list(diags)
    assert (d.code, d.variant, d.location.line, d.severity) == ("OQ111", variant, line, "error")
    assert en in d.message("en")
    for lang in LANGS:
        text = d.message(lang) + d.hint(lang)
        assert ":::columns" in text or "+++" in text, lang
        assert "{" not in text, (lang, text)  # every field filled in
    assert r is None  # an error: nothing is built


def test_a_columns_block_running_over_a_slide_is_told_as_any_block(tmp_path: Path) -> None:
    diags, _ = run(write(tmp_path, "\n## A\n\n:::columns\na\n+++\nb\n\n## B\nc\n"))
    assert [(d.code, d.variant, d.location.line) for d in diags] == [("OQ111", "runs_over", L + 4)]


def test_the_built_page_puts_them_side_by_side_and_stacks_them_on_a_phone(
    tmp_path: Path, browser: Any
) -> None:
    from typer.testing import CliRunner

    from oqu.cli import app

    src = tmp_path / "src"
    (src / "media").mkdir(parents=True)
    (src / "media/sink.png").write_bytes(png(width=800, height=600))
    lesson = write(src, WASH)
    done = CliRunner().invoke(
        app, ["build", str(lesson), "--format", "web", "--out", str(tmp_path / "out")]
    )
    assert done.exit_code == 0, done.output
    index = next((tmp_path / "out").glob("*-web/index.html"))
    html = index.read_text("utf-8")
    assert '<div class="oqu-columns"><div class="oqu-column"><p>' in html
    assert '</ul>\n</div><div class="oqu-column"><figure class="oqu-figure"><img src="' in html

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = context.new_page()
        page.goto(index.as_uri() + "#wash")
        page.wait_for_function("() => window.Oqu !== undefined")
        cols = page.locator("#wash .oqu-column")
        page.locator("#wash .oqu-column img").wait_for()
        left, right = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
        assert right["x"] >= left["x"] + left["width"]  # side by side
        assert left["y"] < right["y"] + right["height"] and right["y"] < left["y"] + left["height"]
        page.set_viewport_size({"width": 360, "height": 740})
        left, right = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
        assert abs(left["x"] - right["x"]) < 1 and right["y"] >= left["y"] + left["height"] - 1
        assert right["width"] <= 360  # nothing wider than the phone
    finally:
        context.close()
