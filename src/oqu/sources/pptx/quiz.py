"""Questions written on a slide in the plain forms teachers use, as real questions.

Recognised::

    1. Question text?            (or 1) …, «Сұрақ 1.», «Вопрос 1.», an auto-numbered line)
    a) option  А) option  A. option    (or bullets under the question)
    b) right option *            correct when marked: bold, a leading/trailing «*», «(+)», «✓»
    Answer: b   Жауабы: b   Ответ: b, c   (or a line after the options)

A question with fewer than two options, no recognisable answer or duplicate options is not
guessed: it is returned in ``unresolved`` so the importer keeps it in a TODO note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oqu.sources.pptx.text import Para, esc

_QUESTION = re.compile(
    r"^\s*(?:(?:сұрақ|вопрос|question|q)\s*)?(\d{1,3})\s*[.)]\s*(\S.*)$", re.IGNORECASE
)
_OPTION = re.compile(r"^\s*\(?([A-Za-zА-ЯЁӘІҢҒҮҰҚӨҺа-яёәіңғүұқөһ])\s*[).]\s+(\S.*)$")
_ANSWER = re.compile(
    r"^\s*(?:correct\s+answer|answer|дұрыс\s+жауап(?:ы)?|жауабы|жауап|правильный\s+ответ|ответ)"
    r"\s*[:：\-—–]\s*(\S.*)$",
    re.IGNORECASE,
)
_MARK_START = re.compile(r"^\s*(?:\(\+\)|[✓✔☑]|\*(?!\*))\s*")
_MARK_END = re.compile(r"\s*(?:\(\+\)|[✓✔☑]|(?<!\*)\*)\s*$")
# Latin and Cyrillic letters that look alike (an «Ответ: В» for option «B)»)
_HOMOGLYPH = str.maketrans("АВСЕНКМОРТХаеорсух", "ABCEHKMOPTXaeopcyx")


@dataclass(slots=True)
class Option:
    label: str
    text: str
    marked: bool


@dataclass(slots=True)
class Question:
    number: str
    prompt: str
    options: list[Option] = field(default_factory=list)
    answer: str | None = None  # the «Answer: …» line, as written
    problem: str = ""  # why it cannot become a real question ("" when it can)

    @property
    def correct(self) -> list[bool]:
        return [o.marked for o in self.options]

    def markdown(self) -> list[str]:
        lines = [f"### {esc(self.prompt, block=False)}"]
        lines += [f"- [{'x' if o.marked else ' '}] {esc(o.text)}" for o in self.options]
        return lines

    def plain_markdown(self) -> list[str]:
        """The question as written, for a TODO note."""
        lines = [f"{self.number}\\. {esc(self.prompt)}", ""]
        lines += [f"-  {esc(f'{o.label}) {o.text}' if o.label else o.text)}" for o in self.options]
        if self.answer:
            lines += ["", esc(self.answer)]
        return lines


@dataclass(slots=True)
class QuizParse:
    intro: list[Para] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    unresolved: list[Question] = field(default_factory=list)
    trailing: list[Para] = field(default_factory=list)


def parse_questions(paras: list[Para]) -> QuizParse:
    out = QuizParse()
    all_q: list[Question] = []
    bold_flags: dict[int, list[bool]] = {}
    current: Question | None = None
    for p in paras:
        text = p.plain.strip()
        if not text:
            continue
        for line in text.split("\n"):
            line = line.strip()
            if not line:
                continue
            ans = _ANSWER.match(line)
            if ans and current is not None:
                current.answer = line
                _apply_answer(current, ans.group(1))
                continue
            opt = _OPTION.match(line)
            q = _QUESTION.match(line)
            if current is not None and opt and not (q and not current.options):
                label, body = opt.group(1), opt.group(2)
                current.options.append(_option(label, body))
                bold_flags.setdefault(id(current), []).append(p.bold)
                continue
            if q or (p.bullet == "number" and p.level == 0 and not opt):
                number, prompt = (q.group(1), q.group(2)) if q else (str(len(all_q) + 1), line)
                current = Question(number, prompt.strip())
                all_q.append(current)
                continue
            if current is not None and (p.level > 0 or p.bullet == "bullet"):
                current.options.append(_option("", line))
                bold_flags.setdefault(id(current), []).append(p.bold)
                continue
            if current is None:
                out.intro.append(p)
            elif not current.options:
                current.prompt += " " + line
            else:
                out.trailing.append(p)
    for question in all_q:
        flags = bold_flags.get(id(question), [])
        if not any(o.marked for o in question.options) and any(flags) and not all(flags):
            for o, b in zip(question.options, flags, strict=False):
                o.marked = b
        question.problem = _problem(question)
        (out.unresolved if question.problem else out.questions).append(question)
    return out


def _option(label: str, body: str) -> Option:
    marked = False
    for pat in (_MARK_START, _MARK_END):
        stripped = pat.sub("", body)
        if stripped != body:
            marked, body = True, stripped
    return Option(label, body.strip(), marked)


def _apply_answer(q: Question, given: str) -> None:
    tokens = [t for t in re.split(r"[,;\s]+", given.strip().rstrip(".")) if t]
    labels = [o.label.casefold() for o in q.options]
    hits: list[int] = []
    for token in tokens:
        tok = token.strip("()").rstrip(")").casefold()
        if tok in labels:
            hits.append(labels.index(tok))
            continue
        glyph = [o.label.translate(_HOMOGLYPH).casefold() for o in q.options]
        alike = token.strip("()").translate(_HOMOGLYPH).casefold()
        if alike in glyph:
            hits.append(glyph.index(alike))
            continue
        if tok.isdigit() and 1 <= int(tok) <= len(q.options):
            hits.append(int(tok) - 1)
            continue
        hits = []
        break
    if not hits:  # maybe the answer is the option's text
        texts = [o.text.casefold() for o in q.options]
        if given.strip().casefold() in texts:
            hits = [texts.index(given.strip().casefold())]
    if hits:
        for i, o in enumerate(q.options):
            o.marked = i in hits


def _problem(q: Question) -> str:
    if len(q.options) < 2:
        return "options"
    if not any(o.marked for o in q.options):
        return "answer"
    seen = [o.text.casefold() for o in q.options]
    if len(set(seen)) != len(seen) or any(not s for s in seen):
        return "duplicate"
    return ""
