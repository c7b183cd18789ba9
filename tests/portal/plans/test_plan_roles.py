"""What the regulation gives deans and heads in the yearly plan (issue 15): deans set deadlines
(11), the approved plan changes during the year with each change recorded (8.2), and the plan's
minutes are downloadable by those who see the plan, through a permission-checked view."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from oqu.portal.audit import chain as audit
from oqu.portal.plans import actions as plan_actions
from oqu.portal.plans.models import PlanChange, PlanChangeKind, PlanItem, YearlyPlan
from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db

MINUTES = b"%PDF-1.4\n% the department meeting's minutes, No. 3\n"


def _plan(org: Org, *, approve: bool = True, minutes: bytes | None = None) -> YearlyPlan:
    head = org.users["head"]
    plan = plan_actions.do_create_plan(head, org.dep, "2026-2027")
    plan_actions.do_add_plan_item(
        head, plan,
        plan_actions.ItemSpec("Тағам қауіпсіздігі", "e-textbook", dt.date(2027, 3, 1),
                              [org.users["author"]], language="kk"),
    )  # fmt: skip
    if approve:
        plan_actions.do_approve_plan(
            head, plan, minutes_number="3", minutes_date=dt.date(2026, 9, 5),
            minutes_file=SimpleUploadedFile("m.pdf", minutes) if minutes else None,
        )  # fmt: skip
    return plan


def _move(org: Org, who: str, plan: YearlyPlan, item: PlanItem, **data: str):
    return org.client(who).post(f"/plans/{plan.pk}/items/{item.pk}/deadline/", data)


def test_dean_moves_deadlines_in_own_faculty_only(org: Org) -> None:
    """Clause 11: deans set deadlines — in their faculty's departments, not elsewhere."""
    plan = _plan(org)
    item = plan.items.get()
    # the dean sees the item page with the deadline form, not the authors' form
    page = org.client("dean").get(f"/plans/{plan.pk}/items/{item.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/plans/{plan.pk}/items/{item.pk}/deadline/" in html
    assert f"/items/{item.pk}/authors/" not in html
    # on the approved plan the reason is required: refused next to the field, nothing moved
    r = _move(org, "dean", plan, item, deadline="2027-04-15")
    assert r.status_code == 400 and 'name="reason"' in r.content.decode()
    assert "2027-04-15" in r.content.decode()  # what was typed is kept
    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 3, 1)
    r = _move(org, "dean", plan, item, deadline="2027-04-15", reason="Кафедра сұрады")
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 4, 15)
    change = PlanChange.objects.get()
    assert (change.kind, change.by, change.before, change.after, change.reason) == (
        PlanChangeKind.DEADLINE,
        org.users["dean"],
        "2027-03-01",
        "2027-04-15",
        "Кафедра сұрады",
    )
    entry = [e for e in audit.history(plan) if e.action == "plan.deadline"][-1]
    assert entry.data["from"] == "2027-03-01" and entry.data["reason"] == "Кафедра сұрады"
    assert mail.outbox[-1].to == [org.users["author"].email]  # the author is told
    # another faculty's dean does not even see the plan; an author sees it but is refused
    assert (
        _move(org, "other_dean", plan, item, deadline="2027-05-01", reason="x").status_code == 404
    )
    r = _move(org, "author", plan, item, deadline="2027-05-01", reason="x")
    assert r.status_code == 403
    assert _move(org, "reviewer", plan, item, deadline="2027-05-01", reason="x").status_code == 403
    # the head keeps what they had
    assert _move(org, "head", plan, item, deadline="2027-05-01", reason="Ауысым").status_code == 302
    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 5, 1) and PlanChange.objects.count() == 2
    # the dean sets deadlines only: adding disciplines and changing authors stay the head's
    r = org.client("dean").post(f"/plans/{plan.pk}/items/{item.pk}/authors/",
                                {"authors": [org.users["coauthor"].pk], "reason": "x"})  # fmt: skip
    assert r.status_code == 403


def test_dean_sets_deadlines_of_a_draft_plan_without_a_reason(org: Org) -> None:
    plan = _plan(org, approve=False)
    item = plan.items.get()
    assert _move(org, "dean", plan, item, deadline="2027-02-01").status_code == 302
    item.refresh_from_db()
    assert item.deadline == dt.date(2027, 2, 1)
    assert not PlanChange.objects.exists()  # a draft has no change history yet
    assert [e for e in audit.history(plan) if e.action == "plan.deadline"]


def test_approved_plan_changes_during_the_year(org: Org) -> None:
    """8.2: a discipline added and an author replaced on the approved plan, each with who, when,
    what and why, shown as the plan's change history and in the audit log."""
    plan = _plan(org)
    item = plan.items.get()
    head = org.client("head")
    new = {"discipline": "Нан технологиясы", "der_type": "digital-practicum", "language": "ru",
           "deadline": "2027-05-20", "authors": [org.users["coauthor"].pk]}  # fmt: skip
    r = head.post(f"/plans/{plan.pk}/items/", new)  # no reason: refused on the plan's page
    assert r.status_code == 400 and "Нан технологиясы" in r.content.decode()
    assert plan.items.count() == 1
    mail.outbox.clear()
    assert head.post(f"/plans/{plan.pk}/items/", {**new, "reason": "Жаңа пән"}).status_code == 302
    added = plan.items.get(discipline="Нан технологиясы")
    assert (added.der_type, added.language) == ("digital-practicum", "ru")
    assert mail.outbox[-1].to == [org.users["coauthor"].email]
    # replace the author of the first item
    r = head.post(f"/plans/{plan.pk}/items/{item.pk}/authors/",
                  {"authors": [org.users["coauthor"].pk], "reason": "Автор кетті"})  # fmt: skip
    assert r.status_code == 302
    assert list(item.authors.all()) == [org.users["coauthor"]]
    kinds = set(PlanChange.objects.values_list("kind", flat=True))
    assert kinds == {PlanChangeKind.ADD_ITEM, PlanChangeKind.AUTHORS}
    swap = PlanChange.objects.get(kind=PlanChangeKind.AUTHORS)
    assert swap.before == "Author Тестов" and swap.after == "Coauthor Тестов"
    # the plan's page shows the history with the reasons, to everyone who sees the plan
    for who in ("head", "dean", "director", "author"):
        html = org.client(who).get(f"/plans/{plan.pk}/").content.decode()
        assert "Автор кетті" in html and "Жаңа пән" in html and "Author Тестов → Coauthor" in html
    actions = [e.action for e in audit.history(plan)]
    assert "plan.add_item" in actions and "plan.authors" in actions
    # only the head changes the authors; an author of the department cannot
    r = org.client("author").post(f"/plans/{plan.pk}/items/{item.pk}/authors/",
                                  {"authors": [org.users["author"].pk], "reason": "x"})  # fmt: skip
    assert r.status_code == 403
    # an author of another department is not offered and not accepted
    r = head.post(f"/plans/{plan.pk}/items/{item.pk}/authors/",
                  {"authors": [org.users["other_author"].pk], "reason": "x"})  # fmt: skip
    assert r.status_code == 400
    assert list(item.authors.all()) == [org.users["coauthor"]]


def test_plan_minutes_are_downloaded_through_a_checked_view(org: Org) -> None:
    plan = _plan(org, minutes=MINUTES)
    url = f"/plans/{plan.pk}/minutes/"
    page = org.client("head").get(f"/plans/{plan.pk}/").content.decode()
    assert url in page and "/media/" not in page
    for who in ("head", "dean", "reviewer", "director", "vicerector", "author"):
        r = org.client(who).get(url)
        assert r.status_code == 200, who
        assert b"".join(r.streaming_content) == MINUTES
        assert "attachment" in r["Content-Disposition"]
    for who in ("other_dean", "other_head", "other_author", "nobody"):
        assert org.client(who).get(url).status_code == 404, who
    from django.test import Client

    assert Client().get(url).status_code == 302  # signed out: to the sign-in page
    # a plan approved without a file has nothing to download
    other = plan_actions.do_create_plan(org.users["head"], org.dep, "2027-2028")
    assert org.client("head").get(f"/plans/{other.pk}/minutes/").status_code == 404
