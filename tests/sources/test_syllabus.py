"""Syllabi as universities write them → the weekly plan's topics; broken files → OQ140.

The fixtures (tests/sources/syllabi.py) are real DOCX files made by python-docx with the plan as
a table (three layouts), PDFs printed by WeasyPrint from the same syllabus as HTML and from each
DOCX, and plain text — each with
the header fields, learning outcomes and literature list that a line-per-topic reader took for
topics (issue 15, item 7).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from oqu.check import check
from oqu.cli import app
from oqu.diagnostics import SourceUnreadable
from oqu.sources.syllabus import parse_syllabus, read_syllabus
from tests.sources import syllabi
from tests.sources.syllabi import EN, KK, RU, Layout

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LAYOUTS = [KK, RU, EN]


def _text(layout: Layout, path: Path) -> Path:
    path.write_text(syllabi.text_syllabus(layout), "utf-8")
    return path


def _pdf_of(build: Callable[[Layout, Path], Path], layout: Layout, path: Path) -> Path:
    """The DOCX printed to PDF: table rows come out as one line, cells wrapped over lines."""
    return syllabi.docx_to_pdf(build(layout, path.with_suffix(".docx")), path)


BUILDERS: dict[str, tuple[str, Callable[[Layout, Path], Path]]] = {
    "docx-one-cell": (".docx", syllabi.docx_one_cell),
    "docx-rows": (".docx", syllabi.docx_rows),
    "docx-two-columns": (".docx", syllabi.docx_two_columns),
    "pdf": (".pdf", syllabi.pdf_syllabus),
    "pdf-of-docx-one-cell": (".pdf", lambda lay, p: _pdf_of(syllabi.docx_one_cell, lay, p)),
    "pdf-of-docx-rows": (".pdf", lambda lay, p: _pdf_of(syllabi.docx_rows, lay, p)),
    "pdf-of-docx-two-columns": (".pdf", lambda lay, p: _pdf_of(syllabi.docx_two_columns, lay, p)),
    "text": (".txt", _text),
}

# The issue's syllabus: a header and a literature list, no plan — five false topics before.
ISSUE_TEXT = (
    "СИЛЛАБУС\n"
    "Пәннің коды: TPT3201\n"
    "Кредит саны: 5\n"
    "Оқытушы: Әлиева Айгүл Сериковна, т.ғ.к.\n"
    "Әдебиеттер тізімі\n"
)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda x: x.lang)
@pytest.mark.parametrize("kind", list(BUILDERS))
def test_topics_come_from_the_weekly_plan(layout: Layout, kind: str, tmp_path: Path) -> None:
    suffix, build = BUILDERS[kind]
    path = build(layout, tmp_path / f"syllabus{suffix}")
    found = parse_syllabus(path)
    assert found.found == "plan"
    # lecture and practical topics of every week, in order; no header field, outcome,
    # independent-work line, control point or literature entry
    assert found.topics == syllabi.topics(layout)


def test_the_issue_syllabus_gives_one_clear_finding(tmp_path: Path) -> None:
    path = tmp_path / "syllabus.txt"
    path.write_text(ISSUE_TEXT, "utf-8")
    assert read_syllabus(path) == []
    report = check(EXAMPLES / "haccp-kk", syllabus=path)
    found = [d for d in report.findings if d.code == "7.6"]
    assert [d.variant for d in found] == ["no-plan"]
    assert found[0].severity == "warning"
    assert "күнтізбелік-тақырыптық жоспар" in found[0].message("kk")
    assert report.verdict == "pass"


def test_a_docx_syllabus_without_a_plan_table(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("Силлабус", 0)
    table = d.add_table(rows=3, cols=2)  # the header laid out as a table, as many do
    for row, (key, value) in zip(
        table.rows,
        [
            ("Код дисциплины", "TPT3201"),
            ("Количество кредитов", "5"),
            ("Преподаватель", "Петрова А. С."),
        ],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = key, value
    d.add_paragraph("Пререквизиты: Пищевая химия")
    d.add_paragraph("Список литературы")
    d.add_paragraph("1. Ауэрман Л. Я. Технология хлебопекарного производства. — СПб., 2009.")
    d.save(tmp_path / "s.docx")
    assert parse_syllabus(tmp_path / "s.docx").found == "none"


def test_a_plain_topic_list_is_still_a_topic_list(tmp_path: Path) -> None:
    path = tmp_path / "topics.txt"
    path.write_text("1. Банктік кредит түрлері\n2. Литература Казахстана XX века\n", "utf-8")
    assert parse_syllabus(path).found == "list"
    assert read_syllabus(path) == ["Банктік кредит түрлері", "Литература Казахстана XX века"]


def test_the_plan_decides_coverage(tmp_path: Path) -> None:
    path = syllabi.docx_rows(KK, tmp_path / "syllabus.docx")
    report = check(EXAMPLES / "haccp-kk", syllabus=path)
    missing = [d.message("kk") for d in report.findings if d.code == "7.6" and d.variant == ""]
    assert len(missing) == 1 and "ашытқысы" in missing[0]
    covered = next(d for d in report.findings if d.code == "7.6" and d.variant == "covered")
    assert "5 of 6" in covered.message("en")


# ── files that are not syllabi: a diagnostic, never a traceback ─────────────────────────────


def _bomb(path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000)  # 20 MB at ~1000:1
    path.write_bytes(buf.getvalue())


def _doctype(path: Path) -> None:
    syllabi.docx_one_cell(KK, path)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"?>", b'?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>', 1
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _scan(path: Path) -> None:
    """A "scanned" syllabus: a page that is one picture, no text layer."""
    from weasyprint import HTML

    svg = (
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='600' height='800'>"
        "<rect width='600' height='800' fill='%23eee'/><rect x='50' y='50' width='500' "
        "height='20' fill='%23333'/></svg>"
    )
    HTML(string=f"<img src=\"{svg}\" style='width:100%'>").write_pdf(path)


BROKEN: dict[str, tuple[str, Callable[[Path], object], str]] = {
    "empty-text": (".txt", lambda p: p.write_bytes(b""), "empty"),
    "blank-text": (".txt", lambda p: p.write_bytes(b" \n\t\n"), "empty"),
    "empty-docx": (".docx", lambda p: p.write_bytes(b""), "empty"),
    "not-a-zip": (
        ".docx",
        lambda p: p.write_bytes(b"This is not a Word document" * 10),
        "not a DOCX",
    ),
    "truncated-docx": (
        ".docx",
        lambda p: p.write_bytes(syllabi.docx_one_cell(KK, p).read_bytes()[:3000]),
        "not a DOCX",
    ),
    "zip-bomb": (".docx", _bomb, "zip bomb"),
    "doctype": (".docx", _doctype, "DOCTYPE"),
    "empty-docx-document": (".docx", lambda p: docx.Document().save(str(p)), "empty"),
    "damaged-pdf": (".pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj<<>>\n%%EO"), "damaged"),
    "scanned-pdf": (".pdf", _scan, "no text"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_syllabus_is_a_diagnostic(case: str, tmp_path: Path) -> None:
    suffix, make, reason = BROKEN[case]
    path = tmp_path / f"syllabus{suffix}"
    make(path)
    with pytest.raises(SourceUnreadable) as e:
        parse_syllabus(path)
    d = e.value.diagnostic
    assert d.code == "OQ140"
    assert reason in d.message("en")
    assert d.location.file == str(path)
    for lang in ("kk", "ru"):
        assert "{" not in d.message(lang) and d.message(lang) != d.message("en")


def test_cli_reports_a_broken_syllabus_without_a_traceback(tmp_path: Path) -> None:
    bomb = tmp_path / "syllabus.docx"
    _bomb(bomb)
    result = CliRunner().invoke(
        app, ["check", str(EXAMPLES / "haccp-kk"), "--syllabus", str(bomb), "--lang", "kk"]
    )
    assert result.exit_code == 2
    assert "OQ140" in result.output and "zip-бомба" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # typer.Exit(2), not a crash


def test_cli_reads_a_kazakh_docx_syllabus(tmp_path: Path) -> None:
    path = syllabi.docx_one_cell(KK, tmp_path / "syllabus.docx")
    result = CliRunner().invoke(
        app,
        ["check", str(EXAMPLES / "haccp-kk"), "--syllabus", str(path), "--format", "json"],
    )
    assert result.exit_code == 1, result.output  # one plan topic is not covered
    assert "Пәннің коды" not in result.output and "TPT3201" not in result.output
    assert "Нанның ашытқысы" in result.output
