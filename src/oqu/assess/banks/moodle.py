"""Moodle XML (docs.moodle.org "Moodle XML format"): every type Moodle's core knows, media
embedded as base64 ``<file>`` elements referenced by ``@@PLUGINFILE@@/name``.

Type map: single/multiple → multichoice, truefalse, short → shortanswer, numeric → numerical,
calculated → calculated (with a dataset of drawn values), sequence → ordering, matching,
blanks → multianswer (Cloze SHORTANSWER), select → gapselect, dragwords → ddwtos, essay.
Hotspot and likert have no Moodle equivalent (OQ400). Import reads the same types back, parsed
with a hardened lxml parser (no entities, no network, no huge trees); errors carry the line.
"""

from __future__ import annotations

import ast
import base64
import binascii
import html
import re
from pathlib import Path

from lxml import etree

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
from oqu.assess.banks.source import safe_media_name
from oqu.assess.scoring import draw
from oqu.diagnostics import Diagnostics, diag
from oqu.model.content import Choice, Gap, NumericAnswer, Question, Variable

FMT = "moodle-xml"
# Moodle accepts only these grades (question_bank::fraction_options_full), in percent.
GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
          16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0)  # fmt: skip
DATASET_ITEMS = 10


def fraction(pct: float) -> tuple[str, bool]:
    """The Moodle grade nearest to ``pct`` (sign kept) and whether it is exact."""
    best = min(GRADES, key=lambda g: abs(abs(pct) - g))
    value = best if pct >= 0 else -best
    return f"{value:.7f}".rstrip("0").rstrip("."), abs(abs(pct) - best) < 1e-3


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _text(parent: etree._Element, tag: str, value: str, fmt: str | None = "html") -> etree._Element:
    el = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(el, "text", portable(value) if fmt == "html" else value)
    return el


# --- formulas: ours (Python syntax) ↔ Moodle's ({x}, pow(), pi()) --------------------------


class _ToMoodle(ast.NodeVisitor):
    def visit(self, node: ast.AST) -> str:
        match node:
            case ast.Constant(value=v):
                return repr(v)
            case ast.Name(id="pi"):
                return "pi()"
            case ast.Name(id="e"):
                return "exp(1)"
            case ast.Name(id=name):
                return "{" + name + "}"
            case ast.UnaryOp(op=ast.USub(), operand=x):
                return f"(-{self.visit(x)})"
            case ast.UnaryOp(operand=x):
                return self.visit(x)
            case ast.BinOp(left=a, op=ast.Pow(), right=b):
                return f"pow({self.visit(a)}, {self.visit(b)})"
            case ast.BinOp(left=a, op=ast.Mod(), right=b):
                return f"fmod({self.visit(a)}, {self.visit(b)})"
            case ast.BinOp(left=a, op=op, right=b):
                sym = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}[type(op)]
                return f"({self.visit(a)} {sym} {self.visit(b)})"
            case ast.Call(func=ast.Name(id="ln"), args=[x]):
                return f"log({self.visit(x)})"
            case ast.Call(func=ast.Name(id="log"), args=[x, b]):
                return f"(log({self.visit(x)}) / log({self.visit(b)}))"
            case ast.Call(func=ast.Name(id=fn), args=args):
                return f"{fn}({', '.join(self.visit(a) for a in args)})"
        raise ValueError(ast.dump(node))


def formula_to_moodle(src: str) -> str:
    tree = ast.parse(src.replace("^", "**"), mode="eval").body
    out = _ToMoodle().visit(tree)
    return out[1:-1] if out.startswith("(") and out.endswith(")") and _balanced(out[1:-1]) else out


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


class _FromMoodle(ast.NodeTransformer):
    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name):
            if node.func.id == "pow" and len(node.args) == 2:
                return ast.BinOp(node.args[0], ast.Pow(), node.args[1])
            if node.func.id == "fmod" and len(node.args) == 2:
                return ast.BinOp(node.args[0], ast.Mod(), node.args[1])
            if node.func.id == "pi" and not node.args:
                return ast.Name("pi")
            if node.func.id == "exp" and len(node.args) == 1:
                a = node.args[0]
                if isinstance(a, ast.Constant) and a.value == 1:
                    return ast.Name("e")
        return node


def formula_from_moodle(src: str) -> str:
    tree = ast.parse(re.sub(r"\{(\w+)\}", r"\1", src), mode="eval")
    return ast.unparse(ast.fix_missing_locations(_FromMoodle().visit(tree)))


# --- export ---------------------------------------------------------------------------------


def export(bank: Bank, diags: Diagnostics) -> bytes:
    quiz = etree.Element("quiz")
    for cat in bank.categories:
        c = _sub(quiz, "question", type="category")
        _text(c, "category", f"$course$/top/{bank.title}/{cat.name}", None)
        _text(c, "info", "", "html")
        for q in cat.questions:
            el = _question(q, bank, diags)
            if el is not None:
                quiz.append(el)
    etree.indent(quiz, space="  ")
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _files(parent: etree._Element, bank: Bank, images: list[str]) -> None:
    for src in images:
        path = (bank.root / src) if bank.root else None
        data = bank.media.get(src) or (path.read_bytes() if path and path.is_file() else None)
        if data is None:
            continue
        f = _sub(parent, "file", name=safe_media_name(src), path="/", encoding="base64")
        f.text = base64.b64encode(data).decode("ascii")


def _question(q: Question, bank: Bank, diags: Diagnostics) -> etree._Element | None:
    kind = {
        "single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
        "short": "shortanswer", "numeric": "numerical", "calculated": "calculated",
        "sequence": "ordering", "matching": "matching", "blanks": "multianswer",
        "select": "gapselect", "dragwords": "ddwtos", "essay": "essay",
    }.get(q.type)  # fmt: skip
    if kind is None:
        cannot(diags, q, FMT)
        return None
    el = etree.Element("question", type=kind)
    _sub(_sub(el, "name"), "text", q.id)
    srcs = {s: "@@PLUGINFILE@@/" + safe_media_name(s) for s in _image_srcs(q)}
    text, images = body_html(q, srcs)
    if q.type in ("blanks", "select", "dragwords"):
        text += _gap_text(q)
    qt = _text(el, "questiontext", text)
    _files(qt, bank, images)
    _text(el, "generalfeedback", q.feedback)
    _sub(el, "defaultgrade", _n(q.points if q.type != "blanks" else len(q.gaps)))
    _sub(el, "penalty", "0.3333333")
    _sub(el, "hidden", "0")
    _sub(el, "idnumber", q.id)
    if q.type == "blanks" and q.points != len(q.gaps):
        approx(diags, q, FMT, f"Cloze marks are one per gap ({len(q.gaps)}), not {_n(q.points)}")
    if q.type in ("single", "multiple"):
        _sub(el, "single", "true" if q.type == "single" else "false")
        _sub(el, "shuffleanswers", "true")
        _sub(el, "answernumbering", "abc")
        _sub(el, "showstandardinstruction", "0")
        _combined_feedback(el, q)
        right = sum(c.correct for c in q.choices)
        wrong = len(q.choices) - right
        for c in q.choices:
            if q.type == "single":
                frac, exact = ("100" if c.correct else "0"), True
            else:
                frac, exact = fraction(100 / right if c.correct else -100 / wrong)
            if not exact:
                approx(diags, q, FMT, f"grade {frac}% is the nearest Moodle allows")
            a = _text(el, "answer", c.text)
            a.set("fraction", frac)
            _text(a, "feedback", c.feedback)
    elif q.type == "truefalse":
        for word in ("true", "false"):
            a = _text(el, "answer", word, "moodle_auto_format")
            a.set("fraction", "100" if (word == "true") == bool(q.truth) else "0")
            _text(a, "feedback", "")
    elif q.type == "short":
        _sub(el, "usecase", "1" if q.case_sensitive else "0")
        for ans in q.accepted:
            a = _text(el, "answer", ans, "moodle_auto_format")
            a.set("fraction", "100")
            _text(a, "feedback", "")
    elif q.type == "numeric":
        for n in q.numeric:
            mid, tol = numeric_centre(n.low, n.high, n.value, n.tolerance, n.relative)
            a = _text(el, "answer", nice(mid), "moodle_auto_format")
            a.set("fraction", "100")
            _text(a, "feedback", "")
            _sub(a, "tolerance", nice(tol))
        _units(el)
    elif q.type == "calculated":
        _calculated(el, q)
    elif q.type == "sequence":
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                           ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
                           ("numberingstyle", "none")):  # fmt: skip
            _sub(el, tag, value)
        _combined_feedback(el, q)
        for c in q.choices:
            a = _text(el, "answer", c.text)
            a.set("fraction", "1.0000000")
            _text(a, "feedback", "")
    elif q.type == "matching":
        _sub(el, "shuffleanswers", "true")
        _combined_feedback(el, q)
        for left, right_html in q.pairs:
            sq = _text(el, "subquestion", left)
            _sub(_sub(sq, "answer"), "text", text_of(right_html))
    elif q.type == "select":
        _sub(el, "shuffleanswers", "1")
        _combined_feedback(el, q)
        for g, gap in enumerate(q.gaps, 1):
            for ans in gap.answers:
                o = _sub(el, "selectoption")
                _sub(o, "text", ans)
                _sub(o, "group", str(g))
    elif q.type == "dragwords":
        _sub(el, "shuffleanswers", "1")
        _combined_feedback(el, q)
        words = _drag_words(q)
        for w in words:
            d = _sub(el, "dragbox")
            _sub(d, "text", w)
            _sub(d, "group", "1")
            if sum(1 for g in q.gaps if g.answers[:1] == [w]) > 1:
                _sub(d, "infinite")
    elif q.type == "essay":
        essay = {
            "responseformat": "editor",
            "responserequired": "1",
            "responsefieldlines": "15",
            "minwordlimit": str(q.min_words or ""),
            "maxwordlimit": "",
            "attachments": "0",
            "attachmentsrequired": "0",
        }
        for tag, value in essay.items():
            _sub(el, tag, value)
        _text(el, "graderinfo", "")
        _text(el, "responsetemplate", "")
    for h in q.hints:
        _text(el, "hint", h)
    return el


def _image_srcs(q: Question) -> list[str]:
    from oqu.model.content import Image

    return [b.src for b in q.body if isinstance(b, Image)]


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


def _units(el: etree._Element) -> None:
    for tag, value in (("unitgradingtype", "0"), ("unitpenalty", "0.1000000"),
                       ("showunits", "3"), ("unitsleft", "0")):  # fmt: skip
        _sub(el, tag, value)


def _combined_feedback(el: etree._Element, q: Question) -> None:
    _text(el, "correctfeedback", q.feedback_correct)
    _text(el, "partiallycorrectfeedback", q.feedback_incorrect)
    _text(el, "incorrectfeedback", q.feedback_incorrect)


def _drag_words(q: Question) -> list[str]:
    words: list[str] = []
    for w in [g.answers[0] for g in q.gaps if g.answers] + q.distractors:
        if w not in words:
            words.append(w)
    return words


_CLOZE_ESC = re.compile(r"([}#~/\"\\])")


def _gap_text(q: Question) -> str:
    text = q.text
    for i, gap in enumerate(q.gaps):
        if q.type == "blanks":
            answers = "~".join("=" + _CLOZE_ESC.sub(r"\\\1", a) for a in gap.answers)
            marker = "{1:SHORTANSWER:" + answers + "}"
        elif q.type == "select":
            n = sum(len(g.answers) for g in q.gaps[:i]) + 1
            marker = f"[[{n}]]"
        else:
            marker = f"[[{_drag_words(q).index(gap.answers[0]) + 1}]]"
        text = text.replace("{{" + str(i) + "}}", marker)
    return f"<p>{text}</p>"


def _calculated(el: etree._Element, q: Question) -> None:
    for tag, value in (("synchronize", "0"), ("single", "0"), ("answernumbering", "abc"),
                       ("shuffleanswers", "0")):  # fmt: skip
        _sub(el, tag, value)
    _combined_feedback(el, q)
    tol = q.numeric[0] if q.numeric and q.numeric[0].tolerance else None
    a = _text(el, "answer", formula_to_moodle(q.formula), None)
    a.set("fraction", "100")
    if tol and tol.relative:
        tolerance, ttype = tol.tolerance / 100, "1"
    else:
        tolerance, ttype = (tol.tolerance if tol else 0.5 / 10**q.decimals), "2"
    _sub(a, "tolerance", repr(tolerance))
    _sub(a, "tolerancetype", ttype)
    _sub(a, "correctanswerformat", "1")
    _sub(a, "correctanswerlength", str(q.decimals))
    _text(a, "feedback", "")
    _units(el)
    defs = _sub(el, "dataset_definitions")
    items = [draw(q, seed) for seed in range(1, DATASET_ITEMS + 1)]
    for v in q.variables:
        d = _sub(defs, "dataset_definition")
        _sub(_sub(d, "status"), "text", "private")
        _sub(_sub(d, "name"), "text", v.name)
        _sub(d, "type", "calculated")
        _sub(_sub(d, "distribution"), "text", "uniform")
        _sub(_sub(d, "minimum"), "text", _n(v.low))
        _sub(_sub(d, "maximum"), "text", _n(v.high))
        _sub(_sub(d, "decimals"), "text", str(_decimals(v.step)))
        _sub(d, "itemcount", str(DATASET_ITEMS))
        di = _sub(d, "dataset_items")
        for k, values in enumerate(items, 1):
            it = _sub(di, "dataset_item")
            _sub(it, "number", str(k))
            _sub(it, "value", _n(values[v.name]))
        _sub(d, "number_of_items", str(DATASET_ITEMS))


def _decimals(step: float) -> int:
    s = repr(float(step))
    return len(s.split(".")[1].rstrip("0")) if "." in s and "e" not in s else 0


# --- import ---------------------------------------------------------------------------------

PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_comments=True
)


def read(path: Path, data: bytes, diags: Diagnostics) -> Bank | None:
    shown = str(path)
    try:
        root = etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as e:
        line = e.position[0] if e.position else 0
        diags.add(diag("OQ402", shown, line, problem=str(e.msg), format="Moodle XML"))
        return None
    if root.tag != "quiz":
        diags.add(
            diag(
                "OQ402",
                shown,
                _line(root),
                problem=f"<{root.tag}> is not <quiz>",
                format="Moodle XML",
            )
        )
        return None
    bank = Bank(path.stem, [])
    current: Category | None = None
    for n, el in enumerate(root.iterfind("question"), 1):
        kind = el.get("type", "")
        line = _line(el)
        if kind == "category":
            parts = [
                p for p in _t(el, "category/text").split("/") if p and p not in ("$course$", "top")
            ]
            if len(parts) >= 2 and bank.title == path.stem:
                bank.title = parts[-2]
            name = parts[-1] if parts else path.stem
            current = Category(name.replace("$course$", "").strip() or path.stem, [])
            bank.categories.append(current)
            continue
        if current is None:
            current = Category(path.stem, [])
            bank.categories.append(current)
        qid = _t(el, "idnumber") or _t(el, "name/text") or f"q{n}"
        try:
            q = _read_question(el, kind, qid, bank, diags, shown)
        except (ValueError, KeyError, IndexError, SyntaxError, binascii.Error) as e:
            diags.add(diag("OQ402", shown, line, problem=f"{qid}: {e}", format="Moodle XML"))
            continue
        if q is None:
            if kind != "description":
                diags.add(diag("OQ403", shown, line, id=qid, kind=kind or "?"))
            continue
        q.loc = q.loc.__class__(shown, line, 0)
        current.questions.append(q)
    bank.categories = [c for c in bank.categories if c.questions]
    return bank


def _line(el: etree._Element) -> int:
    n = el.sourceline
    return n if isinstance(n, int) else 0


def _t(el: etree._Element, path: str) -> str:
    found = el.find(path)
    return (found.text or "").strip() if found is not None else ""


def _html(el: etree._Element, path: str) -> str:
    found = el.find(path)
    return (found.text or "") if found is not None else ""


def _frac(a: etree._Element) -> float:
    return float(a.get("fraction", "0"))


def _media(el: etree._Element | None, bank: Bank) -> dict[str, str]:
    """Embedded files → bank.media; returns @@PLUGINFILE@@ name → media/ path."""
    out: dict[str, str] = {}
    if el is None:
        return out
    for f in el.iterfind("file"):
        name = safe_media_name(f.get("name", "file"))
        bank.media["media/" + name] = base64.b64decode(
            "".join((f.text or "").split()), validate=True
        )
        out[f.get("name", "")] = "media/" + name
    return out


def _read_question(
    el: etree._Element, kind: str, qid: str, bank: Bank, diags: Diagnostics, shown: str
) -> Question | None:
    files = _media(el.find("questiontext"), bank)
    raw = _html(el, "questiontext/text")
    for name, path in files.items():
        raw = raw.replace("@@PLUGINFILE@@/" + html.escape(name), path).replace(
            "@@PLUGINFILE@@/" + name, path
        )
    q = Question(qid, "single", "", [])
    q.points = float(_t(el, "defaultgrade") or 1)
    q.feedback = _html(el, "generalfeedback/text")
    q.feedback_correct = _html(el, "correctfeedback/text")
    q.feedback_incorrect = _html(el, "incorrectfeedback/text")
    q.hints = [_html(h, "text") for h in el.iterfind("hint") if _html(h, "text")]
    answers = el.findall("answer")
    if kind == "multichoice":
        single = _t(el, "single").lower() in ("true", "1")
        q.type = "single" if single else "multiple"
        best = max((_frac(a) for a in answers), default=0)
        for a in answers:
            f = _frac(a)
            correct = f >= best if single else f > 0
            if 0 < f < 100 and single:
                approx(
                    diags, q, FMT, f"partial grade {f:g}% read as {'right' if correct else 'wrong'}"
                )
            q.choices.append(Choice(_html(a, "text"), correct, _html(a, "feedback/text")))
    elif kind == "truefalse":
        q.type = "truefalse"
        q.truth = any(_t(a, "text").lower() == "true" and _frac(a) > 0 for a in answers)
    elif kind == "shortanswer":
        q.type = "short"
        q.case_sensitive = _t(el, "usecase") == "1"
        q.accepted = [_t(a, "text") for a in answers if _frac(a) >= 100]
    elif kind == "numerical":
        q.type = "numeric"
        for a in answers:
            if _frac(a) < 100 or _t(a, "text") == "*":
                continue
            v, tol = float(_t(a, "text")), float(_t(a, "tolerance") or 0)
            q.numeric.append(NumericAnswer(v - tol, v + tol, v, tol, False))
    elif kind in ("calculated", "calculatedsimple"):
        q.type = "calculated"
        a = answers[0]
        q.formula = formula_from_moodle(_t(a, "text"))
        q.decimals = int(_t(a, "correctanswerlength") or 2)
        tol, ttype = float(_t(a, "tolerance") or 0), _t(a, "tolerancetype") or "1"
        if ttype == "1":
            q.numeric = [NumericAnswer(0, 0, None, round(tol * 100, 10), True)]
        else:
            q.numeric = [NumericAnswer(0, 0, None, tol, False)]
        for d in el.iterfind("dataset_definitions/dataset_definition"):
            decimals = int(_t(d, "decimals/text") or 0)
            q.variables.append(
                Variable(
                    _t(d, "name/text"),
                    float(_t(d, "minimum/text")),
                    float(_t(d, "maximum/text")),
                    10.0**-decimals,
                )
            )
    elif kind == "ordering":
        q.type = "sequence"
        q.choices = [Choice(_html(a, "text"), True) for a in answers]
    elif kind == "matching":
        q.type = "matching"
        for s in el.iterfind("subquestion"):
            q.pairs.append((_html(s, "text").strip(), html.escape(_t(s, "answer/text"))))
    elif kind == "essay":
        q.type = "essay"
        q.min_words = int(_t(el, "minwordlimit") or 0)
    elif kind == "multianswer":
        q.type = "blanks"
        gaps: list[Gap] = []
        selects = True

        def cloze(m: re.Match[str]) -> str:
            nonlocal selects
            sub = m.group(2).upper()
            parts = re.split(r"(?<!\\)~", m.group(3))
            right = [p for p in parts if p.startswith("=") or p.startswith("%100%")]
            wrong = [p for p in parts if p not in right]
            clean = [re.sub(r"^(=|%-?\d+(\.\d+)?%)", "", p) for p in right + wrong]
            clean = [re.sub(r"(?<!\\)#.*$", "", c) for c in clean]
            clean = [re.sub(r"\\(.)", r"\1", c).strip() for c in clean]
            if sub.startswith(("MULTICHOICE", "MC")):
                gaps.append(Gap(clean))
            else:
                selects = False
                gaps.append(Gap(clean[: len(right)]))
            return "{{" + str(len(gaps) - 1) + "}}"

        raw = re.sub(r"\{(\d*):([A-Z_]+):((?:\\.|[^}])*)\}", cloze, raw)
        if selects and gaps:
            q.type = "select"
        q.gaps = gaps
    elif kind in ("gapselect", "ddwtos"):
        q.type = "select" if kind == "gapselect" else "dragwords"
        tag = "selectoption" if kind == "gapselect" else "dragbox"
        options = [(_t(o, "text"), _t(o, "group") or "1") for o in el.iterfind(tag)]
        used: set[int] = set()
        gaps = []

        def place(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            used.add(k)
            text, group = options[k]
            others = [t for i, (t, g) in enumerate(options) if g == group and i != k]
            gaps.append(Gap([text, *others] if kind == "gapselect" else [text]))
            return "{{" + str(len(gaps) - 1) + "}}"

        raw = re.sub(r"\[\[(\d+)\]\]", place, raw)
        q.gaps = gaps
        if kind == "ddwtos":
            q.distractors = [t for i, (t, _) in enumerate(options) if i not in used]
    else:
        return None
    prompt, body = split_html(raw)
    if q.type in ("blanks", "select", "dragwords"):
        with_gap = [b for b in body if "{{" in getattr(b, "html", "")]
        if "{{" in prompt:
            q.text, q.prompt = prompt, text_of(prompt.split("{{")[0]) or q.id
        elif with_gap:
            q.text = getattr(with_gap[0], "html", "")
            q.text = re.sub(r"^<p>|</p>$", "", q.text)
            body = [b for b in body if b is not with_gap[0]]
            q.prompt = prompt
        q.body = body
    else:
        q.prompt, q.body = prompt, body
    return q
