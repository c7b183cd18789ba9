"""Player benchmarks: prints figures, asserts nothing (see docs/benchmarks.md).

    .venv/bin/python bench/player_speed.py [--runs 10] [--rounds 1] [--no-peers] [--marp]

1. Size: the player's own JS + CSS as a package ships them (``player_css()``, the page's
   ``<style>``, and ``oqu.packaging.site.player_files()``, minified), gzip level 9, in total;
   and the source files as written.
2. Cold loads from 127.0.0.1 (a new browser context each time, the server sends ``no-store``) in
   headless Debian Chromium, **interleaved**: each of ``--runs`` turns loads every page once (in
   a new order each turn, the same orders in every run), so the shared machine's load falls on
   every page alike; the first paint's ratio to the blank page's is also given turn by turn
   (the median of each turn's two loads' ratio). Per load: first paint and first
   contentful paint (the ``paint`` entries), the largest contentful paint, DOMContentLoaded and
   the load event (navigation timing, from the start of navigation). The harness runs no script
   in a page until ``SETTLE_S`` after its load event, and Chromium's address-bar popup page is
   off (see ``ARGS``). Pages: examples/haccp-kk's web folder, a blank page (one line of text),
   the floor (the example's title slide, its text alone, as bare HTML), and the peers:
   reveal.js showing the same slides (Markdown rendered to ``<section>`` elements here) and
   the H5P player (h5p-standalone) showing one text — both installed by npm into
   bench/.work/peers; Marp CLI's HTML with ``--marp``.
3. Slide change: the time from the call that moves to the next slide to the end of style and
   layout (synchronous), and to the next animation frame; median over the deck's slides.
``--rounds N`` repeats 2 (and 3 once) N times and prints each round's medians and the load
average, then the medians over the rounds.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PEERS = BENCH / ".work" / "peers"  # npm install --prefix here (never the shared node_modules)
PEER_PACKAGES = ("reveal.js@6.0.2", "h5p-standalone@3.8.2")
EXAMPLE = ROOT / "examples" / "haccp-kk"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Chromium 156 builds its address bar's popup as a web page (chrome://omnibox-popup) in every
    # new window, and each cold load here is a new window: its renderer ran 80-120 ms of script
    # on the 2 CPUs during the page's first frame, late pages more than early ones. A learner's
    # browser built it once, long before. Off for every page alike (docs/benchmarks.md,
    # "Session 9").
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup",
]
# After the load event the harness waits this long before it runs any script in the page:
# Playwright's own script (compiled at the first evaluate, 12-20 ms of CPU) otherwise ran
# beside the page's first frame whenever that frame came after the load event.
SETTLE_S = 0.5
TARGET_KB = 40.0
TARGET_PAINT_RATIO = 1.3  # Oqu's first paint / a blank page's, same run
TARGET_LOAD_MS = 200.0
TARGET_CHANGE_MS = 50.0

sys.path.insert(0, str(BENCH))
from build_speed import ensure_marp, machine, marp_deck, marp_version  # noqa: E402

# Paint entries, waiting (at most 5 s) for the first contentful paint; the largest contentful
# paint so far (what a first paint that showed less would give away); then navigation timing.
TIMINGS = """() => new Promise((done) => {
  let lcp = null;  // only an observer sees these entries; buffered ones arrive in a task
  new PerformanceObserver((l) => { for (const e of l.getEntries()) lcp = e.startTime; })
    .observe({type: 'largest-contentful-paint', buffered: true});
  const finish = () => {
    const p = Object.fromEntries(
      performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
    const n = performance.getEntriesByType('navigation')[0];
    done({fp: p['first-paint'] ?? null, fcp: p['first-contentful-paint'] ?? null, lcp,
          dcl: n.domContentLoadedEventEnd, load: n.loadEventStart});
  };
  const seen = (entries) => {
    if (entries.some((x) => x.name === 'first-contentful-paint')) setTimeout(finish, 50);
  };
  new PerformanceObserver((l) => seen(l.getEntries())).observe({type: 'paint', buffered: true});
  setTimeout(finish, 5000);
})"""

# window.__next() moves one slide on; both timings are taken inside the page.
CHANGE = """async () => {
  const t0 = performance.now();
  window.__next();
  document.body.getBoundingClientRect();  // style and layout, now
  const sync = performance.now() - t0;
  await new Promise((r) => requestAnimationFrame(() => r()));
  return [sync, performance.now() - t0];
}"""

NEXT = {
    "oqu": "window.__next = () => Oqu.go(Oqu.slide() + 1)",
    "reveal": "window.__next = () => Reveal.next()",
    "marp": """window.__next = () => document.dispatchEvent(
        new KeyboardEvent('keydown', {key: 'ArrowRight', code: 'ArrowRight', bubbles: true}))""",
}
READY = {
    "blank": "() => true",
    "floor": "() => true",
    "oqu": "() => window.Oqu !== undefined",
    "before": "() => window.Oqu !== undefined",
    "reveal": "() => window.Reveal && Reveal.isReady()",
    "marp": "() => document.querySelector('svg[data-marpit-svg], section') !== null",
    "h5p": "() => document.querySelector('.h5p-bench-text') !== null",
}
BLANK = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>blank</title></head>
<body><p>blank</p></body></html>
"""


def floor_page(index: Path) -> str:
    """What no player can paint sooner: the example's title slide, its text alone, as bare HTML
    (no stylesheet, script or picture). Its first paint against the blank page's says how much
    of Oqu's is the slide's own text, and what the target leaves for everything else."""
    import re

    html = index.read_text(encoding="utf-8")
    start = html.index("<section")
    slide = html[start : html.index("</section>", start) + len("</section>")]
    slide = re.sub(r"<figure.*?</figure>", "", slide, flags=re.S)
    lang = re.search(r'<html lang="([^"]+)"', html)
    return (
        f'<!doctype html>\n<html lang="{lang.group(1) if lang else "kk"}"><head>'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title>'
        f"</head>\n<body>{slide}</body></html>\n"
    )


class _Quiet(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def player_size() -> tuple[int, int, list[tuple[str, int, int]]]:
    from oqu.packaging.site import player_css, player_files

    shipped = [("<style> in index.html", player_css().encode("utf-8")), *player_files()]
    rows = [(name, len(data), len(gzip.compress(data, 9))) for name, data in shipped]
    return sum(r[1] for r in rows), sum(r[2] for r in rows), rows


def source_size() -> int:
    from importlib.resources import files

    from oqu.packaging.site import PLAYER_FILES

    root = files("oqu.player")
    return sum(len(gzip.compress(root.joinpath(n).read_bytes(), 9)) for n in PLAYER_FILES)


WEB = ("--format", "web")


def build_example(out: Path, root: Path = ROOT) -> Path:
    """The example's web folder, built by the Oqu in ``root`` (this tree, or ``--before``'s)."""
    extra = [x for x in os.environ.get("PYTHONPATH", "").split(os.pathsep) if x]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), *extra])}
    env.pop("OQU_PLAYER_DEBUG", None)
    source = str(root / "examples" / EXAMPLE.name)
    subprocess.run(
        [sys.executable, "-m", "oqu.cli", "build", source, "--out", str(out), *WEB],
        check=True,
        cwd=root,
        capture_output=True,
        env=env,
    )
    return next(out.glob("*-web"))


def checkout(ref: str, into: Path) -> Path:
    """``src/`` and ``examples/`` of a commit, unpacked (``git archive``) for a before/after."""
    into.mkdir()
    archive = subprocess.run(
        ["git", "archive", ref, "src", "examples"], cwd=ROOT, check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def ensure_peers() -> Path | None:
    """reveal.js and h5p-standalone from the npm registry into bench/.work/peers."""
    modules = PEERS / "node_modules"
    if not (modules / "reveal.js").is_dir() or not (modules / "h5p-standalone").is_dir():
        if not shutil.which("npm"):
            return None
        PEERS.mkdir(parents=True, exist_ok=True)
        # A package.json of its own, or npm would install into bench/ (the nearest one above).
        (PEERS / "package.json").write_text('{"name": "oqu-bench-peers", "private": true}\n')
        done = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", *PEER_PACKAGES],
            cwd=PEERS,
            capture_output=True,
        )
        if done.returncode != 0:
            return None
    return modules


def npm_version(modules: Path, name: str) -> str:
    data = json.loads((modules / name / "package.json").read_text(encoding="utf-8"))
    return str(data["version"])


def reveal_page(deck_md: str, folder: Path) -> Path:
    """The Marp deck's slides as a reveal.js page (Markdown rendered here, not in the browser)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = deck_md.split("---\n", 2)[2]  # drop Marp's front matter
    sections = "\n".join(
        f"<section>{md.render(part)}</section>" for part in body.split("\n---\n") if part.strip()
    )
    dist = "/node_modules/reveal.js/dist"
    html = f"""<!doctype html>
<html lang="kk"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reveal.js deck</title>
<link rel="stylesheet" href="{dist}/reveal.css">
<link rel="stylesheet" href="{dist}/theme/white.css">
</head><body><div class="reveal"><div class="slides">
{sections}
</div></div>
<script src="{dist}/reveal.js"></script>
<script>Reveal.initialize({{hash: false, transition: 'none'}});</script>
</body></html>
"""
    (folder / "reveal.html").write_text(html, encoding="utf-8")
    return folder / "reveal.html"


# A content type of our own (H5P's real ones are not on npm): it writes one paragraph, so the
# figure is H5P's player (h5p-standalone: jQuery, H5P core, the iframe) with the least content.
H5P_LIBRARY = {
    "title": "Bench text",
    "machineName": "H5P.BenchText",
    "majorVersion": 1,
    "minorVersion": 0,
    "patchVersion": 0,
    "runnable": 1,
    "preloadedJs": [{"path": "text.js"}],
}
H5P_JS = """var H5P = H5P || {};
H5P.BenchText = function (params) {
  this.attach = function ($container) {
    $container.append('<div class="h5p-bench-text"><h2>' + params.title + '</h2><p>'
      + params.text + '</p></div>');
  };
};
"""


def h5p_page(first_slide: str, folder: Path) -> Path:
    content = folder / "h5p"
    lib = content / "H5P.BenchText-1.0"
    lib.mkdir(parents=True)
    (lib / "library.json").write_text(json.dumps(H5P_LIBRARY), encoding="utf-8")
    (lib / "text.js").write_text(H5P_JS, encoding="utf-8")
    (content / "content").mkdir()
    (content / "content" / "content.json").write_text(
        json.dumps({"title": "HACCP", "text": first_slide}, ensure_ascii=False), encoding="utf-8"
    )
    (content / "h5p.json").write_text(
        json.dumps(
            {
                "title": "HACCP",
                "language": "kk",
                "mainLibrary": "H5P.BenchText",
                "embedTypes": ["div"],
                "preloadedDependencies": [
                    {"machineName": "H5P.BenchText", "majorVersion": 1, "minorVersion": 0}
                ],
            }
        ),
        encoding="utf-8",
    )
    dist = "/node_modules/h5p-standalone/dist"
    html = f"""<!doctype html>
<html lang="kk"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>H5P</title>
<link rel="stylesheet" href="{dist}/styles/h5p.css">
</head><body><div id="h5p-container"></div>
<script src="{dist}/main.bundle.js"></script>
<script>new H5PStandalone.H5P(document.getElementById('h5p-container'), {{
  h5pJsonPath: '/peers/h5p', librariesPath: '/peers/h5p', embedType: 'div',
  frameJs: '{dist}/frame.bundle.js', frameCss: '{dist}/styles/h5p.css'}});</script>
</body></html>
"""
    (folder / "h5p.html").write_text(html, encoding="utf-8")
    return folder / "h5p.html"


RESOURCES = (
    """() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)"""
)


def shipped_gzip(www: Path, page: Path, paths: list[str]) -> int:
    """gzip -9 bytes of the JS and CSS a page loaded (files, each once) plus its inline <style>s
    and non-JSON inline <script>s."""
    import re

    total = 0
    for path in sorted(set(paths)):
        if path.endswith((".js", ".css")):
            total += len(gzip.compress((www / path.lstrip("/")).resolve().read_bytes(), 9))
    html = page.read_text(encoding="utf-8")
    inline = re.findall(r"<style>(.*?)</style>", html, re.S)
    inline += re.findall(
        r"<script(?![^>]*(?:src=|application/json))[^>]*>(.*?)</script>", html, re.S
    )
    return total + sum(len(gzip.compress(x.encode("utf-8"), 9)) for x in inline if x.strip())


def cold_load(browser: Any, url: str, kind: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url, wait_until="load")
    time.sleep(SETTLE_S)  # no script of the harness's beside the page's first frame
    page.wait_for_function(READY[kind])
    t = dict(page.evaluate(TIMINGS))
    t["resources"] = page.evaluate(RESOURCES)
    context.close()
    return t


def slide_changes(browser: Any, url: str, kind: str) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function(READY[kind])
    page.evaluate(NEXT[kind])
    page.wait_for_timeout(300)
    syncs, frames = [], []
    for _ in range(9):
        sync, frame = page.evaluate(CHANGE)
        syncs.append(sync)
        frames.append(frame)
    context.close()
    return statistics.median(syncs), statistics.median(frames)


def paired_ratio(oqu: list[dict[str, Any]], blank: list[dict[str, Any]]) -> float:
    """The median over the turns of Oqu's first paint / the blank page's, each pair loaded in
    the same turn: on a shared machine a busy moment slows both, and the ratio keeps less of it
    than the ratio of two medians does."""
    return med(
        [(o["fp"] or o["fcp"]) / (b["fp"] or b["fcp"]) for o, b in zip(oqu, blank, strict=True)]
    )


def med(values: list[Any]) -> float:
    xs = [float(v) for v in values if v is not None]
    return statistics.median(xs) if xs else float("nan")


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="cold loads of each page a round")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--marp", action="store_true", help="Marp CLI's HTML too (npm ci)")
    parser.add_argument("--json", type=Path, help="also write every raw figure here")
    parser.add_argument("--before", metavar="REF", help="also load the build of this git commit")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    raw, packed, rows = player_size()
    versions: dict[str, str] = {"blank": "a blank page (one line of text)"}
    rounds: list[dict[str, Any]] = []
    changes: dict[str, tuple[float, float]] = {}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="oqu-player-bench-") as tmp_name:
        tmp = Path(tmp_name)
        www = tmp / "www"
        www.mkdir()
        web = build_example(tmp / "build")
        shutil.copytree(web, www / "oqu")
        (www / "blank.html").write_text(BLANK, encoding="utf-8")
        (www / "floor.html").write_text(floor_page(web / "index.html"), encoding="utf-8")
        urls = {"blank": "/blank.html", "floor": "/floor.html", "oqu": "/oqu/index.html"}
        versions["floor"] = "the title slide's text alone (no style, script or picture)"
        versions["oqu"] = f"Oqu, {EXAMPLE.name}, this tree"
        if args.before:
            old = build_example(tmp / "build-before", checkout(args.before, tmp / "before"))
            shutil.copytree(old, www / "before")
            urls["before"] = "/before/index.html"
            versions["before"] = f"Oqu, {EXAMPLE.name}, built by {args.before}"
        if not args.no_peers:
            deck, slides = marp_deck(EXAMPLE)
            peers = www / "peers"
            peers.mkdir()
            (peers / "deck.md").write_text(deck, encoding="utf-8")
            shutil.copytree(EXAMPLE / "media", peers / "media")
            modules = ensure_peers()
            if modules is not None:
                (www / "node_modules").symlink_to(modules)
                reveal_page(deck, peers)
                urls["reveal"] = "/peers/reveal.html"
                versions["reveal"] = (
                    f"reveal.js {npm_version(modules, 'reveal.js')}, the same {slides} slides"
                )
                first = deck.split("\n---\n")[1] if "\n---\n" in deck else deck
                h5p_page(" ".join(first.split())[:400], peers)
                urls["h5p"] = "/peers/h5p.html"
                versions["h5p"] = (
                    f"H5P player (h5p-standalone {npm_version(modules, 'h5p-standalone')}), "
                    "one text"
                )
            else:
                print("reveal.js and H5P skipped: npm failed or missing")
            if args.marp and (marp := ensure_marp()):
                subprocess.run(
                    [marp, "--no-stdin", "deck.md", "-o", "marp.html"],
                    cwd=peers,
                    check=True,
                    capture_output=True,
                )
                urls["marp"] = "/peers/marp.html"
                versions["marp"] = f"Marp CLI {marp_version()}, {slides} slides"
        server, base = serve(www)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for kind, path in urls.items():  # warm the browser process and the disk cache
                    first = cold_load(browser, base + path, kind)
                    sizes[kind] = shipped_gzip(www, www / path.lstrip("/"), first["resources"])
                for kind in ("oqu", "reveal", "marp"):
                    if kind in urls:
                        changes[kind] = slide_changes(browser, base + urls[kind], kind)
                order = random.Random(17)  # the same orders in every run of the benchmark
                for n in range(args.rounds):
                    before = loadavg()
                    loads: dict[str, list[dict[str, Any]]] = {k: [] for k in urls}
                    print(f"round {n + 1}: {args.runs} interleaved cold loads…", flush=True)
                    for _ in range(args.runs):
                        # A new order each turn: no page always follows the same one (a closed
                        # context's renderer still exits while the next page loads).
                        for kind in order.sample(list(urls), len(urls)):
                            loads[kind].append(cold_load(browser, base + urls[kind], kind))
                    rounds.append({"load_before": before, "load_after": loadavg(), "raw": loads})
                browser.close()
        finally:
            server.shutdown()

    m = machine()
    print()
    print(f"Machine: {m}")
    print()
    print("| file (as shipped, minified) | bytes | gzip bytes |\n| --- | ---: | ---: |")
    for name, size, gz in rows:
        print(f"| `{name}` | {size} | {gz} |")
    ok = "✓" if packed / 1024 <= TARGET_KB else "✗"
    print(f"| **total** | {raw} | **{packed} ({packed / 1024:.1f} KB)** {ok} ≤ {TARGET_KB:g} KB |")
    print(f"| the sources as written | | {source_size()} ({source_size() / 1024:.1f} KB) |")
    summary: dict[str, dict[str, list[float]]] = {}
    for n, rnd in enumerate(rounds):
        print()
        print(
            f"Round {n + 1} (load average {rnd['load_before']} → {rnd['load_after']}), "
            f"medians of {args.runs} cold loads:\n"
        )
        print(
            "| page | first paint ms | FCP ms | FCP min–max | LCP ms | DOMContentLoaded ms "
            "| load event ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
        )
        for kind, loads in rnd["raw"].items():
            fp = med([x["fp"] if x["fp"] is not None else x["fcp"] for x in loads])
            fcps = [x["fcp"] for x in loads if x["fcp"] is not None]
            row = {
                "fp": fp,
                "fcp": med(fcps),
                "lcp": med([x.get("lcp") for x in loads]),
                "dcl": med([x["dcl"] for x in loads]),
                "load": med([x["load"] for x in loads]),
            }
            for key, value in row.items():
                summary.setdefault(kind, {}).setdefault(key, []).append(value)
            span = f"{min(fcps):.0f}–{max(fcps):.0f}" if fcps else "–"
            print(
                f"| {kind} | {row['fp']:.0f} | {row['fcp']:.0f} | {span} | {row['lcp']:.0f} "
                f"| {row['dcl']:.0f} | {row['load']:.0f} |"
            )
        o, b = rnd["raw"]["oqu"], rnd["raw"]["blank"]
        ratio = med([x["fp"] or x["fcp"] for x in o]) / med([x["fp"] or x["fcp"] for x in b])
        paired = paired_ratio(o, b)
        summary.setdefault("paired", {}).setdefault("fp", []).append(paired)
        floor = paired_ratio(rnd["raw"]["floor"], b)
        summary["paired"].setdefault("floor", []).append(floor)
        print(f"\nOqu first paint / blank: {ratio:.2f} (turn by turn, median: {paired:.2f})")
        print(f"The title slide's text alone / blank, turn by turn: {floor:.2f}")
    print()
    print(f"Medians over {len(rounds)} round(s):\n")
    print(
        "| page | JS + CSS gzip KB | first paint ms | FCP ms | LCP ms | DOMContentLoaded ms "
        "| load event ms | slide change, script+layout ms | to next frame ms |"
        "\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for kind, fig in summary.items():
        if kind == "paired":
            continue
        ch = changes.get(kind)
        cs = f"{ch[0]:.1f} | {ch[1]:.1f}" if ch else "– | –"
        print(
            f"| {versions[kind]} | {sizes.get(kind, 0) / 1024:.1f} "
            f"| {med(fig['fp']):.0f} | {med(fig['fcp']):.0f} | {med(fig['lcp']):.0f} "
            f"| {med(fig['dcl']):.0f} | {med(fig['load']):.0f} | {cs} |"
        )
    o, b = summary["oqu"], summary["blank"]
    ratio = med(o["fp"]) / med(b["fp"])
    load = med(o["load"])
    print()
    print(
        "Oqu first paint / blank, each turn's two loads (the same moment's load on both), "
        f"median over the rounds: {med(summary['paired']['fp']):.2f}"
    )
    print(
        "The title slide's text alone (no style, script or picture) / blank, the same way: "
        f"{med(summary['paired']['floor']):.2f}"
    )
    print(
        f"Oqu: player {packed / 1024:.1f} KB gzip (≤ {TARGET_KB:g}) {ok}; first paint "
        f"{med(o['fp']):.0f} ms = {ratio:.2f}× blank (≤ {TARGET_PAINT_RATIO}) "
        f"{'✓' if ratio <= TARGET_PAINT_RATIO else '✗'}; load event {load:.0f} ms "
        f"(≤ {TARGET_LOAD_MS:g}) {'✓' if load <= TARGET_LOAD_MS else '✗'}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": m,
                    "size": [packed, raw],
                    "sizes": sizes,
                    "rounds": rounds,
                    "changes": changes,
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
