"""Who may see and change a yearly plan (8.2): it is seen in its department and faculty and by
the Center, and made and approved by the head of its department."""

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
    EDIT = "edit"  # add items
    APPROVE = "approve"


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
    if for_action != PlanAction.VIEW and plan.department_id not in departments_with(
        user, Role.HEAD
    ):
        raise PermissionDenied(_("Only the head of the department can change its plan."))
    return plan


def plan_departments(user: User) -> QuerySet[Department]:
    """Departments whose plans the user may create (heads of department)."""
    return Department.objects.filter(pk__in=departments_with(user, Role.HEAD))
