"""The yearly plan (8.2): created and approved by the head with the meeting's minutes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from oqu.portal.plans import actions as plan_actions
from oqu.portal.plans.models import PlanState, YearlyPlan
from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db


def _item(org: Org, plan, deadline: str = "2027-03-01"):
    return org.client("head").post(
        f"/plans/{plan.pk}/items/",
        {"discipline": "Тағам қауіпсіздігі", "der_type": "interactive-presentation",
         "deadline": deadline, "authors": [org.users["author"].pk]},
    )  # fmt: skip


def _approve(org: Org, plan, who: str = "head", minutes: bytes = b"%PDF-1.4 minutes"):
    return org.client(who).post(
        f"/plans/{plan.pk}/approve/",
        {"minutes_number": "3", "minutes_date": "2026-09-05",
         "minutes_file": SimpleUploadedFile("m.pdf", minutes)},
    )  # fmt: skip


def test_head_creates_fills_and_approves_a_plan(org: Org) -> None:
    r = org.client("head").post("/plans/new/", {"department": org.dep.pk,
                                                "academic_year": "2026-2027"})  # fmt: skip
    assert r.status_code == 302
    plan = YearlyPlan.objects.get()
    assert _item(org, plan).status_code == 302
    assert _approve(org, plan).status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.APPROVED and plan.minutes_number == "3"
    assert plan.minutes_file.name.endswith(".pdf")
    assert mail.outbox and mail.outbox[0].to == [org.users["author"].email]


def test_plan_refusals(org: Org) -> None:
    head = org.client("head")
    assert head.post("/plans/new/", {"department": org.dep.pk,
                                     "academic_year": "2026-2028"}).status_code == 200  # fmt: skip
    # a head cannot make another department's plan
    r = head.post("/plans/new/", {"department": org.other_dep.pk, "academic_year": "2026-2027"})
    assert r.status_code == 200 and not YearlyPlan.objects.exists()
    plan = plan_actions.do_create_plan(org.users["head"], org.dep, "2026-2027")
    r = head.post("/plans/new/", {"department": org.dep.pk, "academic_year": "2026-2027"})
    assert r.status_code == 400  # one plan per department and year
    assert _approve(org, plan).status_code == 400  # no disciplines yet
    _item(org, plan)
    assert _approve(org, plan, minutes=b"\x00\x01binary").status_code == 400  # not a document
    assert _approve(org, plan, who="dean").status_code == 403
    assert _approve(org, plan).status_code == 302
    assert _approve(org, plan).status_code == 400  # already approved
    assert _item(org, plan).status_code == 400  # an approved plan is not changed


def test_missed_deadlines_on_the_dean_and_head_dashboards(org: Org) -> None:
    plan = plan_actions.do_create_plan(org.users["head"], org.dep, "2026-2027")
    past = dt.date.today() - dt.timedelta(days=3)
    plan_actions.do_add_plan_item(
        org.users["head"], plan,
        plan_actions.ItemSpec("Өткен мерзім пәні", "e-textbook", past, [org.users["author"]]),
    )  # fmt: skip
    plan_actions.do_approve_plan(org.users["head"], plan, minutes_number="1",
                            minutes_date=dt.date(2026, 9, 1), minutes_file=None)  # fmt: skip
    for who in ("dean", "head", "director"):
        page = org.client(who).get("/").content.decode()
        assert "Өткен мерзім пәні" in page, who
    assert "Өткен мерзім пәні" not in org.client("other_dean").get("/").content.decode()


def test_deadline_reminders(org: Org, django_capture_on_commit_callbacks) -> None:
    from django.core.management import call_command

    today = dt.date.today()
    plan = plan_actions.do_create_plan(org.users["head"], org.dep, "2026-2027")
    for days, name in [(7, "Жеті күн"), (3, "Үш күн"), (-1, "Кеше өткен")]:
        plan_actions.do_add_plan_item(
            org.users["head"], plan,
            plan_actions.ItemSpec(name, "e-textbook", today + dt.timedelta(days), [org.users["author"]]),
        )  # fmt: skip
    assert plan_actions.do_send_deadline_reminders(today) == 0  # the plan is not approved yet
    plan_actions.do_approve_plan(org.users["head"], plan, minutes_number="1",
                            minutes_date=today, minutes_file=None)  # fmt: skip
    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "2 reminder(s) sent"  # 7 days before, 1 day after
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["DER deadline in 7 day(s): Жеті күн",
                        "DER deadline missed 1 day(s) ago: Кеше өткен"]  # fmt: skip
    assert set(mail.outbox[0].to) == {org.users["author"].email, org.users["head"].email}
