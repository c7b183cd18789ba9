"""What every app's pages share: the signed-in user, the refusal page, the menu's context."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
