"""The pages of the yearly plans (8.2): the list, a plan with its items and its change history,
adding items, approving it with the department's minutes (and downloading them), an item's page
where its deadline is moved (head or dean, 11) and its authors changed (head). Each view
authorises through :mod:`oqu.portal.plans.policy`, calls one action from
:mod:`oqu.portal.plans.actions`, and renders or redirects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oqu.portal.audit import chain as audit
from oqu.portal.core.actions import ActionError, Conflict
from oqu.portal.core.views import user_of
from oqu.portal.people.models import Role, User
from oqu.portal.plans import actions, policy
from oqu.portal.plans.forms import (
    ApprovePlanForm,
    DeadlineForm,
    ItemAuthorsForm,
    PlanForm,
    PlanItemForm,
)
from oqu.portal.plans.models import PlanItem, PlanState, YearlyPlan
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


def _department_authors(plan: YearlyPlan, item: PlanItem | None = None) -> Any:
    """Who may be an item's author: the department's active authors, and the item's own (an
    author who since left stays choosable until replaced)."""
    cond = Q(roles__role=Role.AUTHOR, roles__department=plan.department, is_active=True)
    if item is not None:
        cond |= Q(plan_items=item)
    return User.objects.filter(cond).distinct()


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = user_of(request)
    plan = policy.access_plan_by_id(user, plan_id)
    return _plan_page(request, user, plan)


def _plan_page(
    request: HttpRequest, user: User, plan: YearlyPlan, status: int = 200, **forms: Any
) -> HttpResponse:
    approved = plan.state == PlanState.APPROVED
    ctx = {
        "plan": plan,
        "items": plan.items.prefetch_related("authors", "resources"),
        "today": timezone.localdate(),
        "can_edit": policy.can(user, plan, PlanAction.EDIT),
        "can_approve": policy.can(user, plan, PlanAction.APPROVE) and not approved,
        "can_set_deadline": policy.can(user, plan, PlanAction.SET_DEADLINE),
        "item_form": PlanItemForm(authors=_department_authors(plan), approved=approved),
        "approve_form": ApprovePlanForm(),
        "changes": plan.changes.select_related("item", "by"),
        "history": audit.history(plan),
    }
    ctx.update(forms)
    return render(request, "portal/plan_detail.html", ctx, status=status)


@login_required
@require_POST
def plan_add_item(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = user_of(request)
    plan = policy.access_plan_by_id(user, plan_id, PlanAction.EDIT)
    approved = plan.state == PlanState.APPROVED
    form = PlanItemForm(request.POST, authors=_department_authors(plan), approved=approved)
    if not form.is_valid():
        return _plan_page(request, user, plan, 400, item_form=form)
    spec = actions.ItemSpec(
        discipline=form.cleaned_data["discipline"],
        der_type=form.cleaned_data["der_type"],
        language=form.cleaned_data["language"],
        deadline=form.cleaned_data["deadline"],
        authors=list(form.cleaned_data["authors"]),
    )
    try:
        actions.do_add_plan_item(user, plan, spec, form.cleaned_data.get("reason"))
    except ActionError as e:
        form.add_error(None, str(e))
        return _plan_page(request, user, plan, _status(e), item_form=form)
    return redirect("portal:plan", plan.pk)


def _item_of(request: HttpRequest, plan_id: int, item_id: int, action: PlanAction) -> Any:
    user = user_of(request)
    plan = policy.access_plan_by_id(user, plan_id, action)
    item = plan.items.filter(pk=item_id).first()
    if item is None:
        raise Http404(_("No such plan item."))
    return user, plan, item


@login_required
def plan_item(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    user, plan, item = _item_of(request, plan_id, item_id, PlanAction.VIEW)
    return _item_page(request, user, plan, item)


def _item_page(
    request: HttpRequest,
    user: User,
    plan: YearlyPlan,
    item: PlanItem,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    approved = plan.state == PlanState.APPROVED
    ctx: dict[str, Any] = {
        "plan": plan,
        "item": item,
        "changes": item.changes.select_related("by"),
        "resources": item.resources.all(),
    }
    if policy.can(user, plan, PlanAction.SET_DEADLINE):
        ctx["deadline_form"] = DeadlineForm(approved=approved, initial={"deadline": item.deadline})
    if policy.can(user, plan, PlanAction.EDIT):
        ctx["authors_form"] = ItemAuthorsForm(
            authors=_department_authors(plan, item),
            approved=approved,
            initial={"authors": list(item.authors.all())},
        )
    ctx.update(forms)
    return render(request, "portal/plan_item.html", ctx, status=status)


@login_required
@require_POST
def plan_item_deadline(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    """Set or move an item's deadline: the head of the department or the dean of its faculty
    (11); on an approved plan with a reason (8.2)."""
    user, plan, item = _item_of(request, plan_id, item_id, PlanAction.SET_DEADLINE)
    form = DeadlineForm(request.POST, approved=plan.state == PlanState.APPROVED)
    return _change_item(
        request,
        (user, plan, item),
        form,
        lambda data: actions.do_set_deadline(user, item, data["deadline"], data.get("reason")),
        _("The deadline is moved."),
        as_="deadline_form",
    )


@login_required
@require_POST
def plan_item_authors(request: HttpRequest, plan_id: int, item_id: int) -> HttpResponse:
    """Change an item's authors (replace one who left): the head of the department (8.2)."""
    user, plan, item = _item_of(request, plan_id, item_id, PlanAction.EDIT)
    form = ItemAuthorsForm(
        request.POST,
        authors=_department_authors(plan, item),
        approved=plan.state == PlanState.APPROVED,
    )
    return _change_item(
        request,
        (user, plan, item),
        form,
        lambda data: actions.do_set_item_authors(
            user, item, list(data["authors"]), data.get("reason")
        ),
        _("The authors are changed."),
        as_="authors_form",
    )


def _change_item(
    request: HttpRequest,
    of: tuple[User, YearlyPlan, PlanItem],
    form: Any,
    change: Callable[[dict[str, Any]], bool],
    done: str,
    *,
    as_: str,
) -> HttpResponse:
    """A change on the item page: a refused form or action shows the page again with what was
    typed and why (15.6), the form given to the page as ``as_``; a change made (``change``
    returns True) is said, then the page."""
    user, plan, item = of
    if not form.is_valid():
        return _item_page(request, user, plan, item, 400, **{as_: form})
    try:
        changed = change(form.cleaned_data)
    except ActionError as e:
        form.add_error(None, str(e))
        return _item_page(request, user, plan, item, _status(e), **{as_: form})
    if changed:
        messages.success(request, done)
    return redirect("portal:plan_item", plan.pk, item.pk)


@login_required
def plan_minutes(request: HttpRequest, plan_id: int) -> FileResponse:
    """The minutes of the meeting that approved the plan (8.2), to whoever may see the plan —
    its department's head and authors, the faculty's dean, the Center, the vice-rector —
    through this permission-checked view; the file is never given a public media address."""
    plan = policy.access_plan_by_id(user_of(request), plan_id)
    if not plan.minutes_file:
        raise Http404(_("No such file."))
    name = f"plan-{plan.pk}-minutes{Path(plan.minutes_file.name or '').suffix}"
    return FileResponse(plan.minutes_file.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def plan_approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = user_of(request)
    plan = policy.access_plan_by_id(user, plan_id, PlanAction.APPROVE)
    form = ApprovePlanForm(request.POST, request.FILES)
    if not form.is_valid():
        return _plan_page(request, user, plan, 400, approve_form=form)
    minutes = form.cleaned_data["minutes_file"]
    if minutes is not None:
        try:
            judge_document(minutes, settings.OQU_MAX_DOCUMENT_BYTES)
        except Refused as e:
            form.add_error("minutes_file", str(e))
            return _plan_page(request, user, plan, 400, approve_form=form)
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
        return _plan_page(request, user, plan, _status(e), approve_form=form)
    messages.success(request, _("The plan is approved."))
    return redirect("portal:plan", plan.pk)
