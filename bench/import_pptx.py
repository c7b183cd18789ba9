"""PowerPoint import benchmark: prints figures, asserts nothing (see docs/benchmarks.md).

    .venv/bin/python bench/import_pptx.py [--runs N] [--render-runs N]

1. A 30-slide deck with 40 photo-like JPEG images of 1600×900 (generated with Pillow) imported
   without rendering (`render_slides=False`, no checker): median and spread of N runs, in this
   process (python-pptx and the importer already loaded). Target: ≤ 3 s.
2. When LibreOffice is installed: a deck of 10 chart slides imported with rendering; the time
   per rendered slide = (t_render − t_no_render) / 10, LibreOffice's start-up included.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pptx import Presentation  # noqa: E402
from pptx.chart.data import CategoryChartData  # noqa: E402
from pptx.enum.chart import XL_CHART_TYPE  # noqa: E402
from pptx.util import Inches  # noqa: E402
from tests.sources.pptx_decks import many_slides_deck  # noqa: E402

from oqu.sources.pptx import import_pptx  # noqa: E402


def timed(deck: Path, work: Path, render: bool) -> float:
    out = work / f"out-{time.perf_counter_ns()}"
    start = time.perf_counter()
    import_pptx(deck, out, render_slides=render, run_checker=False)
    elapsed = time.perf_counter() - start
    shutil.rmtree(out)
    return elapsed


def chart_deck(path: Path, slides: int) -> Path:
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Pasteurisation records"
    for n in range(slides):
        s = prs.slides.add_slide(prs.slide_layouts[5])
        s.shapes.title.text = f"Line {n + 1}: temperature by batch"
        data = CategoryChartData()
        data.categories = [f"Batch {i}" for i in range(1, 7)]
        data.add_series("°C", [72 + ((i * 7 + n) % 10) / 10 for i in range(6)])
        s.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1.5), Inches(8), Inches(5), data
        )
    prs.save(str(path))
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--render-runs", type=int, default=3)
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="oqu-bench-") as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        deck = many_slides_deck(tmp / "deck30.pptx", 30, images=40, size=(1600, 900))
        made = time.perf_counter() - t0
        mb = deck.stat().st_size / 1e6
        print(f"deck: 30 slides, 40 images of 1600x900, {mb:.1f} MB (made in {made:.1f} s)")
        timed(deck, tmp, render=False)  # warm-up: imports, caches
        runs = [timed(deck, tmp, render=False) for _ in range(args.runs)]
        med = statistics.median(runs)
        print(
            f"import without rendering: median {med:.2f} s of {args.runs} runs "
            f"(min {min(runs):.2f}, max {max(runs):.2f}); target <= 3 s: "
            + ("met" if med <= 3 else "NOT met")
        )
        if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
            print("rendering: LibreOffice or pdftoppm not installed, skipped")
            return
        n = 10
        charts = chart_deck(tmp / "charts.pptx", n)
        plain = statistics.median([timed(charts, tmp, render=False) for _ in range(3)])
        rendered = [timed(charts, tmp, render=True) for _ in range(args.render_runs)]
        per = (statistics.median(rendered) - plain) / n
        print(
            f"rendering: {n} chart slides, median {statistics.median(rendered):.2f} s with "
            f"rendering vs {plain:.2f} s without -> {per:.2f} s per rendered slide "
            "(LibreOffice start-up included)"
        )


if __name__ == "__main__":
    main()
