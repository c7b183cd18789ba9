"""Quizzes in the page: answerable controls, never the answers.

The markup gives every question its controls (radio buttons, drop-downs, text fields) in an
order that does not reveal the key (the player turns the drop-downs of ``dragwords`` and
``matching`` into chips dragged into gaps, keeping the selects hidden as the value store; without
the script they stay usable): sequences and the right-hand side of matchings are shuffled
deterministically (seeded by the question id, so builds stay byte-identical), and correct flags,
accepted answers and formulas are not written into the HTML. ``player/quiz.js`` adds the
behaviour (attempts, shuffling, the timer, scoring, review, reporting to the LMS) from
:func:`quiz_data`, which the page carries in ``oqu-data`` (``quizzes``) — the answers are in that
JSON, as in every SCORM package that scores in the browser, but never in the markup's text.

Control values the player reads (all indices are in the author's order):
single/multiple ``value`` = option index; matching ``value`` = index into the de-duplicated
right-hand side (``export.matching_sides``); select ``value`` = index into the gap's answers;
dragwords ``value`` = index into the word bank (each gap's word, then the distractors); sequence
``li[data-item]`` = option index. A hotspot is its picture only: its regions are never listed (a
list of their names would give the answer away); the player places a point on it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from html import escape as e
from html import unescape
from typing import Any

from oqu.assess.export import matching_sides, question_to_json
from oqu.diagnostics import Lang
from oqu.i18n import t
from oqu.model.content import Block, Image, Question, Quiz, Resource

BlockRenderer = Callable[[Block, Resource], str]


def render_quiz(q: Quiz, r: Resource, render_block: BlockRenderer) -> str:
    """``render_block`` renders the blocks inside a prompt (text, images, media)."""
    attrs = f' data-final="{str(q.final).lower()}" data-pass="{q.pass_mark:g}"'
    inner = "\n".join(_question(x, r, render_block) for x in q.questions)
    return f'<form class="oqu-quiz" id="{e(q.id)}"{attrs}>\n{inner}\n</form>'


def quiz_data(q: Quiz) -> dict[str, Any]:
    """What ``quiz.js`` needs: the settings and every question as ``question_to_json``."""
    return {
        "final": q.final,
        "bank": q.bank,
        "pass": q.pass_mark,
        "attempts": q.attempts,
        "retake": q.retake,
        "shuffle": q.shuffle,
        "shuffleOptions": q.shuffle_options,
        "draw": q.draw,
        "time": q.time_limit,
        "review": q.review,
        "questions": [question_to_json(x) for x in q.questions],
    }


def shuffled(items: list[str], seed: str) -> list[int]:
    """A deterministic permutation of ``range(len(items))`` that is never the identity."""
    order = list(range(len(items)))
    if len(order) < 2:
        return order
    rng = random.Random(seed)  # noqa: S311 - presentation order, not security
    while order == sorted(order):
        rng.shuffle(order)
    return order


def _question(q: Question, r: Resource, render_block: BlockRenderer) -> str:
    lang = r.meta.language
    stage = next((x for x in q.body if isinstance(x, Image)), None) if q.type == "hotspot" else None
    body = "\n".join(render_block(x, r) for x in q.body if x is not stage)
    name = e(q.id)
    answer = ""
    if q.type in ("single", "multiple"):
        kind = "radio" if q.type == "single" else "checkbox"
        answer = "".join(_option(kind, name, str(n), c.text) for n, c in enumerate(q.choices))
    elif q.type == "truefalse":
        answer = "".join(_option("radio", name, v, e(t(v, lang))) for v in ("true", "false"))
    elif q.type == "sequence":
        order = shuffled([c.text for c in q.choices], q.id)
        answer = (
            '<ol class="oqu-sequence">'
            + "".join(f'<li data-item="{n}">{q.choices[n].text}</li>' for n in order)
            + "</ol>"
        )
    elif q.type == "likert":
        answer = _likert(q, name)
    elif q.type == "matching":
        answer = _matching(q, name, lang)
    elif q.type in ("blanks", "select", "dragwords"):
        answer = f'<p class="oqu-gaps">{_gaps(q, name, lang)}</p>'
        if q.type == "dragwords":
            words = _words(q)
            order = shuffled(words, q.id)
            answer = (
                '<ul class="oqu-words">'
                + "".join(f'<li data-word="{n}">{e(words[n])}</li>' for n in order)
                + "</ul>"
                + answer
            )
    elif q.type in ("short", "numeric", "calculated"):
        mode = ' inputmode="decimal"' if q.type != "short" else ""
        answer = f'<input type="text" name="{name}"{mode} aria-label="{e(t("your_answer", lang))}">'
    elif q.type == "essay":
        # The minimum is said under the field (readable without the script); the player adds
        # the count as one types and counts a shorter essay as not yet answered.
        label = e(t("your_answer", lang))
        if q.min_words:
            hint = e(t("quiz_essay_min", lang).format(min=q.min_words))
            answer = (
                f'<textarea name="{name}" rows="5" aria-label="{label}"'
                f' aria-describedby="{name}-words"></textarea>'
                f'<p class="oqu-essay-words" id="{name}-words" data-min="{q.min_words}">{hint}</p>'
            )
        else:
            answer = f'<textarea name="{name}" rows="5" aria-label="{label}"></textarea>'
    elif q.type == "hotspot":
        answer = _hotspot(stage)
    prompt = _with_variables(q) if q.type == "calculated" else q.prompt
    return (
        f'<fieldset class="oqu-question" data-type="{q.type}" id="{name}">'
        f"<legend>{prompt}</legend>{body}{answer}</fieldset>"
    )


def _option(kind: str, name: str, value: str, label: str) -> str:
    return (
        f'<label class="oqu-option"><input type="{kind}" name="{name}" value="{value}"> '
        f'<span class="oqu-option-text">{label}</span></label>'
    )


def _likert(q: Question, name: str) -> str:
    head = "".join(f"<th scope='col'>{e(s)}</th>" for s in q.scale)
    rows = []
    for n, c in enumerate(q.choices):
        cells = "".join(
            f'<td><input type="radio" name="{name}-{n}" value="{k}" '
            f'aria-label="{e(_text(c.text))}: {e(s)}"></td>'
            for k, s in enumerate(q.scale)
        )
        rows.append(f"<tr><th scope='row'>{c.text}</th>{cells}</tr>")
    return (
        f'<table class="oqu-likert"><thead><tr><td></td>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _words(q: Question) -> list[str]:
    """A dragwords question's word bank: each gap's word, then the distractors."""
    return [g.answers[0] if g.answers else "" for g in q.gaps] + list(q.distractors)


def _hotspot(stage: Image | None) -> str:
    """The picture alone: the player adds the crosshair, the point and (in review) the regions."""
    img = (
        f'<img src="{e(stage.src)}" alt="{e(stage.alt)}" loading="lazy" decoding="async">'
        if stage
        else ""
    )
    return f'<div class="oqu-hotspot">{img}</div>'


def _matching(q: Question, name: str, lang: str) -> str:
    _, rights, _ = matching_sides(q.pairs)
    order = shuffled(rights, q.id)
    options = '<option value=""></option>' + "".join(
        f'<option value="{n}">{_plain(rights[n])}</option>' for n in order
    )
    lefts = [left for left, _ in q.pairs if left]
    rows = "".join(
        f'<li><label><span class="oqu-left">{left}</span> '
        f'<select name="{name}-{n}">{options}</select></label></li>'
        for n, left in enumerate(lefts)
    )
    return f'<ul class="oqu-matching">{rows}</ul>'


def _gaps(q: Question, name: str, lang: Lang) -> str:
    def control(m: re.Match[str]) -> str:
        n = int(m.group(1))
        # read out as the drag engine says it ("gap 2 of 3"), not a bare "2"
        gap = t("quiz_dnd_gap", lang).format(n=n + 1, total=len(q.gaps))
        label = f'aria-label="{e(gap)}"'
        if q.type == "select":
            answers = q.gaps[n].answers
            order = shuffled(answers, f"{q.id}-{n}")
            opts = '<option value=""></option>' + "".join(
                f'<option value="{k}">{e(answers[k])}</option>' for k in order
            )
            return f'<select name="{name}-{n}" {label}>{opts}</select>'
        if q.type == "dragwords":
            words = _words(q)
            opts = '<option value=""></option>' + "".join(
                f'<option value="{k}">{e(words[k])}</option>' for k in shuffled(words, q.id)
            )
            return f'<select name="{name}-{n}" {label}>{opts}</select>'
        return f'<input type="text" name="{name}-{n}" size="10" {label}>'

    return re.sub(r"\{\{(\d+)\}\}", control, q.text)


def _with_variables(q: Question) -> str:
    """Show each ``{var}`` as a sample value until the player draws the attempt's values."""

    def sample(m: re.Match[str]) -> str:
        v = next((v for v in q.variables if v.name == m.group(1)), None)
        if v is None:
            return m.group(0)
        mid = v.low + round(((v.high - v.low) / 2) / v.step) * v.step
        return f'<var data-var="{e(v.name)}">{mid:g}</var>'

    return re.sub(r"\{([A-Za-z_]\w*)\}", sample, q.prompt)


def _text(html: str) -> str:
    """Inline HTML as plain text."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def _plain(html: str) -> str:
    """Text for an <option>, which cannot hold markup."""
    return e(_text(html), quote=False)
