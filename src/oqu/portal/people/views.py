"""Pages for people, roles and the organisation (administrators), and "My profile" (everyone
signed in). As in :mod:`oqu.portal.workflow.views`: each view parses its input, authorises through
:mod:`oqu.portal.people.policy` (``require_admin``, ``access_*_by_id``), calls one action from
:mod:`oqu.portal.people.actions`, and renders or redirects.

**Search.** SQLite's ``LIKE`` and ``lower()`` fold ASCII only, and users have no folded column
(the catalogue's ``Resource.search_text``); a university has thousands of accounts, not
millions, so the list reads (id, name, e-mail) of the filtered accounts once and matches the
:func:`~oqu.portal.people.models.fold`-ed words in Python — "ӘЛИЕВА" finds "Әлиева" on every
database.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from oqu.portal.audit import chain as audit
from oqu.portal.core.actions import ActionError, Refused
from oqu.portal.core.views import refused_page, user_of
from oqu.portal.people import actions as act
from oqu.portal.people import importing as people_import_mod
from oqu.portal.people import policy
from oqu.portal.people.forms import (
    AdminSetPasswordForm,
    DepartmentForm,
    FacultyForm,
    OwnPasswordChangeForm,
    PeopleFilterForm,
    PeopleImportForm,
    PersonCreateForm,
    PersonForm,
    ProfileForm,
    RoleForm,
)
from oqu.portal.people.models import Department, Faculty, Role, RoleAssignment, User, fold

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

PAGE_SIZE = 50


def _admin(request: HttpRequest) -> User:
    user = user_of(request)
    policy.require_admin(user)
    return user


def _roles(user: User) -> QuerySet[RoleAssignment]:
    return user.roles.select_related("department__faculty", "faculty").order_by("role", "pk")


# --- the list of people -----------------------------------------------------------------------


def _matching(qs: QuerySet[User], query: str) -> list[int]:
    """Ids of the accounts whose folded name or e-mail holds every folded word of ``query``."""
    words = fold(query).split()
    rows = qs.values_list("pk", "full_name", "email")
    return [pk for pk, name, email in rows if all(w in fold(f"{name} | {email}") for w in words)]


def _filtered(data: dict[str, Any]) -> QuerySet[User]:
    qs = User.objects.order_by("full_name", "pk")
    held = Q()  # conditions on one and the same role assignment
    if data.get("role"):
        held &= Q(roles__role=data["role"])
    if data.get("department"):
        held &= Q(roles__department=data["department"])
    if data.get("faculty"):
        faculty = data["faculty"]
        held &= Q(roles__faculty=faculty) | Q(roles__department__faculty=faculty)
    if held:
        qs = qs.filter(pk__in=User.objects.filter(held).values("pk"))
    if data.get("status") == "active":
        qs = qs.filter(is_active=True)
    elif data.get("status") == "inactive":
        qs = qs.filter(is_active=False)
    return qs


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = PeopleFilterForm(request.GET)
    form.is_valid()  # an invalid filter is dropped from cleaned_data, the others still apply
    data = form.cleaned_data
    qs = _filtered(data)
    with_roles = Prefetch(
        "roles", queryset=RoleAssignment.objects.select_related("department", "faculty")
    )
    page: Page[Any]
    if (data.get("q") or "").strip():
        ids = _matching(qs, data["q"])
        page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
        found = User.objects.prefetch_related(with_roles).in_bulk(list(page.object_list))
        people = [found[pk] for pk in page.object_list if pk in found]
    else:
        page = Paginator(qs.prefetch_related(with_roles), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        people = list(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/people/list.html",
        {
            "form": form,
            "page": page,
            "people": people,
            "params": params.urlencode(),
            "filtered": bool(params),
        },
    )


# --- one person -------------------------------------------------------------------------------


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    admin = _admin(request)
    form = PersonCreateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                person = act.do_create_user(admin, d["email"], form.spec(), d["password1"] or None)
            except ActionError as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, _("The account is created. Now give it its roles."))
                return redirect("portal:person", person.pk)
    ctx = {"form": form, "title": _("New person")}
    return render(request, "portal/form.html", ctx, status=status)


@login_required
def people_import(request: HttpRequest) -> HttpResponse:
    """A CSV/XLSX list → checked as a whole (:mod:`oqu.portal.people.importing`) → every account
    created with its role, or none and every problem shown with its row."""
    admin = _admin(request)
    form = PeopleImportForm(request.POST or None, request.FILES or None)
    columns = [
        (label, [key, *sorted(names - {key})])
        for key, (label, names) in people_import_mod.COLUMNS.items()
    ]
    ctx: dict[str, Any] = {"form": form, "columns": columns}
    if request.method != "POST" or not form.is_valid():
        return render(request, "portal/people/import.html", ctx, status=400 if form.errors else 200)
    upload = form.cleaned_data["file"]
    reading = people_import_mod.read_people(
        upload.read(people_import_mod.MAX_BYTES + 1), upload.name or ""
    )
    labels = {k: label for k, (label, _names) in people_import_mod.COLUMNS.items()}
    ctx["problems"] = [(p, labels.get(p.column, "")) for p in reading.problems]
    ctx["people"] = reading.people
    if reading.problems:
        return render(request, "portal/people/import.html", ctx, status=400)
    if form.cleaned_data["check_only"]:
        ctx["checked"] = True
        return render(request, "portal/people/import.html", ctx)
    try:
        created = people_import_mod.do_import_people(
            admin, reading.people, invite=form.cleaned_data["invite"]
        )
    except ActionError as e:
        form.add_error(None, str(e))
        return render(request, "portal/people/import.html", ctx, status=400)
    messages.success(
        request,
        ngettext("%(n)d account is created.", "%(n)d accounts are created.", len(created))
        % {"n": len(created)},
    )
    return redirect("portal:people")


@login_required
def people_import_template(request: HttpRequest) -> HttpResponse:
    """A list to fill in: the column names and two example rows (UTF-8 with a BOM for Excel)."""
    _admin(request)
    rows = [
        list(people_import_mod.COLUMNS),
        ["a.alieva@example.edu.kz", "Әлиева Айгүл Серікқызы", "аға оқытушы", "PhD", "",
         "author", "Тағам қауіпсіздігі кафедрасы", ""],
        ["b.nurlanov@example.edu.kz", "Нұрланов Бауыржан", "декан", "т.ғ.к.", "доцент",
         "dean", "", "Тағам өндірісі факультеті"],
    ]  # fmt: skip
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="people.csv"'
    return response


def _person_page(
    request: HttpRequest,
    person: User,
    *,
    details: PersonForm | None = None,
    role_form: RoleForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "portal/people/person.html",
        {
            "person": person,
            "details": details or PersonForm(initial=PersonForm.initial_for(person)),
            "role_form": role_form or RoleForm(),
            "roles": _roles(person),
            "password_refusal": policy.password_refusal(person),
            "is_self": person.pk == request.user.pk,
            "history": audit.history(person),
        },
        status=status,
    )


@login_required
def person_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = _admin(request)
    person = policy.access_user_by_id(admin, user_id)
    if request.method != "POST":
        return _person_page(request, person)
    form = PersonForm(request.POST)
    if form.is_valid():
        try:
            act.do_update_user(admin, person, form.spec(), form.cleaned_data["email"])
        except ActionError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("The details are saved."))
            return redirect("portal:person", person.pk)
    return _person_page(request, person, details=form, status=400)


def _password_page(
    request: HttpRequest,
    target: User,
    form: forms.Form,
    title: str,
    back: str,
    change: Callable[[str], User],
    done: str,
) -> HttpResponse:
    """The page that sets ``target``'s password with ``change(password)``, unless the account
    signs in elsewhere; whoever sets their own password stays signed in."""
    refusal = policy.password_refusal(target)
    ctx: dict[str, Any] = {"form": form, "refusal": refusal, "back": back, "title": title}
    if request.method != "POST":
        return render(request, "portal/people/password.html", ctx)
    if refusal:
        return refused_page(request, Refused(refusal), back)
    if form.is_valid():
        try:
            target = change(form.cleaned_data["new_password1"])
        except ActionError as e:
            form.add_error("new_password1", str(e))
        else:
            if target.pk == request.user.pk:  # the session hash follows the password
                update_session_auth_hash(request, target)
            messages.success(request, done)
            return redirect(back)
    return render(request, "portal/people/password.html", ctx, status=400)


@login_required
def person_password(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = _admin(request)
    person = policy.access_user_by_id(admin, user_id)
    return _password_page(
        request,
        person,
        AdminSetPasswordForm(person, request.POST or None),
        _("Set a password for %(name)s") % {"name": person},
        reverse("portal:person", args=[person.pk]),
        partial(act.do_set_password, admin, person),
        _("The password is set."),
    )


def _person_change(
    request: HttpRequest, user_id: int, action: Callable[[User, User], object], done: str
) -> HttpResponse:
    """``action(admin, person)``, then back to the person's page saying ``done``."""
    admin = _admin(request)
    person = policy.access_user_by_id(admin, user_id)
    back = reverse("portal:person", args=[person.pk])
    try:
        action(admin, person)
    except ActionError as e:
        return refused_page(request, e, back)
    messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def person_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    done = _("The account is deactivated: it can no longer sign in.")
    return _person_change(request, user_id, act.do_deactivate_user, done)


@login_required
@require_POST
def person_reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    done = _("The account is active again.")
    return _person_change(request, user_id, act.do_reactivate_user, done)


@login_required
@require_POST
def person_send_link(request: HttpRequest, user_id: int) -> HttpResponse:
    done = _("A link to choose a password is sent to the account's e-mail address.")
    return _person_change(request, user_id, act.do_send_sign_in_link, done)


@login_required
@require_POST
def person_role_add(request: HttpRequest, user_id: int) -> HttpResponse:
    admin = _admin(request)
    person = policy.access_user_by_id(admin, user_id)
    form = RoleForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            act.do_assign_role(
                admin, person, Role(d["role"]), department=d["department"], faculty=d["faculty"]
            )
        except ActionError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("The role is given."))
            return redirect("portal:person", person.pk)
    return _person_page(request, person, role_form=form, status=400)


@login_required
@require_POST
def person_role_remove(request: HttpRequest, user_id: int, assignment_id: int) -> HttpResponse:
    admin = _admin(request)
    person = policy.access_user_by_id(admin, user_id)
    assignment = person.roles.filter(pk=assignment_id).first()
    if assignment is None:
        raise Http404(_("No such role."))
    back = reverse("portal:person", args=[person.pk])
    try:
        act.do_remove_role(admin, assignment)
    except ActionError as e:
        return refused_page(request, e, back)
    messages.success(request, _("The role is removed."))
    if not policy.is_admin(User.objects.get(pk=admin.pk)):  # they removed their own
        return redirect("portal:dashboard")
    return redirect(back)


# --- faculties and departments ----------------------------------------------------------------
# A faculty and a department are managed alike: a form on the organisation page creates one, its
# page edits it and shows its history, a button deletes it. A UnitKind says what differs; the
# three views below serve both kinds (urls.py passes the kind).


@dataclass(frozen=True, slots=True)
class UnitKind[U: (Faculty, Department)]:
    """One kind of organisational unit. ``name`` is the prefix of its creation form (the
    organisation page holds both kinds' forms) and the stem of its URL names: ``portal:<name>``,
    ``portal:<name>_create``, ``portal:<name>_delete``. The form's fields are the keyword
    arguments of ``create`` and ``update`` (after the actor, and for ``update`` the unit)."""

    name: str
    form: type[forms.Form]
    access: Callable[[User, int], U]
    create: Callable[..., U]
    update: Callable[..., U]
    delete: Callable[[User, U], None]
    new_title: StrPromise
    title: StrPromise  # the unit's page: "%(name)s" is the unit's name
    created: StrPromise
    saved: StrPromise
    deleted: StrPromise

    def creation_form(self, data: Any = None) -> forms.Form:
        return self.form(data, prefix=self.name)


FACULTY = UnitKind(
    name="faculty",
    form=FacultyForm,
    access=policy.access_faculty_by_id,
    create=act.do_create_faculty,
    update=act.do_update_faculty,
    delete=act.do_delete_faculty,
    new_title=gettext_lazy("New faculty"),
    title=gettext_lazy("Faculty: %(name)s"),
    created=gettext_lazy("The faculty is created."),
    saved=gettext_lazy("The faculty is saved."),
    deleted=gettext_lazy("The faculty is deleted."),
)

DEPARTMENT = UnitKind(
    name="department",
    form=DepartmentForm,
    access=policy.access_department_by_id,
    create=act.do_create_department,
    update=act.do_update_department,
    delete=act.do_delete_department,
    new_title=gettext_lazy("New department"),
    title=gettext_lazy("Department: %(name)s"),
    created=gettext_lazy("The department is created."),
    saved=gettext_lazy("The department is saved."),
    deleted=gettext_lazy("The department is deleted."),
)


@login_required
def organisation(request: HttpRequest) -> HttpResponse:
    _admin(request)
    departments = Department.objects.annotate(
        n_resources=Count("resources", distinct=True),
        n_plans=Count("plans", distinct=True),
        n_roles=Count("roleassignment", distinct=True),
    ).order_by("name")
    faculties = Faculty.objects.annotate(
        n_deans=Count("roleassignment", distinct=True)
    ).prefetch_related(Prefetch("departments", queryset=departments))
    return render(
        request,
        "portal/people/organisation.html",
        {
            "faculties": faculties,
            "faculty_form": FACULTY.creation_form(),
            "department_form": DEPARTMENT.creation_form(),
        },
    )


def _save_unit(
    request: HttpRequest,
    form: forms.Form,
    done: StrPromise,
    action: Callable[..., object],
    *args: object,
) -> HttpResponse | None:
    """A posted unit form: ``action(*args, **fields)`` and back to the organisation page, or
    ``None`` when the input or the action is refused (the form then says why)."""
    if form.is_valid():
        try:
            action(*args, **form.cleaned_data)
        except ActionError as e:
            form.add_error("name", str(e))
        else:
            messages.success(request, str(done))
            return redirect("portal:organisation")
    return None


@login_required
def unit_create(request: HttpRequest, kind: UnitKind[Any]) -> HttpResponse:
    admin = _admin(request)
    form = kind.creation_form(request.POST or None)
    status = 200
    if request.method == "POST":
        if saved := _save_unit(request, form, kind.created, kind.create, admin):
            return saved
        status = 400
    return render(
        request, "portal/form.html", {"form": form, "title": kind.new_title}, status=status
    )


@login_required
def unit_detail(request: HttpRequest, kind: UnitKind[Any], unit_id: int) -> HttpResponse:
    admin = _admin(request)
    unit = kind.access(admin, unit_id)
    initial = model_to_dict(unit, fields=list(kind.form.base_fields))
    form = kind.form(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if saved := _save_unit(request, form, kind.saved, kind.update, admin, unit):
            return saved
        status = 400
    return render(
        request,
        "portal/people/unit.html",
        {
            "unit": unit,
            "form": form,
            "title": kind.title % {"name": unit.name},
            "delete_url": reverse(f"portal:{kind.name}_delete", args=[unit.pk]),
            "history": audit.history(unit),
        },
        status=status,
    )


@login_required
@require_POST
def unit_delete(request: HttpRequest, kind: UnitKind[Any], unit_id: int) -> HttpResponse:
    admin = _admin(request)
    unit = kind.access(admin, unit_id)
    try:
        kind.delete(admin, unit)
    except ActionError as e:
        return refused_page(request, e, reverse(f"portal:{kind.name}", args=[unit_id]))
    messages.success(request, str(kind.deleted))
    return redirect("portal:organisation")


# --- my profile -------------------------------------------------------------------------------


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(user))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                act.do_update_profile(user, form.spec())
            except ActionError as e:
                form.add_error(None, str(e))
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("portal:profile")
    return render(
        request,
        "portal/people/profile.html",
        {
            "form": form,
            "roles": _roles(user),
            "password_refusal": policy.password_refusal(user),
        },
        status=status,
    )


@login_required
def profile_password(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return _password_page(
        request,
        user,
        OwnPasswordChangeForm(user, request.POST or None),
        _("Change your password"),
        reverse("portal:profile"),
        partial(act.do_change_own_password, user),
        _("Your password is changed."),
    )
