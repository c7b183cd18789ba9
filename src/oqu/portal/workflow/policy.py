"""Who may see and do what with a resource — the one place that decides (clause 11 roles,
clause 12 controls); the roles themselves are read by :mod:`oqu.portal.people.policy`.

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
  them in the portal, and anyone — signed in or not — in the public catalogue (also while a
  new version of a placed resource is in review: the catalogue shows the current placement;
  its portal page then follows the new version's state, like any submission)
  (:func:`public_resources`, :func:`access_public_resource_by_id`): their form 01 metadata,
  preview, SCORM package, the news feed and the register export. Nothing else is public.
* **Conflict of interest (12, anti-corruption).** No one reviews, decides on or publishes a
  resource they are an author of, whatever roles they hold.
* Reviewing and deciding are the Center reviewer's; publishing is the reviewer's or the
  director's; a plan is made and approved by its department's head (8.2); the audit log is
  read by the director, the first vice-rector and administrators (12).
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from oqu.portal.people.models import Department, Role, User
from oqu.portal.people.policy import departments_with, faculties_with, has_role, is_admin, is_center
from oqu.portal.workflow.models import Resource, State, Version


class ResourceAction(StrEnum):
    VIEW = "view"
    SUBMIT = "submit"  # upload a new version, as an author
    PLAY = "play"  # open a version in the portal's player (an author, or a reviewer)
    REVIEW = "review"  # start a review, comment on slides
    DECIDE = "decide"  # approve or return
    PUBLISH = "publish"
    CONFIRM_EXTRACT = "extract"  # confirm or provide the minutes' extract, as the head (11)


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
    if action == ResourceAction.CONFIRM_EXTRACT:  # the department's word, not a decision
        if resource.department_id in departments_with(user, Role.HEAD):
            return None
        return _(
            "Only the head of the resource's department provides the extract from the "
            "department meeting's minutes."
        )
    author = is_author(user, resource)
    if action == ResourceAction.SUBMIT:
        return None if author else _("Only the resource's authors can submit versions.")
    if action == ResourceAction.PLAY:  # authors play their own package (11); reviewers theirs
        if author or has_role(user, Role.REVIEWER):
            return None
        return _("Only the resource's authors and the Center's reviewers can play its versions.")
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
    """What the public catalogue, its feed, its export and its downloads may show: placed
    resources only — never a draft, a submission under review or an approved-but-unplaced one.
    A published resource whose *new* version is in review stays (10.2, "can be updated in
    use"): the catalogue shows its current placement until the new one replaces it."""
    return Resource.objects.placed()


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


def author_departments(user: User) -> QuerySet[Department]:
    return Department.objects.filter(pk__in=departments_with(user, Role.AUTHOR))
