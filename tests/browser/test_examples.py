"""The shipped examples, built by ``oqu build`` and played end to end in Chromium.

Each example is built once per session. The SCORM packages play in the test LMS (scorm-again):
every slide is walked, the LMS side is checked, and a relaunch must resume on the saved slide.
The web folder is opened from ``file://`` (offline), and every slide is photographed at a desktop
and a phone size into ``test-artifacts/examples/<example>/<W>x<H>/<nn>-<slide-id>.png`` (the
desktop walk also opens every view of every slide from ``file://``: one walk, not two).
"""

from __future__ import annotations

import json
import re
import urllib.parse
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTIFACTS, REPO, Harness, animations_done, each_view

pytestmark = pytest.mark.browser

EXAMPLES = ["haccp-kk", "food-tech-ru", "networks-en"]
WITH_MATH = {"food-tech-ru", "networks-en"}

V12 = {
    "api": "12",
    "zip": "scorm12",
    "location": ("core", "lesson_location"),
    "status": ("core", "lesson_status"),
    "session_time": "cmi.core.session_time",
    "commit": "LMSCommit",
}
V2004 = {
    "api": "2004",
    "zip": "scorm2004",
    "location": ("location",),
    "status": ("completion_status",),
    "session_time": "cmi.session_time",
    "commit": "Commit",
}

# Every <img> of the visible slide: scrolled into view (they are loading="lazy"), awaited, and
# reported with its natural width. Images inside something still hidden are skipped.
LOAD_IMAGES = """async (id) => {
  const slide = document.getElementById(id);
  const out = [];
  for (const img of slide.querySelectorAll('img')) {
    if (!img.checkVisibility()) continue;
    img.scrollIntoView({block: 'center'});
    if (!img.complete) {
      await new Promise((done) => {
        img.addEventListener('load', done, {once: true});
        img.addEventListener('error', done, {once: true});
        setTimeout(done, 5000);
      });
    }
    out.push({src: img.getAttribute('src'), width: img.naturalWidth});
  }
  window.scrollTo(0, 0);
  return out;
}"""
VISIBLE_SLIDES = "e => e.map(x => x.id)"


class _PageReader(HTMLParser):
    """Slide ids and the oqu-data JSON of a built index.html."""

    def __init__(self) -> None:
        super().__init__()
        self.slides: list[str] = []
        self.data_text = ""
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and "oqu-slide" in (a.get("class") or "").split():
            self.slides.append(a["id"] or "")
        if tag == "script" and a.get("id") == "oqu-data":
            self._in_data = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_text += data


@dataclass
class Built:
    name: str
    out: Path
    slug: str
    slides: list[str]
    data: dict[str, Any]

    @property
    def web(self) -> Path:
        return self.out / f"{self.slug}-web"

    def zip(self, package: str) -> Path:
        return self.out / f"{self.slug}-{package}.zip"


@pytest.fixture(scope="module", params=EXAMPLES)
def built(request: Any, built_once: Callable[[Path], Path]) -> Built:
    name = request.param
    out = built_once(REPO / "examples" / name)
    webs = sorted(out.glob("*-web"))
    assert len(webs) == 1, f"one web folder expected, got {webs}"
    slug = webs[0].name.removesuffix("-web")
    for package in ("scorm12", "scorm2004"):
        assert (out / f"{slug}-{package}.zip").is_file()
    reader = _PageReader()
    reader.feed((webs[0] / "index.html").read_text(encoding="utf-8"))
    assert reader.slides, "no slides in the built page"
    assert reader.data_text, "no script#oqu-data in the built page"
    return Built(name, out, slug, reader.slides, json.loads(reader.data_text))


def dig(state: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        state = state[key]
    return state


def shown(frame: Any) -> list[str]:
    return frame.eval_on_selector_all(".oqu-slide:not([hidden])", VISIBLE_SLIDES)  # type: ignore[no-any-return]


def assert_counter(frame: Any, n: int, total: int) -> None:
    text = frame.text_content(".oqu-counter") or ""
    assert re.search(rf"(?<!\d){n}(?!\d).*(?<!\d){total}(?!\d)", text), f"counter: {text!r}"


def assert_local(urls: list[str]) -> None:
    for url in urls:
        if url.startswith(("file:", "data:", "blob:", "about:")):
            continue
        assert urllib.parse.urlsplit(url).hostname == "127.0.0.1", f"request left the host: {url}"


@pytest.mark.parametrize("v", [V12, V2004], ids=["scorm12", "scorm2004"])
def test_scorm_walk_close_and_resume(
    built: Built,
    v: dict[str, Any],
    tmp_path: Path,
    serve: Callable[[Path], str],
    new_page: Callable[..., tuple[Any, Any]],
) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(built.zip(v["zip"])) as z:
        z.extractall(site / "pkg")
    base = serve(site)
    page, rec = new_page()
    lms = Harness(page, base)
    frame = lms.open(v["api"])
    total = len(built.slides)
    assert shown(frame) == [built.slides[0]]
    assert_counter(frame, 1, total)

    for i in range(1, total):
        frame.click(".oqu-next")
        assert shown(frame) == [built.slides[i]]
    assert_counter(frame, total, total)
    assert frame.is_disabled(".oqu-next")

    lms.close_package()  # pagehide: Commit + Finish
    state = lms.state()
    last = built.slides[-1]
    assert dig(state, v["location"]) == last
    suspend = state["suspend_data"]
    assert suspend, "suspend_data is set"
    if v is V12:
        assert len(suspend) < 4096, f"suspend_data is {len(suspend)} chars"
    assert lms.set_values().get(v["session_time"]), "session time is set"
    assert lms.calls(v["commit"]), "Commit was called"
    expected = "completed" if built.data.get("completion") == "slides" else "incomplete"
    assert dig(state, v["status"]) == expected, f"completion: {built.data.get('completion')}"
    assert_local(rec.requests)

    # Relaunch in a fresh context (no localStorage copy), seeded with what the LMS stored.
    if v is V2004:
        seed = {
            "location": state["location"],
            "suspend_data": suspend,
            "completion_status": state["completion_status"],
        }
    else:
        seed = {
            "core": {
                "lesson_location": state["core"]["lesson_location"],
                "lesson_status": state["core"]["lesson_status"],
            },
            "suspend_data": suspend,
        }
    page2, rec2 = new_page()
    again = Harness(page2, base)
    frame = again.open(v["api"], seed=seed)
    assert shown(frame) == [last]
    assert frame.is_visible(f'section.oqu-slide[id="{last}"]')
    assert_counter(frame, total, total)
    assert_local(rec2.requests)


@pytest.fixture
def offline_page(
    new_page: Callable[..., tuple[Any, Any]],
) -> Iterator[Callable[..., tuple[Any, Any, list[str]]]]:
    """A page for file://, with the list of the URLs it requested (``rec.requests``)."""

    def open_page(**context_args: Any) -> tuple[Any, Any, list[str]]:
        page, rec = new_page(**context_args)
        return page, rec, rec.requests

    yield open_page


def open_web(page: Any, built: Built) -> None:
    page.goto((built.web / "index.html").as_uri())
    page.wait_for_function("() => window.Oqu !== undefined")


def photograph_every_slide(
    page: Any, built: Built, width: int, height: int, opened: Callable[[str], None] | None = None
) -> set[str]:
    """Every slide in turn, photographed as it comes and with its accordion items open, into
    ``test-artifacts/examples/<example>/<W>x<H>/``; ``opened(slide_id)`` runs after the photos.
    Returns the ``src`` of every picture shown and loaded on the way (all with a width)."""
    folder = ARTIFACTS / "examples" / built.name / f"{width}x{height}"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    seen: set[str] = set()
    bad: list[str] = []

    def load_images(slide_id: str) -> None:
        for img in page.evaluate(LOAD_IMAGES, slide_id):
            seen.add(img["src"])
            if not img["width"] > 0:
                bad.append(f"{slide_id}: {img['src']}")

    for i, slide_id in enumerate(built.slides):
        if i:
            page.click(".oqu-next")
        assert shown(page) == [slide_id]
        assert_counter(page, i + 1, len(built.slides))
        load_images(slide_id)
        page.screenshot(path=folder / f"{i + 1:02d}-{slide_id}.png", full_page=True)
        toggles = page.locator(f'section.oqu-slide[id="{slide_id}"] .oqu-toggle').all()
        if toggles:  # and once more with every accordion item open
            for toggle in toggles:
                toggle.click()
            load_images(slide_id)
            animations_done(page)  # the toggle markers rotate in .15 s
            page.screenshot(path=folder / f"{i + 1:02d}-{slide_id}-open.png", full_page=True)
        if opened is not None:
            opened(slide_id)
            load_images(slide_id)
    assert bad == [], "images that did not load"
    assert len(list(folder.glob("*.png"))) >= len(built.slides)
    return seen


def test_web_offline_from_file_every_view_and_screenshots_at_1920x1080(
    built: Built, offline_page: Callable[..., tuple[Any, Any, list[str]]]
) -> None:
    """The web folder from ``file://``: every slide photographed at 1920×1080, then every view
    of its interactions opened (every tab, step, marker, card, node, level) with every picture
    shown loaded; videos with their captions; nothing requested beyond the folder."""
    page, rec, urls = offline_page(viewport={"width": 1920, "height": 1080})
    open_web(page, built)
    assert_counter(page, 1, len(built.slides))
    if built.name in WITH_MATH:
        assert page.locator("math").count() > 0, "MathML expected"
    checked: set[str] = set()
    bad: list[str] = []

    def every_view(slide_id: str) -> None:
        # show everything an interaction hides: every tab, step, marker, card, node, level
        for _view in each_view(page, slide_id):
            for img in page.evaluate(LOAD_IMAGES, slide_id):
                checked.add(img["src"])
                if not img["width"] > 0:
                    bad.append(f"{slide_id}: {img['src']}")

    checked |= photograph_every_slide(page, built, 1920, 1080, every_view)
    assert bad == [], "images that did not load"
    all_imgs = set(page.eval_on_selector_all("img", "e => e.map(x => x.getAttribute('src'))"))
    assert all_imgs <= checked, f"images never shown: {sorted(all_imgs - checked)}"
    assert page.is_disabled(".oqu-next")

    videos = page.eval_on_selector_all(
        "video",
        """e => e.map(v => ({src: v.getAttribute('src'), box: v.closest('.oqu-interaction').id,
            tracks: Array.from(v.textTracks).map(t => [t.language, t.cues ? t.cues.length : 0])}))""",
    )
    if built.name == "haccp-kk":
        assert videos, "haccp-kk has a video"
    for video in videos:
        assert video["src"] and (built.web / video["src"]).is_file(), video
        # Captions come with the page (Chromium refuses <track src> from file://): the player
        # adds them as text tracks, so they work offline too.
        assert built.data["captions"][video["box"]], f"video without captions: {video}"
        assert video["tracks"] and all(n > 0 for _, n in video["tracks"]), video

    assert_local(urls)
    assert_local(rec.requests)
    assert rec.errors == [], "console errors"


def test_screenshots_of_every_slide_at_360x640(
    built: Built, offline_page: Callable[..., tuple[Any, Any, list[str]]]
) -> None:
    page, rec, urls = offline_page(viewport={"width": 360, "height": 640})
    open_web(page, built)
    photograph_every_slide(page, built, 360, 640)
    assert rec.errors == []
    assert_local(urls)
