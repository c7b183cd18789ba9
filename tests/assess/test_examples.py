"""Every question of the examples' tests: the right answers earn full marks in Python and in
the JS twin, and every interaction record is the same in both."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from oqu.assess.export import question_to_json
from oqu.assess.interactions import interaction
from oqu.assess.scoring import right_response, score
from oqu.diagnostics import Diagnostics
from oqu.model.content import Question
from oqu.sources.der import load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


def questions() -> list[Question]:
    out: list[Question] = []
    for ex in EXAMPLES:
        diags = Diagnostics()
        res = load(ex, diags)
        assert res is not None, [d.format() for d in diags]
        out += [q for quiz in res.quizzes() for q in quiz.questions]
    return out


def test_right_answers_earn_full_marks_in_python() -> None:
    qs = questions()
    assert len(qs) >= 15
    for q in qs:
        for seed in (0, 7, 2**31):
            out = score(q, right_response(q, seed), seed=seed)
            assert out.correct is (True if q.graded else None), (q.id, q.type)
            assert out.score == (q.points if q.graded else 0)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_js_agrees_on_the_examples(tmp_path: Path) -> None:
    cases: list[dict[str, Any]] = []
    expected: list[tuple[dict[str, Any], list[list[str]]]] = []
    for q in questions():
        for version in ("1.2", "2004"):
            for response in (right_response(q, 3), None):
                cases.append(
                    {
                        "question": question_to_json(q),
                        "response": response,
                        "seed": 3,
                        "version": version,
                    }
                )
                rec = interaction(q, response, version, seed=3)  # type: ignore[arg-type]
                expected.append((score(q, response, seed=3).as_json(), [list(p) for p in rec]))
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases, ensure_ascii=False), "utf-8")
    r = subprocess.run(
        ["node", str(Path(__file__).parent / "batch.js"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    for case, js, (py_score, py_rec) in zip(cases, json.loads(r.stdout), expected, strict=True):
        qid = case["question"]["id"]
        assert js["score"]["score"] == pytest.approx(py_score["score"]), qid
        assert js["score"]["correct"] == py_score["correct"], qid
        assert js["interaction"] == py_rec, qid
