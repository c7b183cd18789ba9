"""The plan item decides (8.2): a resource made for a plan item takes its discipline, type and
language; a record naming another type is warned about where a version is submitted, and the
check runs against the plan's type."""

from __future__ import annotations

import datetime as dt

import pytest

from oqu.portal.plans import actions as plan_actions
from oqu.portal.plans.models import PlanItem
from oqu.portal.workflow.models import Resource
from tests.portal.conftest import Org, Submit

pytestmark = pytest.mark.django_db


def _item(org: Org, language: str = "ru") -> PlanItem:
    head = org.users["head"]
    plan = plan_actions.do_create_plan(head, org.dep, "2026-2027")
    item = plan_actions.do_add_plan_item(
        head, plan,
        plan_actions.ItemSpec("Нан өндірісінің технологиясы", "e-lecture-course",
                              dt.date(2027, 3, 1), [org.users["author"]], language=language),
    )  # fmt: skip
    plan_actions.do_approve_plan(head, plan, minutes_number="3", minutes_date=dt.date(2026, 9, 5),
                                 minutes_file=None)  # fmt: skip
    return item


def test_a_resource_takes_its_plan_items_discipline_type_and_language(org: Org) -> None:
    item = _item(org)
    author = org.client("author")
    page = author.get("/resources/new/").content.decode()
    assert "Taken from the plan item when one is chosen." in page
    # another type and language typed in: the plan item's win
    r = author.post("/resources/new/", {
        "department": org.dep.pk, "plan_item": item.pk, "title": "Нан: дәрістер",
        "discipline": "Басқа пән", "der_type": "e-textbook", "language": "kk",
    })  # fmt: skip
    assert r.status_code == 302
    res = Resource.objects.get()
    assert (res.discipline, res.der_type, res.language) == (
        "Нан өндірісінің технологиясы", "e-lecture-course", "ru")  # fmt: skip
    # nothing typed but the title: the item fills the rest
    r = author.post("/resources/new/", {"department": org.dep.pk, "plan_item": item.pk,
                                         "title": "Нан: екінші"})  # fmt: skip
    assert r.status_code == 302
    assert Resource.objects.get(title="Нан: екінші").der_type == "e-lecture-course"
    # without a plan item the three are required, each refused next to its field
    r = author.post("/resources/new/", {"department": org.dep.pk, "title": "Жоспарсыз"})
    assert r.status_code == 200 and r.content.decode().count('class="field invalid"') == 3
    assert not Resource.objects.filter(title="Жоспарсыз").exists()


def test_a_plan_item_without_a_language_leaves_it_to_the_author(org: Org) -> None:
    item = _item(org, language="")
    author = org.client("author")
    data = {"department": org.dep.pk, "plan_item": item.pk, "title": "Тіл"}
    assert author.post("/resources/new/", data).status_code == 200  # the language is missing
    assert author.post("/resources/new/", {**data, "language": "kk"}).status_code == 302
    assert Resource.objects.get().language == "kk"


def test_a_differing_type_is_warned_and_the_check_uses_the_plans(
    org: Org, submit: Submit, source_zip: bytes
) -> None:
    item = _item(org)
    r = org.client("author").post("/resources/new/", {
        "department": org.dep.pk, "plan_item": item.pk, "title": "Нан: дәрістер"})  # fmt: skip
    assert r.status_code == 302
    res = Resource.objects.get()
    warning = "but its plan item"
    assert warning not in org.client("author").get(f"/resources/{res.pk}/submit/").content.decode()
    # a record made before the plan decided (or corrected since) names another type
    Resource.objects.filter(pk=res.pk).update(der_type="interactive-presentation")
    for url in (f"/resources/{res.pk}/submit/", f"/resources/{res.pk}/"):
        html = org.client("author").get(url).content.decode()
        assert warning in html and "e-lecture course" in html, url
    assert submit(res, source_zip).status_code == 302  # the example is a presentation
    version = res.versions.get()
    assert version.report["en"]["subject"]["type"] == "e-lecture-course"
