"""A question as JSON: what the player needs to render and score it, and the way back.

The shape is the one ``scoring.js`` and the shared test vectors use; keys are camelCase for
JavaScript. Every field is always present, so the player never tests for ``undefined``.
Right answers are in it: a SCORM package scores in the learner's browser, so a determined
learner can always read them — final exams with stakes belong in the LMS's own quiz.
"""

from __future__ import annotations

from typing import Any, cast

from oqu.model.content import (
    Block,
    Choice,
    Gap,
    Html,
    Image,
    Interaction,
    NumericAnswer,
    Question,
    Region,
    Variable,
)


def matching_sides(pairs: list[tuple[str, str]]) -> tuple[list[str], list[str], list[int]]:
    """``(lefts, rights, answer)``: lefts without distractors, rights without repeats (in the
    author's order), and for each left the index of its right in ``rights``."""
    lefts = [left for left, _ in pairs if left]
    rights: list[str] = []
    for _, right in pairs:
        if right not in rights:
            rights.append(right)
    answer = [rights.index(right) for left, right in pairs if left]
    return lefts, rights, answer


def _block(b: Block) -> dict[str, Any]:
    if isinstance(b, Html):
        return {"kind": "html", "html": b.html}
    if isinstance(b, Image):
        return {"kind": "image", "src": b.src, "alt": b.alt, "caption": b.caption}
    if isinstance(b, Interaction) and b.kind in ("video", "audio"):
        return {
            "kind": b.kind,
            "src": b.media or "",
            "poster": b.poster or "",
            "tracks": [{"src": t.src, "lang": t.lang, "kind": t.kind} for t in b.tracks],
        }
    return {"kind": type(b).__name__.lower()}


def question_to_json(q: Question) -> dict[str, Any]:
    lefts, rights, answer = matching_sides(q.pairs)
    return {
        "id": q.id,
        "type": q.type,
        "points": q.points,
        "prompt": q.prompt,
        "body": [_block(b) for b in q.body],
        "choices": [
            {"text": c.text, "correct": c.correct, "feedback": c.feedback} for c in q.choices
        ],
        "truth": q.truth,
        "accepted": list(q.accepted),
        "caseSensitive": q.case_sensitive,
        "numeric": [
            {
                "low": n.low,
                "high": n.high,
                "value": n.value,
                "tolerance": n.tolerance,
                "relative": n.relative,
            }
            for n in q.numeric
        ],
        "variables": [
            {"name": v.name, "low": v.low, "high": v.high, "step": v.step} for v in q.variables
        ],
        "formula": q.formula,
        "decimals": q.decimals,
        "pairs": [[left, right] for left, right in q.pairs],
        "lefts": lefts,
        "rights": rights,
        "text": q.text,
        "gaps": [list(g.answers) for g in q.gaps],
        "distractors": list(q.distractors),
        "regions": [
            {"shape": r.shape, "coords": list(r.coords), "label": r.label, "correct": r.correct}
            for r in q.regions
        ],
        "scale": list(q.scale),
        "minWords": q.min_words,
        "feedback": q.feedback,
        "feedbackCorrect": q.feedback_correct,
        "feedbackIncorrect": q.feedback_incorrect,
        "hints": list(q.hints),
        "graded": q.graded,
        "answerIndex": answer,
    }


def question_from_json(d: dict[str, Any]) -> Question:
    """The inverse of :func:`question_to_json` (the body keeps only text and images)."""
    body: list[Block] = []
    for b in d.get("body", []):
        if b.get("kind") == "html":
            body.append(Html(b["html"], b["html"]))
        elif b.get("kind") == "image":
            body.append(Image(b["src"], b.get("alt", ""), b.get("caption", "")))
    return Question(
        id=str(d["id"]),
        type=d["type"],
        prompt=d.get("prompt", ""),
        body=body,
        points=float(d.get("points", 1.0)),
        choices=[
            Choice(c["text"], bool(c.get("correct", False)), c.get("feedback", ""))
            for c in d.get("choices", [])
        ],
        truth=d.get("truth"),
        accepted=list(d.get("accepted", [])),
        case_sensitive=bool(d.get("caseSensitive", False)),
        numeric=[
            NumericAnswer(
                float(n["low"]),
                float(n["high"]),
                None if n.get("value") is None else float(n["value"]),
                float(n.get("tolerance", 0.0)),
                bool(n.get("relative", False)),
            )
            for n in d.get("numeric", [])
        ],
        variables=[
            Variable(v["name"], float(v["low"]), float(v["high"]), float(v.get("step", 1.0)))
            for v in d.get("variables", [])
        ],
        formula=d.get("formula", ""),
        decimals=int(d.get("decimals", 2)),
        pairs=[(str(p[0]), str(p[1])) for p in d.get("pairs", [])],
        text=d.get("text", ""),
        gaps=[Gap(list(g)) for g in d.get("gaps", [])],
        distractors=list(d.get("distractors", [])),
        regions=[
            Region(
                cast(Any, r["shape"]),
                tuple(float(c) for c in r["coords"]),
                r.get("label", ""),
                bool(r.get("correct")),
            )
            for r in d.get("regions", [])
        ],
        scale=list(d.get("scale", [])),
        min_words=int(d.get("minWords", 0)),
        feedback=d.get("feedback", ""),
        feedback_correct=d.get("feedbackCorrect", ""),
        feedback_incorrect=d.get("feedbackIncorrect", ""),
        hints=list(d.get("hints", [])),
    )
