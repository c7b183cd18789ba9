"""The shared vectors, run by the Python scorer; the same file drives the JS (scoring.test.js)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oqu.assess import interactions as ia
from oqu.assess.export import question_from_json, question_to_json
from oqu.assess.scoring import mulberry32, normalise_text, parse_number, score
from oqu.assess.sync import JS, js_rules, rules_block
from oqu.model.formula import FormulaError, compute

VECTORS = json.loads((Path(__file__).parent / "vectors.json").read_text("utf-8"))
QUESTIONS = {k: question_from_json(v) for k, v in VECTORS["questions"].items()}


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return not isinstance(b, bool) and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return (a == b and type(a) is type(b)) or (a is None and b is None)


@pytest.mark.parametrize(
    "case", VECTORS["scores"], ids=lambda c: f"{c['q']}-{json.dumps(c['response'])}"
)
def test_score(case: dict[str, Any]) -> None:
    got = score(QUESTIONS[case["q"]], case["response"], seed=case.get("seed", 0)).as_json()
    assert same(got, case["expect"]), got


@pytest.mark.parametrize("case", VECTORS["interactions"], ids=lambda c: f"{c['q']}-{c['version']}")
def test_interaction(case: dict[str, Any]) -> None:
    got = ia.interaction(
        QUESTIONS[case["q"]],
        case["response"],
        case["version"],
        seed=case.get("seed", 0),
        seconds=case.get("seconds", 0.0),
        lang=case.get("lang", ""),
    )
    assert [list(p) for p in got] == case["expect"]


@pytest.mark.parametrize("case", VECTORS["normalise"], ids=lambda c: repr(c["in"]))
def test_normalise(case: dict[str, Any]) -> None:
    assert normalise_text(case["in"], case["case"]) == case["out"]


@pytest.mark.parametrize("case", VECTORS["numbers"], ids=lambda c: repr(c["in"]))
def test_parse_number(case: dict[str, Any]) -> None:
    assert same(parse_number(case["in"]), case["out"])


@pytest.mark.parametrize("case", VECTORS["formulas"], ids=lambda c: c["src"] or "empty")
def test_formula(case: dict[str, Any]) -> None:
    values = {k: float(v) for k, v in case["values"].items()}
    if case["out"] == "error":
        with pytest.raises(FormulaError):
            compute(case["src"], values)
    else:
        assert math.isclose(compute(case["src"], values), case["out"], rel_tol=1e-12)


def test_prng_and_hash() -> None:
    for case in VECTORS["prng"]:
        rnd = mulberry32(case["seed"])
        assert [rnd() for _ in case["first"]] == case["first"]
    for case in VECTORS["fnv1a"]:
        assert ia.fnv1a(case["in"]) == case["out"]


def test_question_json_round_trip() -> None:
    for q in QUESTIONS.values():
        assert question_from_json(question_to_json(q)) == q


def test_js_carries_the_same_rules() -> None:
    assert js_rules(JS.read_text("utf-8")) == rules_block(), "run: python -m oqu.assess.sync"


# Issue 13.4: food-tech-ru q1-3 was stored as "центральной части эндосперма,0,55" (two gaps, one
# a decimal comma). The 1.2 encoding must read back exactly, within 255 characters.
@pytest.mark.parametrize(
    "gaps",
    [
        ["центральной части эндосперма", "0,55"],
        ["0,55", "1,2,3"],
        ["a\\b", "\\", ",", ""],
        ["", ""],
        ["\\,\\\\,", "x"],
    ],
)
def test_scorm12_fill_in_round_trip(gaps: list[str]) -> None:
    text = ia.join_fill_in_12(gaps)
    assert len(text) <= 255
    assert ia.split_fill_in_12(text) == gaps


def test_scorm12_fill_in_cut_keeps_whole_escapes() -> None:
    text = ia.join_fill_in_12(["x" * 252, "1,5", "2,5"])
    assert len(text) <= 255 and not text.endswith("\\")
    assert ia.split_fill_in_12(text) == ["x" * 252, "1"]
    assert ia.split_fill_in_12(ia.join_fill_in_12(["x" * 253, "\\"])) == ["x" * 253, ""]


@given(st.lists(st.text(alphabet="ab,\\ 0,5й", max_size=20), min_size=1, max_size=8))
def test_scorm12_fill_in_round_trip_any(gaps: list[str]) -> None:
    assert ia.split_fill_in_12(ia.join_fill_in_12(gaps)) == gaps
