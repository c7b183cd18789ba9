"""Pages of the placement certificate: issue and correct (the director), download (whoever may
see the resource), the sample preview (the Center) and the public verification page."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oqu.portal.certificates import actions, policy, variables
from oqu.portal.certificates import render as certificate_render
from oqu.portal.certificates.models import Certificate
from oqu.portal.core.actions import ActionError, Conflict
from oqu.portal.core.views import refused_page, user_of
from oqu.portal.workflow.views import resource_page

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(data: bytes | memoryview, ctype: str, name: str, *, inline: bool) -> HttpResponse:
    response = HttpResponse(bytes(data), content_type=ctype)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def issue(request: HttpRequest, resource_id: int) -> HttpResponse:
    user = user_of(request)
    resource = policy.access_resource_for_issue(user, resource_id)
    back = reverse("portal:resource", args=[resource.pk])
    try:
        cert = actions.do_issue_certificate(user, resource)
    except ActionError as e:
        return refused_page(request, e, back)
    messages.success(request, _("Certificate %(n)s is issued.") % {"n": cert.number})
    return redirect(back)


@login_required
@require_POST
def supersede(request: HttpRequest, number: str) -> HttpResponse:
    user = user_of(request)
    old = policy.access_certificate_by_number(user, number, for_issue=True)
    reason = request.POST.get("reason", "")[:2000]
    try:
        new = actions.do_supersede_certificate(user, old, reason)
    except ActionError as e:  # the resource page again, the refusal beside the typed reason
        status = 409 if isinstance(e, Conflict) else 400
        return resource_page(
            request,
            old.resource,
            status,
            certificate_error={"number": old.number, "message": str(e), "reason": reason},
        )
    messages.success(
        request,
        _("Certificate %(new)s is issued; it supersedes %(old)s.")
        % {"new": new.number, "old": old.number},
    )
    return redirect("portal:resource", old.resource_id)


@login_required
def download(request: HttpRequest, number: str, fmt: str) -> HttpResponse:
    cert = policy.access_certificate_by_number(user_of(request), number)
    if fmt == "pdf":
        return _file(cert.pdf, PDF, f"anyktama-{cert.number}.pdf", inline=True)
    if fmt == "docx":
        return _file(cert.docx, DOCX, f"anyktama-{cert.number}.docx", inline=False)
    raise Http404


@login_required
def preview(request: HttpRequest, fmt: str = "") -> HttpResponse:
    """The variable table with sample values, and the sample PDF and DOCX."""
    if not policy.can_preview(user_of(request)):
        raise PermissionDenied(_("The certificate preview is for the Center."))
    vals = variables.sample_values()
    if fmt == "pdf":
        return _file(certificate_render.pdf(vals, preview=True), PDF, "sample.pdf", inline=True)
    if fmt == "docx":
        return _file(certificate_render.docx(vals), DOCX, "sample.docx", inline=False)
    if fmt:
        raise Http404
    return render(
        request, "certificates/preview.html", {"variables": variables.VARIABLES, "vals": vals}
    )


def verify(request: HttpRequest, number: str, token: str) -> HttpResponse:
    """Public (no log-in): what the certificate says, whether it still stands, its hashes."""
    cert = (
        Certificate.objects.select_related("supersedes", "publication__version", "resource")
        .filter(number=number)
        .first()
    )
    if cert is None or not secrets.compare_digest(cert.token, token):
        raise Http404(_("No such certificate."))
    rows = [(v.label_kk, v.label_ru, cert.data.get(v.key, "")) for v in variables.VARIABLES
            if v.key not in ("verify_url", "supersedes")]  # fmt: skip
    # 10.2: a DER is updated in use. The certificate stays valid for what it certified (its
    # version, placed on its date); the page says when a newer version has replaced it, and
    # where the current one is (the catalogue: public, like this page).
    current = cert.resource.current_publication
    newer = current if current is not None and current.pk != cert.publication_id else None
    return render(
        request,
        "certificates/verify.html",
        {
            "cert": cert,
            "successor": cert.successor,
            "rows": rows,
            "certified": cert.publication,
            "newer": newer,
            "newer_certificate": actions.standing(newer) if newer else None,
        },
    )
