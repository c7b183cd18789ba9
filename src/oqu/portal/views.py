"""Pages. Each view parses its input, authorises through :mod:`oqu.portal.policy`, calls one
action from :mod:`oqu.portal.actions`, and renders or redirects. Nothing here changes state
directly.
"""

from __future__ import annotations

import mimetypes
import posixpath
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from oqu.portal import actions, audit, lms_preview, policy, throttle
from oqu.portal.forms import (
    ApprovePlanForm,
    AuthorsForm,
    LoginForm,
    PlanForm,
    PlanItemForm,
    PublishForm,
    ResourceEditForm,
    ResourceForm,
    ReviewForm,
    RevisionForm,
    SlideCommentForm,
    VersionForm,
)
from oqu.portal.models import (
    AuditEntry,
    JobState,
    PlanItem,
    PlanState,
    Resource,
    Role,
    State,
    User,
    Version,
)
from oqu.portal.policy import PlanAction, ResourceAction
from oqu.portal.uploads import (
    Refused,
    SizeCapHandler,
    current_lang,
    judge_document,
    judge_package,
    local_path,
    sha256_of,
)


def nav_context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    assert isinstance(user, User)
    return {
        "my_roles": sorted({Role(g.role).label for g in policy.grants(user)}),
        "can_read_audit": policy.can_read_audit(user),
        "can_manage_people": policy.is_admin(user),
    }


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _refused(request: HttpRequest, error: actions.ActionError, back: str) -> HttpResponse:
    status = 409 if isinstance(error, actions.Conflict) else 400
    return render(
        request, "portal/refused.html", {"message": str(error), "back": back}, status=status
    )


# --- log-in, rate-limited ---------------------------------------------------------------------


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        key = f"{throttle.client_ip(request)}|{email}"
        minutes = throttle.locked_minutes(key)
        if minutes is not None:
            form.add_error(
                None,
                _(
                    "Too many failed attempts. Signing in is locked for %(minutes)d more "
                    "minute(s); try again later or ask an administrator."
                )
                % {"minutes": minutes},
            )
            return render(request, "portal/login.html", {"form": form}, status=429)
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is not None:
            throttle.clear(key)
            login(request, user)
            nxt = request.GET.get("next", "")
            if nxt.startswith("/") and not nxt.startswith("//"):
                return redirect(nxt)
            return redirect("portal:dashboard")
        throttle.count(key, settings.OQU_LOGIN_MAX_FAILURES, settings.OQU_LOGIN_LOCK_SECONDS)
        form.add_error(None, _("Wrong e-mail or password."))
        status = 401
    return render(request, "portal/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:login")


# --- dashboard --------------------------------------------------------------------------------


def _overdue(items: Any) -> Any:
    today = timezone.localdate()
    done = [State.APPROVED, State.PUBLISHED]
    return (
        items.filter(deadline__lt=today, plan__state=PlanState.APPROVED)
        .exclude(resources__state__in=done)
        .select_related("plan__department")
        .distinct()
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    resources = policy.visible_resources(user)
    ctx: dict[str, Any] = {"today": timezone.localdate()}
    if policy.has_role(user, Role.AUTHOR):
        ctx["mine"] = resources.filter(authors=user)
        ctx["my_items"] = PlanItem.objects.filter(authors=user).select_related("plan")
    heads = policy.departments_with(user, Role.HEAD)
    deans = policy.faculties_with(user, Role.DEAN)
    if heads or deans:
        scope = Q(plan__department_id__in=heads) | Q(plan__department__faculty_id__in=deans)
        ctx["overdue"] = _overdue(PlanItem.objects.filter(scope))
        ctx["department_resources"] = resources.filter(
            Q(department_id__in=heads) | Q(department__faculty_id__in=deans)
        )
    if policy.has_role(user, Role.REVIEWER):
        ctx["queue"] = resources.filter(state__in=[State.SUBMITTED, State.IN_REVIEW]).exclude(
            authors=user
        )
    if policy.has_role(user, Role.REVIEWER) or policy.has_role(user, Role.DIRECTOR):
        ctx["to_publish"] = resources.filter(state=State.APPROVED).exclude(authors=user)
    if policy.is_center(user):
        counts = dict(resources.values_list("state").annotate(n=Count("id")).order_by())
        ctx["counts"] = [(s.label, counts.get(s.value, 0)) for s in State]
        ctx["overdue_all"] = _overdue(PlanItem.objects.all())
    return render(request, "portal/dashboard.html", ctx)


# --- plans ------------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
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
    user = _user(request)
    departments = policy.plan_departments(user)
    if not departments.exists():
        raise PermissionDenied(_("Only a head of department can create a plan."))
    form = PlanForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.do_create_plan(
                user, form.cleaned_data["department"], form.cleaned_data["academic_year"]
            )
        except actions.ActionError as e:
            return _refused(request, e, reverse("portal:plans"))
        return redirect("portal:plan", plan.pk)
    return render(request, "portal/form.html", {"form": form, "title": _("New yearly plan")})


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = _user(request)
    plan = policy.access_plan_by_id(user, plan_id)
    can_edit = plan.department_id in policy.departments_with(user, Role.HEAD)
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
    user = _user(request)
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
    except actions.ActionError as e:
        return _refused(request, e, reverse("portal:plan", args=[plan.pk]))
    return redirect("portal:plan", plan.pk)


@login_required
@require_POST
def plan_approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = _user(request)
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
    except actions.ActionError as e:
        return _refused(request, e, reverse("portal:plan", args=[plan.pk]))
    messages.success(request, _("The plan is approved."))
    return redirect("portal:plan", plan.pk)


# --- resources --------------------------------------------------------------------------------


@login_required
def resource_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    qs = policy.visible_resources(user).select_related("department").prefetch_related("authors")
    state = request.GET.get("state", "")
    if state in State.values:
        qs = qs.filter(state=state)
    return render(
        request,
        "portal/resource_list.html",
        {
            "resources": qs[:500],
            "states": State.choices,
            "state": state,
            "can_create": policy.author_departments(user).exists(),
        },
    )


@login_required
def resource_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    departments = policy.author_departments(user)
    if not departments.exists():
        raise PermissionDenied(_("Only authors can create resources."))
    items = PlanItem.objects.filter(authors=user, plan__state=PlanState.APPROVED)
    form = ResourceForm(request.POST or None, departments=departments, plan_items=items)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        spec = actions.ResourceSpec(
            title=d["title"],
            discipline=d["discipline"],
            der_type=d["der_type"],
            language=d["language"],
            audience=d["audience"],
            plan_item=d["plan_item"],
            topics=d["topics"],
            keywords=d["keywords"],
        )
        resource = actions.do_create_resource(user, d["department"], spec)
        return redirect("portal:resource", resource.pk)
    return render(request, "portal/form.html", {"form": form, "title": _("New resource")})


def _findings_diff(current: Version, previous: Version | None) -> dict[str, list[str]] | None:
    if previous is None or not current.report or not previous.report:
        return None
    now, before = current.rule_ids(), previous.rule_ids()
    return {
        "fixed": sorted(before - now),
        "new": sorted(now - before),
        "still": sorted(now & before),
    }


@login_required
def resource_detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = _user(request)
    resource = policy.access_resource_by_id(user, resource_id)
    versions = list(resource.versions.select_related("submitted_by"))
    latest = versions[0] if versions else None
    previous = versions[1] if len(versions) > 1 else None
    ctx: dict[str, Any] = {
        "resource": resource,
        "authors": resource.authors.all(),
        "versions": versions,
        "latest": latest,
        "diff": _findings_diff(latest, previous) if latest else None,
        "reviews": [r for v in versions for r in v.reviews.select_related("reviewer")],
        "comments": latest.slide_comments.select_related("author") if latest else [],
        "publications": resource.publications.all(),
        "history": audit.history(resource),
        "can_submit": policy.can(user, resource, ResourceAction.SUBMIT)
        and resource.state in (State.DRAFT, State.RETURNED),
        "can_review": policy.can(user, resource, ResourceAction.REVIEW),
        "can_publish": policy.can(user, resource, ResourceAction.PUBLISH)
        and resource.state == State.APPROVED,
        "is_author": policy.is_author(user, resource),
        "can_edit_record": actions.edit_refusal(user, resource) is None,
        "stale_certificate": _stale_certificate(user, resource),
    }
    if ctx["can_review"] and resource.state == State.IN_REVIEW:
        ctx["review_form"] = ReviewForm(initial={"revision": resource.revision})
        ctx["comment_form"] = SlideCommentForm()
    if ctx["can_publish"]:
        ctx["publish_form"] = PublishForm(
            initial={"revision": resource.revision, "published_on": timezone.localdate()}
        )
    if latest is not None and latest.package and ctx["can_review"]:
        ctx["play_url"] = _play_url(latest)
        ctx["play_scorm"] = lms_preview.edition(latest.kind, latest.report) or "1.2 / 2004"
    return render(request, "portal/resource_detail.html", ctx)


# --- editing the record and its authors (actions.do_update_resource, do_set_authors) ----------


def _stale_certificate(user: User, resource: Resource) -> dict[str, Any] | None:
    """The standing certificate that no longer matches the record, for the resource page."""
    from oqu.portal.certificates import actions as cert_actions
    from oqu.portal.certificates import policy as cert_policy

    cert = cert_actions.stale_standing(resource)
    if cert is None:
        return None
    return {"number": cert.number, "pk": cert.pk,
            "can_supersede": cert_policy.can_issue(user, resource)}  # fmt: skip


def _editable(request: HttpRequest, resource_id: int) -> tuple[User, Resource, bool]:
    """The resource (404 if unseen), if the user may change its record now (else 403 with the
    reason); ``True`` when it is the director's correction (a reason is required)."""
    user = _user(request)
    resource = policy.access_resource_by_id(user, resource_id)
    refusal = actions.edit_refusal(user, resource)
    if refusal:
        raise PermissionDenied(refusal)
    return user, resource, resource.state in actions.CORRECTION_STATES


def _edit_page(request: HttpRequest, form: Any, title: str, status: int = 200) -> HttpResponse:
    return render(request, "portal/form.html", {"form": form, "title": title}, status=status)


@login_required
def resource_edit(request: HttpRequest, resource_id: int) -> HttpResponse:
    user, resource, correction = _editable(request, resource_id)
    back = reverse("portal:resource", args=[resource.pk])
    items = PlanItem.objects.filter(
        Q(plan__department=resource.department, plan__state=PlanState.APPROVED)
        | Q(pk=resource.plan_item_id)
    )
    initial = {name: getattr(resource, name) for name in actions.RECORD_FIELDS}
    initial["revision"] = resource.revision
    form = ResourceEditForm(
        request.POST or None, plan_items=items, correction=correction, initial=initial
    )
    title = (
        _("Correct the record: %(title)s") if correction else _("Edit the record: %(title)s")
    ) % {"title": resource.title}
    if request.method != "POST":
        return _edit_page(request, form, title)
    if form.is_valid():
        d = form.cleaned_data
        spec = actions.ResourceSpec(**{name: d[name] for name in actions.RECORD_FIELDS})
        try:
            changed = actions.do_update_resource(
                user, resource, d["revision"], spec, d.get("reason")
            )
        except actions.Conflict as e:
            return _refused(request, e, back)
        except actions.ActionError as e:
            form.add_error(None, str(e))
        else:
            if changed:
                messages.success(request, _("The record is saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(back)
    return _edit_page(request, form, title, status=400)


@login_required
def resource_authors(request: HttpRequest, resource_id: int) -> HttpResponse:
    user, resource, correction = _editable(request, resource_id)
    back = reverse("portal:resource", args=[resource.pk])
    current = resource.authors.order_by("full_name", "pk").values_list("email", flat=True)
    form = AuthorsForm(
        request.POST or None,
        correction=correction,
        initial={"revision": resource.revision, "authors": "\n".join(current)},
    )
    title = (_("Correct the authors: %(title)s") if correction else _("Authors: %(title)s")) % {
        "title": resource.title
    }
    if request.method != "POST":
        return _edit_page(request, form, title)
    if form.is_valid():
        d = form.cleaned_data
        try:
            changed = actions.do_set_authors(
                user, resource, d["revision"], d["authors"], d.get("reason")
            )
        except actions.Conflict as e:
            return _refused(request, e, back)
        except actions.ActionError as e:
            form.add_error(None, str(e))
        else:
            if not changed:
                messages.info(request, _("Nothing was changed."))
                return redirect(back)
            messages.success(request, _("The authors are saved."))
            if not policy.can_see_resource(user, resource):  # they removed themselves
                return redirect("portal:resources")
            return redirect(back)
    return _edit_page(request, form, title, status=400)


@csrf_exempt  # the upload handler must be set before CSRF reads the body; csrf_protect below
def version_submit(request: HttpRequest, resource_id: int) -> HttpResponseBase:
    cap = settings.OQU_MAX_UPLOAD_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > cap + SizeCapHandler.SLACK:  # refused from the header: the body is never read
        return _too_large(request)
    request.upload_handlers.insert(0, SizeCapHandler(cap, request))
    return _version_submit(request, resource_id)


def _too_large(request: HttpRequest) -> HttpResponse:
    mb = settings.OQU_MAX_UPLOAD_BYTES // (1024 * 1024)
    msg = _("The upload is larger than %(mb)d MB and was refused.") % {"mb": mb}
    response = render(request, "portal/refused.html", {"message": msg, "back": "/"}, status=413)
    response["Connection"] = "close"
    return response


@csrf_protect
@login_required
def _version_submit(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = _user(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.SUBMIT)
    back = reverse("portal:resource", args=[resource.pk])
    if resource.state not in (State.DRAFT, State.RETURNED):
        return _refused(
            request, actions.Refused(_("The resource is not awaiting a version.")), back
        )
    form = VersionForm(request.POST or None, request.FILES or None)
    cap: SizeCapHandler = request.upload_handlers[0]  # type: ignore[assignment]
    if request.method == "POST" and cap.exceeded:
        return _too_large(request)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with tempfile.TemporaryDirectory(prefix="oqu-upload-") as tmp:
            try:
                path = local_path(d["package"], Path(tmp))
                judged = judge_package(path)
                syl = judge_document(d["syllabus"], settings.OQU_MAX_DOCUMENT_BYTES)
                mins = judge_document(d["minutes_extract"], settings.OQU_MAX_DOCUMENT_BYTES)
            except Refused as e:
                form.add_error(None, str(e))
            else:
                sub = actions.Submission(
                    upload=d["package"],
                    judged=judged,
                    sha256=sha256_of(d["package"]),
                    syllabus=d["syllabus"],
                    syllabus_suffix=syl,
                    minutes_extract=d["minutes_extract"],
                    minutes_suffix=mins,
                    note=d["note"],
                )
                try:
                    actions.do_submit_version(user, resource, sub)
                except actions.ActionError as e:
                    return _refused(request, e, back)
                messages.success(request, _("Submitted. The check runs in the background."))
                return redirect("portal:resource", resource.pk)
        return render(
            request, "portal/form.html", {"form": form, "title": resource, "multipart": True},
            status=400,
        )  # fmt: skip
    return render(request, "portal/form.html", {"form": form, "title": resource, "multipart": True})


@login_required
def version_detail(request: HttpRequest, resource_id: int, number: int) -> HttpResponse:
    user = _user(request)
    version = policy.access_version_by_id(user, resource_id, number)
    previous = version.resource.versions.filter(number__lt=number).order_by("-number").first()
    return render(
        request,
        "portal/version_detail.html",
        {
            "version": version,
            "resource": version.resource,
            "running": version.job_state in (JobState.QUEUED, JobState.RUNNING),
            "diff": _findings_diff(version, previous),
            "previous": previous,
            "findings": version.report.get(current_lang(), {}).get("findings", []),
        },
    )


REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


@login_required
@xframe_options_sameorigin
def version_report(request: HttpRequest, resource_id: int, number: int) -> HttpResponse:
    """The library's self-contained HTML report, under a CSP that allows no script at all."""
    version = policy.access_version_by_id(_user(request), resource_id, number)
    html = version.report_html.get(current_lang())
    if not html:
        raise Http404(_("The report is not ready."))
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = REPORT_CSP
    return response


FILES = {"package": "package", "upload": "upload", "syllabus": "syllabus",
         "minutes": "minutes_extract"}  # fmt: skip


@login_required
def version_file(request: HttpRequest, resource_id: int, number: int, which: str) -> FileResponse:
    version = policy.access_version_by_id(_user(request), resource_id, number)
    field = getattr(version, FILES.get(which, ""), None) if which in FILES else None
    if not field:
        raise Http404(_("No such file."))
    name = f"{version.resource.pk}-v{version.number}-{which}{Path(field.name).suffix}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


# --- review, decision, publication ------------------------------------------------------------


@login_required
@require_POST
def review_start(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = _user(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.REVIEW)
    form = RevisionForm(request.POST)
    back = reverse("portal:resource", args=[resource.pk])
    if not form.is_valid():
        return _refused(request, actions.Refused(_("The form is incomplete.")), back)
    try:
        actions.do_start_review(user, resource, form.cleaned_data["revision"])
    except actions.ActionError as e:
        return _refused(request, e, back)
    return redirect(back)


@login_required
@require_POST
def review_decide(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = _user(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.DECIDE)
    back = reverse("portal:resource", args=[resource.pk])
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/form.html", {"form": form, "title": resource}, status=400)
    d = form.cleaned_data
    spec = actions.ReviewSpec(
        content_score=d["content_score"],
        presentation_score=d["presentation_score"],
        economy_score=d["economy_score"],
        content_comment=d["content_comment"],
        presentation_comment=d["presentation_comment"],
        economy_comment=d["economy_comment"],
        reasons=d["reasons"],
    )
    do = actions.do_approve if d["decision"] == "approve" else actions.do_return
    try:
        do(user, resource, d["revision"], spec)
    except actions.ActionError as e:
        return _refused(request, e, back)
    messages.success(request, _("Your decision is recorded."))
    return redirect(back)


@login_required
@require_POST
def review_comment(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = _user(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.REVIEW)
    back = reverse("portal:resource", args=[resource.pk])
    form = SlideCommentForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/form.html", {"form": form, "title": resource}, status=400)
    try:
        actions.do_comment_slide(
            user, resource, form.cleaned_data["slide"], form.cleaned_data["text"]
        )
    except actions.ActionError as e:
        return _refused(request, e, back)
    return redirect(back + "#comments")


@login_required
@require_POST
def publish(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = _user(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.PUBLISH)
    back = reverse("portal:resource", args=[resource.pk])
    form = PublishForm(request.POST)
    if not form.is_valid():
        return render(request, "portal/form.html", {"form": form, "title": resource}, status=400)
    d = form.cleaned_data
    try:
        actions.do_publish(
            user,
            resource,
            d["revision"],
            platform=d["platform"],
            link=d["link"],
            published_on=d["published_on"],
        )
    except actions.ActionError as e:
        return _refused(request, e, back)
    messages.success(request, _("The publication is recorded."))
    return redirect(back)


# --- playing a package in a sandbox -----------------------------------------------------------

PLAY_SALT = "oqu.portal.play"
PLAY_MAX_AGE = 6 * 3600
PLAY_MAX_ENTRY = 200 * 1024 * 1024
# Served into <iframe sandbox="allow-scripts"> (no allow-same-origin): the package runs in an
# opaque origin, cannot read the portal's cookies, DOM or storage; the CSP repeats the sandbox
# for a direct visit and keeps the package from loading anything from elsewhere.
# The CSP repeats the sandbox for a direct visit and lets the package load only from its own
# capability prefix (/play/<token>/), nothing from elsewhere, and connect nowhere.
PLAY_CSP = (
    "sandbox allow-scripts; default-src {src} data: blob:; "
    "script-src {src} 'unsafe-inline' 'unsafe-eval'; style-src {src} 'unsafe-inline'; "
    "connect-src 'none'; form-action 'none'"
)
# Only the portal frames the launch page. A page the package frames itself has the launch page
# (an opaque origin) as an ancestor, which no frame-ancestors source and no X-Frame-Options
# value matches: it goes without them, sandboxed wherever it is shown.
PLAY_FRAMED_BY_PORTAL = "; frame-ancestors 'self'"


def _play_url(version: Version) -> str:
    """A capability URL for the package: the sandboxed frame sends no cookies, so the signed
    token (version id, expires after :data:`PLAY_MAX_AGE`) is the authorisation. It also names
    the SCORM edition the preview LMS offers, so serving a file never reads the report."""
    edition = lms_preview.edition(version.kind, version.report)
    token = signing.dumps({"v": version.pk, "s": edition}, salt=PLAY_SALT, compress=True)
    return reverse("portal:play", args=[token, version.launch or "index.html"])


def play(request: HttpRequest, token: str, path: str) -> HttpResponse:
    try:
        data = signing.loads(token, salt=PLAY_SALT, max_age=PLAY_MAX_AGE)
    except signing.BadSignature:
        raise Http404(_("This link has expired; reload the review page.")) from None
    version = Version.objects.only("package", "launch").filter(pk=data.get("v")).first()
    if version is None or not version.package:
        raise Http404
    clean = posixpath.normpath(path)
    if clean != path or path.startswith(("/", "../")) or "\\" in path or "\x00" in path:
        raise Http404(_("No such file in the package."))
    max_age = 300
    if lms_preview.is_reserved(path):  # the portal's preview LMS: a package's own never shadow it
        if path != lms_preview.SCRIPT:
            raise Http404(_("No such file in the package."))
        body, ctype, max_age = lms_preview.script(), "text/javascript; charset=utf-8", PLAY_MAX_AGE
    else:
        with version.package.open("rb") as fh, zipfile.ZipFile(fh) as zf:
            try:
                info = zf.getinfo(path)
            except KeyError:
                raise Http404(_("No such file in the package.")) from None
            if info.is_dir() or info.file_size > PLAY_MAX_ENTRY:
                raise Http404(_("No such file in the package."))
            body = zf.read(info)
        ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if ctype in lms_preview.HTML_TYPES:  # every page: an SCO may sit in a frame of its own
            src = reverse("portal:play", args=[token, lms_preview.SCRIPT])
            body = lms_preview.inject(body, lms_preview.tag(src, str(data.get("s", ""))))
    response = HttpResponse(body, content_type=ctype)
    prefix = request.build_absolute_uri(reverse("portal:play", args=[token, "x"]))[:-1]
    csp = PLAY_CSP.format(src=prefix)
    if ctype in lms_preview.HTML_TYPES and path != (version.launch or "index.html"):
        response.xframe_options_exempt = True
    else:
        csp += PLAY_FRAMED_BY_PORTAL
        response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = csp
    response["Cache-Control"] = f"private, max-age={max_age}"
    return response


# --- the audit log ----------------------------------------------------------------------------


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not policy.can_read_audit(user):
        raise PermissionDenied(_("Only the Center director, the vice-rector and administrators."))
    entries = AuditEntry.objects.select_related("actor").order_by("-id")[:500]
    return render(
        request, "portal/audit.html", {"entries": entries, "verification": audit.verify()}
    )
