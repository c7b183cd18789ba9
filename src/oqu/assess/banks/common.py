"""What every bank format shares: the bank being read or written, and HTML ↔ Markdown text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from oqu.diagnostics import Diagnostics, diag
from oqu.model.content import Block, Html, Image, Question

FORMAT_NAMES = {"moodle-xml": "Moodle XML", "gift": "GIFT", "aiken": "Aiken", "qti21": "QTI 2.1"}


@dataclass(slots=True)
class Category:
    """A group of questions: one quiz of the source, one category of the bank."""

    name: str
    questions: list[Question]
    bank: str = "self"


@dataclass(slots=True)
class Bank:
    title: str
    categories: list[Category]
    media: dict[str, bytes] = field(default_factory=dict)  # "media/x.png" → bytes
    root: Path | None = None  # source folder the question media paths are relative to

    def questions(self) -> list[Question]:
        return [q for c in self.categories for q in c.questions]


def cannot(diags: Diagnostics, q: Question, fmt: str) -> None:
    diags.add(diag("OQ400", q.loc.file, q.loc.line, id=q.id, kind=q.type, format=FORMAT_NAMES[fmt]))


def approx(diags: Diagnostics, q: Question, fmt: str, problem: str) -> None:
    diags.add(
        diag("OQ401", q.loc.file, q.loc.line, id=q.id, format=FORMAT_NAMES[fmt], problem=problem)
    )


def portable(fragment: str) -> str:
    """HTML for another system: links inside the DER (glossary, slides) become plain text."""
    return re.sub(r'<a\b[^>]*\bhref="#[^"]*"[^>]*>(.*?)</a>', r"\1", fragment, flags=re.S)


def nice(x: float) -> str:
    """A number as short text: 14, 0.1, 585.2 (12 significant digits, no float noise)."""
    x = float(f"{x:.12g}")
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)


def numeric_centre(
    low: float, high: float, value: float | None, tol: float, relative: bool
) -> tuple[float, float]:
    """``(value, absolute tolerance)`` for formats that write ``value:tolerance``."""
    if value is not None and not relative:
        return value, tol
    if value is not None:
        return value, abs(value) * tol / 100
    return (low + high) / 2, (high - low) / 2


def body_html(q: Question, image_src: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """The question's prompt and body as one HTML text, and the image paths it uses."""
    parts = [f"<p>{q.prompt}</p>"]
    images: list[str] = []
    for b in q.body:
        if isinstance(b, Html):
            parts.append(b.html)
        elif isinstance(b, Image):
            images.append(b.src)
            src = (image_src or {}).get(b.src, b.src)
            parts.append(f'<p><img src="{html.escape(src)}" alt="{html.escape(b.alt)}"></p>')
    return portable("".join(parts)), images


def text_of(fragment: str) -> str:
    """HTML → plain one-line text."""
    t = re.sub(r"<br\s*/?>", " ", fragment)
    t = re.sub(r"<[^>]*>", "", t)
    return re.sub(r"\s+", " ", html.unescape(t)).strip()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|!])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_text(segment: str) -> str:
    t = html.unescape(re.sub(r"<[^>]*>", "", segment))
    return md_escape(re.sub(r"\s+", " ", t))


def md_inline(fragment: str) -> str:
    """Inline HTML → one line of our Markdown (bold and italic kept; the rest as text)."""
    t = re.sub(r"<br\s*/?>|</p>\s*<p[^>]*>", " ", fragment)
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"</?(strong|b|em|i)\b[^>]*>", t):
        out.append(_md_text(t[pos : m.start()]))
        out.append("**" if m.group(1) in ("strong", "b") else "*")
        pos = m.end()
    out.append(_md_text(t[pos:]))
    return re.sub(r"\s+", " ", "".join(out)).strip()


def split_html(fragment: str) -> tuple[str, list[Block]]:
    """Imported question text → (prompt: first paragraph, body: the rest and the images)."""
    imgs = [
        Image(
            html.unescape(m.group(1)),
            html.unescape(alt.group(1)) if (alt := re.search(r'alt="([^"]*)"', m.group(0))) else "",
        )
        for m in re.finditer(r'<img\b[^>]*\bsrc="([^"]*)"[^>]*>', fragment)
    ]
    no_img = re.sub(r"<img\b[^>]*>", "", fragment)
    paras = [
        p
        for p in re.split(r"</?p\b[^>]*>|<br\s*/?>\s*<br\s*/?>|</?div\b[^>]*>", no_img)
        if text_of(p)
    ]
    if not paras:
        return "", list[Block](imgs)
    body: list[Block] = [Html(f"<p>{p.strip()}</p>", text_of(p)) for p in paras[1:]]
    body.extend(imgs)
    return paras[0].strip(), body
