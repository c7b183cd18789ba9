"""The smoke run's worker process: ``python -m oqu.smoke.child CONFIG_JSON``.

Runs in its own process group (and, where the machine allows, its own network namespace with
no interface up: see :mod:`oqu.smoke`) so the parent (:func:`oqu.smoke.run_smoke`) can kill
it, the Playwright driver and Chromium at the time cap whatever the package does. It reports
every event as one JSON line on stdout, flushed at once, so what happened before a hang
survives.

Serving: nothing listens on any socket. Every request of the browser is intercepted
(``context.route``): ``ORIGIN/__oqu__/…`` is answered with the harness and scorm-again from
this package's data, ``ORIGIN/pkg/…`` with entries read from the zip in memory through
:func:`oqu.sources.scorm.open_package` (nothing is extracted); every other request, of any
scheme, is aborted and reported, and every WebSocket is refused (``route_web_socket``) without
a connection. ``ORIGIN`` is a name under ``.invalid`` that no resolver answers.

The report channel: the harness and the package share an origin (SCORM's API discovery needs
it), so nothing the harness can reach is out of the package's reach. The channel is therefore
not in the page: an init script, run in every frame before any of the page's scripts, keeps
the browser's own ``console.debug`` and ``JSON.stringify`` and a per-run random token in a
closure, and hands the top frame's sender to ``harness.js`` once (``__oquTake``), before the
package's frame exists. Events travel as console messages that start with the token and carry
only primitive strings (no object a poisoned prototype could intercept); the checker drops any
message without the token and any kind the page may not report (screenshots, the end of the
run, hangs and errors are the checker's own, never the page's). Only the harness page's
console is listened to: a window the package opens has a top frame, and so a sender, of its
own, which the package could take — its messages are never read.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import re
import socket
import sys
import time
import urllib.parse
from importlib.resources import files
from pathlib import Path
from typing import Any

from oqu.sources.scorm import Package, open_package

MAX_SERVED = 200_000_000  # one entry served to the browser
QUIET = 0.5  # seconds without a first paint after the launch page's load: the first screen
IDLE = 0.25  # seconds without a request (and after the event waited for): the page has settled
ORIGIN = "http://package.oqu-smoke.invalid"
PAGE_KINDS = {"harness", "lookup", "lms", "fcp", "loaded"}  # what the page may report
_HERE = files("oqu.smoke")
_STATIC = {
    "harness.html": "text/html; charset=utf-8",
    "harness.js": "text/javascript; charset=utf-8",
    "scorm-again.min.js": "text/javascript; charset=utf-8",
}
# a "next" control in the tools' players and in plain pages (en, ru, kk, arrows)
NEXT = re.compile(r"^\s*(next|далее|вперёд|вперед|следующ\w*|келесі|›|→|»|>)\s*$", re.I)
# Runs in every frame before the page's own scripts: keeps the channel in a closure (above).
# In the package's frames it reports the launch page's load and the first contentful paint.
INIT_SCRIPT = """
(() => {
  const TOKEN = %s;
  const debug = console.debug.bind(console);
  const stringify = JSON.stringify;
  const S = String;
  const send = (kind, fields) => {
    let s = '{"kind":' + stringify(S(kind));
    for (let i = 0; i + 1 < fields.length; i += 2) {
      s += ',' + stringify(S(fields[i])) + ':' + stringify(S(fields[i + 1]));
    }
    debug(TOKEN + s + '}');
  };
  if (window === window.top) {
    if (window.opener || location.pathname !== '/__oqu__/harness.html') return;
    Object.defineProperty(window, '__oquTake', {
      configurable: true,
      value: () => { delete window.__oquTake; return send; },
    });
    return;
  }
  const origin = performance.timeOrigin;
  if (window.name === 'sco' && location.protocol.startsWith('http')) {
    window.addEventListener('load', () => send('loaded', []));
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'first-contentful-paint') send('fcp', ['t', origin + e.startTime]);
      }
    }).observe({type: 'paint', buffered: true});
  } catch (e) { /* no paint timing */ }
})();
"""


def emit(**event: Any) -> None:
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _answer(pkg: Package, path: str) -> tuple[bytes, str] | None:
    """The body and type for ``ORIGIN`` + ``path``, or ``None`` (a missing file)."""
    path = urllib.parse.unquote(path)
    if path.startswith("/__oqu__/") and path[9:] in _STATIC:
        return _HERE.joinpath(path[9:]).read_bytes(), _STATIC[path[9:]]
    if path.startswith("/pkg/") and path[5:] in pkg.entries:
        try:
            body = pkg.read(path[5:], MAX_SERVED)
        except (ValueError, OSError):
            return None
        ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith(("javascript", "json")):
            ctype += "; charset=utf-8" if "charset" not in ctype else ""
        return body, ctype
    return None


def _isolation() -> dict[str, Any]:
    """The network interfaces this process's namespace has up (none in the smoke run's own)."""
    import fcntl
    import struct

    up = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _, name in socket.if_nameindex():
            try:
                req = struct.pack("16sH14s", name.encode()[:15], 0, b"")
                flags = struct.unpack("16sH14s", fcntl.ioctl(sock, 0x8913, req))[1]
            except OSError:
                flags = 1
            if flags & 1:  # IFF_UP (SIOCGIFFLAGS)
                up.append(name)
    return {"interfaces_up": up, "uid": os.getuid()}


def _sandboxed(pids: list[int]) -> bool | None:
    """Whether Chromium's renderers run under its sandbox (seccomp filter and their own user
    namespace); ``None`` when none was found."""
    mine = os.readlink("/proc/self/ns/user")
    seen = None
    for pid in pids:
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
            if b"--type=renderer" not in cmd:
                continue
            status = Path(f"/proc/{pid}/status").read_text()
            ns = os.readlink(f"/proc/{pid}/ns/user")
        except OSError:
            continue
        seccomp = any(line.split() == ["Seccomp:", "2"] for line in status.splitlines())
        ok = seccomp and ns != mine
        seen = ok if seen is None else (seen and ok)
    return seen


def _page_event(text: str, token: str) -> dict[str, Any] | None:
    """A report of the page's channel, or ``None`` for anything else (forged ones included)."""
    if not token or not text.startswith(token):
        return None
    try:
        raw = json.loads(text[len(token) :])
    except ValueError:
        return None
    if not isinstance(raw, dict) or raw.get("kind") not in PAGE_KINDS:
        return None
    f = {k: str(v)[:300] for k, v in raw.items()}

    def num(key: str) -> float:
        try:
            return float(f.get(key, "0"))
        except ValueError:
            return 0.0

    kind = f["kind"]
    if kind == "lms":
        n = min(2, int(num("n")))
        args = [f.get(f"a{i}", "") for i in range(n)]
        call = {"call": f.get("call", ""), "args": args, "result": f.get("result", "")}
        return {"kind": kind, **call, "phase": f.get("phase", "run"), "t": num("t")}
    if kind == "harness":
        return {"kind": kind, "origin": num("origin")}
    if kind in ("fcp", "lookup"):
        return {"kind": kind, "t": num("t")}
    return {"kind": kind}


def run(cfg: dict[str, Any]) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    started = time.monotonic()
    emit(kind="isolation", **_isolation())
    zip_file = os.fdopen(int(cfg["zip_fd"]), "rb") if "zip_fd" in cfg else None
    pkg = open_package(Path(cfg["zip"]), zip_file)
    token = str(cfg["token"])
    settle = float(cfg.get("settle", 1.5))
    seen: dict[str, Any] = {}
    last_request = [time.monotonic()]

    def on_route(route: Any) -> None:
        last_request[0] = time.monotonic()
        url = route.request.url
        if url.startswith(ORIGIN + "/"):
            answer = _answer(pkg, urllib.parse.urlsplit(url).path)
            if answer is None:
                path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
                emit(kind="missing", path=path[5:] if path.startswith("/pkg/") else path)
                route.fulfill(status=404, body=b"", headers={"Cache-Control": "no-store"})
            else:
                body, ctype = answer
                route.fulfill(
                    status=200,
                    body=body,
                    headers={"Content-Type": ctype, "Cache-Control": "no-store"},
                )
        else:
            emit(kind="blocked", url=url[:300])
            route.abort()

    def on_websocket(ws: Any) -> None:
        emit(kind="blocked", url=str(ws.url)[:300])
        ws.close()  # never connected to the server: the route answers in its place

    def on_console(msg: Any) -> None:
        event = _page_event(msg.text, token)
        if event is not None:
            if event["kind"] == "harness" and "harness" in seen:
                return  # once, from harness.js
            if event["kind"] in ("fcp", "loaded", "harness"):
                seen.setdefault(event["kind"], time.monotonic())
            emit(**event)
        elif msg.type == "error":
            emit(kind="console", text=msg.text[:300])

    def settle_after(page: Any, since: float, cap: float) -> None:
        """Waits until nothing was requested for ``IDLE`` seconds after ``since`` (the page
        has settled: its scripts fetched what they show), at most until ``since + cap``."""
        end = since + cap
        while (now := time.monotonic()) < end:
            if now - max(since, last_request[0]) >= IDLE and "loaded" in seen:
                return
            page.wait_for_timeout(max(1, min(50, (end - now) * 1000)))

    def shot(page: Any, label: str) -> bool:
        try:
            data = page.screenshot(type="jpeg", quality=70, timeout=float(cfg["shot_ms"]))
        except PlaywrightError:
            emit(kind="hang", at=label)
            return False
        emit(kind="shot", label=label, data=base64.b64encode(data).decode("ascii"))
        return True

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            cfg["profile"],
            executable_path=cfg["chromium"],
            args=cfg["args"],
            chromium_sandbox=bool(cfg.get("sandbox")),
            timeout=10_000,
            viewport={"width": 1024, "height": 768},
            service_workers="block",
        )
        context.route("**/*", on_route)
        context.route_web_socket(re.compile(".*"), on_websocket)
        context.add_init_script(INIT_SCRIPT % json.dumps(token))
        page = context.pages[0] if context.pages else context.new_page()
        page.on("console", on_console)
        page.on("pageerror", lambda e: emit(kind="console", text=str(e)[:300]))
        emit(kind="start")
        api = "2004" if cfg["version"] == "2004" else "12"
        launch = urllib.parse.quote(cfg["launch"])
        page.goto(
            f"{ORIGIN}/__oqu__/harness.html?api={api}&pkg=/pkg/{launch}",
            wait_until="commit",
            timeout=5_000,
        )
        # The first screen: at its first paint; without one, soon after the launch page has
        # loaded, at most first_ms. The later screen: settle seconds after the first paint; a
        # package that has not painted yet still has until first_ms after its launch page's
        # load (a player that fetches its slides after the load is not called blank), and none
        # then is not waited for again.
        first_s = float(cfg["first_ms"]) / 1000
        deadline = time.monotonic() + first_s
        while "fcp" not in seen and time.monotonic() < deadline:
            if time.monotonic() > seen.get("loaded", deadline) + QUIET:
                break
            page.wait_for_timeout(50)
        if not shot(page, "first"):
            return
        emit(kind="sandbox", sandboxed=_sandboxed(_below(os.getpid())))
        # first_ms for a late paint counts from the launch page's load, whenever that came: on a
        # busy machine the launch itself can take most of first_ms (issue 11); never past the
        # point where the fit is still measured, so the rest of the run keeps its time
        latest = started + float(cfg.get("fit_by", 0))
        while "fcp" not in seen and time.monotonic() < max(
            deadline, min(latest, seen.get("loaded", 0.0) + first_s)
        ):
            page.wait_for_timeout(50)
        if "fcp" in seen:
            settle_after(page, time.monotonic(), settle)
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
                settle_after(page, time.monotonic(), 0.5)
                if not shot(page, "next"):
                    return
        if frame is not None and time.monotonic() < started + float(cfg.get("fit_by", 0)):
            fit(page, frame)  # only with time left in the budget: the verdict comes first
        page.evaluate("window.oquExit()")  # the learner leaves: pagehide/unload in the SCO
        # The unload handlers have run once the frame shows about:blank; their reports are
        # given a moment to arrive. At most 300 ms, as before.
        end = time.monotonic() + 0.3
        while time.monotonic() < end and frame is not None and frame.url != "about:blank":
            page.wait_for_timeout(25)
        page.wait_for_timeout(max(1, min(50, (end - time.monotonic()) * 1000)))
        emit(kind="done")
        context.close()
    pkg.close()


# An Oqu player's slide stage (docs/player.md): each slide shown alone, its pictures loaded,
# measured; the player's own state (visited slides, what the LMS is told) is not touched.
FIT_SCRIPT = """() => {
  const root = document.documentElement;
  if (!root.hasAttribute('data-oqu-stage') || !root.classList.contains('oqu-js')) return null;
  const slides = Array.from(document.querySelectorAll('.oqu-slide')).slice(0, 300);
  const shown = slides.map((s) => s.hidden);
  const out = [];
  slides.forEach((s, i) => {
    slides.forEach((x, k) => { x.hidden = k !== i; });
    const over = s.scrollHeight - s.clientHeight;
    if (over > s.clientHeight / 10 && !s.querySelector('form.oqu-quiz')) {
      const src = String(s.getAttribute('data-src') || '');
      out.push([String(s.id), src, Math.round(over), Math.round(s.clientHeight)]);
    }
  });
  slides.forEach((s, k) => { s.hidden = shown[k]; });
  return out;
}"""
EAGER = (
    "() => document.querySelectorAll('img[loading=lazy]').forEach((i) => { i.loading = 'eager' })"
)
FIT_SIZE = {"width": 1366, "height": 768}  # the most common laptop (issue 17)


def fit(page: Any, frame: Any) -> None:
    """Reports each slide of an Oqu stage that does not fit it at 1366×768 (7.5): more than a
    tenth of the stage's height to scroll (fonts differ a little from machine to machine); a
    slide holding a test is a form that may scroll, and is not reported."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        if not frame.evaluate("() => document.documentElement.hasAttribute('data-oqu-stage')"):
            return  # not an Oqu stage: nothing is resized or loaded
        page.set_viewport_size(FIT_SIZE)
        frame.evaluate(EAGER)
        end = time.monotonic() + 2
        while time.monotonic() < end and not frame.evaluate(
            "() => Array.from(document.images).every((i) => i.complete)"
        ):
            page.wait_for_timeout(50)
        found = frame.evaluate(FIT_SCRIPT)
    except PlaywrightError:
        return
    if not isinstance(found, list):
        return
    for row in found[:50]:
        if isinstance(row, list) and len(row) == 4:
            emit(kind="overflow", slide=str(row[0])[:100], src=str(row[1])[:200],
                 over=int(row[2]) if isinstance(row[2], int | float) else 0,
                 height=int(row[3]) if isinstance(row[3], int | float) else 0)  # fmt: skip


def _below(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def main() -> None:
    try:
        run(json.loads(sys.argv[1]))
    except Exception as e:  # reported to the parent, which turns it into a finding
        emit(kind="error", problem=f"{type(e).__name__}: {str(e)[:300]}")
        sys.exit(1)


if __name__ == "__main__":
    main()
