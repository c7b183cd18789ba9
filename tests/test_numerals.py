"""Counts in kk/ru/en by CLDR's plural rules (issue 16, item 4): one helper, used everywhere."""

from __future__ import annotations

import pytest

from oqu.check import Report
from oqu.diagnostics import Diagnostic, Location
from oqu.model.subject import Subject
from oqu.numerals import count, number, plural
from oqu.report import render_html, render_text, summary_counts
from oqu.rules import RULES

NUMBERS = (0, 1, 2, 5, 21, 22, 25)

RU = {0: "ошибок", 1: "ошибка", 2: "ошибки", 5: "ошибок", 21: "ошибка", 22: "ошибки", 25: "ошибок"}


@pytest.mark.parametrize("n", NUMBERS)
def test_russian_errors_follow_cldr(n: int) -> None:
    assert plural(n, "ru", "ошибка", "ошибки", "ошибок") == RU[n]


@pytest.mark.parametrize("n", NUMBERS)
def test_kazakh_keeps_the_noun_singular_after_a_numeral(n: int) -> None:
    assert count(n, "kk", "қате", "қате") == f"{n} қате"
    # CLDR: kk has "one" for 1 only; the form list is still used, one form per category
    assert plural(n, "kk", "A", "B") == ("A" if n == 1 else "B")


@pytest.mark.parametrize(
    ("n", "ru", "en"),
    [
        (0, "0 ошибок, 0 предупреждений, 0 примечаний", "0 errors, 0 warnings, 0 notes"),
        (1, "1 ошибка, 1 предупреждение, 1 примечание", "1 error, 1 warning, 1 note"),
        (2, "2 ошибки, 2 предупреждения, 2 примечания", "2 errors, 2 warnings, 2 notes"),
        (5, "5 ошибок, 5 предупреждений, 5 примечаний", "5 errors, 5 warnings, 5 notes"),
        (21, "21 ошибка, 21 предупреждение, 21 примечание", "21 errors, 21 warnings, 21 notes"),
        (22, "22 ошибки, 22 предупреждения, 22 примечания", "22 errors, 22 warnings, 22 notes"),
        (25, "25 ошибок, 25 предупреждений, 25 примечаний", "25 errors, 25 warnings, 25 notes"),
    ],
)
def test_summary_counts(n: int, ru: str, en: str) -> None:
    assert summary_counts(n, n, n, "ru", ", ") == ru
    assert summary_counts(n, n, n, "en", ", ") == en
    assert summary_counts(n, n, n, "kk", ", ") == f"{n} қате, {n} ескерту, {n} ақпараттық хабар"


def test_decimals_in_the_languages_format() -> None:
    assert number(72.5, "kk") == "72,5"
    assert number(72.5, "ru") == "72,5"
    assert number(72.5, "en") == "72.5"


QUESTIONS = {
    0: "0 вопросов",
    1: "1 вопрос",
    2: "2 вопроса",
    5: "5 вопросов",
    21: "21 вопрос",
    22: "22 вопроса",
    25: "25 вопросов",
}


@pytest.mark.parametrize("n", NUMBERS)
def test_a_rule_message_with_a_count(n: int) -> None:
    assert RULES  # the rules' messages are registered
    d = Diagnostic(code="10.1.4", args=(("count", str(n)), ("min", "30")), variant="count")
    assert d.message("ru") == f"В итоговом тесте {QUESTIONS[n]}, нужно не менее 30"
    assert d.message("kk") == f"Қорытынды тестте {n} сұрақ, кемінде 30 керек"
    assert d.message("en").startswith(f"The final test has {n} question{'' if n == 1 else 's'};")


def test_a_decimal_in_a_rule_message() -> None:
    d = Diagnostic(code="7.5/size", args=(("target", "a.mp4"), ("size", "72.5"), ("limit", "50")))
    assert "72,5 МБ" in d.message("ru")
    assert "72,5 МБ" in d.message("kk")
    assert "72.5 MB" in d.message("en")


def _report(errors: int) -> Report:
    subject = Subject(kind="source", name="x", location=Location("x"))
    findings = [Diagnostic(code="10.1", args=(("count", "3"), ("min", "10")))] * errors
    return Report(subject, findings)


@pytest.mark.parametrize(
    ("n", "word"), [(1, "ошибка"), (2, "ошибки"), (5, "ошибок"), (21, "ошибка")]
)
def test_reports_use_the_plural(n: int, word: str) -> None:
    assert (
        render_text(_report(n), "ru").splitlines()[-1].startswith(f"Не соответствует: {n} {word},")
    )
    assert f"{n} {word} · 0 предупреждений · 0 примечаний" in render_html(_report(n), "ru")
    assert "В ЦОР 3 слайда, а должно быть не менее 10" in render_text(_report(n), "ru")


@pytest.mark.parametrize(
    ("lang", "last"),
    [
        ("ru", "Соответствует: 0 ошибок, 0 предупреждений, 2 примечания"),
        ("kk", "Сәйкес келеді: 0 қате, 0 ескерту, 2 ақпараттық хабар"),
        ("en", "Pass: 0 errors, 0 warnings, 2 notes"),
    ],
)
def test_cli_check_summary(lang: str, last: str) -> None:
    from pathlib import Path

    from tests.cli import oqu

    root = Path(__file__).resolve().parents[1]
    done = oqu("check", root / "examples" / "haccp-kk", "--lang", lang)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == last


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_decimal_separator_table_is_cldrs(lang: str) -> None:
    """site.py writes it into every player without importing Babel; Babel's data decides."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol

    from oqu.numerals import decimal_separator

    assert decimal_separator(lang) == get_decimal_symbol(Locale.parse(lang)) == number(0.5, lang)[1]
