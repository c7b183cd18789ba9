"""Changes to the yearly plans (8.2), one function each (the shape of
:mod:`oqu.portal.workflow.actions`): create a plan, add its items, approve it with the
department's minutes, change the approved plan during the year (add a discipline, replace an
author, move a deadline — each with its reason, a :class:`PlanChange` and an audit entry), and
remind authors of their deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oqu.portal.audit import chain as audit
from oqu.portal.core.actions import Refused, absolute_url, mail_after_commit
from oqu.portal.people.models import Department, Role, User
from oqu.portal.plans.models import PlanChange, PlanChangeKind, PlanItem, PlanState, YearlyPlan
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
    language: str = ""  # the language of instruction; "" when not planned


def _names(users: Any) -> str:
    return ", ".join(sorted(u.full_name or u.email for u in users))


def _change(
    actor: User,
    plan: YearlyPlan,
    item: PlanItem,
    kind: PlanChangeKind,
    *,
    before: str,
    after: str,
    reason: str | None,
    data: dict[str, Any],
) -> None:
    """Record one change of an item: the audit entry always; on an approved plan also the
    plan's change history (8.2), which needs a reason, and a letter to the item's authors."""
    reason = (reason or "").strip()
    approved = plan.state == PlanState.APPROVED
    if approved and not reason:
        raise Refused(
            _("Say why the approved plan changes: the reason is kept in the plan's history.")
        )
    if approved:
        cap = PlanChange._meta.get_field("after").max_length or 1000  # many authors' names
        PlanChange.objects.create(
            plan=plan, item=item, kind=kind, before=before[:cap], after=after[:cap],
            reason=reason, by=actor,
        )  # fmt: skip
    audit.append(
        actor,
        f"plan.{kind}",
        plan,
        data={**data, "item": item.pk, "discipline": item.discipline, "reason": reason,
              "approved_plan": approved},
    )  # fmt: skip
    if approved:
        mail_after_commit(
            _("The DER plan %(plan)s changed: %(discipline)s")
            % {"plan": plan, "discipline": item.discipline},
            _("%(what)s: %(before)s → %(after)s. Reason: %(reason)s\n\n%(link)s")
            % {
                "what": kind.label,
                "before": before or "—",
                "after": after,
                "reason": reason,
                "link": absolute_url("portal:plan", plan.pk),
            },
            [a.email for a in item.authors.all()],
        )


def do_add_plan_item(
    actor: User, plan: YearlyPlan, spec: ItemSpec, reason: str | None = None
) -> PlanItem:
    """Add a discipline to the plan: freely while it is a draft; to the approved plan during the
    year with a reason (8.2: the plan changes without making a new one)."""
    with transaction.atomic():
        plan = YearlyPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.state == PlanState.APPROVED and not (reason or "").strip():
            raise Refused(
                _("Say why the approved plan changes: the reason is kept in the plan's history.")
            )
        item = PlanItem.objects.create(
            plan=plan,
            discipline=spec.discipline,
            der_type=spec.der_type,
            language=spec.language,
            deadline=spec.deadline,
        )
        item.authors.set(spec.authors)
        data = {
            "der_type": spec.der_type,
            "language": spec.language,
            "deadline": spec.deadline.isoformat(),
            "authors": [a.email for a in spec.authors],
        }
        if plan.state == PlanState.DRAFT:
            audit.append(
                actor, "plan.add_item", plan,
                data={"item": item.pk, "discipline": spec.discipline, **data},
            )  # fmt: skip
        else:
            _change(
                actor, plan, item, PlanChangeKind.ADD_ITEM, before="",
                after=f"{item.discipline} ({item.get_der_type_display()}), "
                f"{_names(spec.authors)}, {spec.deadline.isoformat()}",
                reason=reason, data=data,
            )  # fmt: skip
    return item


def do_set_deadline(
    actor: User, item: PlanItem, deadline: dt.date, reason: str | None = None
) -> bool:
    """Set or move an item's deadline (11: the head of the department or the dean of its
    faculty; the caller authorised them through :mod:`oqu.portal.plans.policy`). On an approved
    plan the reason is required and the move is in the plan's history. ``False`` when the
    deadline is already that date (nothing recorded)."""
    with transaction.atomic():
        plan = YearlyPlan.objects.select_for_update().get(pk=item.plan_id)
        item = PlanItem.objects.get(pk=item.pk)
        if item.deadline == deadline:
            return False
        before = item.deadline
        _change(
            actor, plan, item, PlanChangeKind.DEADLINE,
            before=before.isoformat(), after=deadline.isoformat(), reason=reason,
            data={"from": before.isoformat(), "to": deadline.isoformat()},
        )  # fmt: skip
        item.deadline = deadline
        item.save(update_fields=["deadline"])
    return True


def do_set_item_authors(
    actor: User, item: PlanItem, authors: list[User], reason: str | None = None
) -> bool:
    """Make ``authors`` the item's authors — replace one who left, add a co-author (8.2; the
    head of the department). ``False`` when they already are."""
    if not authors:
        raise Refused(_("A plan item keeps at least one author."))
    with transaction.atomic():
        plan = YearlyPlan.objects.select_for_update().get(pk=item.plan_id)
        item = PlanItem.objects.get(pk=item.pk)
        before = list(item.authors.all())
        if {a.pk for a in before} == {a.pk for a in authors}:
            return False
        added = [a for a in authors if a not in before]
        item.authors.set(authors)
        _change(
            actor, plan, item, PlanChangeKind.AUTHORS,
            before=_names(before), after=_names(authors), reason=reason,
            data={"from": sorted(a.email for a in before),
                  "to": sorted(a.email for a in authors)},
        )  # fmt: skip
        if plan.state == PlanState.APPROVED and added:
            mail_after_commit(
                _("You are an author in the DER plan %(plan)s") % {"plan": plan},
                _("You are an author of “%(discipline)s”, due %(deadline)s: %(link)s")
                % {
                    "discipline": item.discipline,
                    "deadline": item.deadline.isoformat(),
                    "link": absolute_url("portal:plan", plan.pk),
                },
                [a.email for a in added],
            )
    return True


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
