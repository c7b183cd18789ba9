"""Slides → PNG with LibreOffice headless (PPTX → PDF) and poppler's ``pdftoppm`` (PDF → PNG).

LibreOffice runs with a private profile (a running soffice with the default profile makes
``--convert-to`` silently do nothing), in a temporary folder, with a time limit; its exit code
is not trusted — the output files must exist. ``--convert-to png`` would export slide 1 only,
hence the PDF step.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE_TIMEOUT = 240  # seconds for the whole deck
PDFTOPPM_TIMEOUT = 60  # seconds per page
WIDTH = 1600  # pixels of a rendered slide


class RenderError(Exception):
    """The slides could not be rendered; ``str(e)`` says why (for the report)."""


def tools() -> tuple[str, str] | None:
    """The paths of soffice and pdftoppm, or ``None`` when either is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        return None
    return soffice, pdftoppm


def render(deck: Path, pages: dict[int, int]) -> dict[int, bytes]:
    """Render the PDF ``pages`` (slide number → page number, 1-based) of ``deck`` to PNG."""
    found = tools()
    if found is None:
        raise RenderError("soffice or pdftoppm not found")
    soffice, pdftoppm = found
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
            "pdf",
            "--outdir",
            str(out),
            str(src),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False, cwd=tmp)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice took longer than {SOFFICE_TIMEOUT} s") from None
        except OSError as e:
            raise RenderError(f"LibreOffice did not start: {e}") from None
        pdf = out / "deck.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise RenderError("LibreOffice produced no PDF")
        images: dict[int, bytes] = {}
        for slide, page in sorted(pages.items()):
            prefix = tmp / f"page-{page}"
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
                continue
            png = prefix.with_suffix(".png")
            if png.is_file() and png.stat().st_size:
                images[slide] = png.read_bytes()
        if not images:
            raise RenderError("pdftoppm produced no PNG")
        return images
