"""Who holds which role (clause 11), and who may manage people, roles and the organisation.

Every app's policy reads a user's roles through :func:`grants` (one query per request). Only
administrators manage accounts, role assignments, faculties and departments: everyone else gets
a 403 with the reason (ids of people and units are not secrets, so no 404 game).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from oqu.portal.people.models import AuthSource, Department, Faculty, Role, User

CENTER_ROLES = frozenset({Role.REVIEWER, Role.DIRECTOR, Role.VICE_RECTOR, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class Grant:
    role: Role
    department_id: int | None
    faculty_id: int | None


def grants(user: User) -> list[Grant]:
    """The user's role assignments, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return []
    cached: list[Grant] | None = getattr(user, "_oqu_grants", None)
    if cached is None:
        cached = [
            Grant(Role(role), dep, fac)
            for role, dep, fac in user.roles.values_list("role", "department_id", "faculty_id")
        ]
        user._oqu_grants = cached  # type: ignore[attr-defined]
    return cached


def has_role(user: User, role: Role) -> bool:
    return any(g.role == role for g in grants(user))


def departments_with(user: User, role: Role) -> set[int]:
    return {g.department_id for g in grants(user) if g.role == role and g.department_id}


def faculties_with(user: User, role: Role) -> set[int]:
    return {g.faculty_id for g in grants(user) if g.role == role and g.faculty_id}


def is_admin(user: User) -> bool:
    return has_role(user, Role.ADMIN) or bool(user.is_superuser)


def is_center(user: User) -> bool:
    return any(g.role in CENTER_ROLES for g in grants(user))


# --- people, roles and the organisation -------------------------------------------------------
# Only administrators manage accounts, role assignments, faculties and departments: everyone
# else gets a 403 with the reason (ids of people and units are not secrets, so no 404 game).
# Every signed-in user edits their own profile (oqu.portal.people.profile), nobody else's.


def require_admin(user: User) -> None:
    if not is_admin(user):
        raise PermissionDenied(
            _("Only an administrator can manage people, roles, faculties and departments.")
        )


def _admin_get[M: Model](user: User, objects: QuerySet[M], pk: int, missing: str) -> M:
    """The object ``pk`` of ``objects``, for an administrator (403 for others, 404 with
    ``missing`` if there is none)."""
    require_admin(user)
    found = objects.filter(pk=pk).first()
    if found is None:
        raise Http404(missing)
    return found


def access_user_by_id(user: User, user_id: int) -> User:
    """Another person's account, for an administrator (403 for others, 404 if missing)."""
    return _admin_get(user, User.objects.all(), user_id, _("No such person."))


def access_faculty_by_id(user: User, faculty_id: int) -> Faculty:
    return _admin_get(user, Faculty.objects.all(), faculty_id, _("No such faculty."))


def access_department_by_id(user: User, department_id: int) -> Department:
    departments = Department.objects.select_related("faculty")
    return _admin_get(user, departments, department_id, _("No such department."))


def password_refusal(target: User) -> str | None:
    """Why the portal cannot set ``target``'s password (single sign-on accounts), else ``None``."""
    if target.auth_source == AuthSource.LOCAL:
        return None
    return _(
        "This account signs in through %(source)s: its password is kept there, not in the "
        "portal, and cannot be set here."
    ) % {"source": AuthSource(target.auth_source).label}
