"""An imported bank → a DER source folder (der.yaml + one module with a ``:::quiz`` per category)
that ``oqu build`` and :func:`oqu.sources.der.load` accept (docs/format.md, "Tests and
questions")."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from oqu.assess.banks.common import Bank, md_escape, md_inline
from oqu.model.content import Html, Image, Question

_PLACEHOLDER = {
    "kk": ("Кафедраның толық атауы", "Автордың аты-жөні"),
    "ru": ("Полное название кафедры", "ФИО автора"),
    "en": ("Full name of the department", "Author's full name"),
}


def safe_media_name(name: str) -> str:
    """A file name for ``media/``: the last path part, with only safe characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[^\w.\-]", "_", base).lstrip(".") or "file"
    return base[:100]


def guess_language(text: str) -> str:
    if re.search(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", text):
        return "kk"
    return "ru" if re.search(r"[а-яА-ЯёЁ]", text) else "en"


def _num(x: float) -> str:
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def _raw(text: str) -> str:
    """A value the parser reads raw (accepted answers, gap words): one line, no list marker."""
    return re.sub(r"\s+", " ", text).strip()


def question_markdown(q: Question) -> str:
    attrs = [f"type={q.type}"] if q.type not in ("single", "multiple") else []
    if q.points != 1:
        attrs.append(f"points={_num(q.points)}")
    if q.type == "truefalse":
        attrs.append(f"answer={'true' if q.truth else 'false'}")
    if q.type == "short" and q.case_sensitive:
        attrs.append("case=true")
    if q.type == "calculated":
        attrs.append(f"decimals={q.decimals}")
    if q.type == "likert" and q.scale:
        attrs.append('scale="' + "|".join(s.replace('"', "'") for s in q.scale) + '"')
    if q.type == "essay" and q.min_words:
        attrs.append(f"words={q.min_words}")
    lines: list[str] = []
    if attrs:
        lines.append("{" + " ".join(attrs) + "}")
    lines.append("### " + (md_inline(q.prompt) or md_escape(q.id)))
    lines.append("")
    for b in q.body:
        if isinstance(b, Html) and b.text:
            lines += [md_inline(b.html), ""]
        elif isinstance(b, Image):
            lines += [f"![{md_escape(b.alt)}]({b.src})", ""]
    ans: list[str] = []
    if q.type in ("single", "multiple"):
        for c in q.choices:
            ans.append(f"- [{'x' if c.correct else ' '}] {md_inline(c.text)}")
            if c.feedback:
                ans.append("  " + md_inline(c.feedback))
    elif q.type == "short":
        ans = [f"- {_raw(a)}" for a in q.accepted]
    elif q.type == "numeric":
        for n in q.numeric:
            if n.value is None:
                ans.append(f"- {_num(n.low)}..{_num(n.high)}")
            elif n.tolerance:
                ans.append(f"- {_num(n.value)} ± {_num(n.tolerance)}{'%' if n.relative else ''}")
            else:
                ans.append(f"- {_num(n.value)}")
    elif q.type == "calculated":
        for v in q.variables:
            ans.append(f"- {v.name} = {_num(v.low)}..{_num(v.high)} step {_num(v.step)}")
        tol = ""
        if q.numeric and q.numeric[0].tolerance:
            t = q.numeric[0]
            tol = f" ± {_num(t.tolerance)}{'%' if t.relative else ''}"
        ans.append(f"- = {q.formula}{tol}")
    elif q.type in ("sequence",):
        ans = [f"{i}. {md_inline(c.text)}" for i, c in enumerate(q.choices, 1)]
    elif q.type == "likert":
        ans = [f"- {md_inline(c.text)}" for c in q.choices]
    elif q.type == "matching":
        ans = [
            f"- {md_inline(left)} -> {md_inline(right)}".replace("-  ->", "- ->")
            for left, right in q.pairs
        ]
    elif q.type in ("blanks", "select", "dragwords"):
        text = md_inline(q.text)
        for i, g in enumerate(q.gaps):
            text = text.replace(
                md_escape("{{" + str(i) + "}}"), "[[" + "|".join(_raw(a) for a in g.answers) + "]]"
            )
        ans = [text]
        if q.distractors:
            ans += ["", *(f"- {_raw(d)}" for d in q.distractors)]
    elif q.type == "hotspot":
        for r in q.regions:
            coords = " ".join(_num(c) for c in r.coords)
            ans.append(
                f"- [{'x' if r.correct else ' '}] {r.shape} {coords} {md_inline(r.label)}".rstrip()
            )
    lines += ans
    for kind, fb in (
        ("", q.feedback),
        ("correct", q.feedback_correct),
        ("incorrect", q.feedback_incorrect),
    ):
        if fb:
            lines += ["", *([f"{{feedback={kind}}}"] if kind else []), "> " + md_inline(fb)]
    for h in q.hints:
        lines += ["", "{feedback=hint}", "> " + md_inline(h)]
    return "\n".join(lines).rstrip() + "\n"


def write_source(
    bank: Bank, out: Path, *, lang: str | None = None, today: dt.date | None = None
) -> list[Path]:
    """Write ``out/der.yaml``, ``out/questions.md`` and ``out/media/*``; returns the files."""
    sample = bank.title + " ".join(q.prompt for q in bank.questions())
    lang = lang or guess_language(sample)
    department, author = _PLACEHOLDER[lang]
    meta = {
        "oqu": 1,
        "title": bank.title,
        "type": "assessment-materials",
        "language": lang,
        "department": department,
        "discipline": bank.title,
        "date": (today or dt.date.today()).isoformat(),
        "authors": [{"name": author}],
        "completion": "test",
        "modules": [{"file": "questions.md", "title": bank.title}],
    }
    md: list[str] = []
    for cat in bank.categories:
        md += [f"## {md_escape(cat.name)}", ""]
        opts = "" if cat.bank == "self" else f" {{bank={cat.bank}}}"
        md.append(f":::quiz{opts}")
        md.append("\n".join(question_markdown(q) for q in cat.questions).rstrip())
        md += [":::", ""]
    out.mkdir(parents=True, exist_ok=True)
    files = [out / "der.yaml", out / "questions.md"]
    files[0].write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), "utf-8")
    files[1].write_text("\n".join(md), "utf-8")
    for name, data in sorted(bank.media.items()):
        p = out / "media" / safe_media_name(name)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        files.append(p)
    return files
