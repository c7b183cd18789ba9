"""Who may see and change a yearly plan (8.2): it is seen in its department and faculty and by
the Center; it is made, approved and changed during the year by the head of its department
(8.2, 11), and its deadlines are also set by the dean of its faculty (11: "deans set deadlines
and watch that they are met")."""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from oqu.portal.people.models import Department, Role, User
from oqu.portal.people.policy import departments_with, faculties_with, is_center
from oqu.portal.plans.models import YearlyPlan


class PlanAction(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # add items, change their authors (8.2)
    APPROVE = "approve"
    SET_DEADLINE = "deadline"  # set or move an item's deadline (11: the head or the dean)


def visible_plans(user: User) -> QuerySet[YearlyPlan]:
    qs = YearlyPlan.objects.select_related("department__faculty")
    if not user.is_authenticated:
        return qs.none()
    if is_center(user):
        return qs
    deps = departments_with(user, Role.HEAD) | departments_with(user, Role.AUTHOR)
    return qs.filter(
        Q(department_id__in=deps) | Q(department__faculty_id__in=faculties_with(user, Role.DEAN))
    )


def access_plan_by_id(
    user: User, plan_id: int, for_action: PlanAction = PlanAction.VIEW
) -> YearlyPlan:
    plan = visible_plans(user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404(_("No such plan."))
    reason = refusal(user, plan, for_action)
    if reason:
        raise PermissionDenied(reason)
    return plan


def refusal(user: User, plan: YearlyPlan, action: PlanAction) -> str | None:
    """Why ``user`` may not do ``action`` on a plan they can see; ``None`` when they may."""
    if action == PlanAction.VIEW:
        return None
    if plan.department_id in departments_with(user, Role.HEAD):
        return None
    if action == PlanAction.SET_DEADLINE:
        if plan.department.faculty_id in faculties_with(user, Role.DEAN):
            return None
        return _("Only the head of the department or the dean of its faculty can set deadlines.")
    return _("Only the head of the department can change its plan.")


def can(user: User, plan: YearlyPlan, action: PlanAction) -> bool:
    return refusal(user, plan, action) is None


def plan_departments(user: User) -> QuerySet[Department]:
    """Departments whose plans the user may create (heads of department)."""
    return Department.objects.filter(pk__in=departments_with(user, Role.HEAD))
