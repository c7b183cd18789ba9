"""Question banks (9.3.1): a DER's tests as files for an electronic testing system, and back.

``export_bank(resource, fmt, diags)`` → bytes in Moodle XML, GIFT, Aiken or QTI 2.1 (a zip);
``read_bank(path, diags)`` → a :class:`Bank` from Moodle XML, GIFT or Aiken;
``write_source(bank, out)`` → a DER source folder that ``oqu build`` accepts. Whatever a format
cannot hold is a warning listing the question (OQ400/OQ401), never a silent loss.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from oqu.assess.banks import aiken, gift, moodle, qti
from oqu.assess.banks.common import Bank, Category
from oqu.assess.banks.source import write_source
from oqu.diagnostics import Diagnostics, diag
from oqu.model.content import Resource

__all__ = ["EXTENSIONS", "Bank", "Category", "bank_of", "export_bank", "read_bank", "write_source"]

ExportFormat = Literal["moodle-xml", "gift", "aiken", "qti21"]
EXTENSIONS: dict[str, str] = {
    "moodle-xml": ".xml",
    "gift": ".gift.txt",
    "aiken": ".aiken.txt",
    "qti21": ".qti.zip",
}
MAX_BANK_BYTES = 50 * 1024 * 1024


def bank_of(res: Resource) -> Bank:
    """Every quiz of the resource as a category (named after its slide), in order."""
    cats: list[Category] = []
    for slide in res.slides():
        for b in slide.walk():
            from oqu.model.content import Quiz

            if isinstance(b, Quiz):
                cats.append(Category(f"{slide.title or b.id} ({b.id})", list(b.questions), b.bank))
    return Bank(res.meta.title, cats, root=Path(res.root) if res.root else None)


def export_bank(bank: Bank, fmt: ExportFormat, diags: Diagnostics) -> bytes:
    writer = {
        "moodle-xml": moodle.export,
        "gift": gift.export,
        "aiken": aiken.export,
        "qti21": qti.export,
    }[fmt]
    return writer(bank, diags)


def read_bank(path: Path, diags: Diagnostics) -> Bank | None:
    """Read Moodle XML, GIFT or Aiken (told apart by content); None when it has errors."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError:
        diags.add(diag("OQ100", shown, path=shown))
        return None
    if len(data) > MAX_BANK_BYTES:
        diags.add(diag("OQ402", shown, 1, problem=f"> {MAX_BANK_BYTES // 2**20} MB", format="?"))
        return None
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    if head.startswith(b"<"):
        return _not_empty(moodle.read(path, data, diags), shown, diags)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        diags.add(diag("OQ101", shown, line, offset=e.start))
        return None
    aiken_like = re.search(r"^\s*(ANSWER:\s*[A-Z]|[A-Z][.)]\s+\S)", text, re.M)
    if aiken_like and "{" not in text:
        bank = aiken.read(path, text, diags)
    else:
        bank = gift.read(path, text, diags)
    return _not_empty(bank, shown, diags)


def _not_empty(bank: Bank | None, shown: str, diags: Diagnostics) -> Bank | None:
    if diags.has_errors:
        return None
    if bank is not None and not bank.questions():
        diags.add(diag("OQ402", shown, 1, problem="no questions found", format="GIFT/Aiken"))
        return None
    return bank
