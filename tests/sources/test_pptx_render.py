"""Slides Markdown cannot hold (charts, SmartArt, groups) → PNG through LibreOffice headless."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from oqu.sources.pptx import import_pptx
from tests.sources.pptx_decks import REPO, chart_deck, messy_deck

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (apt-get install -y libreoffice-impress-nogui poppler-utils) not installed",
)


@needs_soffice
def test_chart_and_group_slides_are_rendered(tmp_path: Path) -> None:
    out = tmp_path / "lesson"
    result = import_pptx(chart_deck(tmp_path / "chart.pptx"), out, run_checker=False)
    assert result.rendered == [2]
    md = (out / "01-lesson.md").read_text("utf-8")
    assert md.startswith(
        "## Temperature by batch\n\n"
        "![Picture of the slide 'Temperature by batch'](media/slide-02.png)\n"
    )
    # the chart's numbers stay in the source as a table, for search and screen readers
    assert "| Batch 2 | 71.8 |" in md
    with Image.open(out / "media/slide-02.png") as im:
        assert im.format == "PNG" and im.width == 1600
        lo, hi = im.convert("L").getextrema()
        assert hi - lo > 50  # something was drawn
    report = (out / "import-report.md").read_text("utf-8")
    assert "Slide 2 (chart) rendered to a picture by LibreOffice: media/slide-02.png" in report

    out2 = tmp_path / "messy"
    result = import_pptx(messy_deck(tmp_path / "messy.pptx"), out2, run_checker=False)
    assert result.rendered == [4]
    md = (out2 / "01-lesson.md").read_text("utf-8")
    assert "![Picture of the slide 'Grouped drawing'](media/slide-04.png)\n\nHazard" in md
    done = subprocess.run(
        [sys.executable, "-m", "oqu.cli", "build", str(out2), "--out", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_without_libreoffice_the_import_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    out = tmp_path / "lesson"
    result = import_pptx(chart_deck(tmp_path / "chart.pptx"), out, run_checker=False)
    assert result.rendered == []
    report = (out / "import-report.md").read_text("utf-8")
    assert "OQ313 Slide 2 was not rendered to an image: LibreOffice not found" in report
    assert "LibreOffice (soffice) not found: complex slides were not rendered" in report
    assert "| Batch 1 | 72.1 |" in (out / "01-lesson.md").read_text("utf-8")
