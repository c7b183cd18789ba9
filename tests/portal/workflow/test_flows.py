"""Issue 15.11, words and flows: the submission's button says what it does and its three files
say what they are and offer only what they take; plan items are listed with their year; the
resource page shows its plan item and deadline; the public page's first button opens the
course. Checked in the three languages where the words matter."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from oqu.portal.plans import actions as plan_actions
from oqu.portal.workflow.models import Resource
from tests.portal.conftest import Org, new_resource

pytestmark = pytest.mark.django_db

SUBMIT = {"kk": "Орталыққа жіберу", "ru": "Отправить в Центр", "en": "Submit to the Center"}


def _in(c, lang: str) -> None:
    assert c.post("/i18n/setlang/", {"language": lang, "next": "/"}).status_code == 302


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_submission_form_says_what_it_does(org: Org, resource, lang: str) -> None:
    c = org.client("author")
    _in(c, lang)
    page = c.get(f"/resources/{resource.pk}/submit/").content.decode()
    button = re.search(r'<button type="submit" class="primary">([^<]*)</button>', page)
    assert button and button[1] == SUBMIT[lang], button
    accept = dict(re.findall(r'<input type="file" name="(\w+)"[^>]*accept="([^"]+)"', page))
    assert accept["package"] == ".zip,application/zip"
    assert accept["syllabus"].startswith(".pdf,.docx,.txt") and accept["minutes_extract"]
    for field in ("package", "syllabus", "minutes_extract"):  # help, tied to its field
        assert re.search(rf'<small id="id_{field}_helptext">[^<]{{40,}}</small>', page), field
        assert f'aria-describedby="id_{field}_helptext"' in page, field


def _plan(org: Org, year: str, deadline: dt.date):
    plan = plan_actions.do_create_plan(org.users["head"], org.dep, year)
    item = plan_actions.do_add_plan_item(
        org.users["head"], plan,
        plan_actions.ItemSpec("Тағам қауіпсіздігі", "interactive-presentation", deadline,
                              [org.users["author"]]),
    )  # fmt: skip
    plan_actions.do_approve_plan(org.users["head"], plan, minutes_number="1",
                                 minutes_date=dt.date(2026, 9, 1), minutes_file=None)  # fmt: skip
    return item


def test_plan_items_are_listed_with_their_year_and_the_resource_shows_its_own(org: Org) -> None:
    """The same discipline is planned every year: the choice says which year; the resource page
    then names its plan item, its deadline, and whether it is missed."""
    old = _plan(org, "2025-2026", dt.date(2026, 3, 1))
    _plan(org, "2026-2027", dt.date(2027, 3, 1))
    page = org.client("author").get("/resources/new/").content.decode()
    options = re.findall(r'<option value="\d+">([^<]*)</option>', page)
    assert "Тағам қауіпсіздігі — 2025-2026, deadline 2026-03-01" in options, options
    assert "Тағам қауіпсіздігі — 2026-2027, deadline 2027-03-01" in options, options
    resource = new_resource(org)
    Resource.objects.filter(pk=resource.pk).update(plan_item=old)
    page = org.client("author").get(f"/resources/{resource.pk}/").content.decode()
    facts = re.search(r'<dl class="facts">.*?</dl>', page, re.S)[0]
    assert "<dt>Plan item</dt>" in facts and "Тағам қауіпсіздігі — 2025-2026" in facts
    assert f'href="/plans/{old.plan_id}/"' in facts
    assert re.search(r"<dt>Deadline</dt><dd>2026-03-01 <strong>\(overdue\)</strong></dd>", facts)


def test_the_public_page_opens_the_course_first(org: Org) -> None:
    from tests.portal.catalogue.test_catalogue import placed

    r = placed(org)
    page = Client().get(f"/catalogue/{r.pk}/").content.decode()  # a visitor
    buttons = re.findall(r'<a class="button( primary)?" href="([^"]+)"[^>]*>([^<]*)</a>', page)
    primary = [b for b in buttons if b[0]]
    assert len(primary) == 1 and primary[0][2] == "Open the course", buttons
    assert primary[0][1] == r.publications.get().link
    assert page.index("Open the course") < page.index("Download (")  # first, above the zips
