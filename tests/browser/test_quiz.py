"""Tests in the player (player/quiz.js), reported to scorm-again as the LMS.

The examples' final tests are answered through the UI — all right (responses from
``oqu.assess.scoring.right_response``), some right, all wrong, and left mid-way then relaunched —
in SCORM 1.2 and 2004; the score, the status and every ``cmi.interactions`` record are read from
the LMS's side and compared with what the Python scorer says. A fixture with every question type
is answered by keyboard only, photographed at 360×640 (``test-artifacts/quiz/``) and checked with
axe-core; a small timed fixture covers the time limit, attempts, review off and pool draw.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from oqu.assess.export import matching_sides
from oqu.assess.interactions import interaction
from oqu.assess.scoring import right_response, score
from oqu.diagnostics import Diagnostics
from oqu.model.content import Question, Quiz
from oqu.numerals import number
from oqu.sources.der import load

from .conftest import ARTIFACTS, AXE, AXE_RUN, AXE_URL, HERE, REPO, Harness, oqu_build

pytestmark = pytest.mark.browser

EXAMPLES = ["haccp-kk", "networks-en", "food-tech-ru"]
SHOTS = ARTIFACTS / "quiz"
VERSIONS = {
    "1.2": {"api": "12", "zip": "scorm12", "learner": "student_response", "wrong": "wrong"},
    "2004": {
        "api": "2004",
        "zip": "scorm2004",
        "learner": "learner_response",
        "wrong": "incorrect",
    },
}


@dataclass
class Built:
    name: str
    out: Path
    quiz: Quiz  # the final test
    lang: str
    completion: str

    def zip(self, package: str) -> Path:
        return next(self.out.glob(f"*-{package}.zip"))


def build(src: Path, out: Path) -> Built:
    return described(src, oqu_build(src, out))


def described(src: Path, out: Path) -> Built:
    """The build of ``src`` in ``out`` with its final test as the library reads it."""
    r = load(src, Diagnostics())
    assert r is not None
    final = next(q for q in r.quizzes() if q.final)
    return Built(src.name, out, final, r.meta.language, r.meta.completion)


@pytest.fixture(scope="module")
def examples(built_once: Callable[[Path], Path]) -> dict[str, Built]:
    return {
        name: described(REPO / "examples" / name, built_once(REPO / "examples" / name))
        for name in EXAMPLES
    }


EVERY = """---
title: Every question type
type: interactive-presentation
language: en
department: Department of Information Systems
discipline: Computer Networks
date: 2026-01-15
completion: test
authors:
  - name: Test Author
    email: teacher@example.edu
references:
  basic: ["Tanenbaum A. Computer Networks. 2021."]
media:
  media/protocols.svg: {source: Own work, licence: CC-BY-4.0}
---

# Questions

## Self-check

:::quiz
{#web}
### Which protocol carries web pages?
- [x] HTTP
  Yes: the web's protocol.
- [ ] SMTP
  No: SMTP carries mail.

{type=truefalse answer=true #tcp}
### TCP is connection-oriented.

{feedback=hint}
> Think of the three-way handshake.
:::

## Every type

:::quiz {final=true pass=50}
{type=single #t-single}
### Which layer does IP belong to?
- [ ] Link
- [x] Internet
  Right: IP is the internet layer.
- [ ] Transport

{type=multiple #t-multiple}
### Which are transport protocols?
- [x] TCP
- [x] UDP
- [ ] DNS

{type=truefalse answer=false #t-truefalse}
### UDP guarantees delivery.

{type=short #t-short}
### Name the protocol that resolves names to addresses.
- DNS
- Domain Name System

{type=numeric #t-numeric}
### How many layers has the TCP/IP model?
- 4

{type=calculated decimals=1 #t-calculated}
### A link of {R} Mbit/s sends {L} bytes. Delay in ms?
- R = 1..10 step 1
- L = 1000..2000 step 100
- = L * 8 / (R * 1000) ± 1%

{type=sequence #t-sequence}
### Order the handshake.
1. SYN
2. SYN-ACK
3. ACK

{type=matching #t-matching}
### Match protocol and port.
- HTTP -> 80
- DNS -> 53
- SSH -> 22

{type=blanks #t-blanks}
### Fill in the gaps
IP sends [[packets|datagrams]] and TCP sends [[segments]].

{type=select #t-select}
### Choose the words
The [[transport|link|physical]] layer holds TCP.

{type=dragwords #t-dragwords}
### Place the words
A [[router]] forwards packets; a [[switch]] forwards frames.
- hub

{type=hotspot #t-hotspot}
### Click the transport layer
![Protocols](media/protocols.svg)
- [ ] rect 0 0 100 30 Application
- [x] rect 0 30 100 30 Transport
- [ ] rect 0 60 100 40 Internet

{type=likert scale="Disagree|Neutral|Agree" #t-likert}
### How do you feel?
- The lesson was clear
- The test was fair

{type=essay words=5 #t-essay}
### Explain why TCP needs a handshake.
:::
"""
TIMED = """---
title: A timed test
type: interactive-presentation
language: ru
department: Кафедра
discipline: Сети
date: 2026-01-15
completion: test
authors:
  - name: Автор
    email: teacher@example.edu
references:
  basic: ["Таненбаум Э. Компьютерные сети. 2021."]
---

# Тест

## Итоговый тест

:::quiz {final=true pass=60 time=3 attempts=2 review=false draw=2}
### Сколько уровней в модели TCP/IP?
- [ ] 3
- [x] 4

### Какой протокол доставляет веб-страницы?
- [x] HTTP
- [ ] SMTP

### Какой протокол передаёт почту?
- [ ] HTTP
- [x] SMTP

### Какой протокол разрешает имена?
- [x] DNS
- [ ] ARP
:::
"""


def source(root: Path, text: str, media: bool = False) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "lesson.md").write_text(text, encoding="utf-8")
    if media:
        shutil.copytree(HERE / "fixtures" / "kinds" / "media", root / "media", dirs_exist_ok=True)
    return root


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = source(tmp_path_factory.mktemp("every-src") / "every", EVERY, media=True)
    return build(src, tmp_path_factory.mktemp("every-out"))


@pytest.fixture(scope="module")
def timed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    src = source(tmp_path_factory.mktemp("timed-src") / "timed", TIMED)
    return build(src, tmp_path_factory.mktemp("timed-out"))


def serve_zip(built: Built, package: str, site: Path, serve: Callable[[Path], str]) -> str:
    with zipfile.ZipFile(built.zip(package)) as z:
        z.extractall(site / "pkg")
    return serve(site)


def open_test(lms: Harness, api: str, seed: dict[str, Any] | None = None) -> Any:
    frame = lms.open(api, seed=seed)
    frame.evaluate("Oqu.go(document.querySelectorAll('.oqu-slide').length - 1)")
    return frame


# ---------------------------------------------------------------- answering through the UI


def ui_value(q: Question, response: Any) -> Any:
    """The response as the UI gives it: the same (a hotspot point is placed where it says)."""
    return response


def centre(frame: Any, selector: str) -> tuple[float, float]:
    box = frame.locator(selector).first.bounding_box()
    assert box, selector
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def pointer(frame: Any) -> Any:
    """The mouse of the page that holds ``frame`` (a frame, or the page itself)."""
    return getattr(frame, "page", frame).mouse


# Scroll the source's scroller (the slide on the stage, else the page) so that the middle of
# the source and target together is in the middle of the view, as a person does before a drag.
BOTH_IN_VIEW = """([a, b]) => {
  a.scrollIntoView({block: 'center'});
  let box = a.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight
                  && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  const view = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};
  const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
  const mid = (Math.min(ra.top, rb.top) + Math.max(ra.bottom, rb.bottom)) / 2;
  (box || document.scrollingElement).scrollBy(0, mid - (view.top + view.bottom) / 2);
}"""


def both_in_view(frame: Any, source: str, target: str) -> None:
    a = frame.locator(source).first.element_handle()
    b = frame.locator(target).first.element_handle()
    frame.evaluate(BOTH_IN_VIEW, [a, b])


def mouse_drag(frame: Any, source: str, target: str, release: bool = True) -> None:
    """Press on ``source``, move in steps onto ``target`` and (unless told) release there.

    Four moves, not seven: each is an input event the browser handles before the next (the
    moves were a quarter of an answered test's time); the player lifts the thing after 5 px
    and reads the place under the pointer at every move, so the last one decides."""
    both_in_view(frame, source, target)
    mouse = pointer(frame)
    x, y = centre(frame, source)
    tx, ty = centre(frame, target)
    mouse.move(x, y)
    mouse.down()
    mouse.move(x + 8, y + 8)
    mouse.move(tx, ty, steps=2)
    if release:
        mouse.up()


def chip(q: Question, n: int, response: Any) -> str:
    """The chip that gives gap ``n`` its part of ``response`` (dragwords, matching)."""
    if q.type == "matching":
        return f'.oqu-chip[data-v="{response[n]}"]'
    words = [g.answers[0] for g in q.gaps] + list(q.distractors)
    return f'.oqu-chip[data-v="{words.index(response[n])}"]'


def sequence_moves(frame: Any, f: str, response: list[int]) -> Any:
    """Yield (item, from, to) until the list shows ``response``."""
    for pos, item in enumerate(response):
        now = frame.eval_on_selector_all(
            f"{f} .oqu-sequence > li", "(e) => e.map(x => +x.dataset.item)"
        )
        if now.index(item) != pos:
            yield item, now.index(item), pos


def answer(frame: Any, q: Question, response: Any) -> None:
    """Give ``response`` (author indices) through the controls, with the mouse and typing."""
    f = f'fieldset[id="{q.id}"]'
    if response is None:
        return
    if q.type in ("single", "truefalse"):
        frame.check(f'{f} input[value="{str(response).lower()}"]')
    elif q.type == "multiple":
        for i in response:
            frame.check(f'{f} input[value="{i}"]')
    elif q.type in ("short", "numeric", "calculated", "essay"):
        frame.fill(f"{f} :is(input[type=text], textarea)", str(response))
    elif q.type == "sequence":
        for item, _, pos in sequence_moves(frame, f, response):
            mouse_drag(frame, f'{f} li[data-item="{item}"]', f"{f} .oqu-sequence > li >> nth={pos}")
    elif q.type in ("matching", "dragwords"):
        for n in range(len(response)):
            mouse_drag(frame, f"{f} .oqu-words {chip(q, n, response)}", f'{f} [data-n="{n}"]')
    elif q.type == "blanks":
        for n, text in enumerate(response):
            frame.fill(f'{f} input[name="{q.id}-{n}"]', text)
    elif q.type == "select":
        for n, text in enumerate(response):
            value = str(q.gaps[n].answers.index(text))
            frame.select_option(f'{f} select[name="{q.id}-{n}"]', value=value)
    elif q.type == "hotspot":
        stage = frame.locator(f"{f} .oqu-stage")
        stage.scroll_into_view_if_needed()
        box = stage.bounding_box()
        x, y = response
        pointer(frame).click(box["x"] + box["width"] * x / 100, box["y"] + box["height"] * y / 100)
    elif q.type == "likert":
        for n, k in enumerate(response):
            frame.check(f'{f} input[name="{q.id}-{n}"][value="{k}"]')


def wrong_response(q: Question) -> Any:
    if q.type == "single":
        return next(i for i, c in enumerate(q.choices) if not c.correct)
    if q.type == "multiple":
        return [i for i, c in enumerate(q.choices) if not c.correct]
    if q.type == "truefalse":
        return not q.truth
    if q.type in ("short", "blanks"):
        return "zzz" if q.type == "short" else ["zzz"] * len(q.gaps)
    if q.type in ("numeric", "calculated"):
        return "-99999"
    if q.type == "sequence":
        n = len(q.choices)
        return [(i + 1) % n for i in range(n)]
    if q.type == "matching":
        _, rights, key = matching_sides(q.pairs)
        return [(k + 1) % len(rights) for k in key]
    if q.type == "select":
        return [g.answers[1] for g in q.gaps]
    if q.type == "dragwords":
        words = [g.answers[0] for g in q.gaps]
        return [words[(n + 1) % len(words)] for n in range(len(q.gaps))]
    return right_response(q)


# ---------------------------------------------------------------- the LMS's side


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in record.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        elif v not in ("", None):
            out[f"{prefix}{k}"] = str(v)
    return out


def assert_records(
    state: dict[str, Any], built: Built, version: str, given: dict[str, Any], seeds: dict[str, int]
) -> None:
    """Every interaction record as the LMS holds it == what oqu.assess.interactions gives."""
    records = state["interactions"]
    got = {r["id"]: flatten(r) for r in records.values()}
    questions = [q for q in built.quiz.questions if q.id in given]
    assert len(records) == len(questions), sorted(got)
    for q in questions:
        expected = dict(
            interaction(q, given[q.id], version, seed=seeds[q.id], seconds=0, lang=built.lang)  # type: ignore[arg-type]
        )
        record = got["final-" + expected["id"]]  # the id says "final test" (issue 13)
        assert record.pop("latency"), f"{q.id}: no latency"
        expected.pop("latency")
        expected["id"] = "final-" + expected["id"]
        assert record == expected, q.id


def lms_score(state: dict[str, Any], version: str) -> dict[str, Any]:
    return state["core"]["score"] if version == "1.2" else state["score"]  # type: ignore[no-any-return]


def expected_percent(built: Built, given: dict[str, Any], seeds: dict[str, int]) -> float:
    got = total = 0.0
    for q in built.quiz.questions:
        out = score(q, given.get(q.id), seed=seeds[q.id])
        got += out.score
        total += out.max
    return round(got / total * 100, 2)


def percent(pct: float, lang: str) -> str:
    """A score as the player writes it: "(72,5 %)" in kk/ru, "(72.5%)" in en."""
    return f"({number(pct, lang)}%)" if lang == "en" else f"({number(pct, lang)} %)"


def assert_status(state: dict[str, Any], built: Built, version: str, passed: bool) -> None:
    if version == "1.2":
        assert state["core"]["lesson_status"] == ("passed" if passed else "failed")
    else:
        assert state["success_status"] == ("passed" if passed else "failed")
        done = built.completion == "test" and passed
        assert state["completion_status"] == ("completed" if done else "incomplete")


# ---------------------------------------------------------------- the examples' final tests


# All right: test_leave_mid_way_and_relaunch_then_all_right_reported (the same facts, on the
# attempt finished after a relaunch).
@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("how", ["some", "wrong"])
def test_final_test_reported_to_the_lms(
    name: str,
    version: str,
    how: str,
    examples: dict[str, Built],
    tmp_path: Path,
    serve: Callable[[Path], str],
    page: Any,
) -> None:
    built = examples[name]
    v = VERSIONS[version]
    lms = Harness(page, serve_zip(built, v["zip"], tmp_path / "site", serve))
    frame = open_test(lms, v["api"])
    seeds = frame.evaluate(f"OquQuiz.seeds({json.dumps(built.quiz.id)})")
    given: dict[str, Any] = {}
    for n, q in enumerate(built.quiz.questions):
        right = how == "right" or (how == "some" and n % 2 == 0)
        response = right_response(q, seeds[q.id]) if right else wrong_response(q)
        answer(frame, q, response)
        given[q.id] = ui_value(q, response)
    frame.click(".oqu-submit")
    frame.wait_for_selector(".oqu-quiz-score")
    state = lms.state()
    pct = expected_percent(built, given, seeds)
    if how == "right":
        assert pct == 100
    if how == "wrong":
        assert pct == 0
    s = lms_score(state, version)
    assert (float(s["raw"]), float(s["min"]), float(s["max"])) == (pct, 0, 100)
    if version == "2004":
        assert float(s["scaled"]) == pytest.approx(pct / 100, abs=1e-4)
    assert_status(state, built, version, pct >= built.quiz.pass_mark)
    assert_records(state, built, version, given, seeds)
    if version == "1.2":
        assert len(state["suspend_data"]) <= 4096
    # the learner sees the same figure, and the review (review is on in the examples)
    assert percent(pct, built.lang) in frame.text_content(".oqu-quiz-score")
    assert frame.locator(".oqu-review:not([hidden])").count() == len(built.quiz.questions)


def partial_response(q: Question, seed: int) -> Any:
    """One right option of a multiple choice, the first pair of a matching: partial credit."""
    if q.type == "multiple":
        return [next(i for i, c in enumerate(q.choices) if c.correct)]
    if q.type == "matching":
        _, rights, key = matching_sides(q.pairs)
        return [key[0]] + [(k + 1) % len(rights) for k in key[1:]]
    return right_response(q, seed)


def test_results_screen_partly_right_then_retake(
    examples: dict[str, Built], tmp_path: Path, serve: Callable[[Path], str], page: Any
) -> None:
    """Issue 17 item 3: haccp-kk's final test answered partly right — the results screen in
    Kazakh (decimal comma, partial credit marked as partial, each question's answer, key and
    feedback, focus on its heading), the LMS's values, then the retake to a pass."""
    built = examples["haccp-kk"]
    lms = Harness(page, serve_zip(built, "scorm12", tmp_path / "site", serve))
    frame = open_test(lms, "12")
    seeds = frame.evaluate(f"OquQuiz.seeds({json.dumps(built.quiz.id)})")
    given: dict[str, Any] = {}
    for n, q in enumerate(built.quiz.questions):
        if q.type in ("multiple", "matching"):
            response = partial_response(q, seeds[q.id])
        elif n < len(built.quiz.questions) - 2:
            response = right_response(q, seeds[q.id])
        else:
            response = wrong_response(q)
        answer(frame, q, response)
        given[q.id] = ui_value(q, response)
    outcomes = [score(q, given[q.id], seed=seeds[q.id]) for q in built.quiz.questions]
    partly = [o for o in outcomes if o.correct is False and o.score > 0]
    assert len(partly) == 2
    frame.click(".oqu-submit")
    frame.wait_for_selector(".oqu-results:not([hidden])")
    pct = expected_percent(built, given, seeds)
    assert 0 < pct < built.quiz.pass_mark and pct != int(pct)
    # the LMS's values mean what they meant before the screen existed
    state = lms.state()
    assert float(state["core"]["score"]["raw"]) == pct
    assert state["core"]["lesson_status"] == "failed"
    assert_records(state, built, "1.2", given, seeds)
    screen = frame.text_content(".oqu-results") or ""
    assert frame.evaluate("document.activeElement.className") == "oqu-results-title"
    assert "Тест нәтижелері" in screen
    assert f"({number(pct, 'kk')} %)" in screen and "," in number(pct, "kk")
    assert "Тест тапсырылмады" in screen
    rows = frame.locator(".oqu-results-list > li")
    assert rows.count() == len(built.quiz.questions)
    marks = frame.eval_on_selector_all(".oqu-results-list > li", "(e) => e.map(x => x.className)")
    expected = [
        "oqu-r oqu-r-" + ("right" if o.correct else "partly" if o.score > 0 else "wrong")
        for o in outcomes
    ]
    assert marks == expected
    # an order is read as a list: the label, then one item a line (it ran on as "1. … 2. …")
    k = next(i for i, q in enumerate(built.quiz.questions) if q.type == "sequence")
    lines = rows.nth(k).locator(".oqu-r-answer").inner_text().split("\n")
    assert lines[0].strip() == "Жауабыңыз:", lines
    assert [x.split(".")[0] for x in lines[1:]] == [
        str(i + 1) for i in range(len(built.quiz.questions[k].choices))
    ], lines
    first_partly = frame.locator(".oqu-r-partly").first.text_content() or ""
    assert "Жартылай дұрыс · 0,33 / 1 балл" in first_partly
    assert "Жауабыңыз:" in first_partly and "Дұрыс жауап:" in first_partly
    # the partly right question is not marked wrong in the form either
    assert frame.locator("fieldset.oqu-is-partly").count() == 2
    assert frame.locator("fieldset.oqu-is-partly .oqu-verdict.oqu-fail").count() == 0
    # a wrong single choice: the learner's option, the right one and the author's feedback
    wrong = frame.locator(".oqu-r-wrong").last.text_content() or ""
    assert "Жауабыңыз:" in wrong and "Дұрыс жауап:" in wrong
    # unlimited attempts here: the retake button, no count of attempts left
    assert frame.is_visible(".oqu-results .oqu-retry")
    assert frame.locator(".oqu-attempts-left").count() == 0
    frame.click(".oqu-retry")
    assert frame.is_hidden(".oqu-results")
    seeds = frame.evaluate(f"OquQuiz.seeds({json.dumps(built.quiz.id)})")
    for q in built.quiz.questions:
        answer(frame, q, right_response(q, seeds[q.id]))
    frame.click(".oqu-submit")
    frame.wait_for_selector(".oqu-results:not([hidden]) .oqu-pass")
    assert "(100 %)" in (frame.text_content(".oqu-quiz-score") or "")
    assert frame.locator(".oqu-results-list > .oqu-r-right").count() == len(built.quiz.questions)
    assert frame.is_hidden(".oqu-retry"), "a pass ends the test unless the author allows retakes"
    state = lms.state()
    assert state["core"]["lesson_status"] == "passed"
    assert float(state["core"]["score"]["raw"]) == 100


@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_leave_mid_way_and_relaunch_then_all_right_reported(
    name: str,
    version: str,
    examples: dict[str, Built],
    tmp_path: Path,
    serve: Callable[[Path], str],
    new_page: Callable[..., tuple[Any, Any]],
) -> None:
    built = examples[name]
    v = VERSIONS[version]
    base = serve_zip(built, v["zip"], tmp_path / "site", serve)
    page, _ = new_page()
    lms = Harness(page, base)
    frame = open_test(lms, v["api"])
    quiz = json.dumps(built.quiz.id)
    seeds = frame.evaluate(f"OquQuiz.seeds({quiz})")
    questions = built.quiz.questions
    half = len(questions) // 2
    rights = {q.id: right_response(q, seeds[q.id]) for q in questions}
    for q in questions[:half]:
        answer(frame, q, rights[q.id])
    before = frame.evaluate(f"OquQuiz.responses({quiz})")
    lms.close_package()
    state = lms.state()
    assert state["interactions"] == {} or not state["interactions"], (
        "nothing reported before submit"
    )
    suspend = state["suspend_data"]
    if version == "1.2":
        assert len(suspend) <= 4096
        seed = {"core": {"lesson_status": state["core"]["lesson_status"]}, "suspend_data": suspend}
    else:
        seed = {"completion_status": state["completion_status"], "suspend_data": suspend}
    page2, _ = new_page()  # a fresh context: no localStorage copy, only the LMS's
    again = Harness(page2, base)
    frame = open_test(again, v["api"], seed=seed)
    assert frame.evaluate(f"OquQuiz.seeds({quiz})") == seeds, "the attempt's seed is restored"
    assert frame.evaluate(f"OquQuiz.responses({quiz})") == before, "answers restored"
    for q in questions[half:]:
        answer(frame, q, rights[q.id])
    frame.click(".oqu-submit")
    frame.wait_for_selector(".oqu-quiz-score")
    # every answer right, half of them given before the relaunch: what the LMS is told
    state = again.state()
    given = {q.id: ui_value(q, rights[q.id]) for q in questions}
    pct = expected_percent(built, given, seeds)
    assert pct == 100
    s = lms_score(state, version)
    assert (float(s["raw"]), float(s["min"]), float(s["max"])) == (100, 0, 100)
    if version == "2004":
        assert float(s["scaled"]) == pytest.approx(1, abs=1e-4)
    assert_status(state, built, version, True)
    assert_records(state, built, version, given, seeds)
    if version == "1.2":
        assert len(state["suspend_data"]) <= 4096
    # the learner sees the same figure, and the review (review is on in the examples)
    assert percent(pct, built.lang) in frame.text_content(".oqu-quiz-score")
    assert frame.locator(".oqu-review:not([hidden])").count() == len(questions)


def test_suspend_data_of_the_biggest_example_fits_scorm12(
    examples: dict[str, Built], tmp_path: Path, serve: Callable[[Path], str], page: Any
) -> None:
    """Every quiz of food-tech-ru answered (self-checks too), long texts typed: ≤ 4,096."""
    built = examples["food-tech-ru"]
    lms = Harness(page, serve_zip(built, "scorm12", tmp_path / "site", serve))
    frame = lms.open("12")
    r = load(REPO / "examples" / "food-tech-ru", Diagnostics())
    assert r is not None
    for quiz in r.quizzes():
        slide = frame.evaluate(
            f"Array.from(document.querySelectorAll('.oqu-slide')).indexOf("
            f"document.getElementById({json.dumps(quiz.id)}).closest('.oqu-slide'))"
        )
        frame.evaluate(f"Oqu.go({slide})")
        for q in quiz.questions:
            long = "ж" * 900 if q.type in ("short", "numeric", "blanks") else None
            if long and q.type == "blanks":
                answer(frame, q, [long] * len(q.gaps))
            elif long:
                answer(frame, q, long)
            else:
                answer(frame, q, right_response(q))
            if not quiz.final:
                frame.click(f'fieldset[id="{q.id}"] .oqu-check')
    lms.close_package()
    state = lms.state()
    assert 0 < len(state["suspend_data"]) <= 4096
    data = json.loads(state["suspend_data"])
    assert set(data["x"]["qz"]) == {q.id for q in r.quizzes()}, "every quiz kept"
    # the self-checks reported one record per question
    ids = {re.sub(r"^check\d+-", "", rec["id"]) for rec in state["interactions"].values()}
    assert ids == {q.id for quiz in r.quizzes() if not quiz.final for q in quiz.questions}


# ---------------------------------------------------------------- every type, keyboard only


def press_to(frame: Any, selector: str, key: str = "Space") -> None:
    frame.focus(selector)
    frame.page.keyboard.press(key)


def answer_by_keyboard(frame: Any, q: Question, response: Any) -> None:
    kb = frame.page.keyboard
    f = f'fieldset[id="{q.id}"]'
    if q.type in ("single", "truefalse"):
        press_to(frame, f'{f} input[value="{str(response).lower()}"]')
    elif q.type == "multiple":
        for i in response:
            press_to(frame, f'{f} input[value="{i}"]')
    elif q.type in ("short", "numeric", "calculated", "essay"):
        frame.focus(f"{f} :is(input[type=text], textarea)")
        kb.type(str(response))
    elif q.type == "sequence":
        for item, was, pos in sequence_moves(frame, f, response):
            press_to(frame, f'{f} li[data-item="{item}"]')  # pick up
            for _ in range(was - pos):
                kb.press("ArrowUp")
            kb.press("Space")  # drop
    elif q.type in ("matching", "dragwords"):
        for n in range(len(response)):
            press_to(frame, f"{f} .oqu-words {chip(q, n, response)}")
            for _ in range(n + 1):  # from the list, the first arrow goes to the first gap
                kb.press("ArrowRight")
            kb.press("Enter")
    elif q.type == "select":
        for n, want in enumerate(response):
            sel = f'{f} select[name="{q.id}-{n}"]'
            value = str(q.gaps[n].answers.index(want))
            values = frame.eval_on_selector(sel, "(s) => Array.from(s.options).map(o => o.value)")
            frame.focus(sel)
            kb.press("Home")
            for _ in range(values.index(value)):
                kb.press("ArrowDown")
            assert frame.eval_on_selector(sel, "(s) => s.value") == value
    elif q.type == "blanks":
        for n, text in enumerate(response):
            frame.focus(f'{f} input[name="{q.id}-{n}"]')
            kb.type(text)
    elif q.type == "hotspot":
        frame.focus(f"{f} .oqu-stage")  # the crosshair starts in the middle
        for axis, (less, more) in enumerate(
            (("ArrowLeft", "ArrowRight"), ("ArrowUp", "ArrowDown"))
        ):
            d = response[axis] - 50
            key = more if d > 0 else less
            for _ in range(int(abs(d) // 10)):
                kb.press(f"Shift+{key}")
            for _ in range(round(abs(d) % 10 / 2)):
                kb.press(key)
        kb.press("Space")
    elif q.type == "likert":
        for n, k in enumerate(response):
            press_to(frame, f'{f} input[name="{q.id}-{n}"][value="{k}"]')


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_type_answered_by_keyboard_only(
    version: str, every: Built, tmp_path: Path, serve: Callable[[Path], str], page: Any
) -> None:
    v = VERSIONS[version]
    lms = Harness(page, serve_zip(every, v["zip"], tmp_path / "site", serve))
    frame = open_test(lms, v["api"])
    quiz = json.dumps(every.quiz.id)
    seeds = frame.evaluate(f"OquQuiz.seeds({quiz})")
    types = {q.type for q in every.quiz.questions}
    assert types == {
        "single", "multiple", "truefalse", "short", "numeric", "calculated", "sequence",
        "matching", "blanks", "select", "dragwords", "hotspot", "likert", "essay",
    }  # fmt: skip
    given = {}
    for q in every.quiz.questions:
        response = right_response(q, seeds[q.id])
        answer_by_keyboard(frame, q, response)
        given[q.id] = ui_value(q, response)
    # the calculated prompt shows the attempt's values, not the build's samples
    calc = next(q for q in every.quiz.questions if q.type == "calculated")
    from oqu.assess.scoring import draw

    drawn = draw(calc, seeds[calc.id])
    for name, value in drawn.items():
        text = frame.text_content(f'fieldset[id="{calc.id}"] var[data-var="{name}"]')
        assert float(text) == value
    responses = frame.evaluate(f"OquQuiz.responses({quiz})")
    for q in every.quiz.questions:
        assert score(q, responses[q.id], seed=seeds[q.id]).correct in (True, None), q.type
    press_to(frame, ".oqu-submit", "Enter")
    frame.wait_for_selector(".oqu-quiz-score")
    state = lms.state()
    assert float(lms_score(state, version)["raw"]) == 100
    assert_status(state, every, version, True)
    assert_records(state, every, version, given, seeds)
    # focus went to the results screen's heading; the score itself is a status (announced)
    assert frame.evaluate("document.activeElement.className") == "oqu-results-title"


def test_self_check_gives_feedback_at_once(
    every: Built, tmp_path: Path, serve: Callable[[Path], str], page: Any
) -> None:
    lms = Harness(page, serve_zip(every, "scorm2004", tmp_path / "site", serve))
    frame = lms.open("2004")
    frame.evaluate(
        "Oqu.go(+document.querySelector('form.oqu-quiz').closest('.oqu-slide').dataset.index)"
    )
    frame.check('fieldset[id="web"] input[value="1"]')  # SMTP: wrong
    frame.click('fieldset[id="web"] .oqu-check')
    review = frame.locator('fieldset[id="web"] .oqu-review')
    assert "Wrong" in review.text_content()
    assert "SMTP carries mail" in frame.text_content('fieldset[id="web"]')  # option feedback
    assert frame.locator('fieldset[id="web"] .oqu-key').count() == 1  # the key is shown
    assert frame.evaluate("Oqu.completed()") is False  # a self-check is not the final test
    frame.click('fieldset[id="web"] .oqu-again')
    frame.check('fieldset[id="web"] input[value="0"]')
    frame.click('fieldset[id="web"] .oqu-check')
    assert "Right" in review.text_content()
    records = lms.state()["interactions"]
    assert [r["id"] for r in records.values()] == ["check1-web"], "one record, overwritten"
    assert records["0"]["result"] == "correct"
    # a hint
    frame.click('fieldset[id="tcp"] .oqu-hint')
    assert "handshake" in frame.text_content('fieldset[id="tcp"] .oqu-hints')


def test_essay_counts_words_towards_its_minimum(
    every: Built, tmp_path: Path, serve: Callable[[Path], str], page: Any
) -> None:
    lms = Harness(page, serve_zip(every, "scorm12", tmp_path / "site", serve))
    frame = open_test(lms, "1.2")
    essay = 'fieldset[id="t-essay"]'
    words = frame.locator(f"{essay} .oqu-essay-words")
    # the field says what it needs, and a screen reader hears it with the field
    assert words.text_content() == "Words: 0 of at least 5"
    assert frame.get_attribute(f"{essay} textarea", "aria-describedby") == words.get_attribute("id")
    unanswered = frame.locator(".oqu-unanswered")
    before = unanswered.text_content()
    frame.fill(f"{essay} textarea", "A three-way handshake — SYN,")
    assert words.text_content() == "Words: 4 of at least 5"
    assert unanswered.text_content() == before, "four words are not an answer yet"
    frame.fill(f"{essay} textarea", "A three-way handshake: SYN, SYN-ACK, ACK.")
    assert words.text_content() == "Words: 6 of at least 5"
    n = lambda text: int(text.rsplit(" ", 1)[1])  # noqa: E731
    assert n(unanswered.text_content()) == n(before) - 1
    # what was typed is kept, short or not
    frame.fill(f"{essay} textarea", "SYN first")
    responses = frame.evaluate(f"OquQuiz.responses({json.dumps(every.quiz.id)})")
    assert responses["t-essay"] == "SYN first"


# ---------------------------------------------------------------- time limit, attempts, review, pool


def test_time_limit_attempts_review_off_and_pool_draw(
    timed: Built, tmp_path: Path, serve: Callable[[Path], str], page: Any
) -> None:
    # the page's clock: it runs as a real one, and is moved on over the 3 s time limit instead
    # of waiting for it (every timer due on the way fires: the player's tick, the commits)
    page.clock.install()
    lms = Harness(page, serve_zip(timed, "scorm12", tmp_path / "site", serve))
    frame = open_test(lms, "12")
    quiz = json.dumps(timed.quiz.id)
    shown = frame.evaluate(f"OquQuiz.shown({quiz})")
    assert len(shown) == 2, "2 of 4 drawn"
    visible = frame.eval_on_selector_all(
        "fieldset.oqu-question:not([hidden])", "(e) => e.map(x => x.id)"
    )
    assert visible == shown
    assert frame.get_attribute(".oqu-timer", "role") == "timer"
    assert "Попытка 1 из 2" in frame.text_content(".oqu-quiz-attempt")
    first = next(q for q in timed.quiz.questions if q.id == shown[0])
    answer(frame, first, right_response(first))
    # nothing else: at zero the test submits itself
    page.clock.run_for(3_500)
    frame.wait_for_selector(".oqu-quiz-score", timeout=6000)
    assert "Время вышло" in frame.text_content(".oqu-quiz-result")
    state = lms.state()
    assert state["core"]["lesson_status"] == "failed"
    assert float(state["core"]["score"]["raw"]) == 50
    assert sorted(r["id"] for r in state["interactions"].values()) == sorted(
        "final-" + x for x in shown
    )
    # review is off: no right/wrong per question, no key
    assert frame.locator(".oqu-review:not([hidden]), .oqu-key").count() == 0
    # a second attempt is allowed
    assert frame.is_visible(".oqu-retry")
    assert "Осталось попыток: 1" in frame.text_content(".oqu-quiz-result")
    frame.click(".oqu-retry")
    assert "Попытка 2 из 2" in frame.text_content(".oqu-quiz-attempt")
    shown2 = frame.evaluate(f"OquQuiz.shown({quiz})")
    assert len(shown2) == 2
    page.clock.run_for(3_500)
    frame.wait_for_selector(".oqu-quiz-score", timeout=6000)
    assert frame.is_hidden(".oqu-retry"), "no attempts left"
    assert "Попытки закончились" in frame.text_content(".oqu-quiz-result")
    state = lms.state()
    assert float(state["core"]["score"]["raw"]) == 50, "a worse retake never lowers the score"
    ids = [r["id"] for r in state["interactions"].values()]
    assert len(ids) == len(set(ids)) == len(set(shown) | set(shown2)), "one record per question"
    data = json.loads(state["suspend_data"])["x"]["qz"][timed.quiz.id]
    assert data["a"] == 2 and data["x"] == 1


# ---------------------------------------------------------------- phone screenshots, axe-core


def shoot(page: Any, qid: str, name: str) -> None:
    """The question at the top of the phone's screen, under the sticky bar, then its picture."""
    box = page.locator(f'fieldset[id="{qid}"]')
    box.evaluate("(e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 64)")
    box.screenshot(path=str(SHOTS / name))


def test_every_type_at_phone_size_and_axe(
    every: Built, tmp_path: Path, serve: Callable[[Path], str], new_page: Callable[..., Any]
) -> None:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: npm ci")
    site = tmp_path / "site"
    shutil.copytree(next(every.out.glob("*-web")), site / "pkg")
    page, _ = new_page(viewport={"width": 360, "height": 640})
    page.goto(serve(site) + "/pkg/index.html")
    page.add_script_tag(url=AXE_URL)  # not 550 KB through Playwright
    SHOTS.mkdir(parents=True, exist_ok=True)
    bad: dict[str, Any] = {}
    for slide in page.eval_on_selector_all(
        ".oqu-slide:has(form.oqu-quiz)", "(e) => e.map(x => +x.dataset.index)"
    ):
        page.evaluate(f"Oqu.go({slide})")
        if found := page.evaluate(AXE_RUN):
            bad[f"slide {slide}"] = found
    quiz = json.dumps(every.quiz.id)
    seeds = page.evaluate(f"OquQuiz.seeds({quiz})")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the quiz slide scrolls sideways: {width}px"
    for n, q in enumerate(every.quiz.questions):
        if n % 3 == 0:
            answer(page, q, wrong_response(q))
        elif n % 3 == 1:
            answer(page, q, right_response(q, seeds[q.id]))
        shoot(page, q.id, f"{q.type}.png")
    page.click(".oqu-submit")
    page.wait_for_selector(".oqu-quiz-score")
    if found := page.evaluate(AXE_RUN):
        bad["after submission"] = found
    for q in every.quiz.questions:
        shoot(page, q.id, f"{q.type}-review.png")
    page.locator(f"form[id={quiz}] .oqu-quiz-foot").screenshot(path=str(SHOTS / "result.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("name", EXAMPLES)
def test_axe_on_the_examples_final_tests(
    name: str,
    examples: dict[str, Built],
    tmp_path: Path,
    serve: Callable[[Path], str],
    new_page: Callable[..., Any],
) -> None:
    """axe-core before and after submission, and the whole test at phone size."""
    site = tmp_path / "site"
    shutil.copytree(next(examples[name].out.glob("*-web")), site / "pkg")
    page, _ = new_page(viewport={"width": 360, "height": 640})
    page.goto(serve(site) + "/pkg/index.html")
    page.add_script_tag(url=AXE_URL)  # not 550 KB through Playwright
    page.evaluate("Oqu.go(document.querySelectorAll('.oqu-slide').length - 1)")
    assert page.evaluate(AXE_RUN) == []
    page.click(".oqu-submit")
    page.wait_for_selector(".oqu-quiz-score")
    assert page.evaluate(AXE_RUN) == []
    assert re.search(r"\d", page.text_content(".oqu-quiz-score") or "")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    SHOTS.mkdir(parents=True, exist_ok=True)
    form = page.locator(f'form[id="{examples[name].quiz.id}"]')
    form.screenshot(path=str(SHOTS / f"example-{name}-review.png"))


# ---------------------------------------------------------------- drag and drop, three ways


def touch_drag(frame: Any, cdp: Any, source: str, target: str, release: bool = True) -> None:
    """A finger on ``source`` moved onto ``target``: real touch input, so the browser's own
    touch-action rules apply (a page that may scroll under the finger cancels the drag)."""
    frame.locator(source).first.evaluate("(e) => e.scrollIntoView({block: 'center'})")
    x, y = centre(frame, source)
    tx, ty = centre(frame, target)

    def touch(kind: str, px: float, py: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": px, "y": py}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", x, y)
    for k in range(1, 6):
        touch("touchMove", x + (tx - x) * k / 5, y + (ty - y) * k / 5)
    if release:
        touch("touchEnd", tx, ty)


# What of the slide shows: its box, less the player's bars where they lie over it.
BAND = """() => { const s = document.querySelector('.oqu-slide:not([hidden])').getBoundingClientRect();
  return {top: Math.max(s.top, document.querySelector('.oqu-bar').getBoundingClientRect().bottom),
    bottom: Math.min(s.bottom, document.querySelector('.oqu-nav').getBoundingClientRect().top)}; }"""
SCROLLED = "() => document.querySelector('.oqu-slide:not([hidden])').scrollTop"


def test_a_drag_held_at_the_edge_scrolls_to_a_place_out_of_sight(
    every: Built, tmp_path: Path, serve: Callable[[Path], str], new_page: Callable[..., Any]
) -> None:
    """A finger cannot scroll while it drags. A phone on its side (740×360) shows the stage, and
    the slide scrolls inside it: a matching answer held near the slide's bottom edge scrolls the
    slide until its gap, out of sight below, comes up; it drops there. Moved off the edge,
    the slide stops."""
    page, _ = new_page(viewport={"width": 740, "height": 360}, has_touch=True)
    lms = Harness(page, serve_zip(every, "scorm2004", tmp_path / "site", serve))
    frame = open_test(lms, "2004")
    cdp = page.context.new_cdp_session(page)
    q = next(q for q in every.quiz.questions if q.type == "matching")
    f = f'fieldset[id="{q.id}"]'
    gap = f'{f} [data-n="{len(q.pairs) - 1}"]'  # the last, below the answers' bank
    source = f"{f} .oqu-words .oqu-chip >> nth=0"
    frame.locator(source).evaluate("(e) => e.scrollIntoView({block: 'end'})")
    band = frame.evaluate(BAND)
    assert frame.locator(gap).bounding_box()["y"] > band["bottom"], "the gap is out of sight"

    def touch(kind: str, px: float = 0, py: float = 0) -> None:
        points = [] if kind == "touchEnd" else [{"x": px, "y": py}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    x, y = centre(frame, source)
    start = frame.evaluate(SCROLLED)
    touch("touchStart", x, y)
    hold = band["bottom"] - 30  # inside the edge's zone, near its inner side: slowly
    for k in range(1, 5):
        touch("touchMove", x, y + (hold - y) * k / 4)
    frame.wait_for_function(
        f"""() => document.querySelector('{gap}').getBoundingClientRect().bottom
          < {band["bottom"]} - 50""",
        timeout=5000,
    )
    for _ in range(2):  # off the edge: the slide stops, and the finger finds the gap
        touch("touchMove", *centre(frame, gap))
    stopped = frame.evaluate(SCROLLED)
    assert stopped > start, "the slide scrolled while the finger was held at its edge"
    page.wait_for_timeout(150)
    assert frame.evaluate(SCROLLED) == stopped, "and stopped when the finger left the edge"
    touch("touchEnd")
    got = frame.evaluate(f"OquQuiz.responses({json.dumps(every.quiz.id)})")[q.id]
    assert got[-1] not in ("", None), f"the answer dropped in the last gap: {got}"


def at_percent(frame: Any, selector: str, x: float, y: float) -> tuple[float, float]:
    box = frame.locator(selector).bounding_box()
    return box["x"] + box["width"] * x / 100, box["y"] + box["height"] * y / 100


def test_drag_and_drop_by_mouse_touch_and_keyboard(
    every: Built, tmp_path: Path, serve: Callable[[Path], str], new_page: Callable[..., Any]
) -> None:
    """Words, matching, sequence and hotspot, each by mouse, by finger and by keyboard in one
    page: drop targets lit while dragging, snap into a place, back home when dropped outside,
    out of a place again, Escape cancels; a screen reader hears each step; the LMS gets the
    same records as the Python scorer gives. Mid-drag screenshots in test-artifacts/quiz/."""
    page, _ = new_page(viewport={"width": 1366, "height": 768}, has_touch=True)
    lms = Harness(page, serve_zip(every, "scorm2004", tmp_path / "site", serve))
    frame = open_test(lms, "2004")
    cdp = page.context.new_cdp_session(page)
    kb = page.keyboard
    SHOTS.mkdir(parents=True, exist_ok=True)
    quiz = json.dumps(every.quiz.id)
    seeds = frame.evaluate(f"OquQuiz.seeds({quiz})")
    qs = {q.type: q for q in every.quiz.questions}

    def now(q: Question) -> Any:
        return frame.evaluate(f"OquQuiz.responses({quiz})")[q.id]

    def said(q: Question) -> str:
        return frame.text_content(f'fieldset[id="{q.id}"] [aria-live="assertive"]') or ""

    def lit(f: str) -> list[str]:
        """The places lit as drop targets, and the one under the pointer."""
        return frame.eval_on_selector_all(
            f"{f} .oqu-dragging .oqu-target:not(.oqu-held), {f}.oqu-dragging .oqu-target:not(.oqu-held)",
            "(e) => e.map(x => (x.classList.contains('oqu-over') ? 'over:' : '') + (x.dataset.n ?? x.className))",
        )

    # ---- dragwords: "A [[router]] forwards packets; a [[switch]] forwards frames." + hub
    q = qs["dragwords"]
    f = f'fieldset[id="{q.id}"]'
    assert frame.locator(f"{f} select:visible").count() == 0, "no drop-downs left"
    assert frame.text_content(f'{f} [data-n="1"]') == "gap 2 of 2", "an empty gap is read out"
    mouse_drag(frame, f'{f} .oqu-words [data-v="1"]', f'{f} [data-n="0"]', release=False)
    assert lit(f) == ["oqu-words oqu-target", "over:0", "1"], "all places lit, one under it"
    assert said(q) == "gap 1 of 2"
    frame.locator(f).screenshot(path=str(SHOTS / "dnd-dragwords-1366.png"))
    page.mouse.up()
    assert now(q) == ["switch", ""]
    assert said(q) == "“switch” dropped: gap 1 of 2"
    assert lit(f) == [], "nothing lit after the drop"
    mouse_drag(frame, f'{f} .oqu-words [data-v="2"]', f"{f} legend")  # dropped on no place
    assert now(q) == ["switch", ""] and said(q) == "Cancelled: “hub” is back"
    assert frame.locator(f'{f} .oqu-words [data-v="2"]').is_visible(), "hub is home again"
    touch_drag(frame, cdp, f'{f} .oqu-words [data-v="0"]', f'{f} [data-n="1"]')
    assert now(q) == ["switch", "router"], "a finger drags too"
    press_to(frame, f'{f} [data-n="0"] .oqu-chip', "Space")  # out of gap 1 again
    assert said(q) == "“switch” picked up"
    kb.press("ArrowRight")
    assert said(q) == "gap 2 of 2"
    kb.press("Space")
    assert now(q) == ["router", "switch"], "the two words swapped"
    assert said(q) == "“switch” dropped: gap 2 of 2"
    press_to(frame, f'{f} .oqu-words [data-v="2"]', "Enter")
    kb.press("ArrowLeft")
    assert said(q) == "gap 2 of 2"
    kb.press("Escape")
    assert said(q) == "Cancelled: “hub” is back" and now(q) == ["router", "switch"]

    # ---- matching: HTTP -> 80, DNS -> 53, SSH -> 22 (values 0, 1, 2)
    q = qs["matching"]
    f = f'fieldset[id="{q.id}"]'
    assert frame.locator(f"{f} select:visible").count() == 0
    mouse_drag(frame, f'{f} .oqu-words [data-v="2"]', f'{f} [data-n="0"]')
    assert now(q) == [2, None, None]
    mouse_drag(frame, f'{f} [data-n="0"] .oqu-chip', f"{f} .oqu-words")  # out of the place
    assert now(q) == [None, None, None]
    assert said(q) == "“22” dropped: back to the list"
    mouse_drag(frame, f'{f} .oqu-words [data-v="0"]', f'{f} [data-n="0"]', release=False)
    assert said(q) == "HTTP, gap 1 of 3"
    frame.locator(f).screenshot(path=str(SHOTS / "dnd-matching-1366.png"))
    page.mouse.up()
    touch_drag(frame, cdp, f'{f} .oqu-words [data-v="1"]', f'{f} [data-n="1"]')
    press_to(frame, f'{f} .oqu-words [data-v="2"]')
    for _ in range(3):
        kb.press("ArrowRight")
    assert said(q) == "SSH, gap 3 of 3"
    kb.press("Enter")
    assert now(q) == [0, 1, 2]

    # ---- sequence: SYN, SYN-ACK, ACK, shown shuffled
    q = qs["sequence"]
    f = f'fieldset[id="{q.id}"]'
    first = now(q)
    mouse_drag(
        frame, f"{f} .oqu-sequence > li >> nth=0", f"{f} .oqu-sequence > li >> nth=2", release=False
    )
    assert said(q) == "place 3 of 3"
    frame.locator(f).screenshot(path=str(SHOTS / "dnd-sequence-1366.png"))
    page.mouse.up()
    assert now(q) == first[1:] + first[:1]
    touch_drag(frame, cdp, f"{f} .oqu-sequence > li >> nth=2", f"{f} .oqu-sequence > li >> nth=0")
    assert now(q) == first, "a finger moved it back"
    page.touchscreen.tap(*centre(frame, f"{f} .oqu-sequence > li >> nth=0"))  # tap, then
    assert said(q).endswith("picked up")
    page.touchscreen.tap(*centre(frame, f"{f} .oqu-sequence > li >> nth=2"))  # tap a place
    assert now(q) == first[1:] + first[:1]
    answer_by_keyboard(frame, q, [0, 1, 2])
    assert now(q) == [0, 1, 2]
    assert re.fullmatch(r"“.+” dropped: place \d of 3", said(q))

    # ---- hotspot: Application 0-30 %, Transport 30-60 %, Internet 60-100 % down the picture
    q = qs["hotspot"]
    f = f'fieldset[id="{q.id}"]'
    stage = f"{f} .oqu-stage"
    assert frame.locator(f"{f} button").count() == 0, "no list of the regions' names"
    frame.locator(stage).scroll_into_view_if_needed()
    page.mouse.move(*at_percent(frame, stage, 50, 80))
    page.mouse.down()
    page.mouse.move(*at_percent(frame, stage, 50, 15), steps=3)
    frame.locator(f).screenshot(path=str(SHOTS / "dnd-hotspot-1366.png"))
    page.mouse.up()
    x, y = now(q)
    assert x == pytest.approx(50, abs=1) and y == pytest.approx(15, abs=1)
    assert said(q) == "A point on the picture is chosen"
    frame.evaluate("document.activeElement.blur()")
    box = frame.locator(stage).bounding_box()
    sx, sy = at_percent(frame, stage, 50, 90)
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": sx, "y": sy}]}
    )
    cdp.send(
        "Input.dispatchTouchEvent",
        {"type": "touchMove", "touchPoints": [{"x": sx, "y": box["y"] + box["height"] + 40}]},
    )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    assert now(q) == [x, y], "released off the picture: the point stays"
    touch_drag(frame, cdp, stage, stage)  # a finger on the middle: Transport
    assert now(q) == [pytest.approx(50, abs=1), pytest.approx(50, abs=1)]
    frame.focus(stage)
    for _ in range(3):
        kb.press("Shift+ArrowDown")
    assert said(q) == "50 % across, 80 % down"
    kb.press("Space")
    assert now(q) == [50, 80], "Internet, by keyboard"
    kb.press("Shift+ArrowUp")
    kb.press("Shift+ArrowUp")
    kb.press("ArrowUp")
    kb.press("Enter")
    assert now(q) == [50, 58]

    # ---- the phone: mid-drag screenshots at 360×740, each drag dropped on no place
    page.set_viewport_size({"width": 360, "height": 740})
    for t, source, target in [
        ("dragwords", '.oqu-words [data-v="2"]', '[data-n="1"]'),
        ("matching", '[data-n="2"] .oqu-chip', '[data-n="0"]'),
        ("sequence", ".oqu-sequence > li >> nth=0", ".oqu-sequence > li >> nth=1"),
    ]:
        f = f'fieldset[id="{qs[t].id}"]'
        before = now(qs[t])
        mouse_drag(frame, f"{f} {source}", f"{f} {target}", release=False)
        frame.locator(f).screenshot(path=str(SHOTS / f"dnd-{t}-360.png"))
        page.mouse.move(*centre(frame, f"{f} legend"), steps=2)
        page.mouse.up()
        assert now(qs[t]) == before, f"{t}: dropped on no place, nothing changed"
    frame.focus(stage)
    kb.press("ArrowLeft")
    frame.locator(f'fieldset[id="{q.id}"]').screenshot(path=str(SHOTS / "dnd-hotspot-360.png"))
    kb.press("Escape")

    # ---- what the LMS gets: the same as the Python scorer and records say
    frame.click(".oqu-submit")
    frame.wait_for_selector(".oqu-quiz-score")
    state = lms.state()
    given = frame.evaluate(f"OquQuiz.responses({quiz})")
    records = {r["id"]: flatten(r) for r in state["interactions"].values()}
    for t in ("dragwords", "matching", "sequence", "hotspot"):
        q = qs[t]
        expected = dict(interaction(q, given[q.id], "2004", seed=seeds[q.id], seconds=0, lang="en"))  # type: ignore[arg-type]
        got = records["final-" + q.id]
        got.pop("latency"), expected.pop("latency")
        assert got == {**expected, "id": "final-" + q.id}, t
        assert got["result"] == "correct", t
    assert float(state["score"]["raw"]) == expected_percent(every, given, seeds)
