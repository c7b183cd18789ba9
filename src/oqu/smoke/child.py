"""The smoke run's worker process: ``python -m oqu.smoke.child CONFIG_JSON``.

Runs in its own process group so the parent (:func:`oqu.smoke.run_smoke`) can kill it, the
Playwright driver and Chromium at the time cap whatever the package does. It reports every
event as one JSON line on stdout, flushed at once, so what happened before a hang survives.

Serving: a :class:`~http.server.ThreadingHTTPServer` on 127.0.0.1 at a random port answers
``/__oqu__/…`` (the harness and scorm-again, from this package's data) and ``/pkg/…`` (entries
read from the zip in memory through :func:`oqu.sources.scorm.open_package`, nothing is
extracted). Every other request of the browser is aborted and reported.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any

from oqu.sources.scorm import Package, open_package

MAX_SERVED = 200_000_000  # one entry served to the browser
QUIET = 0.5  # seconds without a first paint after the launch page's load: the first screen
_HERE = files("oqu.smoke")
_STATIC = {
    "harness.html": "text/html; charset=utf-8",
    "harness.js": "text/javascript; charset=utf-8",
    "scorm-again.min.js": "text/javascript; charset=utf-8",
}
# a "next" control in the tools' players and in plain pages (en, ru, kk, arrows)
NEXT = re.compile(r"^\s*(next|далее|вперёд|вперед|следующ\w*|келесі|›|→|»|>)\s*$", re.I)
# first-contentful-paint of the package's frames and the load of its launch page, reported to
# the checker (runs in every frame)
INIT_SCRIPT = """
if (window !== window.top && window.name === 'sco' && location.protocol.startsWith('http')) {
  window.addEventListener('load', () => {
    if (window.__oquEvent) window.__oquEvent({kind: 'loaded'});
  });
}
if (window !== window.top) {
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'first-contentful-paint' && window.__oquEvent) {
          window.__oquEvent({kind: 'fcp', t: performance.timeOrigin + e.startTime});
        }
      }
    }).observe({type: 'paint', buffered: true});
  } catch (e) { /* no paint timing */ }
}
"""


def emit(**event: Any) -> None:
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _handler(pkg: Package) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            body: bytes | None = None
            ctype = "application/octet-stream"
            if path.startswith("/__oqu__/") and path[9:] in _STATIC:
                body = _HERE.joinpath(path[9:]).read_bytes()
                ctype = _STATIC[path[9:]]
            elif path.startswith("/pkg/") and path[5:] in pkg.entries:
                try:
                    body = pkg.read(path[5:], MAX_SERVED)
                except (ValueError, OSError):
                    body = None
                guessed = mimetypes.guess_type(path)[0]
                ctype = guessed or ctype
                if ctype.startswith("text/") or ctype.endswith(("javascript", "json")):
                    ctype += "; charset=utf-8" if "charset" not in ctype else ""
            if body is None:
                emit(kind="missing", path=path[5:] if path.startswith("/pkg/") else path)
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def run(cfg: dict[str, Any]) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    pkg = open_package(Path(cfg["zip"]))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(pkg))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    settle = float(cfg.get("settle", 1.5))
    seen: dict[str, Any] = {}

    def on_event(_source: Any, ev: dict[str, Any]) -> None:
        if ev.get("kind") in ("fcp", "loaded"):
            seen[ev["kind"]] = time.monotonic()
        emit(**ev)

    def on_route(route: Any) -> None:
        url = route.request.url
        if url.startswith(origin + "/"):
            route.continue_()
        else:
            emit(kind="blocked", url=url[:300])
            route.abort()

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            emit(kind="console", text=msg.text[:300])

    def shot(page: Any, label: str) -> bool:
        try:
            data = page.screenshot(type="jpeg", quality=70, timeout=float(cfg["shot_ms"]))
        except PlaywrightError:
            emit(kind="hang", at=label)
            return False
        emit(kind="shot", label=label, data=base64.b64encode(data).decode("ascii"))
        return True

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=cfg["chromium"], args=cfg["args"], timeout=10_000
        )
        context = browser.new_context(
            viewport={"width": 1024, "height": 768}, service_workers="block"
        )
        context.route("**/*", on_route)
        context.expose_binding("__oquEvent", on_event)
        context.add_init_script(INIT_SCRIPT)
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", lambda e: emit(kind="console", text=str(e)[:300]))
        emit(kind="start")
        api = "2004" if cfg["version"] == "2004" else "12"
        launch = urllib.parse.quote(cfg["launch"])
        page.goto(
            f"{origin}/__oqu__/harness.html?api={api}&pkg=/pkg/{launch}",
            wait_until="commit",
            timeout=5_000,
        )
        # The first screen: at its first paint; without one, soon after the launch page has
        # loaded, at most first_ms. The later screen: settle seconds after the first paint; a
        # package that has not painted yet still has until first_ms (a player that fetches its
        # slides after the load is not called blank), and none then is not waited for again.
        deadline = time.monotonic() + float(cfg["first_ms"]) / 1000
        while "fcp" not in seen and time.monotonic() < deadline:
            if time.monotonic() > seen.get("loaded", deadline) + QUIET:
                break
            page.wait_for_timeout(50)
        if not shot(page, "first"):
            return
        while "fcp" not in seen and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        if "fcp" in seen:
            page.wait_for_timeout(settle * 1000)
        if not shot(page, "later"):
            return
        frame = page.frame(name="sco")
        if frame is not None:
            # Looked up once, not waited for: a package without a "Next" control costs nothing.
            control = frame.get_by_role("button", name=NEXT).or_(
                frame.get_by_role("link", name=NEXT)
            )
            try:
                found = control.count() > 0
                if found:
                    control.first.click(timeout=2_000)
            except PlaywrightError:
                found = False
            if found:
                emit(kind="clicked")
                page.wait_for_timeout(500)
                if not shot(page, "next"):
                    return
        page.evaluate("window.oquExit()")  # the learner leaves: pagehide/unload in the SCO
        page.wait_for_timeout(300)
        emit(kind="done")
        browser.close()
    server.shutdown()
    pkg.close()


def main() -> None:
    try:
        run(json.loads(sys.argv[1]))
    except Exception as e:  # reported to the parent, which turns it into a finding
        emit(kind="error", problem=f"{type(e).__name__}: {str(e)[:300]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
