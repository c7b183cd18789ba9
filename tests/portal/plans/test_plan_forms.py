"""Issue 15.6 on the plan pages: a refused plan form comes back with what was typed and the
reason above it, not a dead-end page."""

from __future__ import annotations

import datetime as dt

import pytest

from oqu.portal.plans import actions as plan_actions
from oqu.portal.plans.models import PlanItem
from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db


def test_a_refused_item_keeps_what_was_typed(org: Org) -> None:
    plan = plan_actions.do_create_plan(org.users["head"], org.dep, "2026-2027")
    plan_actions.do_add_plan_item(
        org.users["head"], plan,
        plan_actions.ItemSpec("Бірінші пән", "e-textbook", dt.date(2027, 3, 1),
                              [org.users["author"]]),
    )  # fmt: skip
    plan_actions.do_approve_plan(org.users["head"], plan, minutes_number="1",
                                 minutes_date=dt.date(2026, 9, 1), minutes_file=None)  # fmt: skip
    c = org.client("head")
    c.post("/i18n/setlang/", {"language": "kk", "next": "/"})
    r = c.post(
        f"/plans/{plan.pk}/items/",
        {"discipline": "Тағамдық биотехнология", "der_type": "interactive-presentation",
         "deadline": "2027-05-20", "authors": [org.users["author"].pk]},
    )  # fmt: skip
    assert r.status_code == 400 and PlanItem.objects.count() == 1
    page = r.content.decode()
    # the approved plan changes only with a reason (8.2): the refusal sits next to its field
    assert 'class="field invalid"' in page and 'name="reason"' in page
    assert 'value="Тағамдық биотехнология"' in page
    assert 'value="2027-05-20"' in page
    assert '<form method="post"' in page
