"""Slides → PNG with LibreOffice headless (PPTX → PDF) and poppler's ``pdftoppm`` (PDF → PNG).

Only the slides that need a picture are rendered: one LibreOffice process exports just those
pages (the PDF filter's ``PageRange``), then ``pdftoppm`` turns each page of that small PDF into
a PNG, reporting each one. LibreOffice runs with a private profile (a running soffice with the
default profile makes ``--convert-to`` silently do nothing), in a temporary folder, with a time
limit; its exit code is not trusted — the output files must exist. ``--convert-to png`` would
export slide 1 only, hence the PDF step. A LibreOffice that ignores ``PageRange`` (older than
7.4) exports every page: the pages are then picked by their numbers.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SOFFICE_TIMEOUT = 240  # seconds for the whole deck
PDFTOPPM_TIMEOUT = 60  # seconds per page
WIDTH = 1600  # pixels of a rendered slide
HEARTBEAT = 2.0  # seconds between "still rendering" reports


class RenderError(Exception):
    """The slides could not be rendered; ``str(e)`` says why (for the report)."""


def tools() -> tuple[str, str] | None:
    """The paths of soffice and pdftoppm, or ``None`` when either is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        return None
    return soffice, pdftoppm


def render(
    deck: Path,
    pages: dict[int, int],
    progress: Callable[[int, int, int], None] | None = None,
    waiting: Callable[[float], None] | None = None,
) -> dict[int, bytes]:
    """Render the PDF ``pages`` (slide number → page number, 1-based) of ``deck`` to PNG.

    ``progress(slide, done, total)`` is called as each picture is made; ``waiting(seconds)``
    every few seconds while LibreOffice works.
    """
    found = tools()
    if found is None:
        raise RenderError("soffice or pdftoppm not found")
    if not pages:
        return {}
    soffice, pdftoppm = found
    wanted = sorted(pages.items(), key=lambda sp: sp[1])
    # PageRange counts every slide, hidden ones too (which the PDF then leaves out)
    page_range = ",".join(str(slide) for slide, _ in wanted)
    options = json.dumps({"PageRange": {"type": "string", "value": page_range}})
    with tempfile.TemporaryDirectory(prefix="oqu-render-") as tmp_name:
        tmp = Path(tmp_name)
        src = tmp / "deck.pptx"
        shutil.copyfile(deck, src)
        out = tmp / "out"
        out.mkdir()
        cmd = [
            soffice,
            f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            f"pdf:impress_pdf_Export:{options}",
            "--outdir",
            str(out),
            str(src),
        ]
        _run_soffice(cmd, tmp, waiting)
        pdf = out / "deck.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise RenderError("LibreOffice produced no PDF")
        count = _page_count(pdf)
        # the PDF holds the wanted pages in order, or (PageRange ignored) the whole deck
        in_pdf = {
            slide: (i + 1 if count == len(wanted) else page)
            for i, (slide, page) in enumerate(wanted)
        }
        images: dict[int, bytes] = {}
        for done, (slide, page) in enumerate(sorted(in_pdf.items(), key=lambda sp: sp[1]), 1):
            png = _page_png(pdftoppm, pdf, page, tmp / f"page-{page}")
            if png is not None:
                images[slide] = png
            if progress is not None:
                progress(slide, done, len(in_pdf))
        if not images:
            raise RenderError("pdftoppm produced no PNG")
        return images


def _run_soffice(cmd: list[str], cwd: Path, waiting: Callable[[float], None] | None) -> None:
    start = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    except OSError as e:
        raise RenderError(f"LibreOffice did not start: {e}") from None
    while True:
        try:
            proc.wait(timeout=HEARTBEAT)
            return
        except subprocess.TimeoutExpired:
            elapsed = time.monotonic() - start
            if elapsed >= SOFFICE_TIMEOUT:
                proc.kill()
                proc.wait()
                raise RenderError(f"LibreOffice took longer than {SOFFICE_TIMEOUT} s") from None
            if waiting is not None:
                waiting(elapsed)


def _page_count(pdf: Path) -> int:
    """The number of pages, from the PDF's page objects (no parser needed for our own PDF)."""
    data = pdf.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def _page_png(pdftoppm: str, pdf: Path, page: int, prefix: Path) -> bytes | None:
    try:
        subprocess.run(
            [
                pdftoppm,
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                "-scale-to-x",
                str(WIDTH),
                "-scale-to-y",
                "-1",
                str(pdf),
                str(prefix),
            ],
            capture_output=True,
            timeout=PDFTOPPM_TIMEOUT,
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError):
        return None
    png = prefix.with_suffix(".png")
    if png.is_file() and png.stat().st_size:
        return png.read_bytes()
    return None
