"""Log-in rate limit, CSRF, inert HTML in text fields, the sandboxed player and the report."""

from __future__ import annotations

import pytest
from django.test import Client

from oqu.portal.people.models import LoginThrottle
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import State
from tests.portal.conftest import PASSWORD, Org, fresh, new_resource, review_data

pytestmark = pytest.mark.django_db


def _login(c: Client, email: str, password: str):
    return c.post("/login/", {"email": email, "password": password})


def test_login_works_and_failures_lock_the_account_for_that_ip(org: Org, settings) -> None:
    settings.OQU_LOGIN_MAX_FAILURES = 3
    c = Client()
    email = org.users["author"].email
    assert _login(c, email, PASSWORD).status_code == 302
    c = Client()
    for _ in range(3):
        r = _login(c, email, "wrong")
        assert r.status_code == 401 and "Wrong e-mail or password" in r.content.decode()
    r = _login(c, email, PASSWORD)  # even the right password, while locked
    assert r.status_code == 429
    assert "Too many failed attempts" in r.content.decode()
    assert "_auth_user_id" not in c.session
    # another address from elsewhere is not affected
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _login(other, email, PASSWORD).status_code == 302


def test_lock_expires(org: Org, settings) -> None:
    settings.OQU_LOGIN_MAX_FAILURES = 2
    c = Client()
    email = org.users["author"].email
    _login(c, email, "x")
    _login(c, email, "x")
    assert _login(c, email, PASSWORD).status_code == 429
    LoginThrottle.objects.update(locked_until=None)
    assert _login(c, email, PASSWORD).status_code == 302
    # success clears the counter of this address on this account (not its count over all
    # accounts: a sprayer must not reset that by signing in to an account of its own)
    assert not LoginThrottle.objects.filter(key=f"127.0.0.1|{email}").exists()
    assert LoginThrottle.objects.get(key="ip|127.0.0.1|*").failures == 2


def test_open_redirect_after_login_refused(org: Org) -> None:
    c = Client()
    r = c.post("/login/?next=//evil.example/x", {"email": org.users["author"].email,
                                                  "password": PASSWORD})  # fmt: skip
    assert r["Location"] == "/"


def test_csrf_enforced_on_login_and_decisions(org: Org, submit, source_zip) -> None:
    c = Client(enforce_csrf_checks=True)
    r = c.post("/login/", {"email": org.users["reviewer"].email, "password": PASSWORD})
    assert r.status_code == 403
    res = new_resource(org)
    submit(res, source_zip)
    actions.do_start_review(org.users["reviewer"], fresh(res))
    c.force_login(org.users["reviewer"])
    r = c.post(f"/resources/{res.pk}/review/decide/", review_data(fresh(res).revision))
    assert r.status_code == 403 and fresh(res).state == State.IN_REVIEW
    # the upload view sets its own handler first, then checks CSRF itself
    c.force_login(org.users["author"])
    res2 = new_resource(org, "Екінші")
    from tests.portal.conftest import upload_form

    r = c.post(f"/resources/{res2.pk}/submit/", upload_form(source_zip))
    assert r.status_code == 403 and not res2.versions.exists()
    # with the token, the same post works
    page = c.get(f"/resources/{res2.pk}/submit/")
    token = page.cookies["csrftoken"].value
    r = c.post(f"/resources/{res2.pk}/submit/", upload_form(source_zip),
               HTTP_X_CSRFTOKEN=token)  # fmt: skip
    assert r.status_code == 302


SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_in_text_fields_is_inert(org: Org, submit, source_zip) -> None:
    res = new_resource(org, title=SCRIPT)
    submit(res, source_zip, note=SCRIPT)
    actions.do_start_review(org.users["reviewer"], fresh(res))
    c = org.client("reviewer")
    c.post(f"/resources/{res.pk}/review/comment/", {"slide": 1, "text": SCRIPT})
    c.post(
        f"/resources/{res.pk}/review/decide/", review_data(fresh(res).revision, "return", SCRIPT)
    )
    for url in [f"/resources/{res.pk}/", "/resources/", f"/resources/{res.pk}/v/1/", "/"]:
        page = org.client("author").get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url


def test_player_is_sandboxed_and_refuses_traversal(org: Org, submit, source_zip) -> None:
    res = new_resource(org)
    submit(res, source_zip)
    actions.do_start_review(org.users["reviewer"], fresh(res))
    page = org.client("reviewer").get(f"/resources/{res.pk}/").content.decode()
    assert 'sandbox="allow-scripts"' in page and "allow-same-origin" not in page
    src = page.split('class="player"')[1].split('src="')[1].split('"')[0]
    assert src.startswith("/play/")
    anon = Client()  # the sandboxed frame sends no cookies: the signed URL is the key
    r = anon.get(src)
    assert r.status_code == 200
    assert r["Content-Security-Policy"].startswith("sandbox allow-scripts;")
    assert "connect-src 'none'" in r["Content-Security-Policy"]
    token = src.split("/")[2]
    for bad in ["../../settings.py", "%2e%2e/x", "/etc/passwd", "a/../../b", "nope.html"]:
        assert anon.get(f"/play/{token}/{bad}").status_code == 404, bad
    assert anon.get(src.replace(token, token[:-3] + "abc")).status_code == 404  # forged token
    # the author (not a reviewer) sees no player
    assert "/play/" not in org.client("author").get(f"/resources/{res.pk}/").content.decode()


def test_report_has_no_script_allowed(org: Org, submit, source_zip) -> None:
    res = new_resource(org)
    submit(res, source_zip)
    r = org.client("author").get(f"/resources/{res.pk}/v/1/report/")
    assert r.status_code == 200 and "default-src 'none'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_host_not_allowed_gets_the_portals_400_page_not_a_500(lang: str) -> None:
    """A request naming a host the portal does not serve (a scanner, a DNS-rebinding attempt) is
    refused with the portal's own 400 page; the page used to ask the request for its host again,
    which raised again and made a 500."""
    c = Client(HTTP_ACCEPT_LANGUAGE=lang)
    r = c.get("/login/", HTTP_HOST="evil.example", HTTP_REFERER="http://evil.example/x")
    assert r.status_code == 400
    page = r.content.decode()
    assert 'lang="' + lang in page  # the portal's page, in the user's language
    assert "evil.example" not in page  # no link back to the refused host
