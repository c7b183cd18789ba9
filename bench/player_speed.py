"""Player benchmarks: prints figures, asserts nothing (see docs/benchmarks.md).

    .venv/bin/python bench/player_speed.py [--runs 10] [--no-peers]

1. Size: the player's own JS + CSS (``oqu.packaging.site.player_files()``), gzip level 9, in total.
2. First contentful paint of examples/haccp-kk's web folder served from 127.0.0.1, median of
   ``--runs`` cold loads (a new browser context each time, the server sends ``no-store``), from
   the ``paint`` entries of a PerformanceObserver, in headless Debian Chromium.
3. Slide change: the time from the call that moves to the next slide to the end of style and
   layout (synchronous), and to the next animation frame; median over the deck's slides.
4. Peers, in the same run and the same way: Marp CLI's HTML of an equivalent deck (the deck of
   bench/build_speed.py) and a reveal.js page of the same slides (Markdown rendered to
   ``<section>`` elements here, reveal.js loaded from bench/node_modules); ratios Oqu / peer.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
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
]
TARGET_KB = 60.0
TARGET_FCP_MS = 300.0
TARGET_CHANGE_MS = 50.0

sys.path.insert(0, str(BENCH))
from build_speed import ensure_marp, machine, marp_deck, marp_version  # noqa: E402

FCP = """() => new Promise((done) => {
  const seen = (entries) => {
    const e = entries.find((x) => x.name === 'first-contentful-paint');
    if (e) done(e.startTime);
  };
  seen(performance.getEntriesByType('paint'));
  new PerformanceObserver((l) => seen(l.getEntries())).observe({type: 'paint', buffered: true});
  setTimeout(() => done(null), 5000);
})"""

# DOMContentLoaded ends after the player's (synchronous, end-of-body) script has run.
DCL = "() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"

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
    "oqu": "() => window.Oqu !== undefined",
    "reveal": "() => window.Reveal && Reveal.isReady()",
    "marp": "() => document.querySelector('svg[data-marpit-svg], section') !== null",
}


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
    from oqu.packaging.site import player_files

    rows = [(name, len(data), len(gzip.compress(data, 9))) for name, data in player_files()]
    return sum(r[1] for r in rows), sum(r[2] for r in rows), rows


def build_example(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "oqu.cli",
            "build",
            str(EXAMPLE),
            "--out",
            str(out),
            "--format",
            "web",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return next(out.glob("*-web"))


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


def measure(browser: Any, url: str, kind: str, runs: int) -> dict[str, Any]:
    fcps: list[float] = []
    dcls: list[float] = []
    syncs: list[float] = []
    frames: list[float] = []
    for n in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_function(READY[kind])
        fcp = page.evaluate(FCP)
        if fcp is not None:
            fcps.append(float(fcp))
        dcls.append(float(page.evaluate(DCL)))
        if n == 0:  # slide changes: once, over the whole deck
            page.evaluate(NEXT[kind])
            page.wait_for_timeout(300)
            for _ in range(9):
                sync, frame = page.evaluate(CHANGE)
                syncs.append(sync)
                frames.append(frame)
        context.close()
    return {
        "fcp": statistics.median(fcps) if fcps else float("nan"),
        "fcp_min": min(fcps, default=float("nan")),
        "fcp_max": max(fcps, default=float("nan")),
        "dcl": statistics.median(dcls),
        "sync": statistics.median(syncs),
        "frame": statistics.median(frames),
        "runs": len(fcps),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    raw, packed, rows = player_size()
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="oqu-player-bench-") as tmp_name:
        tmp = Path(tmp_name)
        www = tmp / "www"
        www.mkdir()
        web = build_example(tmp / "build")
        shutil.copytree(web, www / "oqu")
        urls = {"oqu": "/oqu/index.html"}
        versions = {}
        if not args.no_peers:
            deck, slides = marp_deck(EXAMPLE)
            peers = www / "peers"
            peers.mkdir()
            (peers / "deck.md").write_text(deck, encoding="utf-8")
            shutil.copytree(EXAMPLE / "media", peers / "media")
            marp = ensure_marp()
            if marp:
                subprocess.run(
                    [marp, "--no-stdin", "deck.md", "-o", "marp.html"],
                    cwd=peers,
                    check=True,
                    capture_output=True,
                )
                urls["marp"] = "/peers/marp.html"
                versions["marp"] = f"Marp CLI {marp_version()}, {slides} slides"
            reveal = BENCH / "node_modules" / "reveal.js" / "dist" / "reveal.js"
            if reveal.is_file():
                (www / "node_modules").symlink_to(BENCH / "node_modules")
                reveal_page(deck, peers)
                urls["reveal"] = "/peers/reveal.html"
                versions["reveal"] = "reveal.js (bench/package.json), same slides"
            else:
                print("reveal.js skipped: npm ci --prefix bench")
        server, base = serve(www)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                browser.new_page().goto(base + urls["oqu"])  # warm the browser process only
                for kind, path in urls.items():
                    print(f"{kind}: {args.runs} cold loads…", flush=True)
                    results[kind] = measure(browser, base + path, kind, args.runs)
                browser.close()
        finally:
            server.shutdown()

    m = machine()
    print()
    print(f"Machine: {m}")
    print()
    print("| file | bytes | gzip bytes |\n| --- | ---: | ---: |")
    for name, size, gz in rows:
        print(f"| `{name}` | {size} | {gz} |")
    ok = "✓" if packed / 1024 <= TARGET_KB else "✗"
    print(f"| **total** | {raw} | **{packed} ({packed / 1024:.1f} KB)** {ok} ≤ {TARGET_KB:g} KB |")
    print()
    print(
        "| page | FCP median ms | FCP min–max | DOMContentLoaded median ms "
        "| slide change, script+layout ms | slide change, to next frame ms |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    for kind, r in results.items():
        print(
            f"| {kind} | {r['fcp']:.0f} | {r['fcp_min']:.0f}–{r['fcp_max']:.0f} | {r['dcl']:.0f} "
            f"| {r['sync']:.1f} | {r['frame']:.1f} |"
        )
    o = results["oqu"]
    print()
    print(
        f"Oqu FCP {o['fcp']:.0f} ms (target ≤ {TARGET_FCP_MS:g}): "
        f"{'✓' if o['fcp'] <= TARGET_FCP_MS else '✗'}; slide change {o['sync']:.1f} ms "
        f"(to next frame {o['frame']:.1f}; target ≤ {TARGET_CHANGE_MS:g}): "
        f"{'✓' if o['frame'] <= TARGET_CHANGE_MS else '✗'}"
    )
    for kind in ("marp", "reveal"):
        if kind in results:
            r = results[kind]
            print(
                f"Ratio Oqu / {kind} ({versions[kind]}): FCP {o['fcp'] / r['fcp']:.2f}, "
                f"slide change {o['sync'] / r['sync']:.2f} (script+layout), "
                f"{o['frame'] / r['frame']:.2f} (to next frame)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
