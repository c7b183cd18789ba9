"""The reviewer's player is an LMS preview: the package meets a SCORM API in its sandboxed frame,
the review page shows what it reports, and the slide-comment form follows the player.

In headless Chromium against the live portal: an Oqu source (built by the check job), a package
laid out as other tools publish it (SCORM 1.2, whole-number locations) and a SCORM 2004 one
whose locations are names. Over HTTP: the reserved ``__oqu__/`` paths and where the script
goes in the launch document. Screenshots: test-artifacts/portal/review-player-*.png.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.test import Client

from oqu.portal.workflow import actions, lms_preview
from oqu.portal.workflow.models import Resource, SlideComment
from tests.portal.conftest import Org, fresh, new_resource
from tests.portal.conftest_e2e import Browse
from tests.rules.conftest import manifest12

# A player as authoring tools publish one: the API found the ADL way (this window first), one
# slide at a time, the slide's number as the location, a score on the last slide.
TOOL_PLAYER = """(function () {
  function findAPI(win, name) {
    var n = 0;
    while (win[name] == null && win.parent != null && win.parent != win && n++ < 7) win = win.parent;
    return win[name];
  }
  var api = findAPI(window, 'API');
  var slides = document.querySelectorAll('.slide');
  var current = 0;
  api.LMSInitialize('');
  function show(n) {
    current = n;
    slides.forEach(function (s, i) { s.hidden = i !== n - 1; });
    api.LMSSetValue('cmi.core.lesson_location', String(n));
    var last = n === slides.length;
    api.LMSSetValue('cmi.core.lesson_status', last ? 'completed' : 'incomplete');
    if (last) api.LMSSetValue('cmi.core.score.raw', '85');
    api.LMSCommit('');
  }
  document.getElementById('next').addEventListener('click', function () {
    show(Math.min(current + 1, slides.length));
  });
  show(parseInt(api.LMSGetValue('cmi.core.lesson_location'), 10) || 1);
})();
"""
TOOL_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cold chain</title></head>
<body><main><section class="slide"><h1>Cold chain: why</h1></section>
<section class="slide" hidden><h1>Cold chain: how</h1></section>
<section class="slide" hidden><h1>Cold chain: check</h1></section></main>
<button id="next" type="button">Next</button>
<script src="js/player.js"></script></body></html>
"""

MANIFEST2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="pkg" version="1.0" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
<organizations default="org"><organization identifier="org"><title>Named pages</title>
<item identifier="i1" identifierref="r1"><title>Named pages</title></item></organization>
</organizations><resources><resource identifier="r1" type="webcontent" adlcp:scormType="sco"
href="index.html"><file href="index.html"/></resource></resources></manifest>
"""
# SCORM 2004 with a location that is a name, not a number; it also tries a value SCORM refuses.
NAMED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Named pages</title><script>
var api = window.API_1484_11;
var noApi12 = typeof window.API === 'undefined';
api.Initialize('');
api.SetValue('cmi.completion_status', 'incomplete');
api.SetValue('cmi.location', 'part-a');
api.SetValue('cmi.success_status', 'great');
function go() { api.SetValue('cmi.location', 'part-b'); api.SetValue('cmi.score.scaled', '0.5');
  api.Commit(''); }
</script></head><body><h1>Part A</h1>
<button id="next" type="button" onclick="go()">Next</button></body></html>
"""


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    return buf.getvalue()


def tool_zip(**more: str) -> bytes:
    files = ["index.html", "js/player.js"]
    return _zip(
        {
            "imsmanifest.xml": manifest12("index.html", files, title="Cold chain"),
            "index.html": TOOL_PAGE,
            "js/player.js": TOOL_PLAYER,
            **more,
        }
    )


def _in_review(org: Org, submit: Any, package: bytes, title: str) -> Resource:
    res = new_resource(org, title)
    assert submit(res, package).status_code == 302
    version = res.versions.get()
    assert version.job_state == "done" and version.package, version.job_message
    actions.do_start_review(org.users["reviewer"], fresh(res))
    return res


@contextmanager
def _reviewing(org: Org, live_server: Any, browser: Any, res: Resource) -> Iterator[Any]:
    """The reviewer on the resource's page: (browser session, page, the LMS panel); the
    session's console and requests are checked when the test's body has passed."""
    b = Browse(browser, live_server.url)
    try:
        b.login(org.users["reviewer"].email)
        b.go(f"/resources/{res.pk}/")
        yield b, b.page, b.page.locator(".lms-panel")
        b.check()
    finally:
        b.close()


def _play_src(org: Org, res: Resource) -> str:
    page = org.client("reviewer").get(f"/resources/{res.pk}/").content.decode()
    return page.split('class="player"')[1].split('src="')[1].split('"')[0]


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


# --- in the browser ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_oqu_package_reports_and_the_comment_follows_the_slide(
    org: Org, live_server: Any, browser: Any, submit: Any, source_zip: bytes
) -> None:
    expect = _expect()
    res = _in_review(org, submit, source_zip, "HACCP (preview LMS)")
    with _reviewing(org, live_server, browser, res) as (b, page, panel):
        expect(panel.locator("dd").first).to_have_text("SCORM 1.2")
        expect(panel.locator('[data-lms="initialize"]')).to_have_text("true", timeout=15000)
        expect(panel.locator('[data-lms="status"]')).to_have_text("incomplete")
        frame = page.frame_locator("iframe.player")
        first = frame.locator("section.oqu-slide").first.get_attribute("id")
        expect(panel.locator('[data-lms="location"]')).to_have_text(first or "?")
        slide = page.locator("#slide-comment").get_by_label("Slide")
        expect(slide).to_have_value("1")
        # one slide at a time, as a reviewer reads: each move is reported before the next
        second = frame.locator("section.oqu-slide").nth(1).get_attribute("id")
        frame.locator("button.oqu-next").click()
        expect(panel.locator('[data-lms="location"]')).to_have_text(second or "?")
        frame.locator("button.oqu-next").click()
        third = frame.locator("section.oqu-slide").nth(2).get_attribute("id")
        expect(panel.locator('[data-lms="location"]')).to_have_text(third or "?")
        expect(slide).to_have_value("3")  # the slide's id, mapped to its place in the package
        expect(page.locator("#slide-location")).to_be_hidden()
        b.shot("review-player-oqu")

        # the frame still cannot reach the portal: no DOM, no cookies, no storage
        player = next(f for f in page.frames if "/play/" in f.url)
        # (`top`: the preview makes the package its own `parent`, see the test further down)
        portal = "() => { try { return top.document.title; } catch (e) { return 'blocked'; } }"
        assert player.evaluate(portal) == "blocked"
        cookies = "() => { try { return document.cookie; } catch (e) { return 'blocked'; } }"
        assert player.evaluate(cookies) in ("", "blocked")
        assert player.evaluate("() => origin") == "null"
        assert player.evaluate("() => typeof window.Scorm12API") == "undefined"

        page.locator("#slide-comment").get_by_label("Comment").fill("Сурет кішкентай.")
        b.post(page.get_by_role("button", name="Add", exact=True))
        expect(page.locator("#comments")).to_contain_text("Slide 3: Сурет кішкентай.")
        assert SlideComment.objects.get(version__resource=res).slide == 3


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_other_tools_package_with_numbered_and_named_locations(
    org: Org, live_server: Any, browser: Any, submit: Any
) -> None:
    expect = _expect()
    res = _in_review(org, submit, tool_zip(), "Cold chain (made elsewhere)")
    named = _in_review(
        org,
        submit,
        _zip({"imsmanifest.xml": MANIFEST2004, "index.html": NAMED_PAGE}),
        "Named pages (SCORM 2004)",
    )
    with _reviewing(org, live_server, browser, res) as (b, page, panel):
        expect(panel.locator('[data-lms="initialize"]')).to_have_text("true", timeout=15000)
        expect(panel.locator('[data-lms="location"]')).to_have_text("1")
        expect(page.locator("#slide-comment").get_by_label("Slide")).to_have_value("1")
        frame = page.frame_locator("iframe.player")
        frame.get_by_role("button", name="Next").click()
        expect(panel.locator('[data-lms="location"]')).to_have_text("2")
        frame.get_by_role("button", name="Next").click()
        expect(panel.locator('[data-lms="status"]')).to_have_text("completed")
        expect(panel.locator('[data-lms="score"]')).to_have_text("85")
        expect(panel.locator('[data-lms="commits"]')).to_have_text("3")
        expect(page.locator("#slide-comment").get_by_label("Slide")).to_have_value("3")
        b.shot("review-player-tool")
        page.locator("#slide-comment").get_by_label("Comment").fill(
            "The last slide has no summary."
        )
        b.post(page.get_by_role("button", name="Add", exact=True))
        expect(page.locator("#comments")).to_contain_text("Slide 3: The last slide has no summary")
        assert SlideComment.objects.get(version__resource=res).slide == 3

        # SCORM 2004, locations that are names: the reviewer types the slide, the name beside
        b.go(f"/resources/{named.pk}/")
        expect(panel.locator("dd").first).to_have_text("SCORM 2004")
        expect(panel.locator('[data-lms="location"]')).to_have_text("part-a", timeout=15000)
        expect(page.locator("#slide-location")).to_contain_text("part-a")
        expect(page.locator("#slide-comment").get_by_label("Slide")).to_have_value("")
        expect(panel.locator('[data-lms="refused"]')).to_contain_text("cmi.success_status = great")
        frame.get_by_role("button", name="Next").click()
        expect(page.locator("#slide-location code")).to_have_text("part-b")
        expect(panel.locator('[data-lms="score"]')).to_have_text("0.5")
        expect(panel.locator('[data-lms="commits"]')).to_have_text("1")
        expect(page.locator("#slide-comment").get_by_label("Slide")).to_have_value("")
        player = next(f for f in page.frames if "/play/" in f.url)
        assert player.evaluate("() => noApi12") is True  # the edition the manifest declares
        b.shot("review-player-2004")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_messages_from_elsewhere_are_ignored(
    org: Org, live_server: Any, browser: Any, submit: Any
) -> None:
    """Only the player frame's own window is heard: not the page itself, not another frame."""
    expect = _expect()
    res = _in_review(org, submit, tool_zip(), "Cold chain (forged messages)")
    with _reviewing(org, live_server, browser, res) as (_b, page, panel):
        expect(panel.locator('[data-lms="location"]')).to_have_text("1", timeout=15000)
        forged = "{source: 'oqu-preview', event: 'set', state: {location: '7', status: 'passed'}}"
        page.evaluate(f"() => window.postMessage({forged}, '*')")
        page.evaluate(
            """(msg) => { const f = document.createElement('iframe');
                 document.body.append(f); f.contentWindow.parent.postMessage(msg, '*'); }""",
            {"source": "oqu-preview", "event": "set", "state": {"location": "9"}},
        )
        page.wait_for_timeout(300)
        expect(panel.locator('[data-lms="location"]')).to_have_text("1")
        expect(page.locator("#slide-comment").get_by_label("Slide")).to_have_value("1")


# Players that look for the LMS above themselves first, as in a frameset LMS: the parent chain
# (from window.parent), else the opener.
PARENT_FIRST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Parent first</title><script>
function up(win) {
  for (var n = 0; win && n < 7; n++) { if (win.API) return win.API;
    if (win.parent === win) break; win = win.parent; }
  return null;
}
var viaParent = up(window.parent);
var viaOpener = window.opener ? window.opener.API || null : null;
var api = viaParent || viaOpener;
api.LMSInitialize('');
api.LMSSetValue('cmi.core.lesson_location', '2');
api.LMSCommit('');
</script></head><body><h1>Parent first</h1></body></html>
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_package_that_looks_in_its_parent_or_opener_finds_the_preview(
    org: Org, live_server: Any, browser: Any, submit: Any
) -> None:
    expect = _expect()
    package = _zip(
        {"imsmanifest.xml": manifest12("index.html", ["index.html"]), "index.html": PARENT_FIRST}
    )
    res = _in_review(org, submit, package, "Parent first")
    with _reviewing(org, live_server, browser, res) as (_b, page, panel):
        expect(panel.locator('[data-lms="initialize"]')).to_have_text("true", timeout=15000)
        expect(panel.locator('[data-lms="location"]')).to_have_text("2")
        expect(panel.locator('[data-lms="commits"]')).to_have_text("1")
        player = next(f for f in page.frames if "/play/" in f.url)
        assert player.evaluate("() => viaParent === window.API && viaOpener === window.API")
        # the stand-in changes nothing of the sandbox: the review page stays out of reach
        assert player.evaluate("() => origin") == "null"
        assert (
            player.evaluate(
                "() => { try { return top.document && 'read'; } catch (e) { return 'refused'; } }"
            )
            == "refused"
        )


# A launch page that is only a frame around the SCO, as some tools publish; the frame page
# talks to its launch page too (postMessage to its parent, which must stay the real one).
FRAME_LAUNCH = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Frame</title><script>
var heard = '';
addEventListener('message', function (e) { heard = String(e.data); });
</script></head><body><iframe src="sco/page.html" title="SCO" name="sco"></iframe></body></html>
"""
FRAME_SCO = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>SCO</title><script>
function up(win) {
  for (var n = 0; win && n < 7; n++) { try { if (win.API) return win.API; } catch (e) { return null; }
    if (win.parent === win) break; win = win.parent; }
  return null;
}
var api = up(window);
api.LMSInitialize('');
api.LMSSetValue('cmi.core.lesson_location', '4');
api.LMSSetValue('cmi.core.lesson_status', 'completed');
parent.postMessage('hello launch page', '*');
</script></head><body><h1>SCO</h1></body></html>
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_sco_in_a_frame_of_the_package_finds_the_preview(
    org: Org, live_server: Any, browser: Any, submit: Any
) -> None:
    expect = _expect()
    files = ["index.html", "sco/page.html"]
    package = _zip(
        {
            "imsmanifest.xml": manifest12("index.html", files),
            "index.html": FRAME_LAUNCH,
            "sco/page.html": FRAME_SCO,
        }
    )
    res = _in_review(org, submit, package, "SCO in a frame")
    with _reviewing(org, live_server, browser, res) as (_b, page, panel):
        expect(panel.locator('[data-lms="initialize"]')).to_have_text("true", timeout=15000)
        expect(panel.locator('[data-lms="location"]')).to_have_text("4")
        expect(panel.locator('[data-lms="status"]')).to_have_text("completed")
        launch = next(f for f in page.frames if f.url.endswith("/index.html"))
        page.wait_for_timeout(200)
        assert launch.evaluate("() => heard") == "hello launch page"


# --- over HTTP --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_gets_the_script_first_and_nothing_else_does(org: Org, submit: Any) -> None:
    res = _in_review(org, submit, tool_zip(**{"other.html": TOOL_PAGE}), "Cold chain (HTTP)")
    src = _play_src(org, res)
    token = src.split("/")[2]
    anon = Client()  # the sandboxed frame sends no cookies
    launch = anon.get(src)
    csp = launch["Content-Security-Policy"]
    assert csp.startswith("sandbox allow-scripts;") and "connect-src 'none'" in csp
    html = launch.content.decode()
    tag = f'<script src="/play/{token}/__oqu__/lms.js" data-oqu-scorm="1.2"></script>'
    assert html.startswith(f'<!DOCTYPE html>\n<html lang="en"><head>{tag}<meta charset="utf-8">')
    assert html.count("<script") == 2  # ours, then the package's own
    # the script is under the frame's only allowed prefix, so the CSP lets it run
    script = anon.get(f"/play/{token}/__oqu__/lms.js")
    assert script.status_code == 200 and script["Content-Type"].startswith("text/javascript")
    assert f"http://testserver/play/{token}/" in script["Content-Security-Policy"]
    assert b"oqu-preview" in script.content and b"Scorm2004API" in script.content
    assert b"sourceMappingURL" not in script.content
    assert csp.endswith("frame-ancestors 'self'") and launch["X-Frame-Options"] == "SAMEORIGIN"
    # another page of the package (a frame's SCO, say) gets it too; a script does not
    response = anon.get(f"/play/{token}/other.html")
    assert response.content.decode() == TOOL_PAGE.replace("<head>", f"<head>{tag}", 1)
    # framed by the launch page, an opaque origin that no frame-ancestors source matches: the
    # sandbox stays, the framing rules go
    assert response["Content-Security-Policy"].startswith("sandbox allow-scripts;")
    assert "frame-ancestors" not in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert anon.get(f"/play/{token}/js/player.js").content.decode() == TOOL_PLAYER
    # a forged token gets nothing, the script included
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    assert anon.get(f"/play/{forged}/__oqu__/lms.js").status_code == 404


@pytest.mark.django_db
def test_package_cannot_shadow_the_preview_lms(org: Org, submit: Any) -> None:
    fake = "window.API = {LMSInitialize: function () { return 'true'; }};"
    package = tool_zip(**{"__oqu__/lms.js": fake, "__oqu__/other.js": fake, "__oqu__": "x"})
    res = _in_review(org, submit, package, "Cold chain (shadow)")
    token = _play_src(org, res).split("/")[2]
    anon = Client()
    ours = anon.get(f"/play/{token}/__oqu__/lms.js")
    assert ours.status_code == 200 and ours.content == lms_preview.script()
    assert fake.encode() not in ours.content
    for path in ["__oqu__/other.js", "__oqu__", "__oqu__/", "__oqu__/../__oqu__/lms.js"]:
        assert anon.get(f"/play/{token}/{path}").status_code == 404, path
    assert anon.get(f"/play/{token}/js/player.js").content == TOOL_PLAYER.encode()


@pytest.mark.django_db
def test_a_package_of_unknown_edition_is_offered_both_apis(org: Org, submit: Any) -> None:
    res = _in_review(org, submit, tool_zip(), "Cold chain (edition)")
    version = res.versions.get()
    for data in version.report.values():
        data["subject"]["scorm_version"] = None
    version.save()
    html = Client().get(_play_src(org, res)).content.decode()
    assert re.search(r'<script src="/play/[^"]+/__oqu__/lms\.js"></script>', html)
    page = org.client("reviewer").get(f"/resources/{res.pk}/").content.decode()
    assert "SCORM 1.2 / 2004" in page


# --- where the tag goes -----------------------------------------------------------------------

TAG = '<script src="/play/t/__oqu__/lms.js"></script>'


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<!doctype html><html><head><title>x</title>", f"<!doctype html><html><head>{TAG}<title>"),
        ('<HTML><HEAD lang="kk">x', f'<HTML><HEAD lang="kk">{TAG}x'),
        ("<html><header>x</header>", f"<html>{TAG}<header>"),  # <header> is not <head>
        ("<!-- <head> --><html><head>x", f"<!-- <head> --><html><head>{TAG}x"),
        ("<html><body><head>x", f"<html>{TAG}<body><head>"),  # a <head> after <body> is not one
        ("\ufeff<!DOCTYPE html><p>x", f"\ufeff<!DOCTYPE html>{TAG}<p>"),
        ("<p>no markup around</p>", f"{TAG}<p>no"),
        ("\ufeffplain", f"\ufeff{TAG}plain"),
    ],
)
def test_script_goes_at_the_start_of_the_head(page: str, expected: str) -> None:
    out = lms_preview.inject(page.encode("utf-8"), TAG).decode("utf-8")
    assert out.startswith(expected), out


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<!-- note --><p>Hello</p>", f"{TAG}<!-- note -->"),  # was a 500 (StopIteration)
        ("<!--><head>x", f"<!--><head>{TAG}x"),  # <!--> and <!---> are whole comments
        ("<!---><head>x", f"<!---><head>{TAG}x"),
        ("<!-- never closed <head>", f"{TAG}<!-- never"),
        ("<script>'<head>'</script><head>x", f"<script>'<head>'</script><head>{TAG}x"),
        ("<p title='<body>'><head>x", f"<p title='<body>'><head>{TAG}x"),  # text in a value
        ("<title></titlex><head></title><head>y", f"<title></titlex><head></title><head>{TAG}y"),
        ("<![<![<![<head>", f"{TAG}<![<!["),  # a bogus comment up to ">" (html.parser raised)
        ("<head lang='a>b'>x", f"<head lang='a>b'>{TAG}x"),
        ("<?xml version='1.0'?><html><head>x", f"<?xml version='1.0'?><html><head>{TAG}x"),
        ("<", f"{TAG}<"),
        ("", TAG),
    ],
)
def test_injection_edge_cases(page: str, expected: str) -> None:
    out = lms_preview.inject(page.encode("utf-8"), TAG).decode("utf-8")
    assert out.startswith(expected), out
    assert out.replace(TAG, "", 1) == page


@pytest.mark.parametrize(
    "page",
    [
        "<html>" + "<!---->" * 30_000 + "<body>" * 30_000,  # issue 12: 56 s of CPU per request
        "<" * 2_000_000,
        "<a" * 1_000_000,
        "<a b='" * 300_000,
        "<html " * 300_000,
        "<![" * 600_000,
        "<script>" + "</scrip" * 250_000,
    ],
    ids=["issue12", "lt", "lt-a", "open-quote", "html-attrs", "cdata", "script"],
)
def test_injection_is_fast_on_adversarial_pages(page: str) -> None:
    import time

    start = time.process_time()
    out = lms_preview.inject(page.encode("utf-8"), TAG)
    assert time.process_time() - start < 0.5
    assert out.replace(TAG.encode(), b"", 1) == page.encode("utf-8")


@pytest.mark.django_db
def test_play_view_serves_a_page_that_opens_with_a_comment(org: Org, submit: Any) -> None:
    page = "<!-- note --><p>Hello</p><script>API.LMSInitialize('')</script>"
    res = _in_review(org, submit, tool_zip(**{"index.html": page}), "Cold chain (comment)")
    response = Client().get(_play_src(org, res))
    assert response.status_code == 200  # was 500 (StopIteration)
    html = response.content.decode()
    assert re.match(r'<script src="/play/[^"]+/__oqu__/lms\.js"[^>]*></script><!-- note -->', html)


def test_injection_keeps_every_other_byte() -> None:
    page = "<html><head><title>Сыр</title></head>".encode("cp1251") + bytes(range(256))
    out = lms_preview.inject(page, TAG)
    assert out.replace(TAG.encode(), b"", 1) == page
    utf16 = "<html><head><title>Сүт</title>".encode("utf-16")
    assert (
        lms_preview.inject(utf16, TAG).decode("utf-16").startswith(f"<html><head>{TAG}<title>Сүт")
    )
    broken = b"\xff\xfe<\x00h"  # half a character: served untouched
    assert lms_preview.inject(broken, TAG) == broken


def test_edition_from_the_report() -> None:
    assert lms_preview.edition("oqu-source", {}) == "1.2"  # the portal builds SCORM 1.2
    report = {"en": {"subject": {"scorm_version": "2004"}}}
    assert lms_preview.edition("scorm", report) == "2004"
    assert lms_preview.edition("scorm", {"en": {"subject": {"scorm_version": None}}}) == ""
    assert lms_preview.edition("scorm", {}) == ""
    assert lms_preview.tag("/s.js", "") == '<script src="/s.js"></script>'
