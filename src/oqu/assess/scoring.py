"""Scoring: a question and a learner's response → points, correctness, normalised response.

The rules are data in ``rules.json`` (normalisation tables and, per type, how credit is
given); this module and ``oqu/player/scoring.js`` implement the same few strategies and run
the same vectors (``tests/assess/vectors.json``), so reports, the checker and the player agree.

Responses are JSON values, with options referred to by their index in the author's order (so
shuffling the display never changes a score):

============  ==========================================================================
single        index of the chosen option, or ``null``
multiple      list of chosen indices
truefalse     ``true`` / ``false`` / ``null``
short, essay  the text typed
numeric,      the text typed (``"72,5"`` and ``"−3"`` are numbers); calculated questions
calculated    are scored with the parameters drawn from the attempt's seed
sequence      the option indices in the order the learner put them
matching      for each left item (distractors excluded) the index into ``rights``, or null
blanks …      for each gap the text typed or chosen (blanks, select, dragwords)
hotspot       ``[x, y]`` in percent of the image, or the index of a region (keyboard)
likert        for each statement the index on the scale, or ``null``
============  ==========================================================================
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from oqu.assess.export import matching_sides
from oqu.model.content import Question
from oqu.model.formula import FormulaError, compute


@cache
def rules() -> dict[str, Any]:
    """The shared rule table (``oqu/assess/rules.json``)."""
    text = resources.files("oqu.assess").joinpath("rules.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True, slots=True)
class Outcome:
    score: float  # points earned, 0 ≤ score ≤ max
    max: float  # the question's points; 0 for ungraded questions
    correct: bool | None  # None: ungraded (likert, essay)
    normalised: Any  # the response as the scorer understood it (JSON value)

    def as_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "max": self.max,
            "correct": self.correct,
            "normalised": self.normalised,
        }


# --- shared arithmetic (identical operations in scoring.js) -------------------------------


def round_half_away(x: float, decimals: int) -> float:
    m = 10.0**decimals
    return math.copysign(math.floor(abs(x) * m + 0.5) / m, x) if x else 0.0


def mulberry32(seed: int) -> Any:
    """The 32-bit PRNG both scorers use: same seed, same sequence of floats in [0, 1)."""
    state = seed & 0xFFFFFFFF

    def nxt() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t = ((t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF) ^ t
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return nxt


def draw(q: Question, seed: int) -> dict[str, float]:
    """The calculated question's parameters for one attempt, in the order declared."""
    rnd = mulberry32(seed)
    out: dict[str, float] = {}
    for v in q.variables:
        n = math.floor((v.high - v.low) / v.step + 1e-9)
        k = math.floor(rnd() * (n + 1))
        out[v.name] = float(f"{v.low + k * v.step:.10f}")
    return out


def calculated_answer(q: Question, params: dict[str, float]) -> tuple[float, float]:
    """``(right answer rounded to the question's decimals, accepted distance)``."""
    value = round_half_away(compute(q.formula, params), q.decimals)
    tol = q.numeric[0] if q.numeric else None
    if tol and tol.tolerance:
        dist = abs(value) * tol.tolerance / 100 if tol.relative else tol.tolerance
    else:
        dist = 0.5 / 10.0**q.decimals
    return value, dist


# --- normalisation ------------------------------------------------------------------------


@cache
def tables() -> tuple[dict[int, str | None], re.Pattern[str], dict[int, str]]:
    n = rules()["normalise"]
    fold: dict[int, str | None] = {ord(c): None for c in n["remove"]}
    fold.update({ord(k): v for k, v in n["letters"].items()})
    fold.update({ord(k): v for k, v in n["punctuation"].items()})
    spaces = re.compile("[" + "".join(re.escape(c) for c in n["spaces"]) + "]+")
    look = {ord(k): v for k, v in n["lookalikes"].items()}
    return fold, spaces, look


def normalise_text(s: str, case_sensitive: bool = False) -> str:
    """NFC; drop invisible characters; one space; ё→е, quotes and dashes unified; lower case
    unless case matters; Latin look-alikes (a, o, c, e, p, x, y, i…) → Cyrillic."""
    fold, spaces, look = tables()
    s = unicodedata.normalize("NFC", s).translate(fold)
    s = spaces.sub(" ", s).strip(" ")
    if not case_sensitive:
        s = s.lower()
    return s.translate(look)


def parse_number(s: Any) -> float | None:
    """A learner's number: spaces (thousands) dropped, decimal comma, Unicode minus."""
    if isinstance(s, bool) or s is None:
        return None
    if isinstance(s, int | float):
        return float(s) if math.isfinite(s) else None
    if not isinstance(s, str):
        return None
    cfg = rules()["number"]
    _, spaces, _ = tables()
    t = spaces.sub("", s)
    for m in cfg["minus"]:
        t = t.replace(m, "-")
    if cfg["decimal_comma"]:
        t = t.replace(",", ".")
    if not re.match(cfg["pattern"], t):
        return None
    v = float(t)
    return v if math.isfinite(v) else None


# --- per-credit strategies ----------------------------------------------------------------


def _index(r: Any, n: int) -> int | None:
    if isinstance(r, bool) or not isinstance(r, int | float) or not math.isfinite(r):
        return None
    if r != int(r):
        return None
    i = int(r)
    return i if 0 <= i < n else None


def _list(r: Any) -> list[Any]:
    return list(r) if isinstance(r, list) else []


def _texts(r: Any, n: int) -> list[str]:
    items = _list(r)
    return [str(items[i]) if i < len(items) and isinstance(items[i], str) else "" for i in range(n)]


def _inside(region: Any, x: float, y: float) -> bool:
    c = region.coords
    if region.shape == "rect":
        return bool(c[0] <= x <= c[0] + c[2] and c[1] <= y <= c[1] + c[3])
    return bool((x - c[0]) ** 2 + (y - c[1]) ** 2 <= c[2] ** 2)


def _credit(q: Question, r: Any, seed: int) -> tuple[float, Any]:
    """``(fraction of the points in [0, 1], normalised response)``."""
    credit = rules()["types"][q.type]["credit"]
    eps = rules()["number"]["epsilon"]
    if q.type == "single":
        i = _index(r, len(q.choices))
        return (1.0 if i is not None and q.choices[i].correct else 0.0), i
    if credit == "right-minus-wrong":
        chosen = sorted({i for x in _list(r) if (i := _index(x, len(q.choices))) is not None})
        right = sum(1 for c in q.choices if c.correct)
        wrong = len(q.choices) - right
        got = sum(1 for i in chosen if q.choices[i].correct)
        bad = len(chosen) - got
        f = (got / right if right else 0.0) - (bad / wrong if wrong else 0.0)
        return max(0.0, f), chosen
    if q.type == "truefalse":
        b = r if isinstance(r, bool) else None
        return (1.0 if b is not None and b == q.truth else 0.0), b
    if credit == "any-accepted":
        t = normalise_text(r, q.case_sensitive) if isinstance(r, str) else ""
        ok = any(t == normalise_text(a, q.case_sensitive) for a in q.accepted)
        return (1.0 if t and ok else 0.0), t
    if credit == "any-range":
        x = parse_number(r)
        ok = x is not None and any(
            a.low - eps * max(1.0, abs(x)) <= x <= a.high + eps * max(1.0, abs(x))
            for a in q.numeric
        )
        return (1.0 if ok else 0.0), x
    if credit == "formula-tolerance":
        x = parse_number(r)
        try:
            value, dist = calculated_answer(q, draw(q, seed))
        except FormulaError:
            return 0.0, x
        ok = x is not None and abs(x - value) <= dist + eps * max(1.0, abs(value))
        return (1.0 if ok else 0.0), x
    if credit == "per-position":
        n = len(q.choices)
        order = _list(r)
        valid = [_index(x, n) for x in order]
        if len(order) != n or None in valid or len(set(valid)) != n:
            return 0.0, None
        return sum(1 for pos, i in enumerate(valid) if i == pos) / n if n else 0.0, valid
    if credit == "per-pair":
        lefts, rights, answer = matching_sides(q.pairs)
        items = _list(r)
        picked: list[int | None] = [
            _index(items[i], len(rights)) if i < len(items) else None for i in range(len(lefts))
        ]
        got = sum(1 for i, c in enumerate(picked) if c is not None and c == answer[i])
        return (got / len(lefts) if lefts else 0.0), picked
    if credit in ("per-gap-accepted", "per-gap-first"):
        n = len(q.gaps)
        typed = [normalise_text(t) for t in _texts(r, n)]
        got = 0
        for t, gap in zip(typed, q.gaps, strict=True):
            ok_answers = gap.answers if credit == "per-gap-accepted" else gap.answers[:1]
            if t and any(t == normalise_text(a) for a in ok_answers):
                got += 1
        return (got / n if n else 0.0), typed
    if credit == "in-correct-region":
        hit = _hotspot_hit(q, r)
        return (1.0 if hit is not None and q.regions[hit].correct else 0.0), hit
    if q.type == "likert":
        items = _list(r)
        return 0.0, [
            _index(items[i], len(q.scale)) if i < len(items) else None
            for i in range(len(q.choices))
        ]
    # essay: kept as typed, without the spaces around it
    blank = "".join(rules()["normalise"]["spaces"])
    return 0.0, (r.strip(blank) if isinstance(r, str) else "")


def _hotspot_hit(q: Question, r: Any) -> int | None:
    """The region the response points at: a correct one containing the point wins."""
    if isinstance(r, list) and len(r) == 2:
        x, y = parse_number(r[0]), parse_number(r[1])
        if x is None or y is None:
            return None
        inside = [i for i, reg in enumerate(q.regions) if _inside(reg, x, y)]
        right = [i for i in inside if q.regions[i].correct]
        return (right or inside)[0] if (right or inside) else None
    return _index(r, len(q.regions))


def score(q: Question, response: Any, *, seed: int = 0) -> Outcome:
    """Score one response; never raises on a malformed response (it scores 0)."""
    fraction, normalised = _credit(q, response, seed)
    if not q.graded:
        return Outcome(0.0, 0.0, None, normalised)
    fraction = min(1.0, max(0.0, fraction))
    points = round_half_away(q.points * fraction, rules()["score_decimals"])
    return Outcome(points, q.points, fraction == 1.0, normalised)


def right_response(q: Question, seed: int = 0) -> Any:
    """A response that earns full marks (for tests, previews and the checker); for ungraded
    questions a plausible answer."""
    if q.type == "single":
        return next((i for i, c in enumerate(q.choices) if c.correct), None)
    if q.type == "multiple":
        return [i for i, c in enumerate(q.choices) if c.correct]
    if q.type == "truefalse":
        return q.truth
    if q.type == "short":
        return q.accepted[0] if q.accepted else ""
    if q.type == "numeric":
        a = q.numeric[0] if q.numeric else None
        if a is None:
            return ""
        return repr(a.value if a.value is not None else (a.low + a.high) / 2)
    if q.type == "calculated":
        return repr(calculated_answer(q, draw(q, seed))[0])
    if q.type == "sequence":
        return list(range(len(q.choices)))
    if q.type == "matching":
        return matching_sides(q.pairs)[2]
    if q.type in ("blanks", "select", "dragwords"):
        return [g.answers[0] if g.answers else "" for g in q.gaps]
    if q.type == "hotspot":
        r = next((r for r in q.regions if r.correct), None)
        if r is None:
            return None
        c = r.coords
        return [c[0] + c[2] / 2, c[1] + c[3] / 2] if r.shape == "rect" else [c[0], c[1]]
    if q.type == "likert":
        return [0 for _ in q.choices]
    return "…"
