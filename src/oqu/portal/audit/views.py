"""The audit log's page (12): the last entries and whether the chain verifies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from oqu.portal.audit import chain as audit
from oqu.portal.audit.models import AuditEntry
from oqu.portal.audit.policy import can_read_audit
from oqu.portal.core.views import user_of


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if not can_read_audit(user):
        raise PermissionDenied(_("Only the Center director, the vice-rector and administrators."))
    entries = AuditEntry.objects.select_related("actor").order_by("-id")[:500]
    return render(
        request, "portal/audit.html", {"entries": entries, "verification": audit.verify()}
    )
