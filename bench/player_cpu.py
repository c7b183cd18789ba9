"""The player's main-thread CPU time to the load event, A/B (issue 17 item 5); asserts nothing.

    .venv/bin/python bench/player_cpu.py --before REF [--runs 25]

On a shared 2-CPU machine the load event's wall time is mostly waiting for a CPU (load average
10–19: the same build's domInteractive moves by ±50 ms between runs), so a change of a few ms
of work is lost in it. This counts the work instead: Chromium's ``Performance.getMetrics`` in
the thread-ticks time domain, read when ``load`` has fired (``ThreadTime``, the renderer main
thread's CPU time; ``ScriptDuration``, ``LayoutDuration``, ``RecalcStyleDuration``), with the
wall times beside it. examples/haccp-kk's web folder built by this tree and by ``--before``
(as ``bench/player_speed.py`` builds them), loaded cold and interleaved, ``--runs`` pairs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from player_speed import ARGS, CHROMIUM, build_example, checkout, loadavg, serve

METRICS = ("ThreadTime", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
NAV = """() => { const n = performance.getEntriesByType('navigation')[0];
  return {interactive: n.domInteractive, load: n.loadEventStart}; }"""


def one_load(browser: Any, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    page.goto(url, wait_until="load")
    got = {m["name"]: m["value"] * 1000 for m in cdp.send("Performance.getMetrics")["metrics"]}
    out = {k: got.get(k, 0.0) for k in METRICS}
    out.update(page.evaluate(NAV))
    context.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", required=True, metavar="REF")
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="oqu-player-cpu-") as tmp_name:
        tmp = Path(tmp_name)
        pages = {
            "this tree": build_example(tmp / "new"),
            "before": build_example(tmp / "old", checkout(args.before, tmp / "src")),
        }
        urls = {name: serve(web)[1] + "/index.html" for name, web in pages.items()}
        got: dict[str, list[dict[str, float]]] = {name: [] for name in pages}
        print(f"load average {loadavg()}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(args.runs):
                for name, url in urls.items():
                    got[name].append(one_load(browser, url))
            browser.close()
        print(f"load average {loadavg()}; medians of {args.runs} cold loads, ms")
        keys = [*METRICS, "interactive", "load"]
        print("| page | " + " | ".join(keys) + " |")
        for name, rows in got.items():
            cells = [f"{statistics.median(r[k] for r in rows):.1f}" for k in keys]
            print(f"| {name} | " + " | ".join(cells) + " |")
        new, old = got["this tree"], got["before"]
        for k in ("ThreadTime", "load"):
            less = sum(a[k] < b[k] for a, b in zip(new, old, strict=True))
            print(f"{k}: this tree lower in {less} of {len(new)} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
