"""`oqu import pptx` on a 12-slide lecture deck, before and after (see docs/benchmarks.md).

    .venv/bin/python bench/import_speed.py [--runs 5] [--before REF] [--check] [--photos]

The deck is ``lecture_deck()`` of tests/sources/pptx_decks.py: 12 slides, 16:9, made like a
lecturer's (photo title slide, contents, interactive slides, a table with notes, an org chart
drawn with connectors, a chart and a grouped drawing — the two slides that need a picture —
and a two-slide test). Each run is the real command, `python -m oqu.cli import pptx DECK --out
DIR` (rendering on, `--no-check` unless `--check`), in a new process, timed from outside; the
code of ``--before`` (a git ref, default ``main``, exported with ``git archive``) and of this
tree take turns, so both see the same load. Prints, for each, the median, min and max of the
wall-clock time and the median CPU time of the command and everything it started (LibreOffice,
pdftoppm: ``RUSAGE_CHILDREN``) — on a shared machine the CPU time is the steadier figure — the
load average before and after, and the lines the command printed on stderr (its progress).
``--photos`` adds the 30-slide deck with 40 photos of 1600×900 of bench/import_pptx.py, two of
its slides turned into charts (the slides that need a picture).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sources.pptx_decks import lecture_deck  # noqa: E402


def export(ref: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "src"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def photo_deck(path: Path) -> Path:
    """bench/import_pptx.py's 30 slides with 40 photos; slides 5 and 20 get a chart."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches
    from tests.sources.pptx_decks import many_slides_deck

    many_slides_deck(path, 30, images=40, size=(1600, 900))
    prs = Presentation(str(path))
    for n in (5, 20):
        data = CategoryChartData()
        data.categories = ["1", "2", "3"]
        data.add_series("°C", (72.1, 71.8, 72.4))
        prs.slides[n - 1].shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(4), Inches(4), Inches(3), data
        )
    prs.save(str(path))
    return path


def run(src: Path, deck: Path, out: Path, check: bool) -> tuple[float, float, str]:
    cmd = [sys.executable, "-m", "oqu.cli", "import", "pptx", str(deck), "--out", str(out)]
    if not check:
        cmd.append("--no-check")
    env = {**os.environ, "PYTHONPATH": str(src)}
    cpu, start = children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    elapsed, cpu = time.perf_counter() - start, children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"import failed ({src}):\n{done.stderr}")
    shutil.rmtree(out)
    return elapsed, cpu, done.stderr


def bench(name: str, deck: Path, trees: dict[str, Path], runs: int, check: bool, tmp: Path) -> None:
    print(f"{name}: {deck.stat().st_size / 1e6:.1f} MB; load {os.getloadavg()}")
    wall: dict[str, list[float]] = {tree: [] for tree in trees}
    cpu: dict[str, list[float]] = {tree: [] for tree in trees}
    stderr = ""
    for src in trees.values():  # warm-up: the disk cache, LibreOffice's libraries
        run(src, deck, tmp / "warm", check)
    for n in range(runs):
        for tree, src in trees.items():
            elapsed, used, err = run(src, deck, tmp / f"out-{n}", check)
            wall[tree].append(elapsed)
            cpu[tree].append(used)
            stderr = err if tree == "after" else stderr
    print(f"  load after {os.getloadavg()}")
    for tree, values in wall.items():
        print(
            f"  {tree}: wall median {statistics.median(values):.2f} s of {len(values)} "
            f"(min {min(values):.2f}, max {max(values):.2f}); "
            f"CPU median {statistics.median(cpu[tree]):.2f} s"
        )
    print("  progress printed by 'after' on stderr:")
    print("    " + stderr.rstrip().replace("\n", "\n    "))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", default="main", help="git ref of the code to compare with")
    ap.add_argument("--check", action="store_true", help="also run oqu check (as by default)")
    ap.add_argument("--photos", action="store_true", help="also the 30-slide deck of photos")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="oqu-bench-") as tmp_name:
        tmp = Path(tmp_name)
        trees = {f"before ({args.before})": export(args.before, tmp), "after": ROOT / "src"}
        deck = lecture_deck(tmp / "lecture.pptx")
        bench("12-slide lecture deck", deck, trees, args.runs, args.check, tmp)
        if args.photos:
            deck = photo_deck(tmp / "photos.pptx")
            bench("30 slides, 40 photos, 2 charts", deck, trees, args.runs, args.check, tmp)


if __name__ == "__main__":
    main()
