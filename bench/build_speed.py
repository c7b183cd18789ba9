"""Build-speed benchmarks: prints figures, asserts nothing (see docs/benchmarks.md).

    .venv/bin/python bench/build_speed.py [--runs N] [--slide-runs N] [--no-marp]

1. Cold build of examples/haccp-kk into all three outputs (SCORM 1.2 zip, SCORM 2004 zip, web
   folder): a new process per run; wall time and peak memory (max RSS) of that process.
2. Per-slide cost: generated sources with 10 and with 200 slides, (t200 - t10) / 190.
3. Peer: Marp CLI converting an equivalent Markdown deck (the same example's text) to one HTML
   file, cold, and the ratio Oqu / Marp.

Each timed command runs as the child of a fresh Python wrapper process, which reports the
child's wall time and ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` — so the peak memory is that of
the one run alone, and the wrapper's own start-up is not counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
EXAMPLE = ROOT / "examples" / "haccp-kk"
MARP = BENCH / "node_modules" / ".bin" / "marp"

TARGET_WALL_S = 1.0
TARGET_RSS_MB = 150.0
TARGET_PER_SLIDE_MS = 5.0

# Runs one command and prints {"wall": seconds, "maxrss_kb": ..., "rc": ..., "stderr": ...}.
_WRAPPER = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    cmd = json.loads(sys.argv[1])
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, cwd=sys.argv[2])
    wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "maxrss_kb": ru.ru_maxrss, "rc": p.returncode,
                      "user": ru.ru_utime, "sys": ru.ru_stime,
                      "stderr": p.stderr.decode("utf-8", "replace")[-3000:]}))
    """
)


@dataclass
class Series:
    label: str
    walls: list[float] = field(default_factory=list)  # seconds
    rss_mb: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + sys seconds

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mb(self) -> float:
        return max(self.rss_mb)


class BenchError(RuntimeError):
    pass


def measure_once(cmd: list[str], cwd: Path) -> dict[str, float | int | str]:
    """Run ``cmd`` under a fresh wrapper process; wall time and max RSS of that run alone."""
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, json.dumps(cmd), str(cwd)],
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, float | int | str] = json.loads(out.stdout)
    if data["rc"] != 0:
        raise BenchError(f"{' '.join(cmd)} failed (exit {data['rc']}):\n{data['stderr']}")
    return data


def measure(label: str, cmd: list[str], runs: int, cwd: Path, fresh: Path | None = None) -> Series:
    """``runs`` cold runs of ``cmd``; ``fresh`` (an output folder) is emptied before each."""
    s = Series(label)
    for _ in range(runs):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir(parents=True)
        d = measure_once(cmd, cwd)
        s.walls.append(float(d["wall"]))
        s.rss_mb.append(int(d["maxrss_kb"]) / 1024)
        s.cpu.append(float(d["user"]) + float(d["sys"]))
    return s


# --- the machine -------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        nproc = str(len(os.sched_getaffinity(0)))
    node = ""
    if shutil.which("node"):
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": nproc,
        "cpu": cpu,
        "memory": mem,
        "os": os_name,
        "python": platform.python_version(),
        "node": node,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# --- Oqu ---------------------------------------------------------------------------------------


def oqu_cmd(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("oqu")
    base = [str(script)] if script.exists() else [sys.executable, "-m", "oqu.cli"]
    return [*base, *args]


_IMAGE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" \
viewBox="0 0 640 360"><rect width="640" height="360" fill="#eef3f8"/>\
<g fill="#2a6fb0"><rect x="40" y="220" width="80" height="100"/><rect x="160" y="160" \
width="80" height="160"/><rect x="280" y="100" width="80" height="220"/><rect x="400" y="60" \
width="80" height="260"/></g><path d="M40 200 L200 140 L320 90 L520 40" stroke="#c0392b" \
stroke-width="6" fill="none"/><text x="320" y="345" font-size="18" text-anchor="middle" \
font-family="sans-serif">Process capability by stage</text></svg>
"""

_WORD_TEXT = (
    "temperature control process stage hazard sample measurement record operator line product "
    "quality limit monitoring verification cleaning storage transport supplier batch check "
    "procedure equipment calibration deviation action method result analysis team standard "
    "requirement document audit risk safety plan value time flow point step raw material "
    "packaging label customer inspection test laboratory report review training hygiene"
)
_WORDS = _WORD_TEXT.split()
_TERMS = ("control point", "critical limit", "verification", "monitoring", "deviation")
_KINDS = ("process", "tabs", "accordion", "flipcards", "reveal", "catalogue", "timeline")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 18))]
    if rng.random() < 0.4:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(_TERMS))
    if rng.random() < 0.2:
        words.insert(rng.randint(1, len(words) - 1), f"**{rng.choice(_WORDS)}**")
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, n: int) -> str:
    return textwrap.fill(" ".join(_sentence(rng) for _ in range(n)), 96)


def _interaction(rng: random.Random, kind: str, i: int) -> str:
    lines = [f":::{kind}", _paragraph(rng, 2), ""]
    lines += [f"![Bar chart of the process capability by stage, slide {i}](media/chart.svg)", ""]
    for k in range(4):
        head = f"{2000 + 5 * k} — stage {k + 1}" if kind == "timeline" else f"Stage {k + 1}"
        lines += [f"### {head}", _paragraph(rng, 2), ""]
    lines.append(":::")
    return "\n".join(lines)


def _quiz(rng: random.Random) -> str:
    q = [":::quiz {final=true pass=70}"]
    for k in range(5):
        q += [f"### Question {k + 1}: {_sentence(rng)[:-1]}?"]
        q += [f"- [{'x' if j == k % 4 else ' '}] {_sentence(rng)}" for j in range(4)]
        q.append("")
    q += [
        "{type=truefalse answer=true}",
        "### A critical limit separates acceptable from unacceptable product.",
        "",
        "{type=numeric}",
        "### What is the minimum pasteurisation temperature, in °C?",
        "- 72 ± 0.5",
        "",
        "{type=matching}",
        "### Match each record to its stage",
        "- Thermogram -> Pasteurisation",
        "- Acceptance log -> Raw milk reception",
        "- Cold-store log -> Storage",
        ":::",
    ]
    return "\n".join(q)


def generate_source(folder: Path, slides: int, seed: int = 1) -> Path:
    """A folder source with ``slides`` authored slides of realistic generated content.

    Every slide has paragraphs and a list; every third an image (the same file, reused), every
    fourth an interaction (kinds in rotation), every fifth a formula; units of ten slides; the
    last slide is the final quiz.
    """
    rng = random.Random(seed)
    (folder / "media").mkdir(parents=True, exist_ok=True)
    (folder / "media" / "chart.svg").write_text(_IMAGE_SVG, encoding="utf-8")
    meta = {
        "oqu": 1,
        "title": f"Benchmark course with {slides} slides",
        "type": "interactive-presentation",
        "language": "en",
        "university": {"name": "Almaty Technological University", "url": "https://atu.edu.kz"},
        "faculty": "Faculty of Food Technologies",
        "department": "Department of Food Technology and Safety",
        "discipline": "Food safety",
        "audience": "Year 2 students",
        "date": "2025-11-24",
        "description": "Generated content for build-speed benchmarks.",
        "keywords": ["benchmark"],
        "licence": "CC-BY-4.0",
        "authors": [{"name": "Bench Author", "email": "bench@example.org"}],
        "completion": "test",
        "glossary": [{"term": t, "definition": _sentence(random.Random(t))} for t in _TERMS],
        "media": {"media/chart.svg": {"source": "Own work", "licence": "CC0-1.0"}},
        "modules": [{"file": "01-module.md", "title": "Generated module"}],
    }
    (folder / "der.yaml").write_text(
        yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    body: list[str] = []
    authored = slides - 1  # the last one is the quiz
    for i in range(1, authored + 1):
        if i % 10 == 1:
            body += [f"# Unit {i // 10 + 1}. {_sentence(rng)[:-1]}", ""]
        body += [f"## Slide {i}: {' '.join(rng.choice(_WORDS) for _ in range(4))}", ""]
        body += [_paragraph(rng, 3), ""]
        body += [f"- {_sentence(rng)}" for _ in range(4)] + [""]
        if i % 5 == 0:
            body += [r"The heat load is $Q = m c \Delta t$ for a batch of mass $m$.", ""]
        if i % 4 == 0:
            body += [_interaction(rng, _KINDS[(i // 4) % len(_KINDS)], i), ""]
        elif i % 3 == 0:
            body += [f'![Bar chart of capability, slide {i}](media/chart.svg "Figure {i}.")', ""]
        body += [_paragraph(rng, 2), ""]
    body += ["## Final test", "", _quiz(rng), ""]
    (folder / "01-module.md").write_text("\n".join(body), encoding="utf-8")
    return folder


# --- Marp --------------------------------------------------------------------------------------

_ATTR_LINE = re.compile(r"^\{[^}]*\}\s*$")
_FENCE = re.compile(r"^:{3,}\s*([a-z]+)?(\s*\{.*\})?\s*$")


def marp_deck(src: Path) -> tuple[str, int]:
    """The example's text as a Marp deck: ``(markdown, slide count)``.

    Title and contents slides from der.yaml (as Oqu makes them), one slide per ``##`` heading
    with the same Markdown (attribute lines and ``:::`` fences dropped, items kept as ``###``
    headings), a glossary slide and a references slide (Oqu's output carries the glossary too).
    """
    meta = yaml.safe_load((src / "der.yaml").read_text(encoding="utf-8"))
    slides: list[str] = []
    authors = "\n".join(
        f"- {a['name']}, {a.get('position', '')} {a.get('degree', '')}".rstrip()
        for a in meta["authors"]
    )
    uni = meta.get("university", {}).get("name", "")
    slides.append(
        f"# {meta['title']}\n\n{uni}\n\n{meta.get('faculty', '')}\n\n{meta['department']}\n\n"
        f"{meta['discipline']}\n\n{authors}\n\n{meta['date']}"
    )
    topics = meta.get("topics") or [m["title"] for m in meta["modules"]]
    slides.append("## Мазмұны\n\n" + "\n".join(f"1. {t}" for t in topics))
    for mod in meta["modules"]:
        text = (src / mod["file"]).read_text(encoding="utf-8")
        current: list[str] | None = None
        for line in text.splitlines():
            if line.startswith("## "):
                if current is not None:
                    slides.append("\n".join(current).strip())
                current = [line]
                continue
            if current is None or _ATTR_LINE.match(line) or _FENCE.match(line):
                continue
            current.append(line)
        if current is not None:
            slides.append("\n".join(current).strip())
    glossary = meta.get("glossary") or []
    if glossary:
        slides.append(
            "## Глоссарий\n\n"
            + "\n".join(
                f"- **{g['term']}** — {' '.join(g['definition'].split())}" for g in glossary
            )
        )
    refs = meta.get("references") or {}
    if refs.get("basic") or refs.get("additional"):
        slides.append(
            "## Әдебиеттер\n\n"
            + "\n".join(f"1. {r}" for r in [*refs.get("basic", []), *refs.get("additional", [])])
        )
    front = "---\nmarp: true\npaginate: true\n---\n\n"
    return front + "\n\n---\n\n".join(slides) + "\n", len(slides)


def ensure_marp() -> str | None:
    """Path of the marp binary, installing bench/node_modules if needed; None to skip Marp."""
    if MARP.exists():
        return str(MARP)
    npm = shutil.which("npm")
    if npm is None:
        print("Marp skipped: npm is not installed (the Oqu figures are still valid).")
        return None
    print("Installing Marp CLI into bench/node_modules (npm ci --prefix bench)…", flush=True)
    p = subprocess.run(
        [npm, "ci", "--prefix", str(BENCH), "--no-audit", "--no-fund", "--loglevel=error"],
        capture_output=True,
        text=True,
    )
    if p.returncode != 0 or not MARP.exists():
        print(f"Marp skipped: npm ci failed:\n{p.stderr.strip()[-2000:]}")
        return None
    return str(MARP)


def marp_version() -> str:
    pkg = BENCH / "node_modules" / "@marp-team" / "marp-cli" / "package.json"
    try:
        return str(json.loads(pkg.read_text())["version"])
    except (OSError, ValueError, KeyError):
        return "?"


# --- report ------------------------------------------------------------------------------------


def _row(s: Series) -> str:
    w = s.walls
    return (
        f"| {s.label} | {len(w)} | {statistics.median(w):.3f} | {min(w):.3f} | {max(w):.3f} "
        f"| {statistics.median(s.cpu):.3f} | {s.peak_mb:.0f} |"
    )


def _ok(good: bool) -> str:
    return "met" if good else "**NOT met**"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--runs", type=int, default=10, help="cold runs per build (default 10)")
    ap.add_argument("--slide-runs", type=int, default=5, help="runs per generated size (default 5)")
    ap.add_argument("--no-marp", action="store_true", help="skip the Marp comparison")
    ap.add_argument("--json", type=Path, help="also write the raw figures to this file")
    args = ap.parse_args()
    m = machine()
    print(
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['os']}; "
        f"Python {m['python']}; node {m['node'] or '-'}; load average {m['load']}; {m['date']}",
        flush=True,
    )
    series: list[Series] = []
    results: dict[str, object] = {"machine": m}
    with tempfile.TemporaryDirectory(prefix="oqu-bench-") as tmp_s:
        tmp = Path(tmp_s)
        out = tmp / "out"
        # 0. floors: interpreter start-up and importing the CLI
        series.append(
            measure(
                "python start-up (`python -c pass`)",
                [sys.executable, "-c", "pass"],
                args.runs,
                ROOT,
            )
        )
        series.append(
            measure("import oqu.cli", [sys.executable, "-c", "import oqu.cli"], args.runs, ROOT)
        )
        # 1. the example, all three outputs, cold
        print(
            f"Building {EXAMPLE.relative_to(ROOT)} --format all, {args.runs} cold runs…", flush=True
        )
        haccp = measure(
            "oqu build haccp-kk --format all",
            oqu_cmd("build", str(EXAMPLE), "--format", "all", "--out", str(out)),
            args.runs,
            ROOT,
            fresh=out,
        )
        series.append(haccp)
        haccp_web = measure(
            "oqu build haccp-kk --format web",
            oqu_cmd("build", str(EXAMPLE), "--format", "web", "--out", str(out)),
            args.runs,
            ROOT,
            fresh=out,
        )
        series.append(haccp_web)
        # 2. per-slide cost
        sizes: dict[int, Series] = {}
        for n in (10, 200):
            src = generate_source(tmp / f"gen-{n}", n)
            print(f"Building a generated {n}-slide source, {args.slide_runs} runs…", flush=True)
            sizes[n] = measure(
                f"oqu build generated {n} slides --format all",
                oqu_cmd("build", str(src), "--format", "all", "--out", str(out)),
                args.slide_runs,
                ROOT,
                fresh=out,
            )
            series.append(sizes[n])
        per_slide_ms = (sizes[200].median - sizes[10].median) / 190 * 1000
        # 3. Marp
        marp = None if args.no_marp else ensure_marp()
        marp_s: Series | None = None
        deck_slides = 0
        if marp:
            deck, deck_slides = marp_deck(EXAMPLE)
            deck_dir = tmp / "marp"
            deck_dir.mkdir()
            (deck_dir / "deck.md").write_text(deck, encoding="utf-8")
            shutil.copytree(EXAMPLE / "media", deck_dir / "media")
            print(
                f"Marp CLI {marp_version()}: {deck_slides}-slide deck → HTML, "
                f"{args.runs} cold runs…",
                flush=True,
            )
            marp_cmd = [marp, "--no-stdin", "deck.md", "-o", "deck.html"]
            marp_s = measure(
                f"marp deck.md -o deck.html ({deck_slides} slides)", marp_cmd, args.runs, deck_dir
            )
            series.append(marp_s)

    # --- print
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    head = (
        "| command | runs | median s | min s | max s | CPU s (median) | peak RSS MB |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    table = "\n".join([head, *(_row(s) for s in series)])
    lines = [
        f"Measured {m['date']} on {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, {m['os']}, "
        f"Python {m['python']}" + (f", node {m['node']}" if m["node"] else "") + "; "
        f"load average {m['load']} before, {load_after} after.",
        "",
        table,
        "",
        f"- Cold build of haccp-kk, all three outputs: median **{haccp.median:.3f} s** "
        f"(target ≤ {TARGET_WALL_S:.1f} s: {_ok(haccp.median <= TARGET_WALL_S)}), peak RSS "
        f"**{haccp.peak_mb:.0f} MB** (target ≤ {TARGET_RSS_MB:.0f} MB: "
        f"{_ok(haccp.peak_mb <= TARGET_RSS_MB)}).",
        f"- Per-slide cost: (t200 − t10) / 190 = ({sizes[200].median:.3f} − "
        f"{sizes[10].median:.3f}) s / 190 = **{per_slide_ms:.2f} ms per slide** "
        f"(target ≤ {TARGET_PER_SLIDE_MS:.0f} ms: {_ok(per_slide_ms <= TARGET_PER_SLIDE_MS)}).",
    ]
    if marp_s is not None:
        lines.append(
            f"- Marp CLI {marp_version()} ({deck_slides}-slide deck → one HTML file): median "
            f"{marp_s.median:.3f} s. Ratio Oqu / Marp = **{haccp.median / marp_s.median:.2f}** "
            f"(all three outputs), {haccp_web.median / marp_s.median:.2f} (web folder only)."
        )
    else:
        lines.append("- Marp: skipped.")
    snippet = "\n".join(lines)
    print()
    print(table)
    print()
    print("Markdown for docs/benchmarks.md:")
    print("-" * 72)
    print(snippet)
    print("-" * 72)
    if args.json:
        results["series"] = [s.__dict__ for s in series]
        results["per_slide_ms"] = per_slide_ms
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"benchmark aborted: {e}", file=sys.stderr)
        sys.exit(1)
