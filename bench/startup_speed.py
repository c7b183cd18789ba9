"""Start-up benchmark: the `oqu` command, cold, beside Marp CLI (see docs/benchmarks.md).

    .venv/bin/python bench/startup_speed.py [--runs 7] [--no-marp]

Each run starts a new process for each command, in turn (so a burst of load on the machine hits
every command alike), and measures its whole life with a wall clock, plus the CPU time
(user + sys) it used. Printed: the median and the range of each, over ``--runs`` runs.

1. ``oqu --help``
2. ``oqu build examples/haccp-kk --format all --out TMP`` (SCORM 1.2 zip, SCORM 2004 zip, web)
3. Marp CLI on the same example as a Markdown deck (bench/build_speed.py's ``marp_deck``: title,
   contents, one slide per section, glossary, references) → one HTML file, installed with npm
   into bench/.work/marp/ (never into the project's node_modules).

"Cold" means a new process with nothing loaded — the way a person runs the command. The files
are in the page cache and the bytecode is compiled (an untimed first run of each command does
both), as for an installed package. The tree measured is this one (``PYTHONPATH=src``).
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
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_speed import machine, marp_deck  # a sibling script, not a package

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "haccp-kk"
MARP_DIR = ROOT / "bench" / ".work" / "marp"
MARP = MARP_DIR / "node_modules" / ".bin" / "marp"

TARGET_HELP_S = 0.15
TARGET_BUILD_S = 0.30


@dataclass
class Series:
    label: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    def line(self) -> str:
        w, c = self.walls, self.cpus
        return (
            f"{self.label:<58} wall {statistics.median(w):6.3f} s "
            f"({min(w):.3f}–{max(w):.3f})  cpu {statistics.median(c):6.3f} s"
        )


def run_once(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process running ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def ensure_marp() -> str | None:
    """The marp binary under bench/.work/marp/, installed from bench's lockfile if missing."""
    if MARP.exists():
        return str(MARP)
    if not shutil.which("npm"):
        print("Marp skipped: npm is not installed.")
        return None
    MARP_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / "bench" / name, MARP_DIR / name)
    print("Installing Marp CLI into bench/.work/marp (npm ci)…", flush=True)
    done = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=MARP_DIR, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0 or not MARP.exists():
        print(f"Marp skipped: npm ci failed:\n{done.stderr.strip()[-2000:]}")
        return None
    return str(MARP)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=7, help="cold runs of each command (default 7)")
    ap.add_argument("--no-marp", action="store_true", help="skip the Marp comparison")
    ap.add_argument(
        "--src", type=Path, default=ROOT / "src", help="the oqu sources to measure (default: src/)"
    )
    ap.add_argument(
        "--before",
        nargs=2,
        metavar=("PYTHON", "SRC"),
        help="also time the build of another tree with another interpreter, in the same runs "
        "(e.g. .venv/bin/python /tmp/old/src)",
    )
    args = ap.parse_args()

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    src = args.src.resolve()
    env["PYTHONPATH"] = str(src)
    script = Path(sys.executable).with_name("oqu")
    oqu = [str(script)] if script.exists() else [sys.executable, "-m", "oqu.cli"]
    where = subprocess.run(
        [sys.executable, "-c", "import oqu; print(oqu.__file__)"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not where.startswith(str(src)):
        raise SystemExit(f"measuring {where}, not this tree")

    m = machine()
    print(f"Measuring {where}")
    print(
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['os']}; "
        f"Python {m['python']}; node {m['node'] or '-'}; load average {m['load']}; {m['date']}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="oqu-startup-") as tmp_s:
        tmp = Path(tmp_s)
        commands: list[tuple[Series, list[str], Path, dict[str, str]]] = [
            (Series("python -c pass (the floor)"), [sys.executable, "-c", "pass"], ROOT, env),
            (Series("oqu --help"), [*oqu, "--help"], ROOT, env),
            (
                Series("oqu build examples/haccp-kk --format all"),
                [*oqu, "build", str(EXAMPLE), "--format", "all", "--out", str(tmp / "out")],
                ROOT,
                env,
            ),
        ]
        if args.before:
            python, other = Path(args.before[0]), Path(args.before[1]).resolve()
            script = python.with_name("oqu")
            before = [str(script)] if script.exists() else [str(python), "-m", "oqu.cli"]
            build = [*before, "build", str(EXAMPLE), "--format", "all", "--out", str(tmp / "old")]
            label = f"before: {other.parent.name}/{other.name}, {python.parent.parent.name}"
            commands.append((Series(label), build, ROOT, {**env, "PYTHONPATH": str(other)}))
        marp = None if args.no_marp else ensure_marp()
        if marp:
            deck, slides = marp_deck(EXAMPLE)
            (tmp / "marp").mkdir()
            (tmp / "marp" / "deck.md").write_text(deck, encoding="utf-8")
            version = subprocess.run([marp, "--version"], capture_output=True, text=True)
            words = version.stdout.split()
            label = f"Marp CLI {words[1] if len(words) > 1 else '?'}, "
            label += f"{slides}-slide deck → HTML"
            commands.append(
                (
                    Series(label),
                    [marp, "--no-stdin", "deck.md", "-o", "deck.html"],
                    tmp / "marp",
                    env,
                )
            )
        for _, cmd, cwd, cmd_env in commands:  # untimed: compiles bytecode, fills the page cache
            run_once(cmd, cwd, cmd_env)
        for n in range(args.runs):
            print(f"run {n + 1}/{args.runs}", end="\r", flush=True, file=sys.stderr)
            for series, cmd, cwd, cmd_env in commands:
                wall, cpu = run_once(cmd, cwd, cmd_env)
                series.walls.append(wall)
                series.cpus.append(cpu)
        print(f"Medians over {args.runs} cold runs each, interleaved (range in brackets):")
        for series, _, _, _ in commands:
            print("  " + series.line())
        help_s = statistics.median(commands[1][0].walls)
        build_s = statistics.median(commands[2][0].walls)
        print(
            f"Target oqu --help ≤ {TARGET_HELP_S} s: "
            f"{'met' if help_s <= TARGET_HELP_S else 'NOT met'}"
        )
        print(
            f"Target oqu build ≤ {TARGET_BUILD_S} s: "
            f"{'met' if build_s <= TARGET_BUILD_S else 'NOT met'}"
        )
        if marp:
            marp_s = statistics.median(commands[-1][0].walls)
            print(f"Marp / oqu build: {marp_s / build_s:.2f}×")
        print(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
