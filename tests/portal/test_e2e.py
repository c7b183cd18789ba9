"""End to end in headless Chromium against the live portal: an author submits an Oqu source with
its syllabus and minutes extract, the check runs, a Center reviewer returns it with reasons, the
author resubmits, the reviewer approves, the placement is recorded, the Center director issues
the certificate, the resource appears in the public catalogue and its news (page and Atom feed),
and the QR code printed on the certificate's PDF opens a verification page that says "valid".

The author is also a Center reviewer (``author_reviewer``): the conflict-of-interest rule (12)
must hide the review controls from them and refuse their direct POST.

Screenshots of every step: test-artifacts/portal/e2e-*.png.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from oqu.portal.certificates.models import Certificate
from oqu.portal.workflow.models import Resource, State
from tests.portal.conftest import EXAMPLES, SYLLABUS, Org, zip_folder
from tests.portal.conftest_e2e import ARTIFACTS, Browse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "HACCP жүйесінің негіздері (Қазақша, e2e)"
MINUTES = "Кафедра отырысының хаттамасынан үзінді № 3: орналастыруға ұсынылсын.".encode()


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


def _submit_version(b: Browse, resource_id: int, package: bytes, note: str) -> None:
    page = b.page
    b.go(f"/resources/{resource_id}/submit/")
    page.get_by_label("Oqu source (zip) or SCORM package (zip)").set_input_files(
        {"name": "haccp-kk.zip", "mimeType": "application/zip", "buffer": package}
    )
    page.get_by_label("Syllabus (PDF, DOCX or text)").set_input_files(
        {"name": "syllabus.txt", "mimeType": "text/plain", "buffer": SYLLABUS}
    )
    page.get_by_label("Extract from the department meeting's minutes").set_input_files(
        {"name": "minutes.txt", "mimeType": "text/plain", "buffer": MINUTES}
    )
    page.get_by_label("Note to the reviewer").fill(note)
    page.get_by_role("button", name="Submit to the Center").click()
    _expect()(page.get_by_text("Submitted. The check runs in the background.")).to_be_visible()


def _decide(b: Browse, resource_id: int, decision: str, reasons: str) -> None:
    page = b.page
    b.go(f"/resources/{resource_id}/")
    page.get_by_role("button", name="Start the review").click()
    _expect()(page.get_by_role("button", name="Record the decision")).to_be_visible()
    page.get_by_label("Fitness of content", exact=False).select_option("4")
    page.get_by_label("Effectiveness of presentation", exact=False).select_option("4")
    page.get_by_label("Economy (", exact=False).select_option("5")
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("Reasons").fill(reasons)


def _decode_qr(pdf: bytes, tmp: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    (tmp / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp / "c.pdf"), str(tmp / "c")],
        check=True,
    )
    png = next(tmp.glob("c*.png"))
    (Path(__file__).resolve().parents[2] / "test-artifacts" / "portal").mkdir(
        parents=True, exist_ok=True
    )
    png_copy = Path(__file__).resolve().parents[2] / "test-artifacts/portal/e2e-14-certificate.png"
    png_copy.write_bytes(png.read_bytes())
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]


def test_author_to_catalogue_and_certificate(
    org: Org, live_server: Any, browser: Any, settings: Any, tmp_path: Path
) -> None:
    settings.OQU_BASE_URL = live_server.url  # the QR code points at this server
    expect = _expect()
    package = zip_folder(EXAMPLES / "haccp-kk")
    author = org.users["author_reviewer"]  # an author of the department who is also a reviewer
    opened: list[Browse] = []

    def person(email: str | None) -> Browse:
        b = Browse(browser, live_server.url)
        opened.append(b)
        if email:
            b.login(email)
        return b

    # 1. the author creates the resource and submits v1 (source zip + syllabus + minutes)
    a = person(author.email)
    a.shot("e2e-01-author-dashboard")
    a.go("/resources/new/")
    page = a.page
    page.get_by_label("Department").select_option(str(org.dep.pk))
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Discipline").fill("Тағам қауіпсіздігі")
    page.get_by_label("DER type").select_option("interactive-presentation")
    page.get_by_label("Language of instruction").select_option("kk")
    page.get_by_label("Target audience").fill("2-курс")
    page.get_by_label("Keywords").fill("HACCP, тағам қауіпсіздігі")
    a.shot("e2e-02-new-resource-form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/resources/\d+/$"))
    rid = int(re.search(r"/resources/(\d+)/$", page.url).group(1))  # type: ignore[union-attr]
    _submit_version(a, rid, package, "Бірінші нұсқа.")
    a.shot("e2e-03-submitted-v1")
    r = Resource.objects.get(pk=rid)
    assert r.state == State.SUBMITTED
    v1 = r.versions.get(number=1)
    assert v1.job_state == "done", v1.job_state  # the check ran (Immediate backend in tests)
    assert v1.syllabus and v1.minutes_extract and v1.package
    a.go(f"/resources/{rid}/v/1/")
    expect(page.locator("h1")).to_be_visible()
    a.shot("e2e-04-version-1")

    # the author is also a Center reviewer: no review controls on their own resource, and a
    # direct POST is refused (conflict of interest, 12)
    a.go(f"/resources/{rid}/")
    expect(page.get_by_role("button", name="Start the review")).to_have_count(0)
    expect(page.get_by_text("You are an author of this resource")).to_be_visible()
    csrf = next(c["value"] for c in a.context.cookies() if c["name"] == "csrftoken")
    refused = a.context.request.post(
        f"{live_server.url}/resources/{rid}/review/start/",
        form={"revision": str(r.revision)},
        headers={"X-CSRFToken": csrf, "Referer": live_server.url + "/"},
    )
    assert refused.status in (403, 404), refused.status
    assert Resource.objects.get(pk=rid).state == State.SUBMITTED

    # 2. the reviewer returns it with reasons
    rv = person(org.users["reviewer"].email)
    rv.shot("e2e-05-reviewer-dashboard")
    expect(rv.page.get_by_role("link", name=TITLE)).to_be_visible()
    _decide(rv, rid, "Return for revision", "Тақырып 3 жоқ: силлабусқа сәйкестендіріңіз.")
    # the package plays in the sandboxed frame (opaque origin: no access to the portal)
    frame = rv.page.frame_locator("iframe.player")
    expect(frame.locator("section.oqu-slide").first).to_be_visible(timeout=15000)
    player = next(f for f in rv.page.frames if "/play/" in f.url)
    rv.page.locator("iframe.player").scroll_into_view_if_needed()
    rv.page.locator("iframe.player").screenshot(path=str(ARTIFACTS / "e2e-06-player.png"))
    # (`top`: the preview LMS makes the package its own `parent`, test_review_player.py)
    portal = "() => { try { return top.document.title; } catch (e) { return 'blocked'; } }"
    assert player.evaluate(portal) == "blocked"
    rv.shot("e2e-06-review-form-return")
    rv.page.get_by_role("button", name="Record the decision").click()
    expect(rv.page.get_by_text("Your decision is recorded.")).to_be_visible()
    rv.shot("e2e-07-returned")
    assert Resource.objects.get(pk=rid).state == State.RETURNED

    # 3. the author sees the reasons and resubmits (v2)
    a.go(f"/resources/{rid}/")
    expect(page.get_by_text("Тақырып 3 жоқ: силлабусқа сәйкестендіріңіз.")).to_be_visible()
    a.shot("e2e-08-author-sees-reasons")
    _submit_version(a, rid, package, "Екінші нұсқа: ескертулер ескерілді.")
    assert Resource.objects.get(pk=rid).versions.count() == 2
    a.shot("e2e-09-submitted-v2")

    # 4. the reviewer approves, then records the placement (8.6–8.7)
    _decide(rv, rid, "Approve", "")
    rv.page.get_by_role("button", name="Record the decision").click()
    expect(rv.page.get_by_text("Your decision is recorded.")).to_be_visible()
    assert Resource.objects.get(pk=rid).state == State.APPROVED
    rv.shot("e2e-10-approved")
    rv.page.get_by_label("Link").fill("https://moodle.atu.edu.kz/mod/scorm/view.php?id=4242")
    rv.page.get_by_role("button", name="Publish").click()
    expect(rv.page.get_by_text("The publication is recorded.")).to_be_visible()
    rv.shot("e2e-11-published")
    r = Resource.objects.get(pk=rid)
    assert r.state == State.PUBLISHED
    assert r.publications.get().link.endswith("id=4242")

    # 5. the director issues the certificate
    d = person(org.users["director"].email)
    d.go(f"/resources/{rid}/")
    d.shot("e2e-12-director-resource")
    d.page.get_by_role("button", name="Issue the placement certificate").click()
    expect(d.page.get_by_text(re.compile(r"Certificate \d{4}-\d{3} is issued"))).to_be_visible()
    d.shot("e2e-13-certificate-issued")
    cert = Certificate.objects.get(resource_id=rid)
    pdf = d.context.request.get(f"{live_server.url}/certificates/{cert.number}.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
    codes = _decode_qr(pdf.body(), tmp_path)
    assert codes, "no QR code found on the certificate's first page"
    qr_url = codes[0]
    assert qr_url.startswith(live_server.url + "/verify/"), qr_url

    # 6. the public: catalogue, resource page, news, Atom feed, the QR verification page
    anon = person(None)
    anon.go("/catalogue/")
    expect(anon.page.get_by_role("link", name=TITLE)).to_be_visible()
    anon.shot("e2e-15-catalogue")
    anon.go("/catalogue/?q=" + "ҚАУІПСІЗДІГІ")
    expect(anon.page.get_by_role("link", name=TITLE)).to_be_visible()
    anon.go(f"/catalogue/{rid}/")
    expect(anon.page.locator("h1")).to_contain_text("HACCP")
    anon.shot("e2e-16-catalogue-resource")
    anon.go("/catalogue/news/")
    expect(anon.page.get_by_role("link", name=TITLE)).to_be_visible()
    anon.shot("e2e-17-news")
    feed = anon.context.request.get(f"{live_server.url}/catalogue/news.atom")
    assert feed.status == 200 and TITLE in feed.text()
    zip_resp = anon.context.request.get(f"{live_server.url}/catalogue/{rid}/scorm12.zip")
    assert zip_resp.status == 200 and zip_resp.body()[:2] == b"PK"
    anon.page.goto(qr_url)
    expect(anon.page.get_by_role("status")).to_contain_text("Valid")
    expect(anon.page.locator("h1")).to_contain_text(cert.number)
    anon.shot("e2e-18-verify-valid")

    for b in opened:
        b.close()
    for b in opened:
        b.check()
