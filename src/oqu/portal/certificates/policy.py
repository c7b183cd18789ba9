"""Who may issue and correct placement certificates (clause 8.5, 11, 12).

* Issuing and superseding are the Center director's (11: "issues the placement certificates").
* Not for a resource the director is an author of (12, anti-corruption): refused like the
  portal's other conflict-of-interest cases, and re-checked inside the actions.
* The certificates of a resource are listed to whoever may see the resource
  (:func:`oqu.portal.workflow.policy.can_see_resource`); the verification page is public by
  design — it shows only what the certificate itself says.
* The sample preview (the variable table, sample PDF and DOCX) is for the Center.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from oqu.portal.certificates.models import Certificate
from oqu.portal.people.models import Role, User
from oqu.portal.people.policy import has_role, is_admin, is_center
from oqu.portal.workflow import policy
from oqu.portal.workflow.models import Resource


def issue_refusal(user: User, resource: Resource) -> str | None:
    """Why ``user`` may not issue (or supersede) a certificate for ``resource``."""
    if not has_role(user, Role.DIRECTOR):
        return _("Only the Center director issues placement certificates.")
    if policy.is_author(user, resource):
        return _(
            "You are an author of this resource: you cannot issue its placement certificate "
            "(conflict of interest)."
        )
    return None


def can_issue(user: User, resource: Resource) -> bool:
    """The director may issue or correct certificates of ``resource``'s current placement: it
    is placed (a new version in review leaves the current placement certified, 10.2)."""
    return (
        policy.can_see_resource(user, resource)
        and resource.is_placed
        and issue_refusal(user, resource) is None
    )


def access_resource_for_issue(user: User, resource_id: int) -> Resource:
    """The resource (404 if unseen), if ``user`` may issue its certificate (else 403)."""
    resource = policy.access_resource_by_id(user, resource_id)
    reason = issue_refusal(user, resource)
    if reason:
        raise PermissionDenied(reason)
    return resource


def access_certificate_by_number(
    user: User, number: str, *, for_issue: bool = False
) -> Certificate:
    """A certificate whose resource ``user`` may see (else 404); ``for_issue``: and correct it."""
    cert = (
        Certificate.objects.select_related("resource__department__faculty")
        .filter(number=number)
        .first()
    )
    if cert is None or not policy.can_see_resource(user, cert.resource):
        raise Http404(_("No such certificate."))
    if for_issue:
        reason = issue_refusal(user, cert.resource)
        if reason:
            raise PermissionDenied(reason)
    return cert


def can_preview(user: User) -> bool:
    return is_center(user) or is_admin(user)
