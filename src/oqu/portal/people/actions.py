"""Changes to people, their roles and the organisation, one function each (the shape of
:mod:`oqu.portal.workflow.actions`).

Each ``do_*`` runs in one transaction: lock what it changes, check the precondition, change it,
and append an audit entry (:mod:`oqu.portal.audit.chain`) naming the values before and after.
Callers (the views in :mod:`oqu.portal.people.views`, tests, the shell) have already authorised
the actor through :mod:`oqu.portal.people.policy`; these functions guard the invariants no
caller may break:

* **Accounts are never deleted** — resources, reviews and audit entries name them. They are
  deactivated (the sign-in and every open session stop working) and may be reactivated.
* **There is always an active administrator.** Nobody deactivates themselves, and the last
  active administrator can neither be deactivated nor lose the role. The admin role rows (and
  superusers) are locked first, so two administrators removing each other cannot both win.
* **E-mail addresses are unique, whatever their case**: they are stored in lower case and
  compared so.
* **A role has the scope the model says** (:class:`~oqu.portal.people.models.RoleAssignment`):
  author and head of department → a department, dean → a faculty, the others → the whole university.
  A wrong scope or a duplicate is refused with a message, never left to an ``IntegrityError``.
* **Passwords pass ``AUTH_PASSWORD_VALIDATORS``**, and only accounts that sign in with a
  password (``auth_source`` local) get one: a single sign-on account's password is not ours.
* **A faculty or department in use is not deleted**: one with departments, resources, plans or
  role assignments is refused with what holds it, rather than cascading the roles away.

Passwords never reach the audit log; the entry records only that one was set and by whom.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from oqu.portal.audit import chain as audit
from oqu.portal.core.actions import Refused, absolute_url
from oqu.portal.people.models import (
    DEPARTMENT_ROLES,
    FACULTY_ROLES,
    AuthSource,
    Department,
    Faculty,
    Role,
    RoleAssignment,
    User,
    fold,
)

# --- people -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonSpec:
    """What a person is called and does: form 01 item 1 prints all four."""

    full_name: str
    position: str = ""
    degree: str = ""
    academic_title: str = ""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _email_taken(email: str, but: User | None = None) -> bool:
    # Stored in lower case; iexact also catches rows written before that rule (PostgreSQL).
    qs = User.objects.filter(email__iexact=email)
    if but is not None:
        qs = qs.exclude(pk=but.pk)
    return qs.exists()


def _refuse_taken(email: str) -> Refused:
    return Refused(_("Someone already has the e-mail address %(email)s.") % {"email": email})


def check_password(password: str, user: User) -> None:
    """Raise :class:`Refused` unless ``password`` passes ``AUTH_PASSWORD_VALIDATORS``."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as e:
        raise Refused(" ".join(e.messages)) from None


def _check_local(user: User) -> None:
    if user.auth_source != AuthSource.LOCAL:
        raise Refused(
            _(
                "This account signs in through %(source)s: its password is kept there, not in "
                "the portal, and cannot be set here."
            )
            % {"source": AuthSource(user.auth_source).label}
        )


def do_create_user(actor: User, email: str, spec: PersonSpec, password: str | None) -> User:
    """A new account that signs in with a password; without one (``None`` or empty) it cannot
    sign in until a password is set."""
    email, values = normalise_email(email), _spec_values(spec)
    with transaction.atomic():
        if _email_taken(email):
            raise _refuse_taken(email)
        user = User(email=email, **values)
        if password:
            check_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()
        try:
            with transaction.atomic():  # a concurrent twin: the unique index decides
                user.save()
        except IntegrityError:
            raise _refuse_taken(email) from None
        audit.append(
            actor,
            "user.create",
            user,
            to_state="active",
            data={"email": email, **values, "password": bool(password)},
        )
    return user


def _spec_values(spec: PersonSpec) -> dict[str, str]:
    values = {f.name: getattr(spec, f.name).strip() for f in fields(spec)}
    if not values["full_name"]:
        raise Refused(_("A person needs a name: form 01 prints it."))
    return values


def _changes(obj: object, values: dict[str, str]) -> dict[str, dict[str, str]]:
    """The audit entry's ``changes``: each of ``values`` that differs from ``obj``'s, from → to."""
    return {
        name: {"from": getattr(obj, name), "to": value}
        for name, value in values.items()
        if getattr(obj, name) != value
    }


def _update(actor: User, user: User, action: str, values: dict[str, str]) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        changes = _changes(user, values)
        if not changes:
            return user
        if "email" in changes and _email_taken(values["email"], but=user):
            raise _refuse_taken(values["email"])
        for name in changes:
            setattr(user, name, values[name])
        try:
            with transaction.atomic():
                user.save(update_fields=sorted(changes))  # full_name: the search text follows
        except IntegrityError:
            raise _refuse_taken(values.get("email", user.email)) from None
        audit.append(actor, action, user, data={"changes": changes})
    return user


def do_update_user(actor: User, user: User, spec: PersonSpec, email: str) -> User:
    """An administrator corrects someone's e-mail, name, position, degree or title."""
    return _update(
        actor, user, "user.update", {"email": normalise_email(email), **_spec_values(spec)}
    )


def do_update_profile(user: User, spec: PersonSpec) -> User:
    """A user corrects their own name, position, degree and title (not the e-mail: it is the
    sign-in name, and an administrator's to change)."""
    return _update(user, user, "profile.update", _spec_values(spec))


def _lock_admins() -> None:
    """Lock the rows that make someone an administrator, so the last-administrator rule holds
    when two administrators act at once (SQLite serialises writers anyway)."""
    list(RoleAssignment.objects.select_for_update().filter(role=Role.ADMIN).values_list("pk"))
    list(User.objects.select_for_update().filter(is_superuser=True).values_list("pk"))


def _active_admins() -> set[int]:
    cond = Q(roles__role=Role.ADMIN) | Q(is_superuser=True)
    return set(User.objects.filter(cond, is_active=True).values_list("pk", flat=True))


def _refuse_last_admin() -> Refused:
    return Refused(
        _(
            "This is the last active administrator: make someone else an administrator first, "
            "or the portal would have nobody to manage it."
        )
    )


def do_deactivate_user(actor: User, user: User) -> User:
    """The person can no longer sign in, and their open sessions end; nothing they did goes."""
    with transaction.atomic():
        _lock_admins()
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.pk == actor.pk:
            raise Refused(_("You cannot deactivate your own account."))
        if not user.is_active:
            raise Refused(_("This account is already deactivated."))
        if _active_admins() == {user.pk}:
            raise _refuse_last_admin()
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit.append(actor, "user.deactivate", user, from_state="active", to_state="inactive")
    return user


def do_reactivate_user(actor: User, user: User) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active:
            raise Refused(_("This account is already active."))
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit.append(actor, "user.reactivate", user, from_state="inactive", to_state="active")
    return user


def _new_password(
    actor: User | None, user: User, password: str, action: str, inactive: str | None = None
) -> User:
    """Set ``user``'s password (validated) and audit it as ``action``; refused with
    ``inactive`` for a deactivated account when given. Returns the user with the new hash."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if inactive and not user.is_active:
            raise Refused(inactive)
        _check_local(user)
        check_password(password, user)
        had = user.has_usable_password()
        user.set_password(password)
        user.save(update_fields=["password"])
        audit.append(actor, action, user, data={"had_password": had})
    return user


def do_set_password(actor: User, user: User, password: str) -> User:
    """An administrator sets someone's password (a new account, a forgotten password). Their
    other sessions end: the session hash follows the password."""
    return _new_password(actor, user, password, "user.set_password")


def do_change_own_password(user: User, password: str) -> User:
    """A user changes their own password (the caller checked the old one). Returns the user
    with the new hash, for ``update_session_auth_hash``."""
    return _new_password(user, user, password, "profile.password")


def do_send_sign_in_link(actor: User | None, user: User) -> None:
    """Mail ``user`` a one-time link to choose a password: asked for by themselves on the
    sign-in page (``actor`` None: a forgotten password) or sent by an administrator (an
    invitation to a new account). The letter is in the language active now. Only active
    accounts that sign in with a password; the caller must not tell an anonymous asker whether
    the account exists. The letter is a job (:func:`send_sign_in_link`) that makes the link
    when it sends it: a queued job's arguments stay in the database, a link must not."""

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise Refused(_("This account is deactivated: reactivate it first."))
        _check_local(user)
        audit.append(
            actor, "user.sign_in_link", user, data={"by": "self" if actor is None else "admin"}
        )
        args = (user.pk, actor.full_name if actor else "", get_language() or settings.LANGUAGE_CODE)
        transaction.on_commit(lambda: send_sign_in_link.enqueue(*args))


def sign_in_letter(user: User, inviter: str) -> tuple[str, str]:
    """The subject and text of the letter with a fresh sign-in link for ``user``: an invitation
    from ``inviter``, or (``inviter`` empty) the answer to "Forgot your password?"."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = absolute_url("portal:password_reset", uid, default_token_generator.make_token(user))
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    if not inviter:
        subject = _("Oqu: a link to set your password")
        intro = _(
            "Someone, we hope you, asked for a new password for the account %(email)s on "
            "the Oqu portal. Open this link to choose one:"
        ) % {"email": user.email}
        outro = _("If you did not ask for it, ignore this letter: your password stays as it is.")
    else:
        subject = _("Oqu: your account is ready")
        intro = _(
            "%(admin)s has opened an account for you (%(email)s) on the Oqu portal, where "
            "digital educational resources are planned, reviewed and placed. Open this link "
            "to choose your password:"
        ) % {"admin": inviter, "email": user.email}
        outro = ""
    expiry = ngettext(
        "The link works once, for %(days)d day.",
        "The link works once, for %(days)d days.",
        days,
    ) % {"days": days}
    greeting = _("Hello, %(name)s.") % {"name": user.full_name}
    return subject, "\n\n".join(x for x in (greeting, intro, link, expiry, outro) if x) + "\n"


@task()
def send_sign_in_link(user_id: int, inviter: str, lang: str) -> int:
    """The letter of :func:`do_send_sign_in_link`, in ``lang``. The link's token is
    made here, as the letter goes: it is kept nowhere but in the letter (this job's arguments
    stay in the task table until pruned). An account deactivated, or moved to single sign-on,
    since it was asked for gets nothing."""
    user = User.objects.filter(pk=user_id, is_active=True, auth_source=AuthSource.LOCAL).first()
    if user is None:
        return 0
    with translation.override(lang):
        subject, body = sign_in_letter(user, inviter)
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def do_reset_password(user: User, password: str) -> User:
    """``user`` chose a password through a valid sign-in link (the caller checked the token)."""
    inactive = _("This account is deactivated; an administrator can reactivate it.")
    return _new_password(user, user, password, "user.reset_password", inactive)


# --- roles ------------------------------------------------------------------------------------


def _scope_refusal(role: Role, department: Department | None, faculty: Faculty | None) -> str:
    """Why the scope does not fit the role (a message with ``%(role)s``), or ``""``: the
    check constraint ``role_assignment_scope``, said in words."""
    if role in DEPARTMENT_ROLES:
        if department is None or faculty is not None:
            return _("“%(role)s” is held in a department: choose a department and no faculty.")
    elif role in FACULTY_ROLES:
        if faculty is None or department is not None:
            return _("“%(role)s” is held in a faculty: choose a faculty and no department.")
    elif department is not None or faculty is not None:
        return _("“%(role)s” is held university-wide: choose neither a department nor a faculty.")
    return ""


def do_assign_role(
    actor: User,
    user: User,
    role: Role,
    *,
    department: Department | None = None,
    faculty: Faculty | None = None,
) -> RoleAssignment:
    """Give ``user`` a role in its scope. A deactivated account may hold roles (they take
    effect when it is reactivated)."""
    role = Role(role)
    reason = _scope_refusal(role, department, faculty)
    if reason:
        raise Refused(reason % {"role": role.label})
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        scope_name = str(department or faculty or _("the university"))
        duplicate = Refused(
            _("%(name)s already has the role “%(role)s” in %(scope)s.")
            % {"name": user, "role": role.label, "scope": scope_name}
        )
        if RoleAssignment.objects.filter(
            user=user, role=role, department=department, faculty=faculty
        ).exists():
            raise duplicate
        try:
            with transaction.atomic():
                assignment = RoleAssignment.objects.create(
                    user=user, role=role, department=department, faculty=faculty
                )
        except IntegrityError:
            raise duplicate from None
        audit.append(actor, "role.assign", user, to_state=role.value, data=_scope_data(assignment))
    return assignment


def _scope_data(assignment: RoleAssignment) -> dict[str, Any]:
    data: dict[str, Any] = {"role": assignment.role, "assignment": assignment.pk}
    if assignment.department is not None:
        data["department"] = {"id": assignment.department.pk, "name": assignment.department.name}
    if assignment.faculty is not None:
        data["faculty"] = {"id": assignment.faculty.pk, "name": assignment.faculty.name}
    return data


def do_remove_role(actor: User, assignment: RoleAssignment) -> None:
    with transaction.atomic():
        if assignment.role == Role.ADMIN:
            _lock_admins()
        # no select_related: PostgreSQL cannot lock the nullable side of an outer join
        current = RoleAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if current is None:
            raise Refused(_("This role was already removed."))
        user = current.user
        # The role makes an active administrator of them, unless they are a superuser too.
        unmakes_admin = current.role == Role.ADMIN and user.is_active and not user.is_superuser
        if unmakes_admin and _active_admins() == {user.pk}:
            raise _refuse_last_admin()
        data = _scope_data(current)
        current.delete()
        audit.append(actor, "role.remove", user, from_state=current.role, data=data)


# --- faculties and departments ----------------------------------------------------------------


def _faculty_name_taken(name: str, but: Faculty | None = None) -> bool:
    others = Faculty.objects.exclude(pk=but.pk) if but else Faculty.objects.all()
    return any(fold(n) == fold(name) for n in others.values_list("name", flat=True))


def _refuse_faculty_name(name: str) -> Refused:
    return Refused(_("There is already a faculty called “%(name)s”.") % {"name": name})


def do_create_faculty(actor: User, name: str, short_name: str = "") -> Faculty:
    name, short_name = name.strip(), short_name.strip()
    with transaction.atomic():
        if _faculty_name_taken(name):
            raise _refuse_faculty_name(name)
        try:
            with transaction.atomic():
                faculty = Faculty.objects.create(name=name, short_name=short_name)
        except IntegrityError:
            raise _refuse_faculty_name(name) from None
        audit.append(
            actor, "faculty.create", faculty, data={"name": name, "short_name": short_name}
        )
    return faculty


def do_update_faculty(actor: User, faculty: Faculty, name: str, short_name: str = "") -> Faculty:
    name, short_name = name.strip(), short_name.strip()
    with transaction.atomic():
        faculty = Faculty.objects.select_for_update().get(pk=faculty.pk)
        changes = _changes(faculty, {"name": name, "short_name": short_name})
        if not changes:
            return faculty
        if "name" in changes and _faculty_name_taken(name, but=faculty):
            raise _refuse_faculty_name(name)
        faculty.name, faculty.short_name = name, short_name
        try:
            with transaction.atomic():
                faculty.save(update_fields=sorted(changes))
        except IntegrityError:
            raise _refuse_faculty_name(name) from None
        audit.append(actor, "faculty.update", faculty, data={"changes": changes})
    return faculty


def _refuse_if_held(refusal: str, name: str, counts: list[tuple[int, str]]) -> None:
    """Refuse to delete the unit ``name`` if any count is not zero: ``refusal`` (with
    ``%(name)s`` and ``%(held)s``) lists what holds it, each count said by its ``%(n)d`` text."""
    held = ", ".join(text % {"n": n} for n, text in counts if n)
    if held:
        raise Refused(refusal % {"name": name, "held": held})


def _role_assignments(n: int) -> tuple[int, str]:
    return n, ngettext("%(n)d role assignment", "%(n)d role assignments", n)


def do_delete_faculty(actor: User, faculty: Faculty) -> None:
    """Only an empty faculty: no departments and no deans (their roles would go with it)."""
    with transaction.atomic():
        faculty = Faculty.objects.select_for_update().get(pk=faculty.pk)
        n_deps = faculty.departments.count()
        _refuse_if_held(
            _("The faculty “%(name)s” has %(held)s: it cannot be deleted."),
            faculty.name,
            [
                (n_deps, ngettext("%(n)d department", "%(n)d departments", n_deps)),
                _role_assignments(RoleAssignment.objects.filter(faculty=faculty).count()),
            ],
        )
        audit.append(actor, "faculty.delete", faculty, data={"name": faculty.name})
        faculty.delete()


def _department_name_taken(faculty: Faculty, name: str, but: Department | None = None) -> bool:
    others = Department.objects.filter(faculty=faculty)
    if but is not None:
        others = others.exclude(pk=but.pk)
    return any(fold(n) == fold(name) for n in others.values_list("name", flat=True))


def _refuse_department_name(faculty: Faculty, name: str) -> Refused:
    return Refused(
        _("The faculty “%(faculty)s” already has a department called “%(name)s”.")
        % {"faculty": faculty.name, "name": name}
    )


def do_create_department(actor: User, faculty: Faculty, name: str) -> Department:
    name = name.strip()
    with transaction.atomic():
        faculty = Faculty.objects.select_for_update().get(pk=faculty.pk)
        if _department_name_taken(faculty, name):
            raise _refuse_department_name(faculty, name)
        try:
            with transaction.atomic():
                department = Department.objects.create(faculty=faculty, name=name)
        except IntegrityError:
            raise _refuse_department_name(faculty, name) from None
        audit.append(
            actor,
            "department.create",
            department,
            data={"name": name, "faculty": {"id": faculty.pk, "name": faculty.name}},
        )
    return department


def do_update_department(
    actor: User, department: Department, faculty: Faculty, name: str
) -> Department:
    """Rename a department or move it to another faculty (its dean changes with it)."""
    name = name.strip()
    with transaction.atomic():
        department = (
            Department.objects.select_for_update().select_related("faculty").get(pk=department.pk)
        )
        changes: dict[str, dict[str, Any]] = {}
        if department.name != name:
            changes["name"] = {"from": department.name, "to": name}
        if department.faculty_id != faculty.pk:
            changes["faculty"] = {
                "from": {"id": department.faculty_id, "name": department.faculty.name},
                "to": {"id": faculty.pk, "name": faculty.name},
            }
        if not changes:
            return department
        if _department_name_taken(faculty, name, but=department):
            raise _refuse_department_name(faculty, name)
        department.name, department.faculty = name, faculty
        try:
            with transaction.atomic():
                department.save(update_fields=["name", "faculty"])
        except IntegrityError:
            raise _refuse_department_name(faculty, name) from None
        audit.append(actor, "department.update", department, data={"changes": changes})
    return department


def do_delete_department(actor: User, department: Department) -> None:
    """Only an unused department: no resources, no plans, no authors or head."""
    with transaction.atomic():
        department = Department.objects.select_for_update().get(pk=department.pk)
        n_res = department.resources.count()
        n_plans = department.plans.count()
        _refuse_if_held(
            _("The department “%(name)s” has %(held)s: it cannot be deleted."),
            department.name,
            [
                (n_res, ngettext("%(n)d resource", "%(n)d resources", n_res)),
                (n_plans, ngettext("%(n)d yearly plan", "%(n)d yearly plans", n_plans)),
                _role_assignments(RoleAssignment.objects.filter(department=department).count()),
            ],
        )
        audit.append(
            actor,
            "department.delete",
            department,
            data={"name": department.name, "faculty": department.faculty_id},
        )
        department.delete()
