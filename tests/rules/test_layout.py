"""Form 02's layout notes on packages (text over images, text styles), iSpring quizzes, PDF
syllabi: input → findings."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from oqu.check import check
from tests.rules.conftest import EXAMPLES, bare, ispring_like, make_zip, manifest12


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>t</title>{head}</head><body>{body}</body></html>"


def _package(path: Path, pages: dict[str, str]) -> Path:
    entries: dict[str, bytes | str] = dict(pages)
    entries["imsmanifest.xml"] = manifest12(next(iter(pages)), list(pages))
    return make_zip(path, entries)


def codes(report: object, rule: str) -> list[str]:
    return [d.variant for d in report.findings if d.code == rule]  # type: ignore[attr-defined]


ABS = "position:absolute;left:{l}px;top:{t}px;width:{w}px;height:{h}px"


def test_text_positioned_over_an_image_warns(tmp_path: Path) -> None:
    over = _page(
        f'<div><img src="a.png" style="{ABS.format(l=0, t=0, w=800, h=600)}">'
        f'<p style="{ABS.format(l=100, t=100, w=300, h=40)}">Пастерлеу режимі</p>'
        f'<p style="{ABS.format(l=0, t=620, w=300, h=40)}">Below the picture</p></div>'
    )
    report = check(_package(tmp_path / "o.zip", {"index.html": over}))
    found = [d for d in report.findings if d.code == "10.1.3/overlay"]
    assert [d.severity for d in found] == ["warning"]
    assert "Пастерлеу режимі" in found[0].message("en") and "a.png" in found[0].message("en")
    assert found[0].location.file.endswith("o.zip!index.html")


def test_text_on_a_background_image_warns(tmp_path: Path) -> None:
    page = _page("<div style=\"background-image:url('bg.jpg')\"><h1>Title</h1></div>")
    report = check(_package(tmp_path / "b.zip", {"index.html": page}))
    assert codes(report, "10.1.3/overlay") == [""]


def test_plain_page_has_no_overlay_and_consistent_styles(tmp_path: Path) -> None:
    report = check(bare(tmp_path / "bare.zip"))
    assert codes(report, "10.1.3/overlay") == []
    assert codes(report, "10.1.3/styles") == []
    assert "10.1.3/overlay" not in report.unchecked


def test_many_fonts_and_sizes_warn(tmp_path: Path) -> None:
    fonts = ["Arial", "'Times New Roman'", "Comic Sans MS", "Georgia", "Verdana"]
    spans = "".join(
        f'<span style="font-family:{f}, sans-serif;font-size:{12 + 2 * i}px">x</span>'
        for i, f in enumerate(fonts)
    )
    style = (
        "<style>h1{font-size:40px}h2{font-size:30px}p{font-size:9pt}small{font-size:7pt}</style>"
    )
    report = check(_package(tmp_path / "f.zip", {"index.html": _page(spans, style)}))
    found = {d.variant: d for d in report.findings if d.code == "10.1.3/styles"}
    assert set(found) == {"", "sizes"}
    assert "5 font families" in found[""].message("en")
    assert "9 font sizes" in found["sizes"].message("en")


def test_ispring_slide_css_is_read_and_js_slides_leave_overlay_unchecked(tmp_path: Path) -> None:
    report = check(ispring_like(tmp_path / "is.zip", slides=12))
    assert "10.1.3/overlay" in report.unchecked  # slides are data/slideN.js
    assert "10.1.3/styles" not in report.unchecked  # data/slideN.css is read
    assert codes(report, "10.1.3/styles") == []


def test_storyline_hides_layout(tmp_path: Path) -> None:
    from tests.rules.conftest import storyline_like

    report = check(storyline_like(tmp_path / "sl.zip"))
    assert {"10.1.3/overlay", "10.1.3/styles"} <= set(report.unchecked)


def test_oqu_sources_and_packages_have_one_style() -> None:
    report = check(EXAMPLES / "haccp-kk")
    assert codes(report, "10.1.3/overlay") == codes(report, "10.1.3/styles") == []
    assert "10.1.3/styles" not in report.unchecked


def _quizmaker(path: Path, kinds: list[str], style: str = "start") -> Path:
    doc = {
        "d": {
            "T": "Final",
            "sl": {"g": [{"i": "g1", "S": [{"i": str(i), "tp": k} for i, k in enumerate(kinds)]}]},
        }
    }
    blob = base64.b64encode(json.dumps(doc).encode()).decode()
    script = (
        f'QuizPlayer.start("{blob}");'
        if style == "start"
        else f'var data = "{blob[:60]}" +\n "{blob[60:]}";'
    )
    page = _page("<div id='quiz'></div>", f"<script>/* iSpring QuizMaker */{script}</script>")
    return _package(path, {"res/index.html": page, "data/player.js": "var p;"})


def test_ispring_quizmaker_question_count_and_kinds(tmp_path: Path) -> None:
    good = check(
        _quizmaker(
            tmp_path / "q.zip",
            ["MultipleChoice", "MultipleResponse", "TrueFalse", "Matching", "MultipleChoice"],
        )
    )
    assert good.subject.package and good.subject.package.tool == "ispring"
    assert "10.1.4" not in good.unchecked and codes(good, "10.1.4") == []
    few = check(_quizmaker(tmp_path / "f.zip", ["MultipleChoice"] * 3, style="var"))
    assert codes(few, "10.1.4") == ["count", "kinds"]


def test_ispring_without_a_readable_quiz_stays_unchecked(tmp_path: Path) -> None:
    page = _page("", "<script>QuizPlayer.start('not base64 at all');</script>")
    report = check(_package(tmp_path / "x.zip", {"res/index.html": page}))
    assert "10.1.4" in report.unchecked


def _tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF written by hand (Helvetica, WinAnsi: Latin text only)."""
    text = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({s}) '" for s in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_7_6_pdf_syllabus(haccp: Path, tmp_path: Path) -> None:
    from oqu.sources.syllabus import read_syllabus

    pdf = tmp_path / "syllabus.pdf"
    pdf.write_bytes(
        _tiny_pdf(
            ["1. HACCP principles and hazard analysis", "2. Sourdough fermentation technology"]
        )
    )
    topics = read_syllabus(pdf)
    assert topics == ["HACCP principles and hazard analysis", "Sourdough fermentation technology"]
    report = check(haccp, syllabus=pdf)
    assert [d.variant for d in report.findings if d.code == "7.6"].count("covered") == 1
