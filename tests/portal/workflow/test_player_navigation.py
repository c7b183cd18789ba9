"""The sandboxed player frame cannot take itself to another origin (issue 12, item 8): a package
setting ``location`` to a page elsewhere (a phishing "sign in" inside the review page) is refused
by the browser — the review page's Content-Security-Policy (``frame-src 'self'``) binds every
navigation of its frame, and the player's own policy (``frame-src`` of its prefix) the frames
inside it. In headless Chromium against the live portal; the foreign page is served by the test
(a route), so that, were the navigation allowed, the frame would show it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from oqu.portal.workflow import actions
from tests.portal.conftest import Org, fresh, new_resource
from tests.portal.conftest_e2e import Browse
from tests.portal.workflow.test_review_player import _zip
from tests.rules.conftest import manifest12

SRC = Path(__file__).resolve().parents[3] / "src"
PHISH = "<html><body><h1>PHISHING: sign in to your account</h1></body></html>"
LEAVING_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Leaving</title>
</head><body><p id="here">the package</p><script>
setTimeout(function () { location = "%s"; }, 300);
</script></body></html>"""


def _package(page: str) -> bytes:
    return _zip({"imsmanifest.xml": manifest12("index.html", ["index.html"], title="Leaving"),
                 "index.html": page})  # fmt: skip


def _in_review(org: Org, submit: Any, package: bytes) -> Any:
    res = new_resource(org, "Leaving the frame")
    assert submit(res, package).status_code == 302
    actions.do_start_review(org.users["reviewer"], fresh(res))
    return res


def _phished(org: Org, live_server: Any, browser: Any, res: Any) -> list[str]:
    b = Browse(browser, live_server.url)
    shown: list[str] = []
    b.page.route("https://evil.example/**", lambda r: (shown.append(r.request.url), r.fulfill(
        status=200, content_type="text/html", body=PHISH)))  # fmt: skip
    try:
        b.login(org.users["reviewer"].email)
        b.go(f"/resources/{res.pk}/")
        b.page.wait_for_selector("iframe.player")
        time.sleep(2.5)  # the package navigates after 0.3 s; give it every chance
        texts = [f.content() for f in b.page.frames if f != b.page.main_frame]
        notice = b.page.locator("#player-left")
        # the review page says what the package tried, rather than leave a blank frame
        assert notice.is_visible() and "evil.example" in notice.inner_text()
        return [t for t in texts if "PHISHING" in t] + shown
    finally:
        b.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_package_cannot_navigate_its_frame_to_another_origin(
    org: Org, live_server: Any, browser: Any, submit: Any
) -> None:
    res = _in_review(org, submit, _package(LEAVING_PAGE % "https://evil.example/login"))
    assert _phished(org, live_server, browser, res) == []


@pytest.mark.django_db
def test_portal_pages_carry_csp_and_hsts_behind_tls(org: Org) -> None:
    page = org.client("author").get("/resources/")
    csp = page["Content-Security-Policy"]
    assert "frame-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
    # the settings as OQU_BEHIND_TLS_PROXY makes them, in a process of their own
    probe = (
        "import os; os.environ['OQU_BEHIND_TLS_PROXY'] = '1'; os.environ['SECRET_KEY'] = 'k' * 50\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'oqu.portal.settings'\n"
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client(SERVER_NAME='127.0.0.1').get('/login/', HTTP_X_FORWARDED_PROTO='https')\n"
        "print(r['Strict-Transport-Security'])\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OQU_", "DJANGO_"))}
    env |= {"PYTHONPATH": str(SRC), "OQU_DATA_DIR": tempfile.mkdtemp()}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                         text=True, timeout=120)  # fmt: skip
    assert out.stdout.strip().startswith("max-age=31536000"), out.stderr[-2000:]
