"""Changes to the yearly plans (8.2), one function each (the shape of
:mod:`oqu.portal.workflow.actions`): create a plan, add its items, approve it with the
department's minutes, and remind authors of their deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oqu.portal.audit import chain as audit
from oqu.portal.core.actions import Refused, absolute_url, mail_after_commit
from oqu.portal.people.models import Department, Role, User
from oqu.portal.plans.models import PlanItem, PlanState, YearlyPlan
from oqu.portal.workflow.models import State

# --- plans (8.2) ------------------------------------------------------------------------------


def do_create_plan(actor: User, department: Department, academic_year: str) -> YearlyPlan:
    with transaction.atomic():
        if YearlyPlan.objects.filter(department=department, academic_year=academic_year).exists():
            raise Refused(_("This department already has a plan for that year."))
        plan = YearlyPlan.objects.create(
            department=department, academic_year=academic_year, created_by=actor
        )
        audit.append(actor, "plan.create", plan, to_state=PlanState.DRAFT)
    return plan


@dataclass(frozen=True, slots=True)
class ItemSpec:
    discipline: str
    der_type: str
    deadline: dt.date
    authors: list[User]


def do_add_plan_item(actor: User, plan: YearlyPlan, spec: ItemSpec) -> PlanItem:
    with transaction.atomic():
        plan = YearlyPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.state != PlanState.DRAFT:
            raise Refused(_("An approved plan cannot be changed."))
        item = PlanItem.objects.create(
            plan=plan, discipline=spec.discipline, der_type=spec.der_type, deadline=spec.deadline
        )
        item.authors.set(spec.authors)
        audit.append(
            actor,
            "plan.add_item",
            plan,
            data={
                "item": item.pk,
                "discipline": spec.discipline,
                "der_type": spec.der_type,
                "deadline": spec.deadline.isoformat(),
                "authors": [a.email for a in spec.authors],
            },
        )
    return item


def do_approve_plan(
    actor: User,
    plan: YearlyPlan,
    *,
    minutes_number: str,
    minutes_date: dt.date,
    minutes_file: UploadedFile[bytes] | None,
) -> YearlyPlan:
    """The department meeting approved the list (8.2): record its minutes."""
    with transaction.atomic():
        plan = YearlyPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.state != PlanState.DRAFT:
            raise Refused(_("The plan is already approved."))
        if not plan.items.exists():
            raise Refused(_("A plan without disciplines cannot be approved."))
        plan.minutes_number, plan.minutes_date = minutes_number, minutes_date
        if minutes_file is not None:
            plan.minutes_file.save(minutes_file.name or "minutes", minutes_file, save=False)
        plan.state, plan.approved_by, plan.approved_at = PlanState.APPROVED, actor, timezone.now()
        plan.save()
        audit.append(
            actor,
            "plan.approve",
            plan,
            from_state=PlanState.DRAFT,
            to_state=PlanState.APPROVED,
            data={"minutes_number": minutes_number, "minutes_date": minutes_date.isoformat()},
        )
        emails = [a.email for item in plan.items.all() for a in item.authors.all()]
        mail_after_commit(
            _("The DER plan %(plan)s is approved") % {"plan": plan},
            _("Your department's DER plan is approved; your deadlines: %(link)s")
            % {"link": absolute_url("portal:plan", plan.pk)},
            emails,
        )
    return plan


# --- deadlines (12: missed deadlines) -----------------------------------------------------------

REMIND_DAYS = (7, 1, -1, -7)  # days before (+) and after (−) an item's deadline


def do_send_deadline_reminders(today: dt.date) -> int:
    """Mail the authors (and the head) of plan items due in 7 or 1 days or overdue by 1 or 7,
    that have no approved or published resource yet. Run once a day (``oqu portal
    send_reminders``); returns the number of mails."""
    dates = [today + dt.timedelta(days=d) for d in REMIND_DAYS]
    items = (
        PlanItem.objects.filter(deadline__in=dates, plan__state=PlanState.APPROVED)
        .exclude(resources__state__in=[State.APPROVED, State.PUBLISHED])
        .exclude(resources__published_on__isnull=False)  # placed; a new version in review
        .select_related("plan__department")
        .prefetch_related("authors")
        .distinct()
    )
    sent = 0
    with transaction.atomic():
        for item in items:
            heads = User.objects.filter(
                roles__role=Role.HEAD, roles__department=item.plan.department, is_active=True
            ).values_list("email", flat=True)
            days = (item.deadline - today).days
            subject = (
                _("DER deadline in %(n)d day(s): %(discipline)s")
                if days > 0
                else _("DER deadline missed %(n)d day(s) ago: %(discipline)s")
            ) % {"n": abs(days), "discipline": item.discipline}
            mail_after_commit(
                subject,
                absolute_url("portal:plan", item.plan_id),
                [*(a.email for a in item.authors.all()), *heads],
            )
            audit.append(
                None,
                "plan.remind",
                item.plan,
                data={"item": item.pk, "deadline": item.deadline.isoformat(), "days": days},
            )
            sent += 1
    return sent
