"""``oqu preview``: build the web version into a private folder, serve it on 127.0.0.1, and
rebuild when any file of the source changes (polling: no extra dependency, works everywhere).
"""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
import time
from pathlib import Path

from oqu.diagnostics import SourceUnreadable
from oqu.packaging.pipeline import build, output_names
from oqu.sources import detect_language

POLL_SECONDS = 0.5


def _fingerprint(root: Path) -> tuple[tuple[str, float, int], ...]:
    out = []
    for p in sorted(root.rglob("*")):
        if p.is_file() and not any(part.startswith(".") or part == "dist" for part in p.parts):
            st = p.stat()
            out.append((str(p), st.st_mtime, st.st_size))
    return tuple(out)


def _rebuild(src: Path, out: Path) -> Path | None:
    lang = detect_language(src)
    try:
        result = build(src, out, ("web",))
    except SourceUnreadable as e:
        print(e.diagnostic.format(lang), flush=True)
        return None
    for d in result.diagnostics:
        print(d.format(lang), flush=True)
    if result.ok and result.resource:
        return out / output_names(result.resource.slug)["web"]
    return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(src: Path, port: int) -> int:
    root = src if src.is_dir() else src.parent
    with tempfile.TemporaryDirectory(prefix="oqu-preview-") as tmp:
        out = Path(tmp)
        site = _rebuild(src, out)
        if site is None:
            return 1
        handler = functools.partial(_Handler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
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
                    if _rebuild(src, out):
                        print("rebuilt", flush=True)
        except KeyboardInterrupt:
            return 0
        finally:
            server.shutdown()
