"""Write ``templates/certificates/certificate.docx``, the docxtpl template of form 01.

The template is generated from the variable table (:data:`variables.ROWS`) so it names exactly
the placeholders the PDF uses; the generated file is committed, so the Center can also open it
in Word, restyle it and commit it back (keep each ``{{ … }}`` tag in one run: type it in one go).
``tests/portal/certificates/test_certificates.py`` checks that the committed file carries every
placeholder of the table. Regenerate after changing the table:

    .venv/bin/python -m oqu.portal.certificates.make_docx_template
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

OUT = Path(__file__).resolve().parent / "templates" / "certificates" / "certificate.docx"
FONT = "DejaVu Sans"  # Word substitutes a font with Kazakh letters when it is missing


def _borders(cell: _Cell, on: bool) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if on else "nil")
        if on:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tc_pr.append(borders)


def _para(cell: _Cell, text: str, *, bold: bool = False, italic: bool = False,
          size: float = 9.5, center: bool = False, first: bool = False) -> None:  # fmt: skip
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def build() -> bytes:
    import io

    from oqu.portal.certificates.variables import BY_KEY, ROWS

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(20), Mm(16)
    section.top_margin, section.bottom_margin = Mm(16), Mm(18)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(9.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(1)
    style.paragraph_format.space_before = Pt(0)
    section.header.paragraphs[0].add_run("{{ t.form_code }}").font.size = Pt(7.5)

    head = doc.add_table(rows=1, cols=3)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, mid, right = head.rows[0].cells
    for cell, lang in ((left, "kk"), (right, "ru")):
        _para(cell, f"{{{{ t.ministry_{lang} }}}}", bold=True, size=8.5, center=True, first=True)
        _para(cell, f"{{{{ t.university_{lang} }}}}", bold=True, size=11, center=True)
    _para(mid, "АТУ", bold=True, size=12, center=True, first=True)
    head.autofit = False
    for column, cell, width in zip(head.columns, (left, mid, right), (Mm(75), Mm(24), Mm(75)),
                                   strict=True):  # fmt: skip
        column.width = cell.width = width

    titles = doc.add_table(rows=1, cols=2)
    kk, ru = titles.rows[0].cells
    _para(kk, "{{ t.title_kk }}", bold=True, size=14, center=True, first=True)
    _para(kk, "№ {{ number }}   {{ date }}", size=12, center=True)
    _para(ru, "{{ t.title_ru }}", bold=True, size=14, center=True, first=True)
    _para(ru, "№ {{ number }} {{ t.from_ru }} {{ date }}", size=12, center=True)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("{{ t.subject_kk }}").bold = True
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("{{ t.subject_ru }}").italic = True

    table = doc.add_table(rows=1 + len(ROWS), cols=3)
    widths = (Mm(9), Mm(60), Mm(105))
    hdr = table.rows[0].cells
    _para(hdr[0], "№", bold=True, center=True, first=True)
    _para(hdr[1], "{{ t.col_topic_kk }}", bold=True, center=True, first=True)
    _para(hdr[1], "{{ t.col_topic_ru }}", italic=True, center=True)
    _para(hdr[2], "{{ t.col_desc_kk }}", bold=True, center=True, first=True)
    _para(hdr[2], "{{ t.col_desc_ru }}", italic=True, center=True)
    for i, row in enumerate(ROWS, 1):
        n, label, value = table.rows[i].cells
        _para(n, f"{row.n}.", center=True, first=True)
        _para(label, row.label_kk, first=True)
        _para(label, row.label_ru, italic=True)
        first, *rest = row.keys
        _para(value, f"{{{{ {first} }}}}", first=True)
        for key in rest:
            var = BY_KEY[key]
            _para(value, f"{var.label_kk} / {var.label_ru}: {{{{ {key} }}}}")
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: what LibreOffice and Word lay out by
    for r in table.rows:
        for cell, width in zip(r.cells, widths, strict=True):
            cell.width = width
            _borders(cell, True)

    # docxtpl's paragraph-level tags ({%p … %}) drop their paragraphs: no empty line when unused.
    doc.add_paragraph("{%p if has_supersedes %}")
    doc.add_paragraph(
        "{{ t.supersedes_kk }}: № {{ supersedes }}. {{ t.supersedes_ru }} № {{ supersedes }}."
    )
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("").paragraph_format.space_after = Pt(8)
    foot = doc.add_table(rows=1, cols=2)
    sign, code = foot.rows[0].cells
    _para(sign, "{{ t.signature_kk }}", bold=True, first=True)
    _para(sign, "{{ t.signature_ru }}", italic=True)
    _para(sign, "")
    _para(sign, "________________  {{ director }}")
    _para(sign, "")
    _para(sign, "{{ verify_url }}", size=6)
    _para(code, "{{ qr }}", center=True, first=True)
    _para(code, "{{ t.verify_kk }}", size=6.5, center=True)
    _para(code, "{{ t.verify_ru }}", size=6.5, italic=True, center=True)
    foot.autofit = False
    for column, cell, width in zip(foot.columns, (sign, code), (Mm(124), Mm(50)), strict=True):
        column.width = cell.width = width

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def main() -> int:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oqu.portal.settings")
    os.environ.setdefault("OQU_DEBUG", "1")  # no SECRET_KEY needed: nothing is served
    django.setup()
    OUT.write_bytes(build())
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
