"""axe-core on every kind of portal page, at a desktop (1280×800) and a phone (360×640) size:
no serious or critical violation; at the phone's size, in the same page load, nothing wider than
the screen and nothing cut off.

The data is the demo university (``load_demo``: one user per role, a plan, resources in every
state, an issued certificate), loaded once for the module into the test database and served by
a live server thread of this module's own (pytest-django's ``live_server`` would flush the
database after every test). The database is flushed again when the module ends.

Contexts bypass page CSPs so axe can be injected into the check report, which is served with
``default-src 'none'``. Pages are asserted in English (the ``_english`` fixture).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.test.testcases import LiveServerThread
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from oqu.portal.demo.loader import DOMAIN
from oqu.portal.people.models import User
from tests.portal.conftest import EXAMPLES
from tests.portal.conftest_e2e import AXE, CUT_OFF, SCROLL, Browse

pytestmark = [pytest.mark.browser]

SIZES = {"desktop": (1280, 800), "phone": (360, 640)}


@dataclass
class Demo:
    base: str
    ids: dict[str, int]
    plan: int
    cert: tuple[str, str]
    passwords: dict[str, str]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[Demo]:
    from oqu.portal.certificates.models import Certificate
    from oqu.portal.demo.loader import PEOPLE, load_demo
    from oqu.portal.plans.models import YearlyPlan
    from oqu.portal.workflow.models import Resource

    with django_db_blocker.unblock():
        load_demo(EXAMPLES)
        titles = {
            "published": "HACCP жүйесінің негіздері",
            "resubmitted": "Технология хлебопекарного производства",
            "in_review": "The TCP/IP model",
            "approved": "HACCP: сыни бақылау нүктелері (SCORM)",
            "draft": "Сүт өнімдерінің технологиясы",
        }
        ids = {k: Resource.objects.get(title=t).pk for k, t in titles.items()}
        plan = YearlyPlan.objects.get().pk
        cert = Certificate.objects.get()
        thread = LiveServerThread("localhost", StaticFilesHandler, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        try:
            yield Demo(
                base=f"http://localhost:{thread.port}",
                ids=ids,
                plan=plan,
                cert=(cert.number, cert.token),
                passwords={f"{p.key}@{DOMAIN}": p.password for p in PEOPLE},
            )
        finally:
            thread.terminate()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def db(django_db_blocker: Any) -> Iterator[None]:
    """Replaces pytest-django's ``db`` here: no per-test transaction or flush (the module's demo
    data is shared and committed); the database is open while the server thread reads it. Its
    name also tells pytest-django to create the test database for these tests."""
    with django_db_blocker.unblock():
        yield


Path_ = Callable[[Demo], str]


def _sign_in_link(email: str) -> str:
    user = User.objects.get(email=email)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/login/set-password/{uid}/{default_token_generator.make_token(user)}/"


def _plan_item(d: Demo) -> str:
    from oqu.portal.plans.models import PlanItem

    item = PlanItem.objects.filter(plan_id=d.plan).first()
    assert item is not None
    return f"/plans/{d.plan}/items/{item.pk}/"


# (id, who signs in — a demo key or None for a visitor, the page's path)
PAGES: list[tuple[str, str | None, Path_]] = [
    ("login", None, lambda d: "/login/"),
    ("forgot", None, lambda d: "/login/forgot/"),
    ("set-password", None, lambda d: _sign_in_link(f"author@{DOMAIN}")),
    ("set-password-bad-link", None, lambda d: "/login/set-password/MQ/no-such-token/"),
    *[(f"dashboard-{k}", k, lambda d: "/") for k in
      ("author", "coauthor", "head", "dean", "reviewer", "director", "vicerector", "admin")],
    ("plan-list", "head", lambda d: "/plans/"),
    ("plan-new", "head", lambda d: "/plans/new/"),
    ("plan-detail", "head", lambda d: f"/plans/{d.plan}/"),
    ("plan-item-dean", "dean", _plan_item),  # 11: the dean moves a deadline here
    ("resource-list", "director", lambda d: "/resources/"),
    ("resource-new", "author", lambda d: "/resources/new/"),
    ("resource-draft", "coauthor", lambda d: f"/resources/{d.ids['draft']}/"),
    ("resource-resubmitted", "author", lambda d: f"/resources/{d.ids['resubmitted']}/"),
    ("resource-review", "reviewer", lambda d: f"/resources/{d.ids['in_review']}/"),
    ("resource-approved", "director", lambda d: f"/resources/{d.ids['approved']}/"),
    ("resource-published", "director", lambda d: f"/resources/{d.ids['published']}/"),
    ("resource-edit", "coauthor", lambda d: f"/resources/{d.ids['draft']}/edit/"),
    ("resource-edit-authors", "coauthor", lambda d: f"/resources/{d.ids['draft']}/authors/"),
    ("resource-edit-correct", "director", lambda d: f"/resources/{d.ids['published']}/edit/"),
    ("version-submit", "coauthor", lambda d: f"/resources/{d.ids['draft']}/submit/"),
    ("version-detail", "reviewer", lambda d: f"/resources/{d.ids['resubmitted']}/v/2/"),
    ("version-report", "reviewer", lambda d: f"/resources/{d.ids['resubmitted']}/v/2/report/"),
    ("audit", "director", lambda d: "/audit/"),
    ("people-list", "admin", lambda d: "/people/"),
    ("people-new", "admin", lambda d: "/people/new/"),
    ("people-person", "admin",
     lambda d: f"/people/{User.objects.get(email=f'author@{DOMAIN}').pk}/"),
    ("organisation", "admin", lambda d: "/people/organisation/"),
    ("people-import", "admin", lambda d: "/people/import/"),
    ("profile", "author", lambda d: "/profile/"),
    ("profile-password", "author", lambda d: "/profile/password/"),
    ("certificate-preview", "director", lambda d: "/certificates/preview/"),
    ("certificate-verify", None, lambda d: "/verify/{}/{}/".format(*d.cert)),
    ("catalogue", None, lambda d: "/catalogue/"),
    ("catalogue-search", None, lambda d: "/catalogue/?q=haccp&language=kk"),
    ("catalogue-resource", None, lambda d: f"/catalogue/{d.ids['published']}/"),
    ("catalogue-news", None, lambda d: "/catalogue/news/"),
]  # fmt: skip


def _params() -> Iterator[Any]:
    for pid, who, path in PAGES:
        for size in SIZES:
            yield pytest.param(pid, who, path, size, id=f"{pid}-{size}")


@pytest.fixture(scope="module")
def people(demo: Demo, browser: Any) -> Iterator[dict[str | None, Browse]]:
    """One browser context per person (the visitor's included), opened at their first page and
    kept for the module: each signs in through the form once, their later pages are opened in
    the same page at the test's size (a new context and page per test cost Chromium twice a
    navigation's CPU)."""
    opened: dict[str | None, Browse] = {}
    yield opened
    for b in opened.values():
        b.close()


@functools.cache
def _axe_in_top_frame() -> str:
    """axe-core for a context's init script: in every page before the page's own scripts, in
    the top frame only, as when ``Browse.axe`` adds it to the loaded page (the player's frames
    do not get it); ``Browse.axe`` then finds it there. Measured: less CPU than adding
    it to each page as a script tag."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing: npm ci")
    return "if (window === window.top) {\n" + AXE.read_text(encoding="utf-8") + "\n}"


def _open(
    demo: Demo, people: dict[str | None, Browse], browser: Any, who: str | None, path: str,
    size: str,
) -> Browse:  # fmt: skip
    width, height = SIZES[size]
    b = people.get(who)
    if b is None:
        b = people[who] = Browse(browser, demo.base, width=width, height=height, bypass_csp=True)
        b.context.add_init_script(script=_axe_in_top_frame())
        if who:
            email = f"{who}@{DOMAIN}"
            b.login(email, demo.passwords[email])
    if who is None:  # a visitor's every page in a session of its own, as in a new browser
        b.context.clear_cookies()
    b.errors.clear()  # what this test's page does, not an earlier one's
    b.foreign.clear()
    b.page.set_viewport_size({"width": width, "height": height})
    response = b.go(path)
    assert response is not None and response.status == 200, (path, response and response.status)
    b.page.wait_for_load_state("load")
    return b


@pytest.mark.usefixtures("db")
@pytest.mark.parametrize(("pid", "who", "path", "size"), list(_params()))
def test_axe_no_serious_violation_and_nothing_wider_than_360px(
    pid: str,
    who: str | None,
    path: Path_,
    size: str,
    demo: Demo,
    browser: Any,
    people: dict[str | None, Browse],
) -> None:
    """axe on every page at both sizes; at the phone's (360×640), in the same page load, no
    sideways scroll and no table cell or fact cut off or out of the screen (before, a test of
    its own loaded every page a third time for that)."""
    b = _open(demo, people, browser, who, path(demo), size)
    overflow, hidden = 0, []
    if size == "phone":  # measured before axe runs (its script alone changes nothing on the page)
        overflow = b.page.evaluate(SCROLL)
        hidden = b.page.evaluate(CUT_OFF)
    violations = b.axe()
    b.shot(f"a11y-{pid}-{size}")
    assert violations == [], "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} — {v['nodes']}" for v in violations
    )
    assert b.errors == [], b.errors
    assert b.foreign == [], "requests that left 127.0.0.1"
    assert overflow <= 0, f"{pid}: the page is {overflow}px wider than a 360px screen"
    assert hidden == [], f"{pid}: cells cut off or scrolled out of a 360px screen: {hidden}"
