"""The player inside a test LMS (scorm-again): what it records, when it commits, how it resumes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Harness

pytestmark = pytest.mark.browser

# Where each version keeps what the player writes (paths into lmsState()).
V12 = {
    "api": "12",
    "package": "scorm12",
    "location": ("core", "lesson_location"),
    "status": ("core", "lesson_status"),
    "exit": "cmi.core.exit",
    "session_time": "cmi.core.session_time",
    "commit": "LMSCommit",
    "finish": "LMSFinish",
    "init": "LMSInitialize",
}
V2004 = {
    "api": "2004",
    "package": "scorm2004",
    "location": ("location",),
    "status": ("completion_status",),
    "exit": "cmi.exit",
    "session_time": "cmi.session_time",
    "commit": "Commit",
    "finish": "Terminate",
    "init": "Initialize",
}
VERSIONS = pytest.mark.parametrize("v", [V12, V2004], ids=["scorm12", "scorm2004"])


def dig(state: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        state = state[key]
    return state


def open_version(
    lms: Harness, make_package: Callable[..., Path], v: dict[str, Any], **kw: Any
) -> Any:
    make_package(package=v["package"])
    return lms.open(v["api"], **kw)


def click_next(frame: Any, times: int = 1) -> None:
    for _ in range(times):
        frame.click(".oqu-next")


@VERSIONS
def test_records_location_progress_and_completion(
    lms: Harness, make_package: Callable[..., Path], v: dict[str, Any]
) -> None:
    frame = open_version(lms, make_package, v)
    assert len(lms.calls(v["init"])) == 1
    assert lms.calls(v["commit"]), "the first values are committed at once"
    state = lms.state()
    assert dig(state, v["location"]) == "s-title"
    assert dig(state, v["status"]) == "incomplete"
    assert json.loads(state["suspend_data"])["s"] == "80"  # slide 1 of 5 seen

    click_next(frame, 2)
    state = lms.state()
    assert dig(state, v["location"]) == "s-principles"
    assert dig(state, v["status"]) == "incomplete"
    values = lms.set_values()
    assert values[v["exit"]] == "suspend"
    if v is V2004:
        assert values["cmi.progress_measure"] == "0.6000"
        assert values[v["session_time"]].startswith("PT")
    else:
        assert values[v["session_time"]].startswith("0000:00:")

    click_next(frame, 2)
    state = lms.state()
    assert dig(state, v["location"]) == "s-monitoring"
    assert dig(state, v["status"]) == "completed"
    # still "suspend" once complete: an LMS may restore nothing after another exit (issue 13)
    assert lms.set_values()[v["exit"]] == "suspend"
    assert json.loads(state["suspend_data"])["c"] == 1


@VERSIONS
def test_commits_are_throttled_and_flushed_on_hide_and_pagehide(
    lms: Harness, make_package: Callable[..., Path], v: dict[str, Any]
) -> None:
    frame = open_version(lms, make_package, v)
    commits = len(lms.calls(v["commit"]))
    click_next(frame, 3)  # values are set at once; the Commit waits for the 2 s window
    lms.page.wait_for_function(
        f"() => lmsLog().filter(e => e.call === '{v['commit']}').length === {commits + 1}"
    )
    times = [e["t"] for e in lms.calls(v["commit"])]
    assert times[-1] - times[-2] >= 1990, "at most one Commit per 2 s"
    assert dig(lms.state(), v["location"]) == "s-ccp", "the trailing Commit carries the last slide"

    click_next(frame)
    frame.evaluate(
        """() => {
          Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
          document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )
    log = lms.log()
    assert log[-1]["call"] == v["commit"], "hiding the page commits at once"
    assert dig(lms.state(), v["location"]) == "s-monitoring"

    lms.close_package()
    calls = [e["call"] for e in lms.log()]
    assert calls[-2:] == [v["commit"], v["finish"]]
    assert calls.count(v["finish"]) == 1


@VERSIONS
def test_relaunch_resumes_at_the_saved_slide(
    lms: Harness,
    make_package: Callable[..., Path],
    new_page: Callable[..., tuple[Any, Any]],
    v: dict[str, Any],
) -> None:
    frame = open_version(lms, make_package, v)
    click_next(frame, 3)
    lms.close_package()
    saved = lms.state()
    assert dig(saved, v["location"]) == "s-ccp"

    # What the LMS hands back on the next launch; a fresh context has no localStorage copy.
    if v is V2004:
        seed = {
            "location": saved["location"],
            "suspend_data": saved["suspend_data"],
            "completion_status": saved["completion_status"],
        }
    else:
        seed = {
            "core": {
                "lesson_location": saved["core"]["lesson_location"],
                "lesson_status": saved["core"]["lesson_status"],
            },
            "suspend_data": saved["suspend_data"],
        }
    page, _ = new_page()
    again = Harness(page, lms.base)
    frame = again.open(v["api"], seed=seed)
    assert frame.text_content(".oqu-counter") == "4 / 5"
    shown = frame.eval_on_selector_all(".oqu-slide:not([hidden])", "e => e.map(x => x.id)")
    assert shown == ["s-ccp"]
    assert frame.evaluate("Oqu.visited()") == [True, True, True, True, False]

    click_next(frame)  # the only slide not seen yet
    assert dig(again.state(), v["status"]) == "completed"


@VERSIONS
def test_misbehaving_lms_does_not_stop_the_learner(
    new_page: Callable[..., tuple[Any, Any]],
    serve: Callable[[Path], str],
    make_package: Callable[..., Path],
    v: dict[str, Any],
) -> None:
    page, rec = new_page()
    lms = Harness(page, serve(make_package(package=v["package"])))
    frame = lms.open(v["api"], mode="misbehave")
    click_next(frame, 4)
    assert frame.text_content(".oqu-counter") == "5 / 5"
    frame.click(".oqu-prev")
    assert frame.text_content(".oqu-counter") == "4 / 5"
    assert any(e["result"] == "threw" for e in lms.log())
    assert dig(lms.state(), v["status"]) == "completed"  # what did work was still recorded
    # Progress is kept in the browser as well, for when the LMS loses it.
    kept = frame.evaluate("JSON.stringify(Object.entries(localStorage))")
    assert "s-ccp" in kept
    lms.close_package()
    assert rec.errors == []


def test_suspend_data_fits_scorm12_with_200_slides(
    lms: Harness, make_package: Callable[..., Path]
) -> None:
    make_package(html=big_package(200, interactions_per_slide=3, items=5))
    frame = lms.open("12")
    frame.evaluate(
        "() => { for (let i = 0; i < 199; i++) document.querySelector('.oqu-next').click(); }"
    )
    frame.evaluate(
        """() => { document.querySelectorAll('.oqu-toggle').forEach(b => b.click()); }"""
    )
    lms.close_package()
    state = lms.state()
    assert state["core"]["lesson_location"] == "s-199"
    assert state["core"]["lesson_status"] == "completed"
    suspend = state["suspend_data"]
    assert 0 < len(suspend) < 4096
    assert json.loads(suspend)["o"] == "f" * 750  # 200 × 3 × 5 items, all opened


def big_package(slides: int, interactions_per_slide: int, items: int) -> str:
    """A contract-shaped index.html with many slides, each with accordion interactions."""
    sections = []
    for n in range(slides):
        boxes = "".join(
            f'<div class="oqu-interaction" data-kind="accordion" id="i-{n}-{k}">'
            + "".join(
                f'<div class="oqu-item" data-depth="0"><h3 class="oqu-item-title">Бөлім {j}</h3>'
                f'<div class="oqu-item-body"><p>Мәтін {j}</p></div></div>'
                for j in range(items)
            )
            + "</div>"
            for k in range(interactions_per_slide)
        )
        sections.append(
            f'<section class="oqu-slide" id="s-{n}" data-index="{n}" data-unit="u-1" '
            f'data-kind="content" aria-labelledby="s-{n}-h">'
            f'<h2 class="oqu-slide-title" id="s-{n}-h">Слайд {n + 1}</h2>{boxes}</section>'
        )
    data = {
        "title": "Үлкен ресурс",
        "lang": "kk",
        "package": "scorm12",
        "completion": "slides",
        "slides": [
            {"id": f"s-{n}", "title": f"Слайд {n + 1}", "unit": "u-1"} for n in range(slides)
        ],
        "strings": {"prev": "Алдыңғы", "next": "Келесі", "slide_of": "{n} / {total}"},
    }
    return (
        '<!doctype html>\n<html lang="kk" data-oqu-package="scorm12">\n<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>Үлкен ресурс</title><link rel="stylesheet" href="player/oqu.css"></head>\n<body>\n'
        '<div class="oqu" id="oqu"><header class="oqu-bar"><h1 class="oqu-der-title">Үлкен ресурс'
        f'</h1></header><main class="oqu-slides">{"".join(sections)}</main>'
        '<nav class="oqu-nav" aria-label="Слайдтар"><button class="oqu-prev" type="button">Алдыңғы'
        '</button><span class="oqu-counter" aria-live="polite"></span><button class="oqu-next" '
        'type="button">Келесі</button></nav></div>\n'
        '<script type="application/json" id="oqu-data">'
        f"{json.dumps(data, ensure_ascii=False)}</script>\n"
        '<script src="player/oqu.js"></script>\n</body></html>\n'
    )
