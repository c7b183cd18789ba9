"""`oqu preview`: serves the web build on 127.0.0.1 and rebuilds when the source changes."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

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


SOURCE_KK = """\
---
title: Алдын ала қарау
type: interactive-presentation
language: kk
department: Компьютерлік инженерия
discipline: Компьютерлік желілер
date: 2026-09-01
authors: [{name: Әлиева Айгүл}]
---

## Бірінші нұсқа
Мәтін.
"""


def _start(src: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "oqu.cli", "preview", str(src), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("http://127.0.0.1:"):
            return proc, line.split()[0]
    _stop(proc)
    raise AssertionError("oqu preview printed no address")


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    proc.wait(timeout=10)
    if proc.stdout:
        proc.stdout.close()


def test_errors_show_in_the_page_and_a_good_build_reloads_it(tmp_path: Path, browser: Any) -> None:
    """One preview process and page: a first build that fails is shown in the page; fixed, the
    page reloads with it; broken again, the overlay in Kazakh at its line; fixed with new
    content, a real reload shows it and the overlay is gone."""
    src = tmp_path / "lesson.md"
    src.write_text(SOURCE_KK.replace("Мәтін.", "Мәтін.\n\n:::proccess\n### 1\nа\n:::"))
    proc, url = _start(src)
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        overlay = page.locator("#oqu-preview-errors")
        overlay.wait_for(state="visible", timeout=20_000)
        assert "«:::process» деп жазғыңыз келді ме" in overlay.inner_text()
        src.write_text(SOURCE_KK, encoding="utf-8")
        page.wait_for_function(
            "document.body && document.body.textContent.includes('Бірінші нұсқа')",
            timeout=20_000,
        )
        assert "Бірінші нұсқа" in page.content()
        assert overlay.count() == 0

        # break the source: a tab in the front matter → the overlay, in Kazakh, at its line
        src.write_text(SOURCE_KK.replace("language: kk", "\tlanguage: kk"), encoding="utf-8")
        overlay.wait_for(state="visible", timeout=20_000)
        text = overlay.inner_text()
        assert "Ресурс құрастырылмады" in text
        assert "lesson.md:4:1" in text and "OQ102" in text
        assert "4-жолдағы шегініс Tab белгісімен жасалған" in text
        assert "кеңес: Tab белгісін бос орындармен ауыстырыңыз" in text

        # fix it with new content → the page reloads by itself and shows it, overlay gone
        page.evaluate("window.__before_reload = 1")
        src.write_text(SOURCE_KK.replace("Бірінші нұсқа", "Екінші нұсқа"), encoding="utf-8")
        page.wait_for_function(
            "document.body && document.body.textContent.includes('Екінші нұсқа')",
            timeout=20_000,
        )
        assert page.evaluate("window.__before_reload") is None  # a real reload
        assert overlay.count() == 0
        assert errors == []
    finally:
        context.close()
        _stop(proc)
