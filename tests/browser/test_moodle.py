"""Learner records the way Moodle 4.4 keeps them (issue 13), in SCORM 1.2 and 2004.

The LMS is ``harness/moodle.html``, a double of mod/scorm 4.4 where it decides what a learner
keeps (its header says what it follows): it restores a 2004 attempt only after ``cmi.exit =
suspend``, writes a commit's elements in order and decides grade and completion from the rows
held before the commit, rewrites 1.2's lesson_status from the manifest's mastery score and keeps
its "database" between launches, each launch in a fresh browser context (no localStorage copy).
scorm-again keeps its own runs in the other modules. One small DER (five slides, a self-check, a
five-question final test with pass=60, ``completion: slides``) is built once for the module.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import urllib.parse
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .conftest import HARNESS, NODE_MODULES, _Handler, oqu_build

pytestmark = pytest.mark.browser

HEAD = """---
title: Records
type: interactive-presentation
language: en
department: Department of Information Systems
discipline: Computer Networks
date: 2026-01-15
completion: slides
authors:
  - name: Test Author
    email: teacher@example.edu
references:
  basic: ["Tanenbaum A. Computer Networks. 2021."]
---

# Records
"""
SELF = """
## Self-check

:::quiz
{type=truefalse answer=true #sc1}
### Ethernet is a link-layer protocol.
:::
"""
FINAL = (
    """
## Final test

:::quiz {final=true pass=60 RETAKE}
"""
    + "".join(
        f"{{type=truefalse answer=true #ft{k}}}\n### Statement {k} is true.\n\n"
        for k in range(1, 6)
    )
    + ":::\n"
)


def source(root: Path, slides: int, checks: bool = False, retake: bool = False) -> Path:
    """``slides`` slides (each with a one-question self-check when ``checks``), then the tests."""
    root.mkdir(parents=True)
    check = "\n:::quiz\n{{type=truefalse answer=true #c{k}}}\n### Statement {k} holds.\n:::\n"
    body = "".join(
        f"\n## Slide {k}\n\nText of slide {k}.\n" + (check.format(k=k) if checks else "")
        for k in range(1, slides + 1)
    )
    final = FINAL.replace(" RETAKE", " retake=true" if retake else "")
    (root / "lesson.md").write_text(HEAD + body + SELF + final, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """Both packages of the small DER and of a 200-slide one, unpacked and served."""
    tmp = tmp_path_factory.mktemp("moodle")
    root = tmp / "site"
    mastery: dict[str, str] = {}
    for name, slides in (("small", 3), ("long", 200), ("retake", 1)):
        src = source(tmp / f"src-{name}" / name, slides, name == "long", name == "retake")
        out = oqu_build(src, tmp / f"out-{name}")  # in this process
        for version in ("scorm12", "scorm2004"):
            with zipfile.ZipFile(next(out.glob(f"*-{version}.zip"))) as z:
                z.extractall(root / f"{name}-{version}")
                manifest = z.read("imsmanifest.xml").decode()
            if version == "scorm12":
                found = re.search(r"<adlcp:masteryscore>([^<]+)<", manifest)
                assert found, "1.2 manifest without the pass mark"
                mastery[name] = found.group(1)
    routes = (("/harness/", HARNESS), ("/node_modules/", NODE_MODULES), ("/", root))
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=root))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", mastery
    server.shutdown()
    server.server_close()


@dataclass
class Moodle:
    """One learner's records in the double; each launch is a fresh browser."""

    browser: Any
    base: str
    version: str  # "1.2" | "2004"
    package: str = "small"
    mastery: str = ""
    query: dict[str, str] = field(default_factory=dict)
    db: dict[str, Any] = field(default_factory=dict)
    page: Any = None
    context: Any = None
    errors: list[str] = field(default_factory=list)

    @property
    def tracks(self) -> dict[str, str]:
        return self.db.get("tracks", {})  # type: ignore[no-any-return]

    def launch(self, **viewport: int) -> Any:
        self.context = self.browser.new_context(**({"viewport": viewport} if viewport else {}))
        self.context.add_init_script(f"window.moodleSeed = {json.dumps(self.db)};")
        self.page = self.context.new_page()
        self.page.set_default_timeout(5000)
        self.page.on("console", self.on_console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        pkg = f"/{self.package}-scorm{'12' if self.version == '1.2' else '2004'}/index.html"
        query = {
            "api": "12" if self.version == "1.2" else "2004",
            "pkg": pkg,
            **({"mastery": self.mastery} if self.version == "1.2" else {}),
            **self.query,
        }
        self.page.goto(f"{self.base}/harness/moodle.html?{urllib.parse.urlencode(query)}")
        frame = self.page.frame(name="sco")
        frame.wait_for_function("() => window.Oqu !== undefined && window.OquQuiz !== undefined")
        return frame

    def on_console(self, msg: Any) -> None:
        if msg.type == "error":
            self.errors.append(msg.text)

    @property
    def frame(self) -> Any:
        return self.page.frame(name="sco")

    def log(self) -> list[dict[str, Any]]:
        return self.page.evaluate("lmsLog()")  # type: ignore[no-any-return]

    def exit(self) -> None:
        """ "Exit activity": Moodle navigates away from the player (pagehide, Finish)."""
        self.page.evaluate("document.getElementById('sco').src = 'about:blank'")
        self.page.wait_for_function(
            "() => lmsLog().some(e => /^(LMSFinish|Terminate)$/.test(e.call))"
        )
        self.db = self.page.evaluate("moodleDb()")
        self.close()

    def crash(self) -> None:
        """The tab closed without "Exit activity": only what was committed is kept."""
        self.db = self.page.evaluate("moodleDb()")
        self.close()

    def close(self) -> None:
        self.context.close()
        assert self.errors == [], "errors in the browser console"


S = {
    "1.2": {
        "status": "cmi.core.lesson_status",
        "raw": "cmi.core.score.raw",
        "exit": "cmi.core.exit",
    },
    "2004": {"status": "cmi.success_status", "raw": "cmi.score.raw", "exit": "cmi.exit"},
}


def moodle(browser: Any, site: tuple[str, dict[str, str]], version: str, **kw: Any) -> Moodle:
    base, mastery = site
    package = kw.pop("package", "small")
    return Moodle(browser, base, version, package=package, mastery=mastery[package], **kw)


def final_slide(frame: Any) -> int:
    return frame.evaluate(  # type: ignore[no-any-return]
        "Array.from(document.querySelectorAll('.oqu-slide'))"
        ".indexOf(document.getElementById('ft1').closest('.oqu-slide'))"
    )


def go_to(frame: Any, selector: str) -> int:
    """Show the slide holding ``selector``; its index."""
    k: int = frame.evaluate(
        "(sel) => Array.from(document.querySelectorAll('.oqu-slide'))"
        ".indexOf(document.querySelector(sel).closest('.oqu-slide'))",
        selector,
    )
    frame.evaluate(f"Oqu.go({k})")
    return k


def self_check(frame: Any) -> int:
    k = go_to(frame, 'fieldset[id="sc1"]')
    frame.check('fieldset[id="sc1"] input[value="true"]')
    frame.click('fieldset[id="sc1"] .oqu-check')
    return k


def walk_all(frame: Any) -> None:
    frame.evaluate("() => document.querySelectorAll('.oqu-slide').forEach((_, k) => Oqu.go(k))")


def take_test(frame: Any, right: int) -> None:
    """Answer the final test with ``right`` of five right, submit, wait for the result."""
    frame.evaluate(f"Oqu.go({final_slide(frame)})")
    for k in range(1, 6):
        frame.check(f'fieldset[id="ft{k}"] input[value="{"true" if k <= right else "false"}"]')
    frame.click("form:has(#ft1) .oqu-submit")
    frame.wait_for_selector(".oqu-quiz-score")


# ---------------------------------------------------------------- the scenarios


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_leave_mid_way_then_resume(version: str, browser: Any, site: Any) -> None:
    m = moodle(browser, site, version)
    frame = m.launch()
    k = self_check(frame)
    m.exit()
    assert m.tracks[S[version]["exit"]] == "suspend"
    frame = m.launch()
    assert frame.evaluate("Oqu.entry()") == "resume"
    assert frame.evaluate("Oqu.slide()") == k
    assert frame.evaluate("Oqu.visited().filter(Boolean).length") == 2
    assert frame.locator('fieldset[id="sc1"] .oqu-review').is_visible(), "self-check kept"
    m.exit()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_pass_come_back_still_passed_same_grade_on_the_results(
    version: str, browser: Any, site: Any
) -> None:
    m = moodle(browser, site, version)
    frame = m.launch()
    self_check(frame)
    take_test(frame, right=5)
    # graded and complete at once, not one launch late
    db = m.page.evaluate("moodleDb()")
    assert db["grade"] == 100 and db["completed"] is True
    # the interaction list tells the final test from the self-check
    ids = [v for k, v in db["tracks"].items() if k.endswith(".id")]
    assert sorted(ids) == ["check1-sc1"] + [f"final-ft{k}" for k in range(1, 6)]
    m.exit()
    for _ in range(2):  # come back, twice: nothing is reopened, lowered or appended
        frame = m.launch()
        assert frame.evaluate("Oqu.slide()") == final_slide(frame), "lands on the results"
        assert frame.locator(".oqu-quiz-result .oqu-verdict.oqu-pass").is_visible()
        assert (
            frame.locator("form:has(#ft1) .oqu-submit").is_hidden()
            and frame.locator("form:has(#ft1) .oqu-retry").is_hidden()
        )
        assert "(100%)" in frame.text_content(".oqu-quiz-score")
        m.exit()
        assert m.db["grade"] == 100 and m.db["completed"] is True
        assert m.tracks[S[version]["status"]] == "passed"
        assert float(m.tracks[S[version]["raw"]]) == 100
        assert sum(k.endswith(".id") for k in m.tracks) == 6


def test_2004_passed_under_the_old_player_stays_passed(browser: Any, site: Any) -> None:
    """Records an earlier package left (cmi.exit = normal): Moodle restores neither location,
    suspend data nor statuses, only the score; the test is still passed, not reopened."""
    m = moodle(browser, site, "2004")
    m.db = {
        "tracks": {
            "cmi.exit": "normal",
            "cmi.completion_status": "completed",
            "cmi.success_status": "passed",
            "cmi.score.raw": "80",
            "cmi.location": "s3",
            "cmi.suspend_data": '{"v":1}',
        },
        "grade": 80,
        "completed": True,
    }
    frame = m.launch()
    assert frame.evaluate("Oqu.entry()") == ""
    assert frame.evaluate("Oqu.slide()") == final_slide(frame), "lands on the results"
    assert frame.locator(".oqu-quiz-result .oqu-verdict.oqu-pass").is_visible()
    assert "(80%)" in frame.text_content(".oqu-quiz-score")
    assert frame.locator("form:has(#ft1) .oqu-submit").is_hidden()
    m.exit()
    assert m.db["grade"] == 80 and m.tracks["cmi.success_status"] == "passed"
    assert m.tracks["cmi.exit"] == "suspend"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_status_commit_then_score_commit(version: str, browser: Any, site: Any) -> None:
    """Issue 13.2: the order every LMS understands at once."""
    m = moodle(browser, site, version)
    frame = m.launch()
    take_test(frame, right=5)
    calls = [
        (e["call"], *e["args"][:2])
        for e in m.log()
        if e["call"].endswith("Commit") or e["call"].endswith("SetValue")
    ]
    status = S[version]["status"]
    k = next(i for i, c in enumerate(calls) if c[1:] == (status, "passed"))
    raw = next(i for i, c in enumerate(calls) if c[1:2] == (S[version]["raw"],))
    assert k < raw, "status before score"
    between = [c[0] for c in calls[k:raw]]
    assert any(c.endswith("Commit") for c in between), "a commit between status and score"
    assert any(c[0].endswith("Commit") for c in calls[raw:]), "a commit after the score"
    m.crash()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_fail_then_retake_the_better_result_counts(version: str, browser: Any, site: Any) -> None:
    m = moodle(browser, site, version)
    frame = m.launch()
    walk_all(frame)  # completion: slides is met; the test still decides passed/failed
    take_test(frame, right=2)
    m.exit()
    assert m.db["grade"] == 40
    assert m.tracks[S[version]["status"]] == "failed"
    frame = m.launch()
    frame.click("form:has(#ft1) .oqu-retry")
    take_test(frame, right=1)  # worse: the 40 stays
    m.exit()
    assert m.db["grade"] == 40 and float(m.tracks[S[version]["raw"]]) == 40
    frame = m.launch()
    frame.click("form:has(#ft1) .oqu-retry")
    take_test(frame, right=4)  # better: it counts, and passes
    m.exit()
    assert m.db["grade"] == 80 and m.db["completed"] is True
    assert m.tracks[S[version]["status"]] == "passed"
    ids = [k for k in m.tracks if k.endswith(".id")]
    assert len(ids) == 5, "a retake overwrites its questions' records"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_retake_after_a_pass_when_the_author_allows_never_lowers(
    version: str, browser: Any, site: Any
) -> None:
    """``retake=true``: a passed test may be taken again; the better result still counts."""
    m = moodle(browser, site, version, package="retake")
    frame = m.launch()
    take_test(frame, right=5)
    frame.click("form:has(#ft1) .oqu-retry")  # offered after the pass
    take_test(frame, right=3)  # 60 %: passed again, lower
    m.exit()
    assert m.db["grade"] == 100 and float(m.tracks[S[version]["raw"]]) == 100
    assert m.tracks[S[version]["status"]] == "passed"


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_close_the_tab_without_exit_loses_nothing(version: str, browser: Any, site: Any) -> None:
    m = moodle(browser, site, version)
    frame = m.launch()
    frame.evaluate(f"Oqu.go({final_slide(frame)})")
    frame.check('fieldset[id="ft1"] input[value="true"]')
    frame.check('fieldset[id="ft2"] input[value="false"]')
    m.page.wait_for_function(
        "() => (moodleDb().tracks['cmi.suspend_data'] || '').includes('[true,false')", timeout=5000
    )
    m.crash()
    frame = m.launch()
    assert frame.evaluate("Oqu.slide()") == final_slide(frame)
    got = frame.evaluate("OquQuiz.responses(document.getElementById('ft1').closest('form').id)")
    assert (got["ft1"], got["ft2"]) == (True, False)
    m.exit()


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_refused_values_the_player_keeps_working(version: str, browser: Any, site: Any) -> None:
    """An LMS that refuses interactions past index 2 and suspend data over 60 characters."""
    m = moodle(browser, site, version, query={"ilimit": "2", "smax": "60"})
    frame = m.launch()
    frame.evaluate("Oqu.go(1)")
    take_test(frame, right=5)
    assert frame.locator(".oqu-quiz-result .oqu-verdict.oqu-pass").is_visible()
    refused = [e for e in m.log() if e["result"] == "false"]
    assert refused, "the double refused something"
    m.exit()
    assert m.db["grade"] == 100 and m.db["completed"] is True
    assert sum(k.endswith(".id") for k in m.tracks) == 2, "recorded what it could"


def test_only_changed_values_are_written(browser: Any, site: Any) -> None:
    """Issue 13.5: no SetValue repeats the value an element already holds."""
    m = moodle(browser, site, "1.2")
    frame = m.launch()
    for k in range(5):
        frame.evaluate(f"Oqu.go({k})")
    # the throttled commit after those values, waited for instead of slept on
    committed = """() => { const calls = lmsLog().map((e) => e.call);
                   return calls.lastIndexOf('LMSCommit') > calls.lastIndexOf('LMSSetValue'); }"""
    assert not m.page.evaluate(committed), "values set since the last commit"
    m.page.wait_for_function(committed)
    frame.evaluate("Oqu.go(0)")
    sets = [e["args"] for e in m.log() if e["call"] == "LMSSetValue"]
    last: dict[str, str] = {}
    repeats = []
    for name, value in sets:
        if last.get(name) == value:
            repeats.append(name)
        last[name] = value
    assert repeats == []
    print(f"5 slides: {len(sets)} SetValue calls")
    assert len(sets) <= 20, len(sets)
    m.crash()


def test_scorm12_suspend_data_of_a_200_slide_course(browser: Any, site: Any) -> None:
    """1.2's 4,096 characters with 200 slides, each with a self-check: all checked, the final
    test passed. Over the limit the self-check states go (the last first); the slides seen,
    the final test's attempt and its result survive, and the double refused nothing."""
    m = moodle(browser, site, "1.2", package="long")
    frame = m.launch()
    walk_all(frame)
    frame.evaluate(
        """() => document.querySelectorAll('fieldset[id^="c"]').forEach((f) => {
             f.querySelector('input[value="true"]').click(); f.querySelector('.oqu-check').click();
           })"""
    )
    take_test(frame, right=5)
    # the refused calls picked in the page: the whole log of this course is megabytes
    refused = m.page.evaluate("lmsLog().filter((e) => e.result === 'false')")
    assert refused == [], "nothing refused"
    m.exit()
    suspend = m.tracks["cmi.suspend_data"]
    assert len(suspend) <= 4096
    kept = len(json.loads(suspend)["x"]["qz"]) - 1
    print(f"200 slides, 200 self-checks, final test: suspend_data {len(suspend)} characters, ")
    print(f"{kept} self-check states kept")
    assert 0 < kept < 200
    assert sum(k.endswith(".id") for k in m.tracks) == 205, "every answer is in the LMS"
    frame = m.launch()
    assert frame.evaluate("Oqu.visited().every(Boolean)"), "every slide still visited"
    assert frame.locator(".oqu-quiz-result .oqu-verdict.oqu-pass").is_visible()
    assert frame.locator("form:has(#ft1) .oqu-review:not([hidden])").count() == 5, "answers kept"
    first, last = (
        'fieldset[id="c1"] .oqu-review:not([hidden])',
        'fieldset[id="c200"] .oqu-review:not([hidden])',
    )
    assert frame.locator(first).count() == 1, "the first self-checks are kept"
    assert frame.locator(last).count() == 0, "the last ones went"
    m.exit()


@pytest.mark.parametrize(("width", "height"), [(1366, 500), (1024, 768), (360, 640)])
def test_the_top_bar_stays_visible_in_moodles_frame(
    width: int, height: int, browser: Any, site: Any
) -> None:
    """Issue 13.6: Moodle's frame is 666 px tall, also in a window lower than that (Moodle's
    popup: the screen's width, 500 px tall, FACTS.md); the player fits."""
    m = moodle(browser, site, "2004", query={"fh": "666"})
    frame = m.launch(width=width, height=height)
    go_to(frame, 'fieldset[id="ft5"]')  # the longest slide
    frame.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    m.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the learner scrolls
    for sel in (".oqu-bar", ".oqu-next"):
        box = frame.locator(sel).bounding_box()  # in the top window's viewport
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, (sel, box)
    m.crash()
