"""Fixtures for the portal's browser tests (test_e2e.py, test_a11y.py): headless Debian Chromium
driving pytest-django's ``live_server`` (a real HTTP server in a thread, transactional database).

Import what a test module needs: ``from tests.portal.conftest_e2e import browser, Browse, ...``.
Playwright's sync API runs an event loop in the test's thread, so Django's "async unsafe" check
must be off for the ORM calls the tests make around it (docs: /work/shared/STACK.md).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import leaves_the_machine
from tests.portal.conftest import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts" / "portal"

AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}));
}"""


# Issue 15.10: what does not fit a phone's screen — a region that scrolls sideways (its right-hand
# columns hidden), a table cell or a fact cut off or out of the screen. Thead cells are left out:
# on a phone the header row is kept for screen readers only (portal.css).
CUT_OFF = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('.table-scroll')) {
    if (el.scrollWidth > el.clientWidth + 1) out.push('region ' + el.getAttribute('aria-label'));
  }
  for (const el of document.querySelectorAll('main td, main tbody th, main dd')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 1 || r.left < -1))
      out.push(el.tagName + ' ' + (el.dataset.label || '') + ' ' + el.textContent.trim().slice(0, 30));
  }
  return out.slice(0, 8);
}"""
SCROLL = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# what makes a page too wide: the innermost elements reaching past the screen's right edge
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.getBoundingClientRect().right <= width + 1) continue;
    if ([...el.children].some(c => c.getBoundingClientRect().right > width + 1)) continue;
    out.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') +
             (el.name ? '[name=' + el.name + ']' : '') + ' ' + (el.textContent || '').trim().slice(0, 30));
  }
  return out.slice(0, 5);
}"""


class Browse:
    """One browser context (one signed-in person) on the live server.

    Records console errors, uncaught exceptions and server errors (HTTP ≥ 500), and requests
    for anywhere but 127.0.0.1/localhost. Such a request cannot leave the machine (Chromium is
    launched with a dead proxy for all but loopback, tests/conftest.py): it is recorded from the
    context's ``request`` event, not intercepted (``route`` cost a round trip to Python for every
    request). ``check()`` asserts all three lists are empty.
    """

    def __init__(
        self,
        browser: Any,
        base: str,
        *,
        width: int = 1280,
        height: int = 800,
        locale: str = "en-US",
        **options: Any,
    ) -> None:
        self.base = base.rstrip("/")
        self.context = browser.new_context(
            viewport={"width": width, "height": height},
            locale=locale,
            accept_downloads=True,
            **options,
        )
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.context.on("request", self._request)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        self.page.on(
            "response",
            lambda r: self.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 500 else None,
        )

    def _console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(f"console: {msg.text} at {msg.location}")

    def _request(self, request: Any) -> None:
        if leaves_the_machine(request.url):
            self.foreign.append(request.url)

    def go(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        return response

    def post(self, button: Any) -> None:
        """Click a button that sends its form, and wait for the page the server answers with
        (Playwright's navigation timeout, 30 s). Until that page arrives the browser shows the
        old one, its messages and forms included: a check made right after the click could read
        the old page (on a slow machine, for longer than an assertion's 5 s), a field filled
        could be the old page's."""
        with self.page.expect_navigation():
            button.click()

    def login(self, email: str, password: str = PASSWORD) -> None:
        self.go("/login/")  # by the fields' names: the page may be in any language
        self.page.locator("input[name=email]").fill(email)
        self.page.locator("input[name=password]").fill(password)
        # (the login page's own address also ends in "/": waiting for the URL alone is no wait)
        self.post(self.page.locator("main form button[type=submit]"))
        self.page.wait_for_url(re.compile(r".*/$"))
        assert "/login/" not in self.page.url, self.page.content()[:2000]

    def logout(self) -> None:
        self.page.get_by_role("button", name="Sign out").click()
        self.page.wait_for_url(re.compile(r".*/login/$"))

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def phone_problems(self, width: int = 360, height: int = 740) -> list[str]:
        """The page at a phone's width: what is wider than the screen or cut off (none is
        right). The viewport is set back afterwards."""
        before = self.page.viewport_size
        self.page.set_viewport_size({"width": width, "height": height})
        try:
            overflow = self.page.evaluate(SCROLL)
            found = []
            if overflow > 0:
                found = [f"the page is {overflow}px too wide", *self.page.evaluate(TOO_WIDE)]
            return found + self.page.evaluate(CUT_OFF)
        finally:
            if before:
                self.page.set_viewport_size(before)

    def axe(self) -> list[dict[str, Any]]:
        if not AXE.is_file():
            pytest.fail("axe-core is missing: npm ci")
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        return self.page.evaluate(AXE_RUN)  # type: ignore[no-any-return]

    def check(self) -> None:
        assert self.errors == [], "errors in the browser or the server"
        assert self.foreign == [], "requests that left 127.0.0.1"

    def close(self) -> None:
        self.context.close()
