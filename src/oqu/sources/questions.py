"""``:::quiz`` containers → :class:`~oqu.model.Quiz` with typed questions (10.1.4, 9.3.1).

Each question is a ``###`` heading (the prompt), optional ``{type=… points=…}`` attributes on
the line before it, more prompt (text, image, media), then its answer in the form the type
needs (docs/format.md, "Tests and questions"). Every problem a learner must never meet — no
correct answer, duplicates, an empty matching side, a negative tolerance, a formula that fails —
is a diagnostic here, at build time.

The Markdown reader (``oqu.sources.markdown``) hands its block walker in; this module needs only
what :class:`Walker` describes, so it does not import the reader back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol, cast

from markdown_it.token import Token

from oqu.diagnostics import Diagnostics, Lang, Location, Text, diag, near
from oqu.i18n import LIKERT_DEFAULT
from oqu.model.content import (
    QUESTION_TYPES,
    Block,
    Choice,
    Gap,
    Html,
    Image,
    NumericAnswer,
    Question,
    Quiz,
    Region,
    Slide,
    Variable,
)
from oqu.model.formula import FormulaError, check_formula


class QuizContext(Protocol):
    """What a quiz needs of the resource being read: its language, diagnostics and ids."""

    @property
    def lang(self) -> Lang: ...
    @property
    def diags(self) -> Diagnostics: ...
    def next_id(self, prefix: str) -> str: ...
    def claim(self, ident: str, loc: Location) -> None: ...


class Walker(Protocol):
    """What a quiz needs of the Markdown walker that meets it: tokens, locations, blocks."""

    @property
    def t(self) -> list[Token]: ...
    @property
    def ctx(self) -> QuizContext: ...
    def loc(self, tok: Token) -> Location: ...
    def add(self, code: str, tok: Token, **args: Any) -> None: ...
    def end(self, i: int) -> int: ...
    def heading(self, i: int) -> tuple[str, dict[str, Any]]: ...
    def block(self, i: int, j: int, out: list[Block], slide: Slide | None) -> None: ...
    def html(self, i: int, j: int) -> Html: ...
    def inline_html(self, source: str, loc: Location) -> str: ...


_QUIZ_OPTIONS = {
    "id",
    "final",
    "bank",
    "pass",
    "attempts",
    "shuffle",
    "shuffle-options",
    "draw",
    "time",
    "review",
    "retake",
}
_Q_OPTIONS = {"id", "type", "points", "answer", "case", "decimals", "scale", "words"}
_BANKS = ("self", "entry", "intermediate", "final")
_GAP = re.compile(r"\[\[(.*?)\]\]")
_TICK = re.compile(r"^\[( |x|X)\]\s*")
_NUM = r"[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^({_NUM})\s*\.\.\s*({_NUM})$")
_TOL = re.compile(rf"^({_NUM})\s*(?:±|\+-|\+/-)\s*(-?{_NUM})\s*(%?)$")
_VAR = re.compile(rf"^([A-Za-z_]\w*)\s*=\s*({_NUM})\s*\.\.\s*({_NUM})(?:\s+step\s+({_NUM}))?$")
_REGION = re.compile(rf"^(rect|circle)\s+((?:{_NUM}\s+){{2,3}}{_NUM})\s*(.*)$")
_PAIR = re.compile(r"\s*(?:->|→)\s*")


@dataclass(slots=True)
class _Entry:
    """One list item of an answer list: its first line, the rest (feedback) and where it is."""

    text: str
    rest: str
    loc: Location


def _f(v: str) -> float:
    return float(v.replace(",", "."))


def parse_quiz(
    w: Walker, attrs: dict[str, str], start: int, end: int, tok: Token, slide: Slide | None
) -> Quiz:
    loc = w.loc(tok)
    for a in attrs:
        if a not in _QUIZ_OPTIONS:
            w.add("OQ112", tok, kind="quiz", attr=a, **near(a, sorted(_QUIZ_OPTIONS)))
    ident = attrs.get("id") or w.ctx.next_id("q")
    w.ctx.claim(ident, loc)
    final = _bool(attrs.get("final"))
    quiz = Quiz(ident, [], final=final, bank="final" if final else "self", loc=loc)
    bank = attrs.get("bank")
    if bank:
        if bank in _BANKS:
            quiz.bank = cast(Any, bank)
        else:
            w.add("OQ105", tok, field="bank", problem=_allowed(", ".join(_BANKS)))
    quiz.pass_mark = _num_opt(w, tok, attrs, "pass", quiz.pass_mark, 0, 100)
    quiz.attempts = int(_num_opt(w, tok, attrs, "attempts", 0, 0, 1000))
    quiz.draw = int(_num_opt(w, tok, attrs, "draw", 0, 0, 10000))
    quiz.time_limit = int(_num_opt(w, tok, attrs, "time", 0, 0, 86400))
    quiz.shuffle = _bool(attrs.get("shuffle"))
    quiz.shuffle_options = _bool(attrs.get("shuffle-options"))
    quiz.review = _bool(attrs.get("review", "true"))
    quiz.retake = _bool(attrs.get("retake"))

    level = w.t[start].level if start < end else 0
    heads = [
        k for k in range(start, end) if w.t[k].type == "heading_open" and w.t[k].level == level
    ]
    unspaced = [k for k in range(start, end) if _unspaced_heading(w, k)]
    for k in unspaced:  # "###Question": one message at its line, no cascade
        text = w.t[k + 1].content.partition("\n")[0].strip()
        hashes = text[: len(text) - len(text.lstrip("#"))]
        w.add(
            "OQ116",
            w.t[k],
            variant="heading_no_space",
            text=text,
            hashes=hashes,
            rest=text[len(hashes) :],
        )
    if heads and heads[0] > start and not unspaced:
        w.add("OQ116", w.t[start], variant="quiz_intro")
    for n, h in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else end
        # the question's place, not the count of good ones: a refused question must not give
        # the next one its id (that was a spurious "id used twice")
        q = _question(w, h, stop, ident, n + 1, slide)
        if q is not None:
            quiz.questions.append(q)
    if not heads and not unspaced:
        w.add("OQ127", tok)
    if quiz.draw and quiz.draw > len(quiz.questions):
        w.add("OQ125", tok, draw=quiz.draw, count=len(quiz.questions))
    return quiz


_UNSPACED = re.compile(r"^#{1,6}[^\s#]")


def _unspaced_heading(w: Walker, k: int) -> bool:
    """A paragraph that starts like ``###Question``: a heading missing its space."""
    tok = w.t[k]
    return (
        tok.type == "paragraph_open"
        and k + 1 < len(w.t)
        and bool(_UNSPACED.match(w.t[k + 1].content))
    )


def _question(
    w: Walker, h: int, stop: int, quiz_id: str, n: int, slide: Slide | None
) -> Question | None:
    head = w.t[h]
    loc = w.loc(head)
    raw_prompt, hattrs = w.heading(h)
    qattrs = {str(k): str(v) for k, v in hattrs.items()}
    for a in qattrs:
        if a not in _Q_OPTIONS:
            w.add("OQ112", head, kind="question", attr=a, **near(a, sorted(_Q_OPTIONS)))
    ident = qattrs.get("id") or f"{quiz_id}-{n}"
    w.ctx.claim(ident, loc)
    body: list[Block] = []
    entries: list[_Entry] | None = None
    ordered = False
    gap_text: tuple[str, Location] | None = None
    feedback: dict[str, str] = {}
    hints: list[str] = []
    qtype = qattrs.get("type", "")
    i = w.end(h)
    while i < stop:
        tok = w.t[i]
        j = w.end(i)
        if tok.type in ("bullet_list_open", "ordered_list_open") and entries is None:
            entries = _entries(w, i, j)
            ordered = tok.type == "ordered_list_open"
        elif tok.type == "blockquote_open":
            kind = str(tok.attrs.get("feedback", "general"))
            html = w.html(i + 1, j - 1).html if j - i > 2 else ""
            if kind == "hint":
                hints.append(html)
            else:
                feedback[kind] = html
        elif (
            tok.type == "paragraph_open"
            and "[[" in w.t[i + 1].content
            and gap_text is None
            and qtype in ("blanks", "select", "dragwords")
        ):
            gap_text = (w.t[i + 1].content, w.loc(tok))
        else:
            w.block(i, j, body, slide)
        i = j

    if not qtype:
        ticked = sum(1 for e in entries or [] if _TICK.match(e.text) and e.text[1] in "xX")
        if entries and all(_TICK.match(e.text) for e in entries):
            qtype = "multiple" if ticked > 1 else "single"
        else:
            w.add("OQ126", head, kind="?", allowed=", ".join(QUESTION_TYPES))
            return None
    if qtype not in QUESTION_TYPES:
        w.add("OQ126", head, kind=qtype, **near(qtype, list(QUESTION_TYPES)))
        return None
    q = Question(ident, qtype, "", body, loc=loc)
    q.points = _num_opt(w, head, qattrs, "points", 1.0, 0, 1000)
    q.feedback = feedback.get("general", "")
    q.feedback_correct = feedback.get("correct", "")
    q.feedback_incorrect = feedback.get("incorrect", "")
    q.hints = hints
    q.prompt = w.inline_html(raw_prompt, loc)  # calculated: {var} placeholders survive
    _ANSWER[qtype](w, q, head, entries or [], ordered, gap_text, qattrs)
    return q


def _entries(w: Walker, i: int, j: int) -> list[_Entry]:
    """Top-level items of the list at ``i``: first line = the option, the rest = its feedback."""
    out: list[_Entry] = []
    depth = 0
    first = False
    for k in range(i + 1, j - 1):
        tok = w.t[k]
        if tok.type == "list_item_open":
            depth += 1
            if depth == 1:
                out.append(_Entry("", "", w.loc(tok)))
                first = True
        elif tok.type == "list_item_close":
            depth -= 1
        elif tok.type == "inline" and depth == 1 and out:
            if first:
                line, _, rest = tok.content.partition("\n")
                out[-1].text, out[-1].rest, first = line.strip(), rest.strip(), False
            else:
                out[-1].rest = (out[-1].rest + "\n" + tok.content).strip()
    return out


# --- per type -----------------------------------------------------------------------------


def _choices(w: Walker, q: Question, head: Token, entries: list[_Entry], *_: Any) -> None:
    seen: dict[str, Location] = {}
    for e in entries:
        m = _TICK.match(e.text)
        text = e.text[m.end() :] if m else e.text
        correct = bool(m and m.group(1) in "xX")
        key = text.casefold().strip()
        if key in seen:
            w.ctx.diags.add(diag("OQ121", e.loc.file, e.loc.line, e.loc.column, option=text))
        seen[key] = e.loc
        fb = w.inline_html(e.rest, e.loc) if e.rest else ""
        q.choices.append(Choice(w.inline_html(text, e.loc), correct, fb))
    if not entries:
        _no_answer(
            w,
            head,
            Text(
                "«- [x] дұрыс нұсқа» тізімін қосыңыз.",
                "Добавьте список «- [x] верный вариант».",
                "Add a list with '- [x] right option'.",
            ),
        )
        return
    right = sum(c.correct for c in q.choices)
    if right == 0:
        _no_answer(
            w,
            head,
            Text(
                "Дұрыс нұсқаны «- [x]» деп белгілеңіз.",
                "Отметьте верный вариант как «- [x]».",
                "Mark the right option as '- [x]'.",
            ),
        )
    elif q.type == "single" and right > 1:
        q.type = "multiple"
    if len(entries) < 2:
        w.add(
            "OQ111",
            head,
            kind=q.type,
            problem=Text("бір ғана нұсқа", "только один вариант", "only one option"),
            expected=Text(
                "Кемінде екі нұсқа беріңіз.",
                "Дайте хотя бы два варианта.",
                "Give at least two options.",
            ),
        )


def _truefalse(
    w: Walker,
    q: Question,
    head: Token,
    entries: list[_Entry],
    o: bool,
    g: Any,
    attrs: dict[str, str],
) -> None:
    ans = attrs.get("answer", "").strip().lower()
    if ans in ("true", "false"):
        q.truth = ans == "true"
    else:
        _no_answer(
            w,
            head,
            Text(
                "{type=truefalse answer=true} немесе answer=false деп жазыңыз.",
                "Напишите {type=truefalse answer=true} или answer=false.",
                "Write {type=truefalse answer=true} or answer=false.",
            ),
        )


def _short(
    w: Walker,
    q: Question,
    head: Token,
    entries: list[_Entry],
    o: bool,
    g: Any,
    attrs: dict[str, str],
) -> None:
    q.case_sensitive = _bool(attrs.get("case"))
    seen: set[str] = set()
    for e in entries:
        key = e.text if q.case_sensitive else e.text.casefold()
        if key in seen:
            w.ctx.diags.add(diag("OQ121", e.loc.file, e.loc.line, e.loc.column, option=e.text))
        seen.add(key)
        q.accepted.append(e.text)
    if not q.accepted:
        _no_answer(
            w,
            head,
            Text(
                "Қабылданатын жауаптарды «- жауап» тізімімен жазыңыз.",
                "Перечислите принимаемые ответы списком «- ответ».",
                "List the accepted answers as '- answer'.",
            ),
        )


def _numeric_answer(w: Walker, e: _Entry, text: str) -> NumericAnswer | None:
    def bad(problem: Text) -> None:
        w.ctx.diags.add(
            diag("OQ123", e.loc.file, e.loc.line, e.loc.column, value=text, problem=problem)
        )

    text = text.strip()
    if m := _RANGE.match(text):
        lo, hi = _f(m.group(1)), _f(m.group(2))
        if lo > hi:
            bad(
                Text(
                    "ауқымның басы соңынан үлкен",
                    "начало диапазона больше конца",
                    "range start above its end",
                )
            )
            return None
        return NumericAnswer(lo, hi)
    if m := _TOL.match(text):
        v, tol, pct = _f(m.group(1)), _f(m.group(2)), bool(m.group(3))
        if tol < 0:
            bad(Text("ауытқу теріс", "отрицательный допуск", "negative tolerance"))
            return None
        d = abs(v) * tol / 100 if pct else tol
        return NumericAnswer(v - d, v + d, v, tol, pct)
    try:
        v = _f(text)
    except ValueError:
        bad(Text("сан емес", "не число", "not a number"))
        return None
    return NumericAnswer(v, v, v)


def _numeric(w: Walker, q: Question, head: Token, entries: list[_Entry], *_: Any) -> None:
    for e in entries:
        a = _numeric_answer(w, e, e.text)
        if a:
            q.numeric.append(a)
    if not entries:
        _no_answer(
            w,
            head,
            Text(
                "«- 72 ± 2» түрінде жауап жазыңыз.",
                "Напишите ответ как «- 72 ± 2».",
                "Write the answer as '- 72 ± 2'.",
            ),
        )


def _calculated(
    w: Walker,
    q: Question,
    head: Token,
    entries: list[_Entry],
    o: bool,
    g: Any,
    attrs: dict[str, str],
) -> None:
    q.decimals = int(_num_opt(w, head, attrs, "decimals", 2, 0, 10))
    answer: _Entry | None = None
    for e in entries:
        if e.text.startswith("="):
            answer = e
        elif m := _VAR.match(e.text):
            lo, hi = _f(m.group(2)), _f(m.group(3))
            step = _f(m.group(4)) if m.group(4) else 1.0
            if lo > hi or step <= 0:
                w.ctx.diags.add(
                    diag(
                        "OQ123",
                        e.loc.file,
                        e.loc.line,
                        e.loc.column,
                        value=e.text,
                        problem=Text("ауқым дұрыс емес", "неверный диапазон", "bad range"),
                    )
                )
                continue
            q.variables.append(Variable(m.group(1), lo, hi, step))
        else:
            w.ctx.diags.add(
                diag(
                    "OQ123",
                    e.loc.file,
                    e.loc.line,
                    e.loc.column,
                    value=e.text,
                    problem=Text(
                        "«x = 1..10 step 1» немесе «= формула» күтілді",
                        "ожидалось «x = 1..10 step 1» или «= формула»",
                        "expected 'x = 1..10 step 1' or '= formula'",
                    ),
                )
            )
    if answer is None:
        _no_answer(
            w,
            head,
            Text(
                "«- = m * c * dt ± 1%» түрінде формула жазыңыз.",
                "Напишите формулу как «- = m * c * dt ± 1%».",
                "Write the formula as '- = m * c * dt ± 1%'.",
            ),
        )
        return
    formula = answer.text[1:].strip()
    tol = re.search(rf"(?:±|\+-|\+/-)\s*(-?{_NUM})\s*(%?)\s*$", formula)
    if tol:
        formula = formula[: tol.start()].strip()
        value = _f(tol.group(1))
        if value < 0:
            w.ctx.diags.add(
                diag(
                    "OQ123",
                    answer.loc.file,
                    answer.loc.line,
                    answer.loc.column,
                    value=answer.text,
                    problem=Text("ауытқу теріс", "отрицательный допуск", "negative tolerance"),
                )
            )
        q.numeric.append(NumericAnswer(0, 0, None, value, bool(tol.group(2))))
    q.formula = formula
    try:
        check_formula(formula, q.variables)
    except FormulaError as e:
        w.ctx.diags.add(
            diag("OQ124", answer.loc.file, answer.loc.line, answer.loc.column, problem=str(e))
        )


def _sequence(
    w: Walker, q: Question, head: Token, entries: list[_Entry], ordered: bool, *_: Any
) -> None:
    _choices_plain(w, q, entries)
    if len(q.choices) < 2:
        w.add(
            "OQ111",
            head,
            kind="sequence",
            problem=Text(
                "кемінде екі қадам керек", "нужно хотя бы два шага", "needs at least two steps"
            ),
            expected=Text(
                "Қадамдарды «1. …» тізімімен дұрыс ретпен жазыңыз.",
                "Перечислите шаги списком «1. …» в верном порядке.",
                "List the steps as '1. …' in the right order.",
            ),
        )


def _likert(
    w: Walker,
    q: Question,
    head: Token,
    entries: list[_Entry],
    o: bool,
    g: Any,
    attrs: dict[str, str],
) -> None:
    _choices_plain(w, q, entries)
    scale = attrs.get("scale", "")
    q.scale = (
        [s.strip() for s in scale.split("|") if s.strip()]
        if scale
        else list(LIKERT_DEFAULT[w.ctx.lang])
    )
    if not q.choices:
        w.add(
            "OQ111",
            head,
            kind="likert",
            problem=Text("тұжырымдар жоқ", "нет утверждений", "no statements"),
            expected=Text(
                "Тұжырымдарды «- …» тізімімен жазыңыз.",
                "Перечислите утверждения списком «- …».",
                "List the statements as '- …'.",
            ),
        )


def _choices_plain(w: Walker, q: Question, entries: list[_Entry]) -> None:
    seen: set[str] = set()
    for e in entries:
        key = e.text.casefold()
        if key in seen:
            w.ctx.diags.add(diag("OQ121", e.loc.file, e.loc.line, e.loc.column, option=e.text))
        seen.add(key)
        q.choices.append(Choice(w.inline_html(e.text, e.loc), True, ""))


def _matching(w: Walker, q: Question, head: Token, entries: list[_Entry], *_: Any) -> None:
    for e in entries:
        parts = _PAIR.split(e.text, maxsplit=1)
        if len(parts) != 2 or not parts[1].strip():
            w.ctx.diags.add(
                diag(
                    "OQ122",
                    e.loc.file,
                    e.loc.line,
                    e.loc.column,
                    problem=Text(
                        f"«{e.text}»: оң жағы жоқ",
                        f"«{e.text}»: нет правой части",
                        f"'{e.text}': no right side",
                    ),
                )
            )
            continue
        q.pairs.append(
            (
                w.inline_html(parts[0].strip(), e.loc) if parts[0].strip() else "",
                w.inline_html(parts[1].strip(), e.loc),
            )
        )
    lefts = [p for p in q.pairs if p[0]]
    if len(lefts) < 2:
        w.add(
            "OQ122",
            head,
            problem=Text(
                "кемінде екі жұп керек", "нужно хотя бы две пары", "at least two pairs are needed"
            ),
        )
    seen: set[str] = set()
    for left, _right in lefts:
        if left in seen:
            w.add("OQ121", head, option=left)
        seen.add(left)


def _gaps(
    w: Walker,
    q: Question,
    head: Token,
    entries: list[_Entry],
    o: bool,
    gap_text: tuple[str, Location] | None,
    attrs: dict[str, str],
) -> None:
    if gap_text is None:
        _no_answer(
            w,
            head,
            Text(
                "Мәтінге [[жауап]] бос орындарын қойыңыз.",
                "Вставьте в текст пропуски [[ответ]].",
                "Put gaps like [[answer]] in a paragraph.",
            ),
        )
        return
    raw, loc = gap_text
    gaps: list[Gap] = []

    def repl(m: re.Match[str]) -> str:
        answers = [a.strip() for a in m.group(1).split("|") if a.strip()]
        gaps.append(Gap(answers))
        return f"\ue000{len(gaps) - 1}\ue001"  # private-use marks survive Markdown

    marked = _GAP.sub(repl, raw)
    html = w.inline_html(marked.replace("\n", " "), loc)
    q.text = re.sub("\ue000(\\d+)\ue001", r"{{\1}}", html)
    q.gaps = gaps
    for gp in gaps:
        if not gp.answers:
            _no_answer(
                w,
                head,
                Text(
                    "Бос [[ ]] орнына жауап жазыңыз.",
                    "Впишите ответ в пустой [[ ]].",
                    "Fill in the empty [[ ]].",
                ),
            )
        elif q.type == "select" and len(gp.answers) < 2:
            w.add(
                "OQ111",
                head,
                kind="select",
                problem=Text(
                    "тізімде бір ғана нұсқа", "в списке один вариант", "a list with one option"
                ),
                expected=Text(
                    "[[дұрыс|қате|қате]] түрінде жазыңыз.",
                    "Пишите [[верно|неверно|неверно]].",
                    "Write [[right|wrong|wrong]].",
                ),
            )
        if len(set(gp.answers)) != len(gp.answers):
            w.add("OQ121", head, option="|".join(gp.answers))
    q.distractors = [e.text for e in entries] if q.type == "dragwords" else []


def _hotspot(w: Walker, q: Question, head: Token, entries: list[_Entry], *_: Any) -> None:
    if not any(isinstance(b, Image) for b in q.body):
        w.add(
            "OQ111",
            head,
            kind="hotspot",
            problem=Text("сурет жоқ", "нет изображения", "no image"),
            expected=Text(
                "Сұрақтың астына ![сурет](media/…) қойыңыз.",
                "Поставьте под вопросом ![рисунок](media/…).",
                "Put ![picture](media/…) under the question.",
            ),
        )
    for e in entries:
        m = _TICK.match(e.text)
        rest = e.text[m.end() :] if m else e.text
        r = _REGION.match(rest)
        if not r:
            w.ctx.diags.add(
                diag(
                    "OQ111",
                    e.loc.file,
                    e.loc.line,
                    e.loc.column,
                    kind="hotspot",
                    problem=Text(f"аймақ «{rest}»", f"область «{rest}»", f"region '{rest}'"),
                    expected=Text(
                        "«- [x] rect x y w h Атауы» немесе «- [ ] circle cx cy r Атауы» "
                        "(пайызбен).",
                        "«- [x] rect x y w h Название» или «- [ ] circle cx cy r Название» "
                        "(в процентах).",
                        "'- [x] rect x y w h Label' or '- [ ] circle cx cy r Label' (percent).",
                    ),
                )
            )
            continue
        coords = tuple(_f(c) for c in r.group(2).split())
        shape = r.group(1)
        if (shape == "rect" and len(coords) != 4) or (shape == "circle" and len(coords) != 3):
            w.ctx.diags.add(
                diag(
                    "OQ123",
                    e.loc.file,
                    e.loc.line,
                    e.loc.column,
                    value=rest,
                    problem=Text(
                        "координаталар саны дұрыс емес",
                        "неверное число координат",
                        "wrong number of coordinates",
                    ),
                )
            )
            continue
        q.regions.append(
            Region(cast(Any, shape), coords, r.group(3).strip(), bool(m and m.group(1) in "xX"))
        )
    if not any(r.correct for r in q.regions):
        _no_answer(
            w,
            head,
            Text(
                "Дұрыс аймақты «- [x] rect …» деп белгілеңіз.",
                "Отметьте верную область как «- [x] rect …».",
                "Mark the right region as '- [x] rect …'.",
            ),
        )


def _essay(
    w: Walker,
    q: Question,
    head: Token,
    entries: list[_Entry],
    o: bool,
    g: Any,
    attrs: dict[str, str],
) -> None:
    q.min_words = int(_num_opt(w, head, attrs, "words", 0, 0, 100000))


_ANSWER = {
    "single": _choices,
    "multiple": _choices,
    "truefalse": _truefalse,
    "short": _short,
    "numeric": _numeric,
    "calculated": _calculated,
    "sequence": _sequence,
    "matching": _matching,
    "blanks": _gaps,
    "select": _gaps,
    "dragwords": _gaps,
    "hotspot": _hotspot,
    "likert": _likert,
    "essay": _essay,
}


# --- small helpers ------------------------------------------------------------------------


def _no_answer(w: Walker, head: Token, expected: Text) -> None:
    w.add("OQ120", head, expected=expected)


def _allowed(values: str) -> Text:
    return Text(f"мүмкін мәндер: {values}", f"допустимые значения: {values}", f"allowed: {values}")


def _bool(v: str | None) -> bool:
    return str(v).strip().lower() in ("true", "yes", "1", "иә", "да")


def _num_opt(
    w: Walker, tok: Token, attrs: dict[str, str], key: str, default: float, lo: float, hi: float
) -> float:
    if key not in attrs:
        return default
    try:
        v = _f(attrs[key])
    except ValueError:
        v = float("nan")
    if not (lo <= v <= hi):
        w.add(
            "OQ105",
            tok,
            field=key,
            problem=Text(
                f"{lo:g}…{hi:g} аралығындағы сан",
                f"число от {lo:g} до {hi:g}",
                f"a number from {lo:g} to {hi:g}",
            ),
        )
        return default
    return v
