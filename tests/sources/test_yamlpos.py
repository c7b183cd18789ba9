"""YAML positions: libyaml's fast parser gives the same values and marks as the pure-Python one."""

from __future__ import annotations

from pathlib import Path

import pytest

from oqu.diagnostics import Diagnostics
from oqu.sources import yamlpos

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*/der.yaml"))] + [
    "title: Нан өнімдерінің технологиясы\nauthors:\n  - {name: Әлия Бекова, email: a@b.kz}\n"
    "glossary:\n  - term: «Қамыр»\n    definition: ұн мен судың қоспасы\ndupe: 1\ndupe: 2\n"
]


def parse(text: str, fast: object, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    monkeypatch.setattr(yamlpos, "_FAST", fast)
    diags = Diagnostics()
    value, pos = yamlpos.load_yaml(text, "der.yaml", diags, line_offset=2)
    return value, pos.at, pos.keys, [d.format("en") for d in diags]


@pytest.mark.skipif(yamlpos._FAST is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("text", TEXTS)
def test_fast_and_pure_parsers_agree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = yamlpos._FAST
    assert parse(text, fast, monkeypatch) == parse(text, None, monkeypatch)


@pytest.mark.skipif(yamlpos._FAST is None, reason="PyYAML built without libyaml")
def test_a_syntax_error_is_told_in_the_pure_parsers_words(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "title: a\n  bad: [1, 2\nlanguage: kk\n"
    fast = yamlpos._FAST
    assert parse(text, fast, monkeypatch) == parse(text, None, monkeypatch)
    assert "OQ102" in parse(text, fast, monkeypatch)[3][0]
