"""``{% certificates_for resource %}``: the certificates section of the resource page, so the
portal's view needs no change to show it."""

from __future__ import annotations

from typing import Any

from django import template

from oqu.portal.certificates import policy
from oqu.portal.certificates.models import Certificate
from oqu.portal.people.models import User
from oqu.portal.workflow import policy as portal_policy
from oqu.portal.workflow.models import Resource

register = template.Library()


@register.inclusion_tag("certificates/_resource_certificates.html", takes_context=True)
def certificates_for(context: dict[str, Any], resource: Resource) -> dict[str, Any]:
    user = context["request"].user
    if not isinstance(user, User) or not portal_policy.can_see_resource(user, resource):
        return {"show": False}
    certs = list(
        Certificate.objects.filter(resource=resource)
        .select_related("issued_by", "publication__version", "supersedes")
        .defer("pdf", "docx", "data")
    )
    successors = {c.supersedes_id: c for c in certs if c.supersedes_id}
    current = resource.current_publication
    can_issue = policy.can_issue(user, resource)
    return {
        "show": True,
        "resource": resource,
        # each with its successor, and whether it certifies the current placement (10.2: the
        # certificate of a replaced version stays valid for that version and is not corrected)
        "certificates": [
            (c, successors.get(c.pk), current is not None and c.publication_id == current.pk)
            for c in certs
        ],
        "can_issue": can_issue,
        # a placement without a standing certificate: the first, or a new version placed since
        "can_issue_new": can_issue
        and current is not None
        and not any(c.publication_id == current.pk and c.pk not in successors for c in certs),
        "csrf_token": context.get("csrf_token"),
        # a refused correction: its message beside the reason, what was typed kept (15.6); above
        # the list when that certificate has no correction form (already superseded, replaced)
        "error": (error := context.get("certificate_error")),
        "error_inline": error is not None
        and can_issue
        and any(
            c.number == error.get("number")
            and c.pk not in successors
            and current is not None
            and c.publication_id == current.pk
            for c in certs
        ),
    }
