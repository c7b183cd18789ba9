"""`oqu import pptx` on a 12-slide lecture deck, before and after (see docs/benchmarks.md).

    .venv/bin/python bench/import_speed.py [--runs 5] [--before REF] [--check]

The deck is ``lecture_deck()`` of tests/sources/pptx_decks.py: 12 slides, 16:9, made like a
lecturer's (photo title slide, contents, interactive slides, a table with notes, an org chart
drawn with connectors, a chart and a grouped drawing — the two slides that need a picture —
and a two-slide test). Each run is the real command, `python -m oqu.cli import pptx DECK --out
DIR` (rendering on, `--no-check` unless `--check`), in a new process, timed from outside; the
code of ``--before`` (a git ref, default ``main``, exported with ``git archive``) and of this
tree take turns, so both see the same load. Prints the median, min and max of each, the load
average before and after, and the lines the command printed on stderr (its progress).
"""

from __future__ import annotations

import argparse
import os
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


def run(src: Path, deck: Path, out: Path, check: bool) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "oqu.cli", "import", "pptx", str(deck), "--out", str(out)]
    if not check:
        cmd.append("--no-check")
    env = {**os.environ, "PYTHONPATH": str(src)}
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"import failed ({src}):\n{done.stderr}")
    shutil.rmtree(out)
    return elapsed, done.stderr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", default="main", help="git ref of the code to compare with")
    ap.add_argument("--check", action="store_true", help="also run oqu check (as by default)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="oqu-bench-") as tmp_name:
        tmp = Path(tmp_name)
        deck = lecture_deck(tmp / "lecture.pptx")
        trees = {f"before ({args.before})": export(args.before, tmp), "after": ROOT / "src"}
        print(f"deck: 12 slides, {deck.stat().st_size / 1e6:.1f} MB; load {os.getloadavg()}")
        times: dict[str, list[float]] = {name: [] for name in trees}
        stderr = ""
        for src in trees.values():  # warm-up: the disk cache, LibreOffice's libraries
            run(src, deck, tmp / "warm", args.check)
        for n in range(args.runs):
            for name, src in trees.items():
                elapsed, err = run(src, deck, tmp / f"out-{n}", args.check)
                times[name].append(elapsed)
                stderr = err if name == "after" else stderr
        print(f"load after {os.getloadavg()}")
        for name, values in times.items():
            print(
                f"{name}: median {statistics.median(values):.2f} s of {len(values)} "
                f"(min {min(values):.2f}, max {max(values):.2f})"
            )
        print("progress printed by 'after' on stderr:")
        print(stderr.rstrip())


if __name__ == "__main__":
    main()
