"""`oqu check` on a large iSpring Suite package (issue 14: 12 MB, 48 slides, under 3 s).

    PYTHONPATH=src .venv/bin/python bench/check_ispring.py [--runs 3]

The package is generated (tests/rules/ispring_make.py, from the file facts of the issue): a
48-slide Suite presentation published as SCORM 1.2 — title, contents, interactions (tabs,
process, timeline, hotspots, glossary), a scenario, content slides and a final quiz of 10
questions — with photo-like JPEGs (noise, which compresses like photos), the player's icons
and cut-out PNG fragments, about 12 MB in all. Timed: the whole command as a user runs it
(`python -m oqu.cli check PKG --format json`, a new process each time: imports and the XSD
compilation included), and `oqu.check.check` in one warm process.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.rules.ispring_make import deck, png, publish  # noqa: E402

from oqu.check import check  # noqa: E402


def _photo(width: int, height: int) -> bytes:
    """Full-resolution noise: sharp (no blur finding) and as incompressible as a photo."""
    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(
        out, "JPEG", quality=80
    )
    return out.getvalue()


def make(path: Path) -> Path:
    inter = ["iSpring.Tabs", "iSpring.Process", "iSpring.Timeline", "iSpring.Hotspots",
             "iSpring.Glossary"]  # fmt: skip
    kinds = ["MultipleChoice", "MultipleResponse", "TrueFalse", "Matching", "Sequence",
             "TypeIn", "Numeric", "FillInTheBlank", "DND", "MultipleChoiceText"]  # fmt: skip
    slides = deck(48, final=kinds, interactions=inter)
    extra: dict[str, bytes | str] = {}
    for i in range(20):
        extra[f"data/img{i}.jpg"] = _photo(1280, 720)
    for i in range(60):
        extra[f"data/skin/icon{i}.png"] = png(13, 13)
        extra[f"data/fragment{i}.png"] = png(120 + i, 90, alpha=True)
    return publish(path, slides, extra=extra, stored=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pkg = make(Path(tmp) / "ispring-48.zip")
        size = pkg.stat().st_size / 1_000_000
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        cmd = [sys.executable, "-m", "oqu.cli", "check", str(pkg), "--format", "json"]
        cli: list[float] = []
        data: dict[str, object] = {}
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
            cli.append(time.perf_counter() - start)
            data = json.loads(done.stdout)
        check(pkg)  # warm-up: the XSDs are compiled once per process
        warm: list[float] = []
        for _ in range(args.runs):
            start = time.perf_counter()
            report = check(pkg)
            warm.append(time.perf_counter() - start)
        subject = data["subject"]
        assert isinstance(subject, dict)
        print(f"{platform.python_implementation()} {platform.python_version()}, "
              f"{os.cpu_count()} CPUs")  # fmt: skip
        inter = subject["interactions"]
        print(f"package: {size:.1f} MB, {subject['slides']} slides, "
              f"{len(inter)} interactions, quizzes {subject['quizzes']}")  # fmt: skip
        print(f"verdict {data['verdict']}, exit {done.returncode}, "
              f"{len(report.findings)} findings, images: "
              f"{[d.variant for d in report.findings if d.code == '10.1.3/images']}")  # fmt: skip
        print("oqu check (CLI, new process): " + ", ".join(f"{t:.2f} s" for t in cli))
        print("check() in a warm process:    " + ", ".join(f"{t:.2f} s" for t in warm))


if __name__ == "__main__":
    main()
