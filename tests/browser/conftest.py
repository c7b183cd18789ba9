"""Browser-test harness: headless Debian Chromium, a local static server, a pretend LMS.

Fixtures:
- ``browser``: one Chromium for the session (``/usr/bin/chromium``; skipped when missing, except
  in CI where a missing browser is a failure).
- ``serve(root)``: serves ``root`` on 127.0.0.1 at a random port, plus ``/harness/`` (the test LMS)
  and ``/node_modules/`` (scorm-again); returns the base URL.
- ``page``: a fresh context and page that records console errors and every request (from the
  context's ``request`` events: no round trip to Python per request); requests for anywhere but
  127.0.0.1 fail in Chromium (tests/conftest.py, CHROMIUM_ARGS) and are listed. Both lists must be
  empty when the test ends.
- ``make_package(html=None, package="scorm12")``: writes a playable package (the minimal fixture
  or the given HTML, with the player copied from ``src/oqu/player``) under ``<tmp>/site/pkg`` and
  returns the ``site`` folder to serve.
- ``lms``: drives ``harness/lms.html`` in ``page``.
- ``built_once``: ``built_once(src)`` is ``oqu build SRC`` into a folder of the session, once per source
  for the whole session (the examples are shared by test_examples, test_learner and test_quiz);
  the folder is read-only for the tests: copy it to change it.
- ``oqu_build(src, out)``: the ``oqu build`` command run in this process (no interpreter start
  and no import of the library per build; tests/packaging runs it as a subprocess too).
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import leaves_the_machine

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PLAYER = REPO / "src" / "oqu" / "player"
HARNESS = HERE / "harness"
NODE_MODULES = REPO / "node_modules"
MINIMAL = HERE / "fixtures" / "minimal"
ARTIFACTS = REPO / "test-artifacts"


def oqu_build(src: Path, out: Path) -> Path:
    """``oqu build SRC --out OUT`` through the command line's own entry, in this process."""
    from typer.testing import CliRunner

    from oqu.cli import app

    run = CliRunner().invoke(app, ["build", str(src), "--out", str(out)])
    assert run.exit_code == 0, f"oqu build {src} failed:\n{run.output}\n{run.exception!r}"
    return out


@pytest.fixture(scope="session")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """``built_once(src)``: the output folder of ``oqu build SRC``, built once per session."""
    cache: dict[Path, Path] = {}

    def build(src: Path) -> Path:
        src = src.resolve()
        if src not in cache:
            cache[src] = oqu_build(src, tmp_path_factory.mktemp(f"built-{src.name}"))
        return cache[src]

    return build


class _Handler(SimpleHTTPRequestHandler):
    routes: tuple[tuple[str, Path], ...] = ()

    def translate_path(self, path: str) -> str:
        url_path = urllib.parse.urlsplit(path).path
        for prefix, base in self.routes:
            if url_path.startswith(prefix):
                self.directory = str(base)
                return super().translate_path("/" + url_path[len(prefix) :])
        return super().translate_path(path)

    def send_head(self) -> Any:
        # Chromium asks every page's server for /favicon.ico by itself (it did not while the
        # tests intercepted requests); a 404 is an error in the console, which fails a test. The
        # built page links no icon (src/oqu/player's template): nothing to serve, nothing wrong.
        if (
            urllib.parse.urlsplit(self.path).path == "/favicon.ico"
            and not Path(self.translate_path(self.path)).is_file()
        ):
            self.send_response(204)
            self.end_headers()
            return None
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    servers: list[ThreadingHTTPServer] = []

    def start(root: Path) -> str:
        routes = (("/harness/", HARNESS), ("/node_modules/", NODE_MODULES), ("/", root))
        handler = type("Handler", (_Handler,), {"routes": routes})
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=root))
        server.daemon_threads = True
        # shutdown() waits for the loop to look at its flag: every 0.5 s by default, a second
        # and more of teardown for a test serving several folders
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class Recorder:
    """Console errors, uncaught exceptions and requests seen by one browser context."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.foreign: list[str] = []

    def on_console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(f"console: {msg.text}")

    def on_request(self, request: Any) -> None:
        self.requests.append(request.url)
        if leaves_the_machine(request.url):
            self.foreign.append(request.url)


def recorded_page(browser: Any, **context_args: Any) -> tuple[Any, Any, Recorder]:
    """A new context and its page, whose console errors, uncaught exceptions and requests go to
    a :class:`Recorder`: ``(context, page, recorder)``."""
    context = browser.new_context(**context_args)
    rec = Recorder()
    context.on("request", rec.on_request)
    page = context.new_page()
    page.on("console", rec.on_console)
    page.on("pageerror", lambda exc: rec.errors.append(f"uncaught: {exc}"))
    return context, page, rec


@pytest.fixture
def new_page(browser: Any, serve: Any) -> Iterator[Callable[..., tuple[Any, Recorder]]]:
    """Opens pages in fresh contexts (fresh localStorage); checks errors and requests at the end.

    It asks for ``serve`` only to be set up after it and so torn down before it: a test's pages
    are closed before its servers stop. A server stopped under an open page reset whatever the
    page was still loading (net::ERR_CONNECTION_RESET in the console, a failed teardown)."""
    opened: list[tuple[Any, Recorder]] = []

    def open_page(**context_args: Any) -> tuple[Any, Recorder]:
        context, page, rec = recorded_page(browser, **context_args)
        opened.append((context, rec))
        return page, rec

    yield open_page
    for context, _ in opened:
        context.close()
    for _, rec in opened:
        assert rec.errors == [], "errors in the browser console"
        assert rec.foreign == [], "requests that left 127.0.0.1"


@pytest.fixture
def page(new_page: Callable[..., tuple[Any, Recorder]]) -> Any:
    return new_page()[0]


def write_package(dest: Path, html: str | None = None, package: str = "scorm12") -> Path:
    """Write a playable package into ``dest`` (the fixture or ``html``) with the current player."""
    shutil.copytree(MINIMAL, dest, dirs_exist_ok=True)
    if html is not None:
        (dest / "index.html").write_text(html, encoding="utf-8")
    index = dest / "index.html"
    text = index.read_text(encoding="utf-8")
    text = text.replace('data-oqu-package="scorm12"', f'data-oqu-package="{package}"')
    text = text.replace('"package": "scorm12"', f'"package": "{package}"')
    index.write_text(text, encoding="utf-8")
    shutil.copytree(PLAYER, dest / "player", dirs_exist_ok=True)
    return dest


@pytest.fixture
def make_package(tmp_path: Path) -> Callable[..., Path]:
    def make(html: str | None = None, package: str = "scorm12") -> Path:
        site = tmp_path / "site"
        if (site / "pkg").exists():
            shutil.rmtree(site / "pkg")
        write_package(site / "pkg", html, package)
        return site

    return make


class Harness:
    """The test LMS page with the package in its ``#sco`` frame."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base

    def open(
        self,
        api: str = "12",
        *,
        seed: dict[str, Any] | None = None,
        mode: str | None = None,
        pkg: str = "/pkg/index.html",
    ) -> Any:
        query = {"api": api, "pkg": pkg}
        if seed is not None:
            query["seed"] = json.dumps(seed)
        if mode:
            query["mode"] = mode
        self.page.goto(f"{self.base}/harness/lms.html?{urllib.parse.urlencode(query)}")
        self.page.wait_for_function("() => window.lmsLog && lmsLog().length > 0")
        frame = self.frame
        frame.wait_for_function("() => window.Oqu !== undefined")
        return frame

    @property
    def frame(self) -> Any:
        frame = self.page.frame(name="sco")
        assert frame is not None
        return frame

    def state(self) -> dict[str, Any]:
        return self.page.evaluate("lmsState()")  # type: ignore[no-any-return]

    def log(self) -> list[dict[str, Any]]:
        return self.page.evaluate("lmsLog()")  # type: ignore[no-any-return]

    def calls(self, name: str) -> list[dict[str, Any]]:
        return [e for e in self.log() if e["call"] == name]

    def set_values(self) -> dict[str, str]:
        """The last value the package set for each element."""
        return {e["args"][0]: e["args"][1] for e in self.log() if e["call"].endswith("SetValue")}

    def close_package(self) -> None:
        """Navigate the frame away, as an LMS does when the learner leaves: fires pagehide."""
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function(
            "() => document.getElementById('sco').contentWindow.location.href === 'about:blank'"
        )


@pytest.fixture
def lms(page: Any, serve: Callable[[Path], str], make_package: Callable[..., Path]) -> Harness:
    """The test LMS serving the minimal fixture as SCORM 1.2 (tests may re-make the package)."""
    return Harness(page, serve(make_package()))


AXE = NODE_MODULES / "axe-core" / "axe.min.js"
AXE_URL = "/node_modules/axe-core/axe.min.js"  # AXE, as the tests' server serves it
# axe-core's violations of every impact ("axe finds no violation", issue 17 item 6), with three
# nodes of each. ``page.evaluate(AXE_RUN)`` checks the whole document; ``page.evaluate(AXE_RUN,
# SHOWN)`` leaves the hidden slides out (axe skips what display: none hides anyway, but finding
# that out was about a third of each run); ``page.evaluate(AXE_RUN, SLIDE)`` checks the shown
# slide alone (another quarter less; the page-level rules, the bars and the dialogs are not
# checked then). A walk checks the whole document at its first and last slides and the others
# alone.
AXE_RUN = """async (context) => {
  const r = await axe.run(context || document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""
SHOWN = {"exclude": [[".oqu-slide[hidden]"]]}
SLIDE = {"include": [[".oqu-slide:not([hidden])"]]}


# The player's CSS transitions and animations (a slide turning, an item appearing, a marker
# rotating) have all ended: what a screenshot or axe-core sees is the resting state. Waited for
# instead of a fixed pause; an endless animation (none today) would not be waited for.
ANIMATIONS_DONE = """() => document.getAnimations().every(
  (a) => a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity)"""


def animations_done(page: Any) -> None:
    page.wait_for_function(ANIMATIONS_DONE)


# Controls that open part of an interaction, as the learner meets them (see oqu/player/oqu.js).
VIEW_CONTROLS = ".oqu-toggle, .oqu-tab, .oqu-step, .oqu-marker, .oqu-flip"


def each_view(page: Any, slide_id: str) -> Iterator[str]:
    """Open every view of every interaction on the visible slide, yielding after each one.

    Uses the learner's means only: clicks, keys, Escape. Yields a short label of what is shown.
    """
    sel = f'section.oqu-slide[id="{slide_id}"]'
    keyboard = page.keyboard if hasattr(page, "keyboard") else page.page.keyboard  # page or frame
    yield "start"
    for control in page.locator(f"{sel} :is({VIEW_CONTROLS})").all():
        if control.is_visible():
            if control.get_attribute("aria-expanded") == "true":
                continue  # an open disclosure: clicking would close it
            control.click()
            yield "control"
    for tree in page.locator(f"{sel} [role=tree]").all():
        n = tree.locator("[role=treeitem]").count()
        tree.locator("[role=treeitem][tabindex='0']").focus()
        for _ in range(n):  # preorder: choose, open, step down
            keyboard.press("Enter")
            yield "tree"
            if page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false":
                keyboard.press("ArrowRight")  # open it; its first child is next
            keyboard.press("ArrowDown")
    for _ in range(50):
        more = page.locator(f"{sel} .oqu-reveal-next:visible")
        if not more.count():
            break
        more.click()
        yield "reveal"
    for box in page.locator(f"{sel} .oqu-interaction[data-kind=gallery]").all():
        for _ in range(box.locator(":scope > .oqu-item").count()):
            box.locator(".oqu-step-next").click()
            yield "page"
    for card in page.locator(f"{sel} .oqu-card").all():
        card.click()
        yield "card"
        keyboard.press("Escape")
    for summary in page.locator(f"{sel} details.oqu-transcript > summary").all():
        summary.click()
        yield "transcript"
