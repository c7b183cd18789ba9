"""Slides Markdown cannot hold (charts, SmartArt, groups) → PNG through LibreOffice headless."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from PIL import Image

from oqu.sources.pptx import import_pptx
from tests.cli import oqu
from tests.sources.pptx_decks import chart_deck, form02_deck, messy_deck

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (apt-get install -y libreoffice-impress-nogui poppler-utils) not installed",
)


@pytest.fixture(scope="module")
def chart_cli(tmp_path_factory: pytest.TempPathFactory) -> tuple[CompletedProcess[str], Path]:
    """`oqu import pptx c.pptx --out o` once for the module: LibreOffice renders its chart slide
    (one soffice run, the slowest thing here); the tests read its output and its terminal."""
    tmp = tmp_path_factory.mktemp("chart-cli")
    out = tmp / "o"
    return oqu("import", "pptx", chart_deck(tmp / "c.pptx"), "--out", out), out


@needs_soffice
def test_chart_and_group_slides_are_rendered(
    chart_cli: tuple[CompletedProcess[str], Path], tmp_path: Path
) -> None:
    done, out = chart_cli
    assert done.returncode == 0, done.stderr
    assert "  slide 2 done (1/1)" in done.stderr.splitlines()  # rendered: slide 2 alone
    assert [p.name for p in (out / "media").glob("slide-*.png")] == ["slide-02.png"]
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
    done = oqu("build", out2, "--out", tmp_path / "d")
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


def _coloured_deck(path: Path) -> Path:
    """Five slides: 2 (red) and 5 (green) need a picture, 3 is hidden, 4 is plain text."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Pasteurisation"
    colours = {2: (220, 30, 30), 3: (30, 30, 220), 4: (240, 240, 240), 5: (30, 200, 30)}
    for n in range(2, 6):
        s = prs.slides.add_slide(prs.slide_layouts[5])
        s.shapes.title.text = f"Slide {n}"
        s.background.fill.solid()
        s.background.fill.fore_color.rgb = RGBColor(*colours[n])
        if n in (2, 3):
            data = CategoryChartData()
            data.categories = ["a", "b"]
            data.add_series("°C", (72.1, 71.8))
            s.shapes.add_chart(
                XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(6), Inches(5), Inches(3), Inches(2), data
            )
        if n == 3:
            s._element.set("show", "0")
        if n == 5:
            g = s.shapes.add_group_shape()
            g.shapes.add_shape(MSO_SHAPE.OVAL, Inches(7), Inches(5), Inches(1), Inches(1))
            g.shapes.add_shape(MSO_SHAPE.OVAL, Inches(8), Inches(5), Inches(1), Inches(1))
    prs.save(str(path))
    return path


@needs_soffice
def test_only_the_slides_that_need_a_picture_are_rendered_with_progress(tmp_path: Path) -> None:
    lines: list[str] = []
    result = import_pptx(
        _coloured_deck(tmp_path / "c.pptx"),
        tmp_path / "out",
        run_checker=False,
        progress=lines.append,
    )
    assert result.rendered == [2, 5]  # the hidden slide 3 is not shown, so not rendered
    for n, colour in ((2, (220, 30, 30)), (5, (30, 200, 30))):
        with Image.open(tmp_path / f"out/media/slide-{n:02d}.png") as im:
            corner = im.convert("RGB").getpixel((5, im.height - 5))
        assert all(abs(a - b) < 30 for a, b in zip(corner, colour, strict=True)), (n, corner)
    assert lines[0] == "c.pptx: 5 slides read"
    assert lines[1] == "LibreOffice is rendering 2 slide(s) to pictures: 2, 5"
    assert [x for x in lines if "done (" in x] == ["  slide 2 done (1/2)", "  slide 5 done (2/2)"]
    assert lines[-1].startswith("Done in ")


@needs_soffice
def test_the_cli_reports_progress_on_stderr_and_the_report_on_stdout(
    chart_cli: tuple[CompletedProcess[str], Path],
) -> None:
    done, _ = chart_cli
    assert done.returncode == 0, done.stderr
    lines = [x for x in done.stderr.splitlines() if "LibreOffice is working" not in x]
    assert lines[:3] == [
        "c.pptx: 2 slides read",
        "LibreOffice is rendering 1 slide(s) to pictures: 2",
        "  slide 2 done (1/1)",
    ]
    assert "Checking the result (oqu check)" in done.stderr
    assert done.stdout.startswith("# Import report: c.pptx")
    assert "rendering" not in done.stdout


def _fake_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``soffice`` and ``pdftoppm`` first on PATH, each start written to a log (and no PDF)."""
    bin_dir, log = tmp_path / "bin", tmp_path / "started.log"
    bin_dir.mkdir()
    for name in ("soffice", "pdftoppm"):
        tool = bin_dir / name
        tool.write_text(f'#!/bin/sh\necho {name} >> "{log}"\n', encoding="utf-8")
        tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return log


def test_a_deck_that_needs_no_picture_never_starts_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _fake_libreoffice(tmp_path, monkeypatch)
    lines: list[str] = []
    deck = form02_deck(tmp_path / "plain.pptx", "ru", video=False)
    result = import_pptx(deck, tmp_path / "plain", run_checker=False, progress=lines.append)
    assert result.rendered == [] and not log.exists()
    assert not any("LibreOffice" in x for x in lines), lines
    # the hook does see LibreOffice start when a slide needs a picture (a chart)
    import_pptx(chart_deck(tmp_path / "c.pptx"), tmp_path / "chart", run_checker=False)
    assert log.read_text("utf-8").split() == ["soffice"]  # once, and no PDF: no pdftoppm


def test_quiet_prints_no_progress_and_the_check_runs_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from oqu.cli import app

    def no_subprocess(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a subprocess was started: {args}")

    monkeypatch.setattr(subprocess, "run", no_subprocess)  # oqu check: in this process
    deck = str(form02_deck(tmp_path / "d.pptx", "ru", video=False))
    runner = CliRunner()
    quiet = runner.invoke(app, ["import", "pptx", deck, "--out", str(tmp_path / "q"), "-q"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == "" and quiet.stdout.startswith("# ")
    assert "- 10.1.3 error: " in quiet.stdout.split("oqu check")[-1]  # the checker's findings
    loud = runner.invoke(app, ["import", "pptx", deck, "--out", str(tmp_path / "l")])
    assert loud.stderr.splitlines()[0] == "d.pptx: прочитано слайдов: 10"
    assert "Проверка результата (oqu check)…" in loud.stderr
    told = ["import", "pptx", deck, "--out", str(tmp_path / "e"), "--no-check", "--lang", "en"]
    english = runner.invoke(app, told)  # progress in the user's language when told
    assert english.stderr.splitlines()[0] == "d.pptx: 10 slides read"
    assert english.stdout.startswith("# Отчёт об импорте: d.pptx")  # the report: the deck's
