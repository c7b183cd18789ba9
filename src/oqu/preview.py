"""``oqu preview``: build the web version into a private folder, serve it on 127.0.0.1, and
rebuild when any file of the source changes (polling: no extra dependency, works everywhere).

The page shows what the terminal shows. Every HTML page served gets one script
(``/__oqu/live.js``) that polls ``/__oqu/status`` twice a second: while the last build failed it
lays an overlay over the page with each error's file:line, message and hint in the DER's
language; when a new build succeeds it reloads the page — live reload as MkDocs and Vite do it,
with plain polling instead of a websocket.
"""

from __future__ import annotations

import http.server
import json
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oqu.diagnostics import Diagnostic, Lang, SourceUnreadable, Text
from oqu.packaging.pipeline import build, output_names
from oqu.sources.der import detect_language

POLL_SECONDS = 0.5

_FAILED = Text(
    "Ресурс құрастырылмады — қателерді түзетіңіз, бет өздігінен жаңарады",
    "Ресурс не собран — исправьте ошибки, страница обновится сама",
    "The resource did not build — fix the errors and the page reloads by itself",
)
_HINT = Text("кеңес", "подсказка", "hint")
_WAITING = Text("Oqu: күте тұрыңыз", "Oqu: подождите", "Oqu: waiting for a build")

_LIVE_JS = """\
(function () {
  "use strict";
  var seen = null, box = null;
  function overlay(s) {
    if (!box) {
      box = document.createElement("div");
      box.id = "oqu-preview-errors";
      box.setAttribute("role", "alert");
      var st = box.style;
      st.position = "fixed"; st.left = "0"; st.right = "0"; st.top = "0"; st.bottom = "0";
      st.zIndex = "2147483647"; st.overflow = "auto"; st.padding = "2rem";
      st.background = "rgba(24, 24, 27, 0.94)"; st.color = "#fafafa";
      st.font = "15px/1.5 system-ui, sans-serif";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("h2");
    h.textContent = s.title;
    h.style.color = "#fca5a5"; h.style.marginTop = "0";
    box.appendChild(h);
    s.errors.forEach(function (e) {
      var item = document.createElement("div");
      item.className = "oqu-preview-error";
      item.style.margin = "0 0 1rem"; item.style.padding = "0.75rem 1rem";
      item.style.borderLeft = "4px solid #ef4444"; item.style.background = "#27272a";
      var where = document.createElement("code");
      where.textContent = e.where + "  " + e.code;
      where.style.color = "#93c5fd";
      var msg = document.createElement("div");
      msg.textContent = e.message;
      msg.style.fontWeight = "600";
      item.appendChild(where); item.appendChild(msg);
      if (e.hint) {
        var hint = document.createElement("div");
        hint.textContent = s.hint_word + ": " + e.hint;
        hint.style.color = "#d4d4d8";
        item.appendChild(hint);
      }
      box.appendChild(item);
    });
    box.hidden = false;
  }
  function poll() {
    fetch("/__oqu/status", {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen === null) seen = s.generation;
        if (s.errors.length) overlay(s);
        else if (s.generation !== seen) { location.reload(); return; }
        else if (box) box.hidden = true;
      })
      .catch(function () { /* the server restarts or stops: try again */ })
      .then(function () { setTimeout(poll, POLL_MS); });
  }
  poll();
})();
""".replace("POLL_MS", str(int(POLL_SECONDS * 1000)))

_SCRIPT_TAG = b'<script src="/__oqu/live.js"></script>'


@dataclass(slots=True)
class _State:
    """What the server shows: the last good build, and the errors of the last build if bad."""

    lang: Lang = "en"
    site: Path | None = None
    generation: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def status(self) -> bytes:
        with self.lock:
            body = {
                "generation": self.generation,
                "errors": self.errors,
                "title": _FAILED.get(self.lang),
                "hint_word": _HINT.get(self.lang),
            }
        return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _fingerprint(root: Path) -> tuple[tuple[str, float, int], ...]:
    out = []
    for p in sorted(root.rglob("*")):
        if p.is_file() and not any(part.startswith(".") or part == "dist" for part in p.parts):
            st = p.stat()
            out.append((str(p), st.st_mtime, st.st_size))
    return tuple(out)


def _shown(d: Diagnostic, lang: Lang) -> dict[str, str]:
    return {
        "where": str(d.location),
        "code": d.code,
        "severity": d.severity,
        "message": d.message(lang),
        "hint": d.hint(lang),
    }


def _rebuild(src: Path, out: Path, state: _State) -> Path | None:
    lang = detect_language(src)
    try:
        result = build(src, out, ("web",))
    except SourceUnreadable as e:
        print(e.diagnostic.format(lang), flush=True)
        with state.lock:
            state.lang, state.errors = lang, [_shown(e.diagnostic, lang)]
        return None
    for d in result.diagnostics:
        print(d.format(lang), flush=True)
    site = None
    if result.ok and result.resource:
        site = out / output_names(result.resource.slug)["web"]
    with state.lock:
        state.lang = lang
        if site is not None:
            state.site, state.errors = site, []
            state.generation += 1
        else:
            errors = [d for d in result.diagnostics if d.severity == "error"]
            state.errors = [_shown(d, lang) for d in errors or list(result.diagnostics)]
    return site


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: _State  # set on the subclass serve() makes

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == "/__oqu/status":
            self._send(self.state.status(), "application/json; charset=utf-8")
            return
        if path == "/__oqu/live.js":
            self._send(_LIVE_JS.encode("utf-8"), "text/javascript; charset=utf-8")
            return
        with self.state.lock:
            site = self.state.site
        if site is None:  # no good build yet: a page that waits for one, errors overlaid
            page = f"<!doctype html><meta charset=utf-8><title>{_WAITING.get(self.state.lang)}"
            self._send(page.encode("utf-8") + b"</title><body>" + _SCRIPT_TAG, "text/html")
            return
        self.directory = str(site)
        if path.endswith("/"):
            path += "index.html"
        if path.endswith(".html"):
            file = Path(self.translate_path(path))
            if file.is_file():
                self._send(_with_live_reload(file.read_bytes()), "text/html; charset=utf-8")
                return
        super().do_GET()

    def _send(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _with_live_reload(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page + _SCRIPT_TAG if at < 0 else page[:at] + _SCRIPT_TAG + page[at:]


def serve(src: Path, port: int) -> int:
    root = src if src.is_dir() else src.parent
    state = _State()
    if not src.exists():  # nothing to watch: say so and stop
        _rebuild(src, Path(tempfile.gettempdir()), state)
        return 1
    handler: Any = type("Handler", (_Handler,), {"state": state})
    with tempfile.TemporaryDirectory(prefix="oqu-preview-") as tmp:
        out = Path(tmp)
        _rebuild(src, out, state)  # a first build that fails is shown in the page too
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        server.daemon_threads = True
        print(f"http://127.0.0.1:{server.server_address[1]}/  (Ctrl+C to stop)", flush=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        seen = _fingerprint(root)
        try:
            while True:
                time.sleep(POLL_SECONDS)
                now = _fingerprint(root)
                if now != seen:
                    seen = now
                    if _rebuild(src, out, state):
                        print("rebuilt", flush=True)
        except KeyboardInterrupt:
            return 0
        finally:
            server.shutdown()
