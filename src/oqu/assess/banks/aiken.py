"""Aiken (docs.moodle.org "Aiken format"): single-choice questions only, as plain text — the
question on one line, options ``A.`` or ``A)``, then ``ANSWER: B``. Anything else is OQ400."""

from __future__ import annotations

import html
import re
from pathlib import Path

from oqu.assess.banks.common import Bank, Category, approx, body_html, cannot, text_of
from oqu.diagnostics import Diagnostics, Location, diag
from oqu.model.content import Choice, Question

FMT = "aiken"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*([A-Z])\s*$")


def export(bank: Bank, diags: Diagnostics) -> bytes:
    out: list[str] = []
    for q in bank.questions():
        if q.type != "single" or len(q.choices) > len(LETTERS):
            cannot(diags, q, FMT)
            continue
        text, images = body_html(q)
        if images or q.points != 1 or q.feedback or any(c.feedback for c in q.choices):
            approx(diags, q, FMT, "Aiken keeps only the text, the options and the right one")
        out.append(text_of(text))
        out += [f"{LETTERS[i]}. {text_of(c.text)}" for i, c in enumerate(q.choices)]
        right = next(i for i, c in enumerate(q.choices) if c.correct)
        out += [f"ANSWER: {LETTERS[right]}", ""]
    return "\n".join(out).encode("utf-8")


def read(path: Path, text: str, diags: Diagnostics) -> Bank | None:
    shown = str(path)
    bank = Bank(path.stem, [Category(path.stem, [])])
    errors = len(diags.errors)
    q: Question | None = None

    def err(line: int, problem: str) -> None:
        diags.add(diag("OQ402", shown, line, problem=problem, format="Aiken"))

    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if m := _ANSWER.match(line):
            if q is None or not q.choices:
                err(no, "ANSWER: without a question and its options")
            else:
                k = LETTERS.index(m.group(1))
                if k >= len(q.choices):
                    err(no, f"ANSWER: {m.group(1)} but the question has {len(q.choices)} options")
                else:
                    q.choices[k].correct = True
                    bank.categories[0].questions.append(q)
            q = None
        elif (m := _OPTION.match(line)) and q is not None and q.prompt:
            if LETTERS.index(m.group(1)) != len(q.choices):
                err(no, f"option {m.group(1)} is out of order")
            q.choices.append(Choice(html.escape(m.group(2), quote=False)))
        elif q is None:
            n = sum(len(c.questions) for c in bank.categories) + 1
            q = Question(
                f"q{n}", "single", html.escape(line, quote=False), [], loc=Location(shown, no)
            )
        elif q.choices:
            err(no, "text after the options: each question needs its ANSWER: line")
        else:
            q.prompt += " " + html.escape(line, quote=False)
    if q is not None:
        err(q.loc.line, "the question has no ANSWER: line")
    return None if len(diags.errors) > errors else bank
