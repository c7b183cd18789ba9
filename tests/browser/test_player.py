"""The player on its own (no LMS): navigation, deep links, tabs, offline resume, print, layout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

SLIDES = ["s-title", "s-contents", "s-principles", "s-ccp", "s-monitoring"]


@pytest.fixture
def site(serve: Callable[[Path], str], make_package: Callable[..., Path]) -> str:
    return serve(make_package(package="web")) + "/pkg/index.html"


def shown(page: Any) -> list[str]:
    return page.eval_on_selector_all(".oqu-slide:not([hidden])", "els => els.map(e => e.id)")


def counter(page: Any) -> str:
    return page.text_content(".oqu-counter")


def test_buttons_move_one_slide_and_update_counter_and_hash(page: Any, site: str) -> None:
    page.goto(site)
    assert shown(page) == ["s-title"]
    assert counter(page) == "1 / 5"
    assert page.is_disabled(".oqu-prev")

    page.click(".oqu-next")
    assert shown(page) == ["s-contents"]
    assert counter(page) == "2 / 5"
    assert page.evaluate("location.hash") == "#s-contents"
    # Focus moves to the new slide's title, for screen readers.
    assert page.evaluate("document.activeElement.id") == "s-contents-h"

    page.click(".oqu-prev")
    assert shown(page) == ["s-title"]
    assert page.get_attribute(".oqu-counter", "aria-live") == "polite"


def test_keyboard_navigation(page: Any, site: str) -> None:
    page.goto(site)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("PageDown")
    assert shown(page) == ["s-principles"]
    page.keyboard.press("End")
    assert shown(page) == ["s-monitoring"]
    assert counter(page) == "5 / 5"
    assert page.is_disabled(".oqu-next")
    page.keyboard.press("ArrowRight")  # past the end: stays
    assert shown(page) == ["s-monitoring"]
    page.keyboard.press("PageUp")
    assert shown(page) == ["s-ccp"]
    page.keyboard.press("Home")
    assert shown(page) == ["s-title"]


def test_keys_typed_into_a_form_field_do_not_navigate(page: Any, site: str) -> None:
    page.goto(site + "#s-monitoring")
    page.focus("input[value='a']")
    page.keyboard.press("ArrowLeft")  # radio group arrow keys, not slide navigation
    assert shown(page) == ["s-monitoring"]


def test_touch_swipe(new_page: Callable[..., tuple[Any, Any]], site: str) -> None:
    page, _ = new_page(has_touch=True)
    page.goto(site)

    def swipe(dx: int) -> None:
        page.evaluate(
            """dx => {
              const main = document.querySelector('.oqu-slides');
              const at = (type, x) => main.dispatchEvent(new PointerEvent(type, {
                bubbles: true, pointerType: 'touch', isPrimary: true, clientX: x, clientY: 300}));
              at('pointerdown', 200); at('pointerup', 200 + dx);
            }""",
            dx,
        )

    swipe(-120)
    assert shown(page) == ["s-contents"]
    swipe(120)
    assert shown(page) == ["s-title"]
    swipe(-20)  # too short to be a swipe
    assert shown(page) == ["s-title"]


def test_hash_deep_link_and_contents_links(page: Any, site: str) -> None:
    page.goto(site + "#s-ccp")
    assert shown(page) == ["s-ccp"]
    assert counter(page) == "4 / 5"

    page.goto(site + "#s-contents")
    page.wait_for_function("() => !document.getElementById('s-contents').hidden")
    page.click("a[href='#s-monitoring']")
    # the hash change is handled asynchronously: wait for it rather than race it
    page.wait_for_function("() => !document.getElementById('s-monitoring').hidden")
    assert shown(page) == ["s-monitoring"]
    assert counter(page) == "5 / 5"


def test_tabs_follow_the_aria_pattern(page: Any, site: str) -> None:
    page.goto(site + "#s-principles")
    tabs = page.locator("#i-principles [role=tab]")
    panels = page.locator("#i-principles [role=tabpanel]")
    assert tabs.count() == 3
    assert page.locator("#i-principles [role=tablist]").count() == 1
    assert tabs.all_text_contents() == ["Қауіптерді талдау", "Сыни нүктелер", "Шекті мәндер"]

    def selected() -> list[str]:
        return [tabs.nth(i).get_attribute("aria-selected") for i in range(3)]

    def visible() -> list[bool]:
        return [panels.nth(i).is_visible() for i in range(3)]

    assert selected() == ["true", "false", "false"]
    assert visible() == [True, False, False]
    assert panels.nth(0).get_attribute("aria-labelledby") == tabs.nth(0).get_attribute("id")
    assert tabs.nth(0).get_attribute("aria-controls") == panels.nth(0).get_attribute("id")

    tabs.nth(0).focus()
    page.keyboard.press("ArrowRight")
    assert selected() == ["false", "true", "false"]
    assert visible() == [False, True, False]
    assert page.evaluate("document.activeElement.textContent") == "Сыни нүктелер"
    page.keyboard.press("End")
    assert selected() == ["false", "false", "true"]
    page.keyboard.press("ArrowRight")  # wraps round
    assert selected() == ["true", "false", "false"]
    page.keyboard.press("ArrowLeft")
    assert selected() == ["false", "false", "true"]
    assert [tabs.nth(i).get_attribute("tabindex") for i in range(3)] == ["-1", "-1", "0"]
    # Arrow keys in the tab list never change the slide.
    assert shown(page) == ["s-principles"]

    tabs.nth(1).click()
    assert visible() == [False, True, False]
    assert page.evaluate("Oqu.opened()") == ["i-principles"] * 3


def test_accordion_items_toggle(page: Any, site: str) -> None:
    page.goto(site + "#s-monitoring")
    toggle = page.locator("#i-actions .oqu-toggle").first
    body = page.locator("#i-actions .oqu-item-body").first
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not body.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert body.is_visible()
    assert "i-actions" in page.evaluate("Oqu.opened()")


def test_quiz_submit_does_not_reload_the_package(page: Any, site: str) -> None:
    page.goto(site + "#s-monitoring")
    page.evaluate("window.stillHere = true")
    page.click("form.oqu-quiz button[type=submit]")
    assert page.evaluate("window.stillHere") is True


def test_offline_progress_resumes_after_reload(
    new_page: Callable[..., tuple[Any, Any]], site: str
) -> None:
    page, _ = new_page()
    page.goto(site)
    page.click(".oqu-next")
    page.click(".oqu-next")
    page.click(".oqu-next")
    assert page.evaluate("Oqu.lms()") is None
    page.goto("about:blank")
    page.goto(site)  # no hash: the saved place, not the link, decides
    assert shown(page) == ["s-ccp"]
    assert page.evaluate("Oqu.visited()") == [True, True, True, True, False]


def test_works_from_a_file_url(
    new_page: Callable[..., tuple[Any, Any]], make_package: Callable[..., Path]
) -> None:
    page, rec = new_page()
    index = make_package(package="web") / "pkg" / "index.html"
    page.goto(index.as_uri())
    page.click(".oqu-next")
    assert shown(page) == ["s-contents"]
    assert page.evaluate("location.hash") == "#s-contents"
    page.goto("about:blank")
    page.goto(index.as_uri())
    assert shown(page) == ["s-contents"]  # resumed from localStorage
    assert all(url.startswith("file:") for url in rec.requests)


def test_without_javascript_every_slide_shows(
    new_page: Callable[..., tuple[Any, Any]], site: str
) -> None:
    page, _ = new_page(java_script_enabled=False)
    page.goto(site)
    assert shown(page) == SLIDES
    assert all(page.locator(f"#{s}").is_visible() for s in SLIDES)
    assert not page.locator(".oqu-nav").is_visible()


def test_print_shows_every_slide_and_panel(page: Any, site: str) -> None:
    page.goto(site)
    page.emulate_media(media="print")
    assert all(page.locator(f"#{s}").is_visible() for s in SLIDES)
    assert page.locator("#i-principles .oqu-item").nth(2).is_visible()
    assert not page.locator(".oqu-nav").is_visible()
    breaks = page.eval_on_selector("#s-title", "e => getComputedStyle(e).breakAfter")
    assert breaks == "page"


@pytest.mark.parametrize(("width", "height"), [(360, 640), (1920, 1080)])
def test_screenshots(
    new_page: Callable[..., tuple[Any, Any]], site: str, width: int, height: int
) -> None:
    page, _ = new_page(viewport={"width": width, "height": height})
    ARTIFACTS.mkdir(exist_ok=True)
    for slide in ["s-title", "s-principles", "s-ccp", "s-monitoring"]:
        page.goto(f"{site}#{slide}")
        page.wait_for_load_state("load")
        if slide == "s-monitoring":
            page.locator("#i-actions .oqu-toggle").first.click()
        page.screenshot(path=str(ARTIFACTS / f"player-{width}x{height}-{slide}.png"))
        # Nothing wider than the screen: no sideways scrolling of the page itself.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
