"""Sign-in links: a forgotten password (anyone, from the sign-in page) and an invitation (an
administrator, from the person's page). Through HTTP, with the letters Django's test backend
keeps, the audit chain and the database throttle."""

from __future__ import annotations

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from oqu.portal.audit import chain as audit
from oqu.portal.audit.models import AuditEntry
from oqu.portal.people import actions as act
from oqu.portal.people.models import AuthSource, User
from oqu.portal.people.recovery import ASKS_PER_IP, SENDS_PER_ADDRESS
from tests.portal.conftest import PASSWORD, CommitClient, Org, make_user

pytestmark = pytest.mark.django_db

NEW = "сүт-пастерлеу-72-градус"
LINK = re.compile(r"https?://[^/\s]+(/login/set-password/[^/\s]+/[^/\s]+/)")


def _ask(c: Client, email: str):
    return c.post("/login/forgot/", {"email": email})


def _link_in(message: mail.EmailMessage) -> str:
    found = LINK.search(str(message.body))
    assert found, message.body
    return found[1]


def _choose(c: Client, path: str, password: str = NEW, again: str | None = None):
    """Open the link as a browser does (it redirects to a token-free address) and post."""
    r = c.get(path)
    if r.status_code != 302:
        return r
    assert (
        "set-password" in r["Location"] and path.rstrip("/").rsplit("/", 1)[1] not in r["Location"]
    ), "the token leaves the address bar at once"
    form = r["Location"]
    assert c.get(form).status_code == 200
    return c.post(form, {"new_password1": password, "new_password2": again or password})


def _signs_in(email: str, password: str) -> bool:
    return Client().post("/login/", {"email": email, "password": password}).status_code == 302


def test_forgotten_password_from_the_link_to_signing_in(org: Org) -> None:
    user = org.users["author"]
    c = CommitClient()
    assert 'href="/login/forgot/"' in c.get("/login/").content.decode()
    r = _ask(c, user.email.upper())  # as typed, in any case
    assert r.status_code == 200 and "on its way" in r.content.decode()
    (letter,) = mail.outbox
    assert letter.to == [user.email]
    assert user.full_name in letter.body and "ignore this letter" in letter.body
    path = _link_in(letter)
    r = _choose(c, path)
    assert r.status_code == 302 and r["Location"] == "/login/"
    assert "Your password is set" in c.get("/login/").content.decode()
    assert _signs_in(user.email, NEW) and not _signs_in(user.email, PASSWORD)
    # the link works once
    r = CommitClient().get(path, follow=True)
    assert "This link does not work" in r.content.decode()
    entries = audit.history(user)
    assert [(e.action, e.actor_id) for e in entries] == [
        ("user.sign_in_link", None),
        ("user.reset_password", user.pk),
    ]
    assert NEW not in str(entries[-1].data) and audit.verify().ok


def test_an_unknown_address_gets_the_same_answer_and_no_letter(org: Org) -> None:
    known = _ask(CommitClient(), org.users["author"].email).content.decode()
    unknown = _ask(CommitClient(), "nobody-here@test.atu.edu.kz").content.decode()
    strip = re.compile(r"[\w.+-]+@test\.atu\.edu\.kz|csrfmiddlewaretoken\" value=\"[^\"]+")
    assert strip.sub("", known) == strip.sub("", unknown)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("how", ["deactivated", "sso"])
def test_no_link_for_accounts_that_cannot_sign_in_with_a_password(org: Org, how: str) -> None:
    user = org.users["coauthor"]
    c = CommitClient()
    _ask(c, user.email)
    path = _link_in(mail.outbox[0])
    if how == "deactivated":
        act.do_deactivate_user(org.users["admin"], user)
    else:
        User.objects.filter(pk=user.pk).update(auth_source=AuthSource.OIDC, external_id="x1")
    mail.outbox.clear()
    r = _ask(c, user.email)
    assert r.status_code == 200 and mail.outbox == []  # the same answer, no letter
    # a link sent before no longer works either
    r = _choose(CommitClient(), path)
    assert r.status_code == 200 and "This link does not work" in r.content.decode()
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_a_weak_or_mismatched_password_is_refused_and_the_link_still_works(org: Org) -> None:
    user = org.users["head"]
    c = CommitClient()
    _ask(c, user.email)
    path = _link_in(mail.outbox[0])
    r = _choose(c, path, "12345678")
    assert r.status_code == 400 and "too common" in r.content.decode()
    r = _choose(c, path, NEW, again=NEW + "x")
    assert r.status_code == 400
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)
    assert _choose(c, path).status_code == 302
    assert _signs_in(user.email, NEW)


def test_a_tampered_link_does_not_work(org: Org) -> None:
    c = CommitClient()
    _ask(c, org.users["head"].email)
    path = _link_in(mail.outbox[0])
    uid = re.search(r"set-password/([^/]+)/", path)[1]  # type: ignore[index]
    other = path.replace(uid, urlsafe_base64_encode(force_bytes(org.users["admin"].pk)))
    for bad in (path[:-4] + "abc/", other):
        r = _choose(CommitClient(), bad)
        assert "This link does not work" in r.content.decode()
    assert User.objects.get(pk=org.users["admin"].pk).check_password(PASSWORD)


def test_letters_to_one_address_and_requests_from_one_computer_are_limited(org: Org) -> None:
    email = org.users["reviewer"].email
    for _ in range(SENDS_PER_ADDRESS + 2):
        assert _ask(CommitClient(REMOTE_ADDR="10.1.1.1"), email).status_code == 200
    assert len(mail.outbox) == SENDS_PER_ADDRESS  # then silence: the same page, no letter
    # one computer asking about many addresses is told to wait
    c = CommitClient(REMOTE_ADDR="10.2.2.2")
    for n in range(ASKS_PER_IP):
        assert _ask(c, f"guess{n}@test.atu.edu.kz").status_code == 200
    r = _ask(c, org.users["dean"].email)
    assert r.status_code == 429 and "Too many requests" in r.content.decode()
    assert all(m.to != [org.users["dean"].email] for m in mail.outbox)
    # another computer is not affected
    _ask(CommitClient(REMOTE_ADDR="10.3.3.3"), org.users["dean"].email)
    assert mail.outbox[-1].to == [org.users["dean"].email]


def test_spellings_of_one_address_share_its_limit(org: Org) -> None:
    # PostgreSQL's iexact folds with upper(): "ı" (dotless) and "ſ" (long s) reach the same
    # account as "i" and "s". The letters are counted per account, whatever was typed.
    user = make_user("sims")
    spellings = ["sims@test.atu.edu.kz", "SIMS@test.atu.edu.kz", "sıms@test.atu.edu.kz",
                 "ſims@test.atu.edu.kz", "simſ@test.atu.edu.kz"]  # fmt: skip
    for n, spelling in enumerate(spellings):
        _ask(CommitClient(REMOTE_ADDR=f"10.9.9.{n}"), spelling)
    assert [m.to for m in mail.outbox] == [[user.email]] * min(len(mail.outbox), SENDS_PER_ADDRESS)
    assert len(mail.outbox) <= SENDS_PER_ADDRESS


def test_the_letter_is_in_the_language_of_the_page(org: Org) -> None:
    c = CommitClient()
    c.cookies["django_language"] = "ru"
    _ask(c, org.users["author"].email)
    letter = mail.outbox[0]
    assert "пароля" in letter.subject and "Здравствуйте" in letter.body


def test_an_administrator_invites_a_new_account(org: Org) -> None:
    admin = org.client("admin")
    r = admin.post("/people/new/", {"email": "zhanar@test.atu.edu.kz", "full_name": "Жанар Ә."})
    assert r.status_code == 302
    person = User.objects.get(email="zhanar@test.atu.edu.kz")
    assert not person.has_usable_password()
    page = admin.get(f"/people/{person.pk}/").content.decode()
    assert f'action="/people/{person.pk}/send-link/"' in page
    r = admin.post(f"/people/{person.pk}/send-link/")
    assert r.status_code == 302
    (letter,) = mail.outbox
    assert letter.to == [person.email]
    assert org.users["admin"].full_name in letter.body and "ignore" not in letter.body
    assert _choose(CommitClient(), _link_in(letter)).status_code == 302
    assert _signs_in(person.email, NEW)
    entry = AuditEntry.objects.filter(action="user.sign_in_link").get()
    assert entry.actor_id == org.users["admin"].pk and entry.data == {"by": "admin"}


def test_no_invitation_for_a_deactivated_or_sso_account(org: Org) -> None:
    admin = org.client("admin")
    sso = make_user("sso", auth_source=AuthSource.LDAP, external_id="uid=sso")
    page = admin.get(f"/people/{sso.pk}/").content.decode()
    assert "send-link" not in page
    r = admin.post(f"/people/{sso.pk}/send-link/")
    assert r.status_code == 400 and "LDAP" in r.content.decode()
    off = org.users["nobody"]
    act.do_deactivate_user(org.users["admin"], off)
    r = admin.post(f"/people/{off.pk}/send-link/")
    assert r.status_code == 400 and "deactivated" in r.content.decode()
    assert mail.outbox == []


def test_a_mail_server_that_is_down_loses_the_letter_not_the_request(
    org: Org, settings, caplog: pytest.LogCaptureFixture
) -> None:
    # The real SMTP backend, pointed at a port where nothing listens.
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    r = _ask(CommitClient(), org.users["author"].email)
    assert r.status_code == 200 and "on its way" in r.content.decode()
    assert AuditEntry.objects.filter(action="user.sign_in_link").count() == 1
    assert "ConnectionRefusedError" in caplog.text  # the letter's job failed, and says why


def test_the_console_letter_of_the_demo_is_readable_and_its_link_whole(org: Org, settings) -> None:
    out = io.StringIO()
    settings.MAILERS = {
        "default": {"BACKEND": "oqu.portal.core.mail.ConsoleBackend", "OPTIONS": {"stream": out}}
    }
    user = org.users["author"]
    r = _choose(CommitClient(), _ask_and_read(out, user.email))
    assert r.status_code == 302 and _signs_in(user.email, NEW)
    assert f"To: {user.email}" in out.getvalue() and user.full_name in out.getvalue()


def _ask_and_read(out: io.StringIO, email: str) -> str:
    _ask(CommitClient(), email)
    found = LINK.search(out.getvalue())
    assert found, out.getvalue()
    return found[1]


def test_a_queued_letter_keeps_no_link(org: Org) -> None:
    """A job's arguments stay in the task table: the link is made when the letter goes."""
    from django.tasks.signals import task_enqueued

    queued: list[object] = []

    def keep(sender: object, task_result: object, **kw: object) -> None:
        queued.append(task_result)

    task_enqueued.connect(keep)
    try:
        _ask(CommitClient(), org.users["author"].email)
        org.client("admin").post(f"/people/{org.users['head'].pk}/send-link/")
    finally:
        task_enqueued.disconnect(keep)
    assert len(queued) == 2 and len(mail.outbox) == 2
    for result, letter in zip(queued, mail.outbox, strict=True):
        stored = repr((result.args, result.kwargs))  # type: ignore[attr-defined]
        assert "set-password" not in stored and _link_in(letter).split("/")[-2] not in stored
