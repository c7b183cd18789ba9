"""PowerPoint text → Markdown: escaping, runs (bold, italic, links), paragraphs and lists.

Everything a deck says is text to us, never syntax: Markdown's punctuation, ``$`` (formulas),
``{`` (attributes), ``:::`` (containers) and list markers at a line's start are escaped, so a
slide that reads ``1) Step`` or ``$5`` stays exactly that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, cast

from pptx.text.text import _Paragraph, _Run

Bullet = Literal["none", "bullet", "number"]

_ESC = re.compile(r"([\\`*_\[\]<>$|~{}#&!])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])")
_LEAD = re.compile(r"^([-+=:])")

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def esc(text: str, *, block: bool = True) -> str:
    """Escape ``text`` so Markdown shows it literally (one line; breaks become spaces).

    ``block=False`` for a heading or a table cell, where ``1.`` cannot start a list.
    """
    text = _ESC.sub(r"\\\1", " ".join(text.split()))
    return _line_start(text) if block else text


def _line_start(s: str) -> str:
    s = _LINE_START.sub(r"\1\2\\\3", s, count=1)
    return _LEAD.sub(r"\\\1", s, count=1)


@dataclass(slots=True)
class Para:
    md: str  # the paragraph as Markdown inline text (no list marker)
    plain: str  # the text as written
    level: int
    bullet: Bullet
    bold: bool  # every run with text is bold
    links: list[str]


LinkPolicy = Callable[[str], str | None]
"""Given a hyperlink address, the URL to keep (``None``: keep the text only)."""


def paragraph(p: _Paragraph, *, default_bullet: Bullet, links: LinkPolicy) -> Para:
    runs: list[tuple[str, bool, bool, str | None]] = []
    for child in p._p.iterchildren():
        tag = child.tag
        if tag == f"{A}r":
            run = _Run(cast(Any, child), p)
            url = None
            try:
                address = run.hyperlink.address
            except (KeyError, AttributeError):  # a relationship that is missing
                address = None
            if address:
                url = links(address)
            runs.append((run.text, run.font.bold is True, run.font.italic is True, url))
            if address and url is None:
                runs[-1] = (run.text, runs[-1][1], runs[-1][2], None)
        elif tag == f"{A}br":
            runs.append(("\n", False, False, None))
        elif tag == f"{A}fld":
            t = child.find(f"{A}t")
            if t is not None and t.text:
                runs.append((t.text, False, False, None))
    plain = "".join(r[0] for r in runs).replace("\v", "\n")
    texty = [r for r in runs if r[0].strip()]
    all_bold = bool(texty) and all(r[1] for r in texty)
    md = _compose(runs, skip_bold=False)
    return Para(
        md=md,
        plain=plain.strip(),
        level=p.level,
        bullet=_bullet(p, default_bullet),
        bold=all_bold,
        links=[r[3] for r in runs if r[3]],
    )


def _compose(runs: list[tuple[str, bool, bool, str | None]], *, skip_bold: bool) -> str:
    # merge neighbours with the same formatting
    merged: list[list[Any]] = []
    for text, bold, italic, url in runs:
        text = text.replace("\v", "\n")
        key = (bold and not skip_bold, italic, url)
        if merged and tuple(merged[-1][1:]) == key and text != "\n" and merged[-1][0] != "\n":
            merged[-1][0] += text
        else:
            merged.append([text, *key])
    out: list[str] = []
    for text, bold, italic, url in merged:
        if text == "\n":
            out.append("\\\n")
            continue
        lines = text.split("\n")
        pieces = []
        for line in lines:
            core = _ESC.sub(r"\\\1", re.sub(r"[ \t]+", " ", line))
            lead = core[: len(core) - len(core.lstrip())]
            trail = core[len(core.rstrip()) :]
            body = core.strip()
            if body:
                if italic:
                    body = f"*{body}*"
                if bold:
                    body = f"**{body}**"
                if url:
                    body = f"[{body}]({_url(url)})"
            pieces.append(lead + body + trail)
        out.append("\\\n".join(pieces))
    md = "".join(out).strip()
    md = re.sub(r"(\\\n)+$", "", md)
    # a break followed by text that would start a block: escape it too
    return "\\\n".join(_line_start(x.lstrip()) for x in md.split("\\\n"))


def _url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _bullet(p: _Paragraph, default: Bullet) -> Bullet:
    ppr = p._p.pPr
    if ppr is not None:
        for child in ppr.iterchildren():
            if child.tag == f"{A}buNone":
                return "none"
            if child.tag == f"{A}buAutoNum":
                return "number"
            if child.tag in (f"{A}buChar", f"{A}buBlip"):
                return "bullet"
    return default


def paras_to_md(paras: list[Para], *, indent: str = "") -> list[str]:
    """Paragraphs as Markdown blocks: plain paragraphs, bullet and numbered lists."""
    lines: list[str] = []
    prev: Bullet | None = None
    counters: dict[int, int] = {}
    for p in paras:
        if not p.md:
            continue
        if p.bullet == "none":
            if lines:
                lines.append("")
            lines.append(indent + p.md)
            prev = "none"
            counters.clear()
            continue
        if prev == "none" or prev is None:
            if lines:
                lines.append("")
            counters.clear()
        level = max(0, min(p.level, 5))
        for k in list(counters):
            if k > level:
                del counters[k]
        pad = indent + "   " * level
        body = p.md.replace("\\\n", "\\\n" + pad + "   ")
        if p.bullet == "number":
            counters[level] = counters.get(level, 0) + 1
            lines.append(f"{pad}{counters[level]}. {body}")
        else:
            counters.pop(level, None)
            lines.append(f"{pad}-  {body}")
        prev = p.bullet
    return lines
