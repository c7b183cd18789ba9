"""`oqu preview`: serves the web build on 127.0.0.1 and rebuilds when the source changes."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

SOURCE = """\
---
title: Preview
type: interactive-presentation
language: en
department: Computer engineering
discipline: Computer networks
date: 2026-09-01
authors: [{name: Aigul Aliyeva}]
---

## First version
Text.
"""


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:  # our own server on 127.0.0.1
        return str(r.read().decode("utf-8"))


def test_preview_serves_and_rebuilds(tmp_path: Path) -> None:
    src = tmp_path / "lesson.md"
    src.write_text(SOURCE, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "oqu.cli", "preview", str(src), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().split()[0]
        assert url.startswith("http://127.0.0.1:")
        lines: queue.Queue[str] = queue.Queue()  # what it prints after the address
        out = proc.stdout

        def read() -> None:
            for line in out:
                lines.put(line)

        threading.Thread(target=read, daemon=True).start()
        assert "First version" in fetch(url)
        src.write_text(SOURCE.replace("First version", "Second version"), encoding="utf-8")
        deadline = time.monotonic() + 20
        while "Second version" not in fetch(url):
            assert time.monotonic() < deadline, "no rebuild within 20 s"
            time.sleep(0.2)
        assert lines.get(timeout=20).strip() == "rebuilt"
        # a broken edit is reported and the last good build keeps being served
        src.write_text(
            SOURCE.replace("type: interactive-presentation", "type: x"), encoding="utf-8"
        )
        report = lines.get(timeout=20)  # waited for, not slept on: the rebuild has run
        assert "lesson.md:3:7: OQ105 error" in report, report
        assert "Second version" in fetch(url)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()
