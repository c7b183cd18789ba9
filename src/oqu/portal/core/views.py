"""What every app's pages share: the signed-in user, the refusal page, the menu's context."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from oqu.portal.audit.policy import can_read_audit
from oqu.portal.core.actions import ActionError, Conflict
from oqu.portal.people.models import Role, User
from oqu.portal.people.policy import grants, is_admin


def nav_context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    assert isinstance(user, User)
    return {
        "my_roles": sorted({Role(g.role).label for g in grants(user)}),
        "can_read_audit": can_read_audit(user),
        "can_manage_people": is_admin(user),
    }


def user_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def refused_page(request: HttpRequest, error: ActionError, back: str) -> HttpResponse:
    status = 409 if isinstance(error, Conflict) else 400
    return render(
        request, "portal/refused.html", {"message": str(error), "back": back}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The portal's own page for a request Django cannot read (``handler400``), in the user's
    language, instead of an unstyled "Bad Request (400)" (issue 15.9). The usual cause is an
    upload whose file name is too long: Django refuses a form part whose headers pass 1 KB."""
    if isinstance(exception, MultiPartParserError):
        message = _(
            "The form could not be read: a file's name is too long, or the upload was cut off. "
            "Give the file a shorter name (up to 200 characters) and send the form again."
        )
    else:
        message = _("The request could not be read. Go back, reload the page and try again.")
    try:
        hosts = {request.get_host()}
    except DisallowedHost:  # the request names a host the portal does not serve: no link back
        hosts = set()
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, hosts, request.is_secure()):
        back = ""
    language: AbstractContextManager[object] = nullcontext()
    if not hasattr(request, "user"):
        # Refused before the middleware ran (a host not allowed): a visitor's page, in the
        # language the browser asks for.
        request.user = AnonymousUser()
        language = translation.override(translation.get_language_from_request(request))
    with language:
        return render(request, "400.html", {"message": message, "back": back}, status=400)


FAVICON = Path(__file__).resolve().parents[1] / "static" / "portal" / "favicon.svg"


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """The portal's icon at /favicon.ico, where browsers look for it on pages that name none
    (the check report, the player's pages); the portal's own pages name it in their head. Without
    it every such page's console showed a 404 and the browser's tab no icon."""
    return HttpResponse(_favicon_bytes(), content_type="image/svg+xml")


@cache
def _favicon_bytes() -> bytes:
    return FAVICON.read_bytes()  # read once per process, not on every request
