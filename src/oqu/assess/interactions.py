"""``cmi.interactions.n.*`` records for one question and one response, SCORM 1.2 and 2004.

:func:`interaction` returns the elements in the order an LMS needs them (``id`` and ``type``
first, then the patterns and the response) as ``(element, value)`` pairs relative to
``cmi.interactions.n.``; the player calls ``SetValue`` for each. ``scoring.js`` builds the same
records (``OquScoring.interaction``) and the shared vectors pin both.

Patterns follow each version's data model: SCORM 1.2 single-character identifiers joined by
``,`` and ``.``, latency ``HHHH:MM:SS.SS``, result ``correct|wrong|neutral``; SCORM 2004
``[,]``/``[.]``/``[:]`` delimiters, ``{case_matters=…}{order_matters=…}`` prefixes, latency as an
ISO 8601 duration, result ``correct|incorrect|neutral``, and a ``description``. Text is cut to
the SPM (255 characters in 1.2, 250 per field and 4000 for long-fill-in in 2004). A response
the learner did not give is left out rather than sent empty (an empty pattern is invalid).
"""

from __future__ import annotations

import math
import re
from typing import Any, Literal

from oqu.assess.export import matching_sides
from oqu.assess.scoring import calculated_answer, draw, rules, score, tables
from oqu.model.content import Question
from oqu.model.formula import FormulaError

Version = Literal["1.2", "2004"]
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " "}


def option_id(i: int) -> str:
    """``a``…``z``, ``0``…``9`` (SCORM 1.2 choice identifiers are one character), then ``c36``…"""
    return ALPHABET[i] if i < len(ALPHABET) else f"c{i}"


def fnv1a(text: str) -> str:
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def safe_id(qid: str) -> str:
    """An interaction id of ``[A-Za-z0-9_-]``, at most 64 characters, unique per question id."""
    s = re.sub(r"[^A-Za-z0-9_-]", "_", qid)
    if s != qid or len(s) > 64 or not s:
        s = f"{s[:55]}-{fnv1a(qid)}"
    return s


def plain(html: str) -> str:
    """Inline HTML → one line of text (tags dropped, the few entities nh3 writes decoded)."""
    t = re.sub(r"<[^>]*>", "", html)

    def ent(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.startswith("#"):
            code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
            return chr(code) if code <= 0x10FFFF else m.group(0)
        return _ENTITIES.get(name, m.group(0))

    t = re.sub(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-z]+);", ent, t)
    _, spaces, _ = tables()
    return spaces.sub(" ", t).strip(" ")


def decimal(x: float) -> str | None:
    """A CMIDecimal: fixed notation, at most 10 decimals, no exponent; None if it cannot be."""
    if not math.isfinite(x) or abs(x) >= 1e10:
        return None
    s = f"{x:.10f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def latency(seconds: float, version: Version) -> str:
    cs = max(0, math.floor(seconds * 100 + 0.5))
    h, rest = divmod(cs, 360000)
    m, rest = divmod(rest, 6000)
    s, c = divmod(rest, 100)
    if version == "1.2":
        return f"{min(h, 9999):04d}:{m:02d}:{s:02d}.{c:02d}"
    out = "PT"
    if h:
        out += f"{h}H"
    if m:
        out += f"{m}M"
    if s or c or out == "PT":
        out += f"{s}.{c:02d}S" if c else f"{s}S"
    return out


def join_fill_in_12(fields: list[str], limit: int = 255) -> str:
    """SCORM 1.2 multi-gap fill-in: gaps joined by ``,``; ``\\`` and ``,`` inside a gap escaped
    with a backslash (``0,55`` → ``0\\,55``), so a decimal comma is never read as a separator.
    Cut to ``limit`` without leaving half an escape. :func:`split_fill_in_12` reads it back."""
    text = ",".join(f.replace("\\", "\\\\").replace(",", "\\,") for f in fields)
    if len(text) <= limit:
        return text
    text = text[:limit]
    trailing = len(text) - len(text.rstrip("\\"))
    return text[:-1] if trailing % 2 else text


def split_fill_in_12(text: str) -> list[str]:
    """The gaps of a :func:`join_fill_in_12` value."""
    out = [""]
    escaped = False
    for c in text:
        if escaped:
            out[-1] += c
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == ",":
            out.append("")
        else:
            out[-1] += c
    return out


def _field(text: str, version: Version, limit: int = 250) -> str:
    """One text field: SCORM delimiters defused, no leading '{' (a language tag), cut."""
    t = text.replace("[,]", ",").replace("[.]", ".").replace("[:]", ":")
    if version == "2004" and t.startswith("{"):
        t = "(" + t[1:]
    return t[:limit]


def interaction(
    q: Question,
    response: Any,
    version: Version,
    *,
    seed: int = 0,
    seconds: float = 0.0,
    lang: str = "",
) -> list[tuple[str, str]]:
    """The ``cmi.interactions.n.*`` elements for ``q`` answered with ``response``."""
    out = score(q, response, seed=seed)
    v12 = version == "1.2"
    join = "," if v12 else "[,]"
    pair = "." if v12 else "[.]"
    kind: str = rules()["types"][q.type]["scorm12" if v12 else "scorm2004"]
    patterns: list[str] = []
    learner: str | None = None
    norm = out.normalised

    if q.type in ("single", "multiple"):
        patterns = [join.join(option_id(i) for i, c in enumerate(q.choices) if c.correct)]
        chosen = [norm] if isinstance(norm, int) else (norm or [])
        learner = join.join(option_id(i) for i in chosen) or None
    elif q.type == "truefalse":
        words = ("t", "f") if v12 else ("true", "false")
        patterns = [words[0] if q.truth else words[1]]
        learner = None if norm is None else (words[0] if norm else words[1])
    elif q.type == "short":
        case = "" if v12 else f"{{case_matters={'true' if q.case_sensitive else 'false'}}}"
        seen: list[str] = []
        for a in q.accepted:
            pat = case + _field(a, version, 255 if v12 else 250)
            if pat not in seen:
                seen.append(pat)
        patterns = seen
        learner = _field(response, version, 255 if v12 else 250) if norm else None
    elif q.type in ("numeric", "calculated"):
        if q.type == "numeric":
            first = q.numeric[0] if q.numeric else None
            lo, hi = (first.low, first.high) if first else (math.nan, math.nan)
            mid = first.value if first and first.value is not None else (lo + hi) / 2
        else:
            try:
                mid, dist = calculated_answer(q, draw(q, seed))
                lo, hi = mid - dist, mid + dist
            except FormulaError:
                lo = hi = mid = math.nan
        p: str | None
        if v12:
            p = decimal(mid)
        else:
            low_s, high_s = decimal(lo), decimal(hi)
            p = f"{low_s}[:]{high_s}" if low_s is not None and high_s is not None else None
        patterns = [p] if p else []
        learner = decimal(norm) if isinstance(norm, float) else None
    elif q.type == "sequence":
        patterns = [join.join(option_id(i) for i in range(len(q.choices)))]
        learner = join.join(option_id(i) for i in norm) if norm else None
    elif q.type == "matching":
        _, _, answer = matching_sides(q.pairs)
        patterns = [join.join(f"{option_id(i)}{pair}{option_id(r)}" for i, r in enumerate(answer))]
        made = [f"{option_id(i)}{pair}{option_id(r)}" for i, r in enumerate(norm) if r is not None]
        learner = join.join(made) or None
    elif q.type in ("blanks", "select", "dragwords"):
        typed = response if isinstance(response, list) else []
        fields = [
            str(typed[i]) if i < len(typed) and isinstance(typed[i], str) else ""
            for i in range(len(q.gaps))
        ]
        firsts = [g.answers[0] if g.answers else "" for g in q.gaps]
        if v12:
            patterns = [join_fill_in_12(firsts)]
            learner = join_fill_in_12(fields) if any(fields) else None
        elif len(q.gaps) <= 10:
            prefix = "{case_matters=false}{order_matters=true}"
            patterns = [prefix + "[,]".join(_field(a, version) for a in firsts)]
            learner = "[,]".join(_field(f, version) for f in fields) if any(fields) else None
        else:
            kind = "other"
            patterns = ["; ".join(firsts)[:4000]]
            learner = "; ".join(fields)[:4000] if any(fields) else None
    elif q.type == "hotspot":
        patterns = [option_id(i) for i, r in enumerate(q.regions) if r.correct]
        learner = option_id(norm) if isinstance(norm, int) else None
    elif q.type == "likert":
        rows = norm or []
        if len(q.choices) == 1:
            learner = str(rows[0] + 1) if rows and rows[0] is not None else None
        else:
            kind = "performance" if v12 else "other"
            made = [f"{i + 1}:{r + 1}" for i, r in enumerate(rows) if r is not None]
            learner = (",".join(made) if v12 else "; ".join(made)) or None
    else:  # essay
        learner = _field(norm, version, 255 if v12 else 4000) if norm else None

    rec: list[tuple[str, str]] = [("id", safe_id(q.id)), ("type", kind)]
    if not v12:
        text = plain(q.prompt)
        if q.type == "calculated":
            try:
                for name, value in draw(q, seed).items():
                    text = text.replace("{" + name + "}", decimal(value) or str(value))
            except FormulaError:
                pass
        tag = f"{{lang={lang}}}" if lang else ""
        rec.append(("description", tag + _field(text, version)))
    rec.append(("weighting", decimal(q.points if q.graded else 0.0) or "0"))
    rec += [(f"correct_responses.{n}.pattern", p) for n, p in enumerate(patterns)]
    if learner is not None:
        rec.append(("student_response" if v12 else "learner_response", learner))
    if out.correct is None:
        result = "neutral"
    elif out.correct:
        result = "correct"
    else:
        result = "wrong" if v12 else "incorrect"
    rec.append(("result", result))
    rec.append(("latency", latency(seconds, version)))
    return rec
