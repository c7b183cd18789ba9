"""Mistakes a beginner makes in a lesson: one mistake, one message, at its place (issue 16).

A misspelt block kind or metadata key gets "did you mean"; a refused question does not make
the next one's id "used twice"; ``###Question`` and a quiz pasted from Word are not "content
outside a slide"; a forgotten closing ``:::`` never swallows the next slide silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oqu.diagnostics import LANGS, Diagnostic, Lang
from oqu.model.content import Quiz
from tests.sources.test_diagnostics import FRONT, FRONT_LINES, run, write

L = FRONT_LINES


def only(tmp_path: Path, body: str, front: str = FRONT) -> tuple[Diagnostic, object]:
    diags, r = run(write(tmp_path, body, front=front))
    assert len(diags) == 1, [d.format() for d in diags]
    return next(iter(diags)), r


@pytest.mark.parametrize("lang", LANGS)
def test_misspelt_block_kind_suggests_the_nearest(tmp_path: Path, lang: Lang) -> None:
    d, _ = only(tmp_path, "\n## Процесс\n\n:::proccess\n### 1\nx\n:::\n")
    assert (d.code, d.location.line) == ("OQ110", L + 4)
    assert ":::process" in d.message(lang)
    assert {"kk": "жазғыңыз келді ме", "ru": "может быть", "en": "did you mean"}[lang] in (
        d.message(lang)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_misspelt_required_key_is_one_finding(tmp_path: Path, lang: Lang) -> None:
    front = FRONT.replace("discipline: Пән", "dicipline: Пән")
    diags, r = run(write(tmp_path, "\n## A\nx\n", front=front))
    assert r is None
    [d] = list(diags)  # not OQ103 unknown + OQ104 missing
    assert (d.code, d.location.line) == ("OQ103", 6)
    assert "dicipline" in d.message(lang) and "discipline" in d.message(lang)
    assert "discipline" in d.hint(lang)


def test_misspelt_optional_key_suggests_the_nearest(tmp_path: Path) -> None:
    front = FRONT.replace("glossary:", "glosary:")
    diags, _ = run(write(tmp_path, "\n## A\nx\n", front=front))
    [d] = list(diags)
    assert d.code == "OQ103"
    assert "did you mean 'glossary'" in d.message("en")


def test_unknown_question_type_is_one_message(tmp_path: Path) -> None:
    body = (
        "\n## T\n\n:::quiz\n### a?\n- [x] 1\n- [ ] 2\n\n{type=match}\n### b?\n- x -> y\n\n"
        "### c?\n- [x] 1\n- [ ] 2\n:::\n"
    )
    d, _ = only(tmp_path, body)  # no "«q1-3» used twice" about an id the author never wrote
    assert (d.code, d.location.line) == ("OQ126", L + 10)
    assert "did you mean 'matching'" in d.message("en")


@pytest.mark.parametrize("lang", LANGS)
def test_misspelt_block_option_suggests_the_nearest(tmp_path: Path, lang: Lang) -> None:
    body = "\n## Бейне\n\n:::video {src=v.mp4 caption=v.kk.vtt}\nМәтін.\n:::\n"
    diags, _ = run(write(tmp_path, body))
    d = next(d for d in diags if d.code == "OQ112")
    assert "«captions»" in d.message(lang) or "'captions'" in d.message(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_question_heading_without_space_is_told_at_its_line(tmp_path: Path, lang: Lang) -> None:
    d, _ = only(tmp_path, "\n## Тест\n\n:::quiz\n###Сұрақ?\n- [x] 1\n- [ ] 2\n:::\n")
    assert (d.code, d.location.line) == ("OQ116", L + 5)
    assert "###Сұрақ?" in d.message(lang) and "### Сұрақ?" in d.hint(lang)


def test_slide_heading_without_space_is_not_swallowed_silently(tmp_path: Path) -> None:
    diags, _ = run(write(tmp_path, "\n## A\n\nx\n\n##Екінші слайд\n\ny\n"))
    [d] = list(diags)
    assert (d.code, d.severity, d.location.line) == ("OQ116", "warning", L + 6)
    assert "## Екінші слайд" in d.hint("kk")


WORD_QUIZ = """
## Тест

:::quiz
1. Қай температура қауіпті аймақта?
a) 5 °C
b) 20 °C *
c) 70 °C

2. Нанның ылғалдылығы қанша?
а) 10 %
ә) 40 %
б) 90 %
Жауабы: ә

3. Қайсысы HACCP қағидаттары?
A) Қауіптерді талдау (+)
B) Бақылау нүктелері (+)
C) Жарнама
:::
"""


def test_word_style_quiz_is_accepted(tmp_path: Path) -> None:
    diags, r = run(write(tmp_path, WORD_QUIZ))
    assert [d.format() for d in diags] == []
    quiz = r.modules[0].units[0].slides[0].blocks[0]  # type: ignore[attr-defined]
    assert isinstance(quiz, Quiz)
    got = [(q.type, q.loc.line, [c.text for c in q.choices if c.correct]) for q in quiz.questions]
    assert got == [
        ("single", L + 5, ["20 °C"]),
        ("single", L + 10, ["40 %"]),
        ("multiple", L + 16, ["Қауіптерді талдау", "Бақылау нүктелері"]),
    ]


def test_word_style_question_without_answer_is_told_at_its_line(tmp_path: Path) -> None:
    d, _ = only(tmp_path, WORD_QUIZ.replace("b) 20 °C *", "b) 20 °C"))
    assert (d.code, d.location.line) == ("OQ120", L + 5)


@pytest.mark.parametrize("lang", LANGS)
def test_text_before_the_first_question_says_how_to_write_one(tmp_path: Path, lang: Lang) -> None:
    body = "\n## Тест\n\n:::quiz\nТестке кіріспе.\n\n### 2+2?\n- [x] 4\n- [ ] 5\n:::\n"
    d, _ = only(tmp_path, body)
    assert (d.code, d.location.line) == ("OQ116", L + 5)
    assert "###" in d.message(lang) and "- [x]" in d.hint(lang)
    assert {"kk": "Слайдтан тыс", "ru": "вне слайда", "en": "outside a slide"}[lang] not in (
        d.message(lang)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_forgotten_closing_fence_does_not_swallow_a_slide(tmp_path: Path, lang: Lang) -> None:
    body = (
        "\n## Процесс\n\n:::process\n### 1-кезең\nа\n### 2-кезең\nә\n\n"
        "## Карта\n\n:::hotspots\n![карта](map.svg)\n\n{x=1 y=2}\n### A\nb\n:::\n"
    )
    diags, r = run(write(tmp_path, body))
    assert r is None
    d = next(d for d in diags if d.code == "OQ111")
    assert d.location.line == L + 4
    assert str(L + 10) in d.message(lang) and "Карта" in d.message(lang)


def test_word_style_prompt_may_take_more_lines(tmp_path: Path) -> None:
    body = WORD_QUIZ.replace("қауіпті аймақта?", "қауіпті аймақта?\nБір жауапты таңдаңыз.")
    diags, r = run(write(tmp_path, body))
    assert [d.format() for d in diags] == []
    quiz = r.modules[0].units[0].slides[0].blocks[0]  # type: ignore[attr-defined]
    assert len(quiz.questions) == 3
    assert "Бір жауапты таңдаңыз" in quiz.questions[0].body[0].text


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("a) 5 °C\nb) 20 °C *\nc) 70 °C", "a) 5 °C  b) 20 °C *  c) 70 °C", L + 5),  # one line
        ("а) 10 %\nә) 40 %\nб) 90 %\nЖауабы: ә", "а) 40 % *", L + 10),  # one option
        ("C) Жарнама", "C) Жарнама\nБұл жол не сұрақ, не нұсқа.", L + 20),
    ],
    ids=["options-on-the-question-line", "one-option", "a-stray-line"],
)
@pytest.mark.parametrize("lang", LANGS)
def test_word_style_line_that_does_not_fit_is_told_at_its_line(
    tmp_path: Path, old: str, new: str, line: int, lang: Lang
) -> None:
    assert old in WORD_QUIZ
    d, _ = only(tmp_path, WORD_QUIZ.replace(old, new))
    assert (d.code, d.location.line) == ("OQ116", line)
    assert {"kk": "1. Сұрақ?", "ru": "1. Вопрос?", "en": "1. Question?"}[lang] in d.hint(lang)


def test_mistakes_after_a_forgotten_fence_are_still_reported(tmp_path: Path) -> None:
    body = "\n## Процесс\n\n:::process\n### 1\nа\n\n## Анимация\n\n:::reveall\n### a\nb\n:::\n"
    diags, _ = run(write(tmp_path, body))
    assert [(d.code, d.location.line) for d in diags] == [("OQ111", L + 4), ("OQ110", L + 10)]
