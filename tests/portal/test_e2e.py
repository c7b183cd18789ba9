"""End to end in headless Chromium against the live portal, once in Kazakh and once in Russian
(issue 15: walk a new DER's whole life again, each step as the role that does it): the head of
department makes the yearly plan and approves it; the author creates the resource from its plan
item and submits an Oqu source with its syllabus and minutes extract; the check runs; a Center
reviewer returns it with reasons; the author resubmits; the reviewer approves and records the
placement; the Center director issues the certificate; the resource appears in the public
catalogue and its news (page and Atom feed), and the QR code printed on the certificate's PDF
opens a verification page that says "valid".

Every page of the walk is used at 1366 px and checked at 360 px in the same browser (the
viewport set per page): nothing wider than the screen, no table cell or fact cut off
(``Browse.phone_problems``). The page's words are asserted through the portal's own catalogue
(``gettext`` in the walk's language), so a string left in English fails.

The author is also a Center reviewer (``author_reviewer``): the conflict-of-interest rule (12)
must hide the review controls from them and refuse their direct POST.

Screenshots of some pages: test-artifacts/portal/e2e-<lang>-*.png (1366 px; the author's
dashboard and the verification page also at 360 px, ``*-360.png``).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import formats, translation
from django.utils.translation import gettext

from oqu.portal.certificates.models import Certificate
from oqu.portal.plans.models import PlanItem, PlanState, YearlyPlan
from oqu.portal.workflow.models import Resource, State
from tests.portal.conftest import EXAMPLES, SYLLABUS, Org, zip_folder
from tests.portal.conftest_e2e import ARTIFACTS, Browse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, PHONE = (1366, 900), (360, 740)
TITLES = {"kk": "HACCP жүйесінің негіздері (e2e)", "ru": "Основы системы HACCP (e2e)"}
RETURNED = {"kk": "1-нұсқаны пысықтауға қайтарды", "ru": "возврат версии 1 на доработку"}
VALID = {"kk": "Жарамды", "ru": "Действительна"}
MINUTES = "Кафедра отырысының хаттамасынан үзінді № 3: орналастыруға ұсынылсын.".encode()


def _expect() -> Any:
    from playwright.sync_api import expect

    return expect


class Walk:
    """One language's walk: the people's browsers, the words in that language, the pages
    checked at a phone's width."""

    def __init__(self, browser: Any, base: str, lang: str) -> None:
        self.browser, self.base, self.lang = browser, base, lang
        self.opened: list[Browse] = []
        self.narrow: dict[str, list[str]] = {}

    def person(self, email: str | None) -> Browse:
        b = Browse(self.browser, self.base, width=WIDE[0], height=WIDE[1],
                   locale={"kk": "kk-KZ", "ru": "ru-RU"}[self.lang])  # fmt: skip
        self.opened.append(b)
        if email:
            b.login(email)
        return b

    def t(self, msgid: str) -> str:
        with translation.override(self.lang):
            return gettext(msgid)

    def look(self, b: Browse, name: str, *, shot: bool = False, phone_shot: bool = False) -> None:
        """The page as it is now, checked at 360 px; screenshots of the pages asked for only
        (a full-page screenshot costs more than the check)."""
        assert b.page.evaluate("document.documentElement.lang") == self.lang, name
        if shot or phone_shot:
            b.shot(f"e2e-{self.lang}-{name}")
        if phone_shot:
            b.page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
            b.shot(f"e2e-{self.lang}-{name}-360")
            b.page.set_viewport_size({"width": WIDE[0], "height": WIDE[1]})
        self.narrow[name] = b.phone_problems(*PHONE)

    def day(self, day: dt.date) -> str:
        with translation.override(self.lang):
            return formats.date_format(day, "SHORT_DATE_FORMAT")

    def said(self, b: Browse, msgid: str) -> None:
        _expect()(b.page.locator(".messages")).to_contain_text(self.t(msgid))

    def close(self) -> None:
        for b in self.opened:
            b.close()
        for b in self.opened:
            b.check()


def _submit_version(w: Walk, b: Browse, resource_id: int, package: bytes, note: str) -> None:
    page = b.page
    b.go(f"/resources/{resource_id}/submit/")
    page.locator("main input[name=package]").set_input_files(
        {"name": "haccp-kk.zip", "mimeType": "application/zip", "buffer": package}
    )
    page.locator("main input[name=syllabus]").set_input_files(
        {"name": "syllabus.txt", "mimeType": "text/plain", "buffer": SYLLABUS}
    )
    page.locator("main input[name=minutes_extract]").set_input_files(
        {"name": "minutes.txt", "mimeType": "text/plain", "buffer": MINUTES}
    )
    page.locator("main textarea[name=note]").fill(note)
    w.look(b, "submit-form")
    # the button says what it does (issue 15.11), in the page's language
    b.post(page.get_by_role("button", name=w.t("Submit to the Center")))
    w.said(b, "Submitted. The check runs in the background.")


def _decide(b: Browse, resource_id: int, decision: str, reasons: str) -> None:
    page = b.page
    b.go(f"/resources/{resource_id}/")
    b.post(page.locator("form[action$='/review/start/'] button"))
    _expect()(page.locator("form[action$='/review/decide/']")).to_be_visible()
    page.locator("main select[name=content_score]").select_option("4")
    page.locator("main select[name=presentation_score]").select_option("4")
    page.locator("main select[name=economy_score]").select_option("5")
    page.locator(f"main input[name=decision][value={decision}]").check()
    page.locator("main textarea[name=reasons]").fill(reasons)


def _decode_qr(pdf: bytes, tmp: Path, lang: str) -> list[str]:
    import zxingcpp
    from PIL import Image

    (tmp / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp / "c.pdf"), str(tmp / "c")],
        check=True,
    )
    png = next(tmp.glob("c*.png"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"e2e-{lang}-certificate.png").write_bytes(png.read_bytes())
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_ders_whole_life(
    org: Org, live_server: Any, browser: Any, settings: Any, tmp_path: Path, lang: str
) -> None:
    settings.OQU_BASE_URL = live_server.url  # the QR code points at this server
    expect = _expect()
    title = TITLES[lang]
    package = zip_folder(EXAMPLES / "haccp-kk")
    author = org.users["author_reviewer"]  # an author of the department who is also a reviewer
    w = Walk(browser, live_server.url, lang)
    deadline = dt.date.today() + dt.timedelta(days=60)

    # 0. the head of department makes the yearly plan, its item, and approves it (8.2)
    h = w.person(org.users["head"].email)
    h.go("/plans/new/")
    h.page.locator("main select[name=department]").select_option(str(org.dep.pk))
    h.page.locator("main input[name=academic_year]").fill("2026-2027")
    h.page.locator("main form button[type=submit]").click()
    h.page.wait_for_url(re.compile(r".*/plans/\d+/$"))
    h.page.locator("main input[name=discipline]").fill("Тағам қауіпсіздігі")
    h.page.locator("main select[name=der_type]").select_option("interactive-presentation")
    h.page.locator("main input[name=deadline]").fill(deadline.isoformat())
    h.page.locator("main select[name=authors]").select_option(str(author.pk))
    h.post(h.page.locator("form[action$='/items/'] button"))
    h.page.locator("main input[name=minutes_number]").fill("3")
    h.page.locator("main input[name=minutes_date]").fill(dt.date.today().isoformat())
    w.look(h, "01-plan-draft")
    h.post(h.page.locator("form[action$='/approve/'] button"))
    expect(h.page.locator("p > span.state.approved")).to_be_visible()
    plan = YearlyPlan.objects.get(department=org.dep)
    assert plan.state == PlanState.APPROVED
    item = PlanItem.objects.get(plan=plan)
    w.look(h, "02-plan-approved", shot=True)

    # 1. the author creates the resource from the plan item and submits v1
    a = w.person(author.email)
    w.look(a, "03-author-dashboard", phone_shot=True)
    a.go("/resources/new/")
    page = a.page
    page.locator("main select[name=department]").select_option(str(org.dep.pk))
    option = page.locator(f"main select[name=plan_item] option[value='{item.pk}']")
    expect(option).to_contain_text("2026-2027")  # the plan's year beside the item (15.11)
    page.locator("main select[name=plan_item]").select_option(str(item.pk))
    page.locator("main input[name=title]").fill(title)
    page.locator("main input[name=discipline]").fill("Тағам қауіпсіздігі")
    page.locator("main select[name=der_type]").select_option("interactive-presentation")
    page.locator("main select[name=language]").select_option(lang)
    page.locator("main input[name=audience]").fill("2-курс")
    page.locator("main input[name=keywords]").fill("HACCP, тағам қауіпсіздігі")
    w.look(a, "04-new-resource-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/resources/\d+/$"))
    rid = int(re.search(r"/resources/(\d+)/$", page.url).group(1))  # type: ignore[union-attr]
    _submit_version(w, a, rid, package, "Бірінші нұсқа.")
    r = Resource.objects.get(pk=rid)
    assert r.state == State.SUBMITTED and r.plan_item_id == item.pk
    v1 = r.versions.get(number=1)
    assert v1.job_state == "done", v1.job_state  # the check ran (Immediate backend in tests)
    assert v1.syllabus and v1.minutes_extract and v1.package
    # the resource page names its plan item and deadline (15.11)
    expect(page.locator("dl.facts")).to_contain_text(w.t("Plan item"))
    expect(page.locator("dl.facts")).to_contain_text(w.day(deadline))
    w.look(a, "05-submitted-v1")
    a.go(f"/resources/{rid}/v/1/")
    expect(page.locator("h1")).to_be_visible()
    w.look(a, "06-version-1")

    # the author is also a Center reviewer: no review controls on their own resource, and a
    # direct POST is refused (conflict of interest, 12)
    a.go(f"/resources/{rid}/")
    expect(page.locator("form[action$='/review/start/']")).to_have_count(0)
    csrf = next(c["value"] for c in a.context.cookies() if c["name"] == "csrftoken")
    refused = a.context.request.post(
        f"{live_server.url}/resources/{rid}/review/start/",
        form={"revision": str(r.revision)},
        headers={"X-CSRFToken": csrf, "Referer": live_server.url + "/"},
    )
    assert refused.status in (403, 404), refused.status
    assert Resource.objects.get(pk=rid).state == State.SUBMITTED

    # 2. the reviewer returns it with reasons
    rv = w.person(org.users["reviewer"].email)
    expect(rv.page.get_by_role("link", name=title)).to_be_visible()
    w.look(rv, "07-reviewer-dashboard")
    _decide(rv, rid, "return", "Тақырып 3 жоқ: силлабусқа сәйкестендіріңіз.")
    if lang == "kk":  # what no language changes is checked once, to keep the suite fast:
        # the package plays in the sandboxed frame (opaque origin: no access to the portal)
        frame = rv.page.frame_locator("iframe.player")
        expect(frame.locator("section.oqu-slide").first).to_be_visible(timeout=15000)
        player = next(f for f in rv.page.frames if "/play/" in f.url)
        # (`top`: the preview LMS makes the package its own `parent`, test_review_player.py)
        portal = "() => { try { return top.document.title; } catch (e) { return 'blocked'; } }"
        assert player.evaluate(portal) == "blocked"
    w.look(rv, "08-review-form-return", shot=True)
    rv.post(rv.page.locator("form[action$='/review/decide/'] button[type=submit]"))
    w.said(rv, "Your decision is recorded.")
    assert Resource.objects.get(pk=rid).state == State.RETURNED

    # 3. the author sees the reasons and the history in words, and resubmits (v2)
    a.go(f"/resources/{rid}/")
    expect(page.get_by_text("Тақырып 3 жоқ: силлабусқа сәйкестендіріңіз.")).to_be_visible()
    expect(page.locator("ol.history")).to_contain_text(RETURNED[lang])  # not review.return (15.8)
    w.look(a, "09-author-sees-reasons", shot=True)
    _submit_version(w, a, rid, package, "Екінші нұсқа: ескертулер ескерілді.")
    assert Resource.objects.get(pk=rid).versions.count() == 2

    # 4. the reviewer approves, then records the placement (8.6–8.7)
    _decide(rv, rid, "approve", "")
    rv.post(rv.page.locator("form[action$='/review/decide/'] button[type=submit]"))
    w.said(rv, "Your decision is recorded.")
    assert Resource.objects.get(pk=rid).state == State.APPROVED
    w.look(rv, "10-approved")
    rv.page.locator("main input[name=link]").fill(
        "https://moodle.atu.edu.kz/mod/scorm/view.php?id=4242"
    )
    rv.post(rv.page.locator("form[action$='/publish/'] button[type=submit]"))
    w.said(rv, "The publication is recorded.")
    r = Resource.objects.get(pk=rid)
    assert r.state == State.PUBLISHED
    assert r.publications.get().link.endswith("id=4242")

    # 5. the director issues the certificate
    d = w.person(org.users["director"].email)
    d.go(f"/resources/{rid}/")
    w.look(d, "11-director-resource", shot=True)
    d.post(d.page.locator("form[action$='/certificates/issue/'] button"))
    cert = Certificate.objects.get(resource_id=rid)
    expect(d.page.locator(".messages")).to_contain_text(cert.number)
    w.look(d, "12-certificate-issued")
    pdf = d.context.request.get(f"{live_server.url}/certificates/{cert.number}.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF-")
    qr_url = f"{live_server.url}/verify/{cert.number}/{cert.token}/"
    if lang == "kk":  # the QR code is the same picture in any language: decoded once
        codes = _decode_qr(pdf.body(), tmp_path, lang)
        assert codes == [qr_url], codes

    # 6. the public: catalogue, resource page, news, Atom feed, the QR verification page
    anon = w.person(None)
    anon.go("/catalogue/")
    expect(anon.page.get_by_role("link", name=title)).to_be_visible()
    w.look(anon, "13-catalogue")
    anon.go("/catalogue/?q=" + "ҚАУІПСІЗДІГІ")
    expect(anon.page.get_by_role("link", name=title)).to_be_visible()
    anon.go(f"/catalogue/{rid}/")
    expect(anon.page.locator("h1")).to_contain_text("HACCP")
    # opening the course is the page's first and primary button (15.11)
    expect(anon.page.locator("main a.button.primary")).to_have_text(w.t("Open the course"))
    w.look(anon, "14-catalogue-resource", shot=True)
    anon.go("/catalogue/news/")
    expect(anon.page.get_by_role("link", name=title)).to_be_visible()
    w.look(anon, "15-news")
    feed = anon.context.request.get(f"{live_server.url}/catalogue/news.atom")
    assert feed.status == 200 and title in feed.text()
    zip_resp = anon.context.request.get(f"{live_server.url}/catalogue/{rid}/scorm12.zip")
    assert zip_resp.status == 200 and zip_resp.body()[:2] == b"PK"
    anon.page.goto(qr_url)  # what a phone opens from the QR code
    expect(anon.page.get_by_role("status")).to_contain_text(VALID[lang])
    expect(anon.page.locator("h1")).to_contain_text(cert.number)
    w.look(anon, "16-verify-valid", phone_shot=True)

    w.close()
    assert {k: v for k, v in w.narrow.items() if v} == {}, "pages that do not fit 360 px"
