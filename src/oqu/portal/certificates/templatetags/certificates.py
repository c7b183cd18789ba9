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
        .select_related("issued_by")
        .defer("pdf", "docx", "data")
    )
    successors = {c.supersedes_id: c for c in certs if c.supersedes_id}
    return {
        "show": True,
        "resource": resource,
        "certificates": [(c, successors.get(c.pk)) for c in certs],
        "can_issue": policy.can_issue(user, resource),
        "csrf_token": context.get("csrf_token"),
    }
