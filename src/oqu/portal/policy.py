"""Who may see and do what — the one place that decides (clause 11 roles, clause 12 controls).

Every object a view touches is fetched through an ``access_*_by_id`` function: an object the
user may not *see* is reported as missing (404, so its existence does not leak); one the user
may see but not act on raises :class:`PermissionDenied` with the reason (403).

Decisions, with their reasons:

* **Drafts stay in the department.** A draft is seen by its authors, the head of its
  department, the dean of its faculty and administrators. Other authors — even in the same
  department — do not see it: it is unfinished work (12, confidentiality).
* **Submitted work goes to the Center.** Once submitted, the Center's reviewers and director
  and the first vice-rector see it too (8.4, 11).
* **Published resources are public** (8.7: "publicly accessible"): every signed-in user sees
  them in the portal, and anyone — signed in or not — in the public catalogue
  (:func:`public_resources`, :func:`access_public_resource_by_id`): their form 01 metadata,
  preview, SCORM package, the news feed and the register export. Nothing else is public.
* **Conflict of interest (12, anti-corruption).** No one reviews, decides on or publishes a
  resource they are an author of, whatever roles they hold.
* Reviewing and deciding are the Center reviewer's; publishing is the reviewer's or the
  director's; a plan is made and approved by its department's head (8.2); the audit log is
  read by the director, the first vice-rector and administrators (12).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from oqu.portal.models import (
    AuthSource,
    Department,
    Faculty,
    Resource,
    Role,
    State,
    User,
    Version,
    YearlyPlan,
)

CENTER_ROLES = frozenset({Role.REVIEWER, Role.DIRECTOR, Role.VICE_RECTOR, Role.ADMIN})


class ResourceAction(StrEnum):
    VIEW = "view"
    SUBMIT = "submit"  # upload a new version, as an author
    REVIEW = "review"  # start a review, comment on slides
    DECIDE = "decide"  # approve or return
    PUBLISH = "publish"


class PlanAction(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # add items
    APPROVE = "approve"


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


# --- resources --------------------------------------------------------------------------------


def visible_resources(user: User) -> QuerySet[Resource]:
    """Every resource the user may see, as one query (lists, dashboards)."""
    qs = Resource.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_admin(user):
        return qs
    cond = Q(authors=user) | Q(state=State.PUBLISHED)
    cond |= Q(department_id__in=departments_with(user, Role.HEAD))
    cond |= Q(department__faculty_id__in=faculties_with(user, Role.DEAN))
    if is_center(user):
        cond |= ~Q(state=State.DRAFT)
    return qs.filter(cond).distinct()


def can_see_resource(user: User, resource: Resource) -> bool:
    if not user.is_authenticated:
        return False
    if is_admin(user) or resource.state == State.PUBLISHED:
        return True
    if is_author(user, resource):
        return True
    if resource.department_id in departments_with(user, Role.HEAD):
        return True
    if resource.department.faculty_id in faculties_with(user, Role.DEAN):
        return True
    return resource.state != State.DRAFT and is_center(user)


def is_author(user: User, resource: Resource) -> bool:
    return resource.authors.filter(pk=user.pk).exists()


def refusal(user: User, resource: Resource, action: ResourceAction) -> str | None:
    """Why ``user`` may not do ``action`` on a resource they can see; ``None`` when they may."""
    if action == ResourceAction.VIEW:
        return None
    author = is_author(user, resource)
    if action == ResourceAction.SUBMIT:
        return None if author else _("Only the resource's authors can submit versions.")
    if author:
        return _(
            "You are an author of this resource: you cannot review, approve or publish it "
            "(conflict of interest)."
        )
    if action in (ResourceAction.REVIEW, ResourceAction.DECIDE):
        return None if has_role(user, Role.REVIEWER) else _("Only a Center reviewer can do this.")
    if action == ResourceAction.PUBLISH:
        if has_role(user, Role.REVIEWER) or has_role(user, Role.DIRECTOR):
            return None
        return _("Only the Center can record a publication.")
    raise AssertionError(action)  # pragma: no cover


def can(user: User, resource: Resource, action: ResourceAction) -> bool:
    return can_see_resource(user, resource) and refusal(user, resource, action) is None


def access_resource_by_id(
    user: User, resource_id: int, for_action: ResourceAction = ResourceAction.VIEW
) -> Resource:
    """The resource, if ``user`` may see it (else 404) and do ``for_action`` (else 403)."""
    resource = Resource.objects.select_related("department__faculty").filter(pk=resource_id).first()
    if resource is None or not can_see_resource(user, resource):
        raise Http404(_("No such resource."))
    reason = refusal(user, resource, for_action)
    if reason:
        raise PermissionDenied(reason)
    return resource


def access_version_by_id(
    user: User, resource_id: int, number: int, for_action: ResourceAction = ResourceAction.VIEW
) -> Version:
    resource = access_resource_by_id(user, resource_id, for_action)
    version = resource.versions.filter(number=number).first()
    if version is None:
        raise Http404(_("No such version."))
    return version


def public_resources() -> QuerySet[Resource]:
    """What the public catalogue, its feed, its export and its downloads may show: published
    resources only — never a draft, a submission under review or an approved-but-unplaced one."""
    return Resource.objects.published()


def access_public_resource_by_id(resource_id: int) -> Resource:
    """A published resource for anyone (404 for every other state: existence does not leak)."""
    resource = (
        public_resources().select_related("department__faculty").filter(pk=resource_id).first()
    )
    if resource is None:
        raise Http404(_("No such resource."))
    return resource


def can_create_resource(user: User, department: Department) -> bool:
    return department.pk in departments_with(user, Role.AUTHOR)


# --- plans ------------------------------------------------------------------------------------


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


def author_departments(user: User) -> QuerySet[Department]:
    return Department.objects.filter(pk__in=departments_with(user, Role.AUTHOR))


# --- the audit log ----------------------------------------------------------------------------


def can_read_audit(user: User) -> bool:
    return is_admin(user) or has_role(user, Role.DIRECTOR) or has_role(user, Role.VICE_RECTOR)


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
