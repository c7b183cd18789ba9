"""GIFT (docs.moodle.org "GIFT format"), written and read the way Moodle's
``question/format/gift/format.php`` does: ``::name::``, ``[html]``, ``{=right ~wrong#feedback}``,
``~%50%`` weights, ``{#value:tolerance}`` and ``{#low..high}``, ``{=a -> b}``, ``{T}``, ``{}``;
the characters ``~ = # { } :`` and ``\\`` escaped with a backslash, newlines as ``\\n``.

GIFT has no marks, no ordering, no calculated, hotspot or likert questions, and one gap per
question (the "missing word" form); what it cannot hold is reported (OQ400/OQ401).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from oqu.assess.banks.common import (
    Bank,
    Category,
    approx,
    body_html,
    cannot,
    nice,
    numeric_centre,
    portable,
    split_html,
    text_of,
)
from oqu.assess.banks.moodle import fraction
from oqu.diagnostics import Diagnostics, Location, diag
from oqu.model.content import Choice, Gap, NumericAnswer, Question

FMT = "gift"
_SPECIAL = re.compile(r"([~=#{}:\\])")


def esc(text: str) -> str:
    text = portable(text)
    return _SPECIAL.sub(r"\\\1", text).replace("\r", "").replace("\n", "\\n")


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


# --- export ---------------------------------------------------------------------------------


def export(bank: Bank, diags: Diagnostics) -> bytes:
    out: list[str] = []
    for cat in bank.categories:
        out += [f"$CATEGORY: $course$/top/{bank.title}/{cat.name}".replace("\n", " "), ""]
        for q in cat.questions:
            text = _question(q, diags)
            if text:
                out += [f"// {q.id} ({q.type})".replace("\n", " "), text, ""]
    return "\n".join(out).encode("utf-8")


def _question(q: Question, diags: Diagnostics) -> str | None:
    if q.type in ("sequence", "calculated", "hotspot", "likert", "dragwords"):
        cannot(diags, q, FMT)
        return None
    if q.type in ("blanks", "select") and len(q.gaps) != 1:
        cannot(diags, q, FMT)
        return None
    if q.points != 1:
        approx(diags, q, FMT, f"GIFT has no marks: {_n(q.points)} points become 1")
    text, images = body_html(q)
    if images:
        approx(diags, q, FMT, "images are referenced, not embedded: " + ", ".join(images))
    head = f"::{esc(q.id)}::[html]"
    general = f"####{esc(q.feedback)}" if q.feedback else ""
    if q.type in ("blanks", "select"):
        before, _, after = q.text.partition("{{0}}")
        prefix = esc(text + "<p>" + before)
        answers = _answers(q, diags)
        return f"{head}{prefix}{{{answers}{general}}}{esc(after + '</p>')}"
    if q.type == "essay":
        return f"{head}{esc(text)}{{{general}}}"
    return f"{head}{esc(text)}{{\n{_answers(q, diags)}\n{general}}}".replace("\n\n}", "\n}")


def _fb(text: str) -> str:
    return f"#{esc(text)}" if text else ""


def _answers(q: Question, diags: Diagnostics) -> str:
    if q.type == "single":
        return "\n".join(
            f"{'=' if c.correct else '~'}{esc(c.text)}{_fb(c.feedback)}" for c in q.choices
        )
    if q.type == "multiple":
        right = sum(c.correct for c in q.choices)
        wrong = len(q.choices) - right
        lines = []
        for c in q.choices:
            frac, exact = fraction(100 / right if c.correct else -100 / wrong)
            if not exact:
                approx(diags, q, FMT, f"grade {frac}% is the nearest Moodle allows")
            lines.append(f"~%{frac}%{esc(c.text)}{_fb(c.feedback)}")
        return "\n".join(lines)
    if q.type == "truefalse":
        return "TRUE" if q.truth else "FALSE"
    if q.type == "short":
        if q.case_sensitive:
            approx(diags, q, FMT, "GIFT short answers are never case-sensitive")
        return "\n".join(f"={esc(a)}" for a in q.accepted)
    if q.type == "numeric":
        parts = []
        for n in q.numeric:
            mid, tol = numeric_centre(n.low, n.high, n.value, n.tolerance, n.relative)
            parts.append(f"={nice(mid)}:{nice(tol)}")
        return "#" + "\n".join(parts)
    if q.type == "matching":
        return "\n".join(f"={esc(left)} -> {esc(text_of(right))}" for left, right in q.pairs)
    if q.type == "blanks":
        return " ".join(f"={esc(a)}" for a in q.gaps[0].answers)
    # select
    first, *rest = q.gaps[0].answers
    return " ".join([f"={esc(first)}", *(f"~{esc(a)}" for a in rest)])


# --- import ---------------------------------------------------------------------------------

_PLACE = {
    "\\\\": "\x01",
    "\\~": "\x02",
    "\\=": "\x03",
    "\\#": "\x04",
    "\\{": "\x05",
    "\\}": "\x06",
    "\\:": "\x07",
}
_BACK = {v: k[1] for k, v in _PLACE.items()}


def _pre(text: str) -> str:
    for k, v in _PLACE.items():
        text = text.replace(k, v)
    return text


def _post(text: str) -> str:
    for k, v in _BACK.items():
        text = text.replace(k, v)
    return text.replace("\\n", "\n").strip()


def read(path: Path, text: str, diags: Diagnostics) -> Bank | None:
    shown = str(path)
    bank = Bank(path.stem, [])
    current = Category(path.stem, [])
    bank.categories.append(current)
    block: list[str] = []
    start = 0
    errors = len(diags.errors)
    for no, line in enumerate([*text.splitlines(), ""], 1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            parts = [
                p
                for p in stripped.split(":", 1)[1].strip().split("/")
                if p and p not in ("$course$", "top")
            ]
            if len(parts) >= 2 and bank.title == path.stem:
                bank.title = parts[-2]
            name = parts[-1] if parts else ""
            current = Category(name or path.stem, [])
            bank.categories.append(current)
            continue
        if stripped:
            if not block:
                start = no
            block.append(line)
            continue
        if block:
            q = _parse(
                _pre("\n".join(block)), Location(shown, start), len(current.questions) + 1, diags
            )
            if q is not None:
                current.questions.append(q)
            block = []
    bank.categories = [c for c in bank.categories if c.questions]
    return None if len(diags.errors) > errors else bank


def _err(diags: Diagnostics, loc: Location, problem: str) -> None:
    diags.add(diag("OQ402", loc.file, loc.line, problem=problem, format="GIFT"))


def _as_html(text: str, fmt: str) -> str:
    return (
        _post(text)
        if fmt == "html"
        else html.escape(_post(text), quote=False).replace("\n", "<br>")
    )


def _parse(text: str, loc: Location, n: int, diags: Diagnostics) -> Question | None:
    name = ""
    text = text.strip()
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            _err(diags, loc, "'::' opens a question name that is never closed")
            return None
        name, text = _post(text[2:end]), text[end + 2 :].strip()
    fmt = "moodle"
    if m := re.match(r"\[(html|moodle|plain|markdown)\]", text):
        fmt, text = m.group(1), text[m.end() :]
    start = text.find("{")
    if start < 0:
        return None  # a description: no question to import
    end = text.find("}", start)
    if end < 0:
        _err(diags, loc, "'{' opens the answers but no '}' closes them")
        return None
    before, answers, after = text[:start], text[start + 1 : end].strip(), text[end + 1 :].strip()
    general = ""
    if "####" in answers:
        answers, general = answers.split("####", 1)
        answers = answers.strip()
    q = Question(name or f"q{n}", "single", "", [], loc=loc)
    q.feedback = _as_html(general, fmt) if general else ""
    prompt_html = _as_html(before, fmt)
    notes: list[str] = []
    try:
        _answers_in(q, answers, fmt, notes)
    except ValueError as e:
        _err(diags, loc, f"{q.id}: {e}")
        return None
    for note in notes:
        approx(diags, q, FMT, note)
    if after and q.type in ("single", "short"):  # the "missing word" form
        q.type = "select" if q.type == "single" else "blanks"
        q.gaps = (
            [Gap([text_of(c.text) for c in sorted(q.choices, key=lambda c: not c.correct)])]
            if q.type == "select"
            else [Gap(q.accepted)]
        )
        q.choices, q.accepted = [], []
        q.text = prompt_html + "{{0}}" + _as_html(after, fmt)
        q.prompt = text_of(prompt_html) or q.id
        return q
    q.prompt, q.body = split_html(prompt_html)
    return q


def _split(answers: str, marks: str) -> list[str]:
    parts = re.split(f"(?=[{marks}])", answers)
    return [p.strip() for p in parts if p.strip()]


def _answer_fb(part: str, fmt: str) -> tuple[str, str]:
    body, _, fb = part.partition("#")
    return _as_html(body, fmt), (_as_html(fb, fmt) if fb else "")


def _answers_in(q: Question, answers: str, fmt: str, notes: list[str]) -> None:
    if answers == "":
        q.type = "essay"
        return
    word = answers.split("#", 1)[0].strip().upper()
    if word in ("T", "TRUE", "F", "FALSE"):
        q.type, q.truth = "truefalse", word.startswith("T")
        return
    if answers.startswith("#"):
        q.type = "numeric"
        body = answers[1:].strip()
        parts = _split(body, "=") if body.startswith("=") else [body]
        for part in parts:
            w = re.match(r"^=?%(-?[\d.]+)%", part)
            if w and float(w.group(1)) < 100:
                notes.append(f"partial-credit answer '{_post(part)}' left out")
                continue
            p = re.sub(r"^=(%-?[\d.]+%)?", "", part).split("#", 1)[0].strip()
            if m := re.fullmatch(
                r"(-?[\d.]+(?:[eE][-+]?\d+)?)\s*\.\.\s*(-?[\d.]+(?:[eE][-+]?\d+)?)", p
            ):
                q.numeric.append(NumericAnswer(float(m.group(1)), float(m.group(2))))
            elif m := re.fullmatch(
                r"(-?[\d.]+(?:[eE][-+]?\d+)?)(?:\s*:\s*(-?[\d.]+(?:[eE][-+]?\d+)?))?", p
            ):
                v, t = float(m.group(1)), float(m.group(2) or 0)
                q.numeric.append(NumericAnswer(v - t, v + t, v, t, False))
            else:
                raise ValueError(f"'{_post(p)}' is not a number, value:tolerance or low..high")
        return
    if "->" in answers:
        q.type = "matching"
        for p in _split(answers, "="):
            left, arrow, right = p[1:].partition("->")
            if not arrow:
                raise ValueError(f"matching answer '{_post(p)}' has no '->'")
            q.pairs.append((_as_html(left, fmt).strip(), html.escape(_post(right))))
        return
    parts = _split(answers, "=~")
    if "~" in answers:
        single = any(p.startswith("=") for p in parts)
        q.type = "single" if single else "multiple"
        for p in parts:
            m = re.match(r"[=~](%(-?[\d.]+)%)?", p)
            weight = (
                float(m.group(2)) if m and m.group(2) else (100.0 if p.startswith("=") else 0.0)
            )
            body, fb = _answer_fb(p[m.end() if m else 1 :], fmt)
            q.choices.append(Choice(body, weight > 0, fb))
        return
    q.type = "short"
    for p in parts:
        m = re.match(r"=(%(-?[\d.]+)%)?", p)
        weight = float(m.group(2)) if m and m.group(2) else 100.0
        body, _ = _answer_fb(p[m.end() if m else 1 :], fmt)
        if weight >= 100:
            q.accepted.append(text_of(body))
        else:
            notes.append(f"partial-credit answer '{text_of(body)}' left out")
