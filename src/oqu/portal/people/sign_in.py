"""Signing in and out; failed attempts are rate-limited per client and address
(:mod:`oqu.portal.people.throttle`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oqu.portal.people import throttle
from oqu.portal.people.forms import LoginForm


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        key = f"{throttle.client_ip(request)}|{email}"
        minutes = throttle.locked_minutes(key)
        if minutes is not None:
            form.add_error(
                None,
                _(
                    "Too many failed attempts. Signing in is locked for %(minutes)d more "
                    "minute(s); try again later or ask an administrator."
                )
                % {"minutes": minutes},
            )
            return render(request, "portal/login.html", {"form": form}, status=429)
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is not None:
            throttle.clear(key)
            login(request, user)
            nxt = request.GET.get("next", "")
            if nxt.startswith("/") and not nxt.startswith("//"):
                return redirect(nxt)
            return redirect("portal:dashboard")
        throttle.count(key, settings.OQU_LOGIN_MAX_FAILURES, settings.OQU_LOGIN_LOCK_SECONDS)
        form.add_error(None, _("Wrong e-mail or password."))
        status = 401
    return render(request, "portal/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:login")
