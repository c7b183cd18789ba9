"""The pages of a resource: the worklist (dashboard), the resource list and record, versions
and their reports, review and publication. Each view parses its input, authorises through
:mod:`oqu.portal.workflow.policy`, calls one action from :mod:`oqu.portal.workflow.actions`,
and renders or redirects. Nothing here changes state directly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, Subquery
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
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from oqu.diagnostics import Lang
from oqu.portal.audit import chain as audit
from oqu.portal.certificates import actions as cert_actions
from oqu.portal.certificates import policy as cert_policy
from oqu.portal.core.actions import ActionError
from oqu.portal.core.views import refused_page, user_of
from oqu.portal.people.models import Role, User
from oqu.portal.people.policy import departments_with, faculties_with, has_role, is_center
from oqu.portal.plans.models import PlanItem, PlanState
from oqu.portal.workflow import actions, kept, lms_preview, moodle, policy
from oqu.portal.workflow.forms import (
    AuthorsForm,
    ExtractForm,
    PublishForm,
    ResourceEditForm,
    ResourceForm,
    ReviewForm,
    RevisionForm,
    SlideCommentForm,
    VersionForm,
)
from oqu.portal.workflow.models import (
    JobState,
    MoodleDelivery,
    Resource,
    SlideComment,
    State,
    Version,
)
from oqu.portal.workflow.player import play_url
from oqu.portal.workflow.policy import ResourceAction
from oqu.portal.workflow.uploads import (
    Refused,
    SizeCapHandler,
    current_lang,
    judge_document,
    judge_package,
    local_path,
    sha256_of,
)

# --- dashboard --------------------------------------------------------------------------------


def _overdue(items: Any) -> Any:
    today = timezone.localdate()
    done = [State.APPROVED, State.PUBLISHED]
    return (
        items.filter(deadline__lt=today, plan__state=PlanState.APPROVED)
        .exclude(resources__state__in=done)
        .exclude(resources__published_on__isnull=False)  # placed, a new version in review
        .select_related("plan__department")
        .distinct()
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    resources = policy.visible_resources(user)
    ctx: dict[str, Any] = {"today": timezone.localdate()}
    if has_role(user, Role.AUTHOR):
        ctx["mine"] = resources.filter(authors=user)
        ctx["my_items"] = PlanItem.objects.filter(authors=user).select_related("plan")
    heads = departments_with(user, Role.HEAD)
    deans = faculties_with(user, Role.DEAN)
    if heads or deans:
        scope = Q(plan__department_id__in=heads) | Q(plan__department__faculty_id__in=deans)
        ctx["overdue"] = _overdue(PlanItem.objects.filter(scope))
        ctx["department_resources"] = resources.filter(
            Q(department_id__in=heads) | Q(department__faculty_id__in=deans)
        )
    if heads:  # the head's word on each extract the Center has (11, 8.4)
        latest = Version.objects.filter(resource=OuterRef("pk")).order_by("-number")
        ctx["extracts"] = (
            resources.filter(department_id__in=heads, state__in=actions.EXTRACT_STATES)
            .annotate(confirmed=Subquery(latest.values("extract_confirmed_at")[:1]))
            .filter(confirmed__isnull=True)
        )
    if has_role(user, Role.REVIEWER):
        ctx["queue"] = resources.filter(state__in=[State.SUBMITTED, State.IN_REVIEW]).exclude(
            authors=user
        )
    if has_role(user, Role.REVIEWER) or has_role(user, Role.DIRECTOR):
        ctx["to_publish"] = resources.filter(state=State.APPROVED).exclude(authors=user)
    if is_center(user):
        counts = dict(resources.values_list("state").annotate(n=Count("id")).order_by())
        ctx["counts"] = [(s.label, counts.get(s.value, 0)) for s in State]
        ctx["overdue_all"] = _overdue(PlanItem.objects.all())
    return render(request, "portal/dashboard.html", ctx)


# --- resources --------------------------------------------------------------------------------


@login_required
def resource_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
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
    user = user_of(request)
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


def _findings_diff(
    current: Version, previous: Version | None
) -> dict[str, list[tuple[str, str]]] | None:
    """The errors and warnings fixed, new and still there, by rule and location."""
    if previous is None or not current.report or not previous.report:
        return None
    now, before = current.problems(), previous.problems()
    return {
        "fixed": sorted(before - now),
        "new": sorted(now - before),
        "still": sorted(now & before),
    }


@login_required
def resource_detail(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = user_of(request)
    resource = policy.access_resource_by_id(user, resource_id)
    return render(request, "portal/resource_detail.html", _resource_context(user, resource))


def resource_page(
    request: HttpRequest, resource: Resource, status: int = 400, **forms: Any
) -> HttpResponse:
    """The resource page again with a refused form bound to what was typed and its errors next
    to their fields (issue 15.6): nothing typed is lost, no dead-end page."""
    ctx = _resource_context(user_of(request), resource)
    ctx.update(forms)
    return render(request, "portal/resource_detail.html", ctx, status=status)


def _earlier_comments(version: Version) -> Any:
    """The slide comments made on the versions before ``version``: each belongs to the version it
    was made on (issue 15.2), and the next version's review shows them beside it."""
    return (
        SlideComment.objects.filter(
            version__resource_id=version.resource_id, version__number__lt=version.number
        )
        .select_related("author", "version")
        .order_by("-version__number", "slide", "created_at")
    )


def _resource_context(user: User, resource: Resource) -> dict[str, Any]:
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
        "earlier_comments": _earlier_comments(latest) if latest else [],
        "comments_on": latest,
        "publications": resource.publications.select_related("version"),
        "history": sorted(
            [*audit.history(resource), *cert_actions.history(resource)], key=lambda e: e.pk
        ),
        "can_submit": policy.can(user, resource, ResourceAction.SUBMIT)
        and resource.state in actions.SUBMIT_STATES,
        "correction": actions.is_correction(resource),
        "can_review": policy.can(user, resource, ResourceAction.REVIEW),
        "can_publish": policy.can(user, resource, ResourceAction.PUBLISH)
        and resource.state == State.APPROVED,
        "is_author": policy.is_author(user, resource),
        "can_edit_record": actions.edit_refusal(user, resource) is None,
        "stale_certificate": _stale_certificate(user, resource),
        "type_warning": _type_warning(resource),
    }
    if ctx["can_review"] and resource.state == State.IN_REVIEW:
        ctx["review_form"] = ReviewForm(initial={"revision": resource.revision})
        ctx["comment_form"] = SlideCommentForm()
    if ctx["can_publish"]:
        ctx["publish_form"] = PublishForm(
            initial={"revision": resource.revision, "published_on": timezone.localdate()}
        )
    if (
        latest is not None
        and resource.state in actions.EXTRACT_STATES
        and policy.can(user, resource, ResourceAction.CONFIRM_EXTRACT)
    ):
        ctx["extract_form"] = ExtractForm()
    ctx.update(_moodle_context(user, resource))
    if latest is not None and latest.package and ctx["can_review"]:
        ctx.update(_player(latest))
    return ctx


def _player(version: Version) -> dict[str, Any]:
    """The review player's frame (``portal/_player.html``) for ``version``."""
    return {
        "play_url": play_url(version),
        "play_scorm": lms_preview.edition(version.kind, version.report) or "1.2 / 2004",
    }


def _moodle_context(user: User, resource: Resource) -> dict[str, Any]:
    """The publication step's Moodle part (docs/moodle.md): the backups to download and the
    package address, for those who publish; for everyone, what Moodle serves."""
    ctx: dict[str, Any] = {}
    placed = resource.current_publication
    if placed is not None:
        ctx["placed"] = placed
        editions = [e for e in moodle.EDITIONS if moodle.package_file(placed.version, e)]
        ctx["placed_address"] = moodle.package_address(resource.pk, *editions[:1])
    version = placing_version(resource)
    if version is None or not policy.can(user, resource, ResourceAction.PUBLISH):
        return ctx
    ctx["placing"] = version
    # the approved package itself, for the director who places it (11; issue 15)
    ctx["placing_package"] = bool(version.package)
    ctx["backups"] = moodle.backup_links(resource.pk, version)
    ctx["package_addresses"] = [
        {"edition": e, "label": label, "url": moodle.package_address(resource.pk, e)}
        for e, label in moodle.EDITION_LABELS.items()
        if moodle.package_file(version, e) is not None
    ]
    return ctx


# --- editing the record and its authors (actions.do_update_resource, do_set_authors) ----------


def _stale_certificate(user: User, resource: Resource) -> dict[str, Any] | None:
    """The standing certificate that no longer matches the record, for the resource page."""
    cert = cert_actions.stale_standing(resource)
    if cert is None:
        return None
    return {"number": cert.number, "pk": cert.pk,
            "can_supersede": cert_policy.can_issue(user, resource)}  # fmt: skip


def _editable(request: HttpRequest, resource_id: int) -> tuple[User, Resource, bool]:
    """The resource (404 if unseen), if the user may change its record now (else 403 with the
    reason); ``True`` when it is the director's correction (a reason is required)."""
    user = user_of(request)
    resource = policy.access_resource_by_id(user, resource_id)
    refusal = actions.edit_refusal(user, resource)
    if refusal:
        raise PermissionDenied(refusal)
    return user, resource, actions.is_correction(resource)


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
        except ActionError as e:  # a conflict too: the form stays as typed, the reason above it
            form.add_error(None, str(e))
            if isinstance(e, actions.Conflict):
                return _edit_page(request, form, title, status=409)
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
        except ActionError as e:  # a conflict too: the form stays as typed, the reason above it
            form.add_error(None, str(e))
            if isinstance(e, actions.Conflict):
                return _edit_page(request, form, title, status=409)
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
    user = user_of(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.SUBMIT)
    back = reverse("portal:resource", args=[resource.pk])
    if resource.state not in actions.SUBMIT_STATES:
        return refused_page(
            request, actions.Refused(_("The resource is not awaiting a version.")), back
        )
    files = request.FILES  # a kept file joins it: Django closes it with the request
    taken: dict[str, str] = {}  # field -> token of a file kept from the last try
    if request.method == "POST":
        for field in KEPT_FIELDS:
            token = request.POST.get(f"kept_{field}", "")
            if field not in files and token:
                upload = kept.take(user.pk, field, token)
                if upload is not None:
                    files[field] = upload
                    taken[field] = token
    form = VersionForm(request.POST or None, files or None)
    cap: SizeCapHandler = request.upload_handlers[0]  # type: ignore[assignment]
    if request.method == "POST" and cap.exceeded:
        return _too_large(request)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        # beside the upload's own temporary file: a crash leaves both where sweep_files looks
        upload_tmp = settings.FILE_UPLOAD_TEMP_DIR
        with tempfile.TemporaryDirectory(prefix="oqu-upload-", dir=upload_tmp) as tmp:
            judged = syl = mins = None
            try:  # each file judged on its own: its error sits next to it (issue 15.6)
                judged = judge_package(local_path(d["package"], Path(tmp)))
            except Refused as e:
                form.add_error("package", str(e))
            try:
                syl = judge_document(d["syllabus"], settings.OQU_MAX_DOCUMENT_BYTES)
            except Refused as e:
                form.add_error("syllabus", str(e))
            try:
                mins = judge_document(d["minutes_extract"], settings.OQU_MAX_DOCUMENT_BYTES)
            except Refused as e:
                form.add_error("minutes_extract", str(e))
            if judged is not None and syl is not None and mins is not None:
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
                except ActionError as e:
                    form.add_error(None, str(e))
                else:
                    for field, token in taken.items():
                        kept.forget(user.pk, field, token)
                    messages.success(request, _("Submitted. The check runs in the background."))
                    return redirect("portal:resource", resource.pk)
    page = {"form": form, "title": resource, "multipart": True, "submit_label": SUBMIT_LABEL,
            "warning": _type_warning(resource)}  # fmt: skip
    if request.method == "POST":
        page["kept"] = _keep_files(user, form, files, taken)
        return render(request, "portal/form.html", page, status=400)
    return render(request, "portal/form.html", page)


SUBMIT_LABEL = gettext_lazy("Submit to the Center")  # what the button does (15.11), not "Save"


def _type_warning(resource: Resource) -> str:
    """The plan item decides the type (8.2): a record naming another one is warned about where
    a version is submitted; the check runs against the plan's type."""
    if not resource.type_differs:
        return ""
    assert resource.plan_item is not None
    return _(
        "The record says “%(record)s”, but its plan item “%(item)s” plans “%(planned)s”: the "
        "check runs against the plan's type. Correct the record if the plan is right."
    ) % {
        "record": resource.get_der_type_display(),
        "item": resource.plan_item.discipline,
        "planned": resource.plan_item.get_der_type_display(),
    }


KEPT_FIELDS = ("package", "syllabus", "minutes_extract")


def _keep_files(
    user: User, form: VersionForm, files: Any, taken: dict[str, str]
) -> list[dict[str, str]]:
    """After a refusal, keep each file that was not itself refused, so the author picks again
    only what was wrong; its field is then optional and the page names the kept file."""
    out = []
    for field in KEPT_FIELDS:
        upload = files.get(field)
        if upload is None or field in form.errors or not upload.size:
            continue
        token = taken.get(field) or kept.keep(user.pk, field, upload)
        form.fields[field].required = False
        out.append({"field": field, "label": str(form.fields[field].label),
                    "name": upload.name, "token": token})  # fmt: skip
    return out


@login_required
def version_detail(request: HttpRequest, resource_id: int, number: int) -> HttpResponse:
    user = user_of(request)
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
            **_check_page(version.report.get(current_lang(), {}), current_lang()),
            "comments": version.slide_comments.select_related("author"),
            "earlier_comments": _earlier_comments(version),
            "comments_on": version,
            "placed": (placed := version.resource.current_publication),
            # placed once and replaced since by a newer placement (10.2)
            "replaced": placed is not None
            and placed.version_id != version.pk
            and version.resource.publications.filter(version=version).exists(),
            # the player: the resource's authors play their own versions (11), reviewers too
            **(
                _player(version)
                if version.package and policy.can(user, version.resource, ResourceAction.PLAY)
                else {}
            ),
        },
    )


def _check_page(data: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The check report as the regulation clause by clause (``clauses`` of ``oqu-check/2``), its
    counts with the language's plurals and the labels in the report's language — the library's
    own words, so the page and the HTML report say the same. A report stored before clauses
    were recorded shows its findings only."""
    from oqu.report import WORDS, summary_counts

    findings: list[dict[str, Any]] = data.get("findings", [])
    clauses = [
        {**c, "items": [findings[i] for i in c.get("findings", []) if 0 <= i < len(findings)]}
        for c in data.get("clauses", [])
    ]
    in_clause = {i for c in data.get("clauses", []) for i in c.get("findings", [])}
    summary = data.get("summary")
    verdict = data.get("verdict", "")
    return {
        "findings": findings,
        "clauses": clauses,
        "other_findings": [f for i, f in enumerate(findings) if i not in in_clause],
        "counts": summary_counts(
            summary["errors"], summary["warnings"], summary["infos"], lang, " · "
        )
        if summary
        else "",
        "verdict_text": WORDS[verdict][lang] if verdict in WORDS else "",
        "words": {
            k: WORDS[k][lang]
            for k in ("clauses", "clause", "requirement", "state", "other", "hint")
        },
    }


REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


@login_required
@xframe_options_sameorigin
def version_report(request: HttpRequest, resource_id: int, number: int) -> HttpResponse:
    """The library's self-contained HTML report, under a CSP that allows no script at all."""
    version = policy.access_version_by_id(user_of(request), resource_id, number)
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
    version = policy.access_version_by_id(user_of(request), resource_id, number)
    field = getattr(version, FILES.get(which, ""), None) if which in FILES else None
    if not field:
        raise Http404(_("No such file."))
    name = f"{version.resource.pk}-v{version.number}-{which}{Path(field.name).suffix}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@login_required
@require_POST
def extract_confirm(request: HttpRequest, resource_id: int, number: int) -> HttpResponse:
    """The head confirms the version's minutes' extract, or uploads the department's own
    (clause 11, 8.4); the Center approves only a confirmed one."""
    user = user_of(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.CONFIRM_EXTRACT)
    form = ExtractForm(request.POST, request.FILES)
    if not form.is_valid():
        return resource_page(request, resource, extract_form=form)
    upload, suffix = form.cleaned_data["extract"], ""
    if upload is not None:
        try:
            suffix = judge_document(upload, settings.OQU_MAX_DOCUMENT_BYTES)
        except Refused as e:
            form.add_error("extract", str(e))
            return resource_page(request, resource, extract_form=form)
    try:
        actions.do_confirm_extract(user, resource, number, upload, suffix)
    except ActionError as e:
        form.add_error(None, str(e))
        return _kept(request, resource, e, extract_form=form)
    messages.success(request, _("The extract from the minutes is confirmed."))
    return redirect("portal:resource", resource.pk)


# --- review, decision, publication ------------------------------------------------------------


def placing_version(resource: Resource) -> Version | None:
    """The version the Center places in Moodle: the approved one (do_publish places the latest
    version), or, once published, the current placement's."""
    if resource.state == State.APPROVED:
        return resource.latest_version
    if resource.state == State.PUBLISHED:
        publication = resource.current_publication
        return publication.version if publication else None
    return None  # a new version of a placed resource in review: nothing to place yet


@login_required
def moodle_backup(request: HttpRequest, resource_id: int, variant: str) -> FileResponse:
    """A Moodle activity backup of the version being placed (docs/moodle.md), for those who
    publish (the Center's reviewers and director, not the authors), approved or published."""
    resource = policy.access_resource_by_id(user_of(request), resource_id, ResourceAction.PUBLISH)
    version = placing_version(resource)
    field = (
        moodle.backup_file(version, variant)
        if version is not None and variant in moodle.VARIANTS
        else None
    )
    if version is None or field is None:
        raise Http404(_("No such file."))
    suffix = "moodle" if variant == "package" else "moodle-address"
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=f"oqu-der-{resource.pk}-v{version.number}-{suffix}.mbz",
        content_type=moodle.MBZ_TYPE,
    )


@login_required
@require_POST
def review_start(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = user_of(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.REVIEW)
    form = RevisionForm(request.POST)
    back = reverse("portal:resource", args=[resource.pk])
    if not form.is_valid():
        return refused_page(request, actions.Refused(_("The form is incomplete.")), back)
    try:
        actions.do_start_review(user, resource, form.cleaned_data["revision"])
    except ActionError as e:
        return refused_page(request, e, back)
    return redirect(back)


@login_required
@require_POST
def review_decide(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = user_of(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.DECIDE)
    back = reverse("portal:resource", args=[resource.pk])
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return resource_page(request, resource, review_form=form)
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
    except ActionError as e:
        form.add_error(None, str(e))
        return _kept(request, resource, e, review_form=form)
    messages.success(request, _("Your decision is recorded."))
    return redirect(back)


def _kept(
    request: HttpRequest, resource: Resource, error: ActionError, **forms: Any
) -> HttpResponse:
    """A refused action with its form kept: on the resource page while the form still applies
    there, else (the resource moved on meanwhile) on a page of its own, so what was typed can be
    copied."""
    status = 409 if isinstance(error, actions.Conflict) else 400
    ctx = _resource_context(user_of(request), resource)
    if all(ctx.get(name) is not None for name in forms):
        ctx.update(forms)
        return render(request, "portal/resource_detail.html", ctx, status=status)
    (form,) = forms.values()
    return render(request, "portal/form.html", {"form": form, "title": resource}, status=status)


@login_required
@require_POST
def review_comment(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = user_of(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.REVIEW)
    back = reverse("portal:resource", args=[resource.pk])
    form = SlideCommentForm(request.POST)
    if not form.is_valid():
        return resource_page(request, resource, comment_form=form)
    try:
        actions.do_comment_slide(
            user, resource, form.cleaned_data["slide"], form.cleaned_data["text"]
        )
    except ActionError as e:
        form.add_error(None, str(e))
        return _kept(request, resource, e, comment_form=form)
    return redirect(back + "#comments")


@login_required
@require_POST
def publish(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = user_of(request)
    resource = policy.access_resource_by_id(user, resource_id, ResourceAction.PUBLISH)
    back = reverse("portal:resource", args=[resource.pk])
    form = PublishForm(request.POST)
    if not form.is_valid():
        return resource_page(request, resource, publish_form=form)
    d = form.cleaned_data
    try:
        actions.do_publish(
            user,
            resource,
            d["revision"],
            platform=d["platform"],
            link=d["link"],
            published_on=d["published_on"],
            moodle_delivery=d["moodle_delivery"],
        )
    except ActionError as e:
        form.add_error(None, str(e))
        return _kept(request, resource, e, publish_form=form)
    messages.success(request, _("The publication is recorded."))
    if d["moodle_delivery"] == MoodleDelivery.ADDRESS:
        messages.info(
            request,
            _(
                "Moodle will take this version at the next launch of the activity: it downloads "
                "the package from the package address every time the activity is opened."
            ),
        )
    elif d["moodle_delivery"] == MoodleDelivery.BACKUP:
        messages.info(
            request,
            _(
                "Moodle keeps the package that was inside the backup: restore the new backup in "
                "the course to bring this version to the learners."
            ),
        )
    return redirect(back)
