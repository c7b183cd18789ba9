"""The pages of the yearly plans (8.2): the list, a plan with its items, adding items, approving
it with the department's minutes. Each view authorises through :mod:`oqu.portal.plans.policy`,
calls one action from :mod:`oqu.portal.plans.actions`, and renders or redirects."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oqu.portal.audit import chain as audit
from oqu.portal.core.actions import ActionError, Conflict
from oqu.portal.core.views import user_of
from oqu.portal.people.models import Role, User
from oqu.portal.people.policy import departments_with
from oqu.portal.plans import actions, policy
from oqu.portal.plans.forms import ApprovePlanForm, PlanForm, PlanItemForm
from oqu.portal.plans.models import PlanState
from oqu.portal.plans.policy import PlanAction
from oqu.portal.workflow.uploads import Refused, judge_document


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return render(
        request,
        "portal/plan_list.html",
        {
            "plans": policy.visible_plans(user).annotate(n=Count("items")),
            "can_create": policy.plan_departments(user).exists(),
        },
    )


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    departments = policy.plan_departments(user)
    if not departments.exists():
        raise PermissionDenied(_("Only a head of department can create a plan."))
    form = PlanForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.do_create_plan(
                user, form.cleaned_data["department"], form.cleaned_data["academic_year"]
            )
        except ActionError as e:  # the form comes back as typed, the reason above it
            form.add_error(None, str(e))
            return _form_page(request, form, _("New yearly plan"), _status(e))
        return redirect("portal:plan", plan.pk)
    return render(request, "portal/form.html", {"form": form, "title": _("New yearly plan")})


def _status(error: ActionError) -> int:
    return 409 if isinstance(error, Conflict) else 400


def _form_page(request: HttpRequest, form: Any, title: str, status: int = 400) -> HttpResponse:
    """A refused form with everything typed and its errors (issue 15.6)."""
    return render(request, "portal/form.html", {"form": form, "title": title}, status=status)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = user_of(request)
    plan = policy.access_plan_by_id(user, plan_id)
    can_edit = plan.department_id in departments_with(user, Role.HEAD)
    authors = User.objects.filter(
        roles__role=Role.AUTHOR, roles__department=plan.department
    ).distinct()
    return render(
        request,
        "portal/plan_detail.html",
        {
            "plan": plan,
            "items": plan.items.prefetch_related("authors", "resources"),
            "today": timezone.localdate(),
            "can_edit": can_edit and plan.state == PlanState.DRAFT,
            "item_form": PlanItemForm(authors=authors),
            "approve_form": ApprovePlanForm(),
            "history": audit.history(plan),
        },
    )


@login_required
@require_POST
def plan_add_item(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = user_of(request)
    plan = policy.access_plan_by_id(user, plan_id, PlanAction.EDIT)
    authors = User.objects.filter(
        roles__role=Role.AUTHOR, roles__department=plan.department
    ).distinct()
    form = PlanItemForm(request.POST, authors=authors)
    if not form.is_valid():
        return render(request, "portal/form.html", {"form": form, "title": str(plan)}, status=400)
    spec = actions.ItemSpec(
        discipline=form.cleaned_data["discipline"],
        der_type=form.cleaned_data["der_type"],
        deadline=form.cleaned_data["deadline"],
        authors=list(form.cleaned_data["authors"]),
    )
    try:
        actions.do_add_plan_item(user, plan, spec)
    except ActionError as e:
        form.add_error(None, str(e))
        return _form_page(request, form, str(plan), _status(e))
    return redirect("portal:plan", plan.pk)


@login_required
@require_POST
def plan_approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = user_of(request)
    plan = policy.access_plan_by_id(user, plan_id, PlanAction.APPROVE)
    form = ApprovePlanForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "portal/form.html", {"form": form, "title": str(plan)}, status=400)
    minutes = form.cleaned_data["minutes_file"]
    if minutes is not None:
        try:
            judge_document(minutes, settings.OQU_MAX_DOCUMENT_BYTES)
        except Refused as e:
            form.add_error("minutes_file", str(e))
            return render(
                request, "portal/form.html", {"form": form, "title": str(plan)}, status=400
            )
    try:
        actions.do_approve_plan(
            user,
            plan,
            minutes_number=form.cleaned_data["minutes_number"],
            minutes_date=form.cleaned_data["minutes_date"],
            minutes_file=minutes,
        )
    except ActionError as e:
        form.add_error(None, str(e))
        return _form_page(request, form, str(plan), _status(e))
    messages.success(request, _("The plan is approved."))
    return redirect("portal:plan", plan.pk)
