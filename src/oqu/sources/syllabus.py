"""Reading a syllabus's topics for rule 7.6: a plain text list, a DOCX or a PDF.

Topic lines are the non-empty lines of the text; numbering ("1.", "2)", "Тақырып 3.",
"Тема 4:"), bullets and week/hour columns are stripped; headings without content and very short
lines are dropped. A DOCX is read with python-docx (paragraphs and table cells), a PDF with
pypdf (pure Python, no system libraries: it runs the same on every machine and in CI).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from oqu.diagnostics import SourceUnreadable, diag

__all__ = ["read_syllabus", "topic_lines"]

MAX_SYLLABUS = 30_000_000
_NUMBER = re.compile(
    r"^\s*(?:[-•*–·▪]\s*|(?:тақырып|тема|topic|апта|неделя|week|дәріс|лекция|lecture)?\s*"
    r"\d+(?:\.\d+)*\s*[.):-]?\s*)",
    re.IGNORECASE,
)
_TOPIC_WORD = re.compile(r"^(?:тақырып|тема|topic)\s*\d*\s*[.:)-]\s*", re.IGNORECASE)


def topic_lines(text: str) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        line = " ".join(raw.split())
        line = _TOPIC_WORD.sub("", line)
        line = _NUMBER.sub("", line).strip(" .;:-–")
        if len(line) < 8 or not any(ch.isalpha() for ch in line):
            continue
        key = line.casefold()
        if key not in seen:
            seen.add(key)
            out.append(line)
    return out


def read_syllabus(path: Path) -> list[str]:
    """The topics of a syllabus file; :class:`SourceUnreadable` (OQ100/OQ101) otherwise."""
    try:
        data = path.read_bytes()
    except OSError:
        raise SourceUnreadable(diag("OQ100", str(path), path=str(path))) from None
    if len(data) > MAX_SYLLABUS:
        raise SourceUnreadable(diag("OQ100", str(path), path=str(path)))
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            text = _docx_text(data)
        elif suffix == ".pdf":
            text = _pdf_text(data)
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SourceUnreadable(diag("OQ101", str(path), offset=e.start)) from None
    except Exception:  # a damaged DOCX/PDF: the libraries raise many kinds
        raise SourceUnreadable(diag("OQ100", str(path), path=str(path))) from None
    return topic_lines(text)


def _docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            # the widest cell of a row is the topic (others: week, hours)
            if cells:
                lines.append(max(cells, key=len))
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages[:200])
