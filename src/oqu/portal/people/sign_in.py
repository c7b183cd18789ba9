"""Signing in and out; failed attempts are rate-limited (:mod:`oqu.portal.people.throttle`),
so that nobody can turn the limit against someone else:

- per address and account ("ip|email"): ``OQU_LOGIN_MAX_FAILURES`` failures lock that address
  out of that account — the person guessing, not the account's owner elsewhere;
- per account ("acct|email"): locked only when ``OQU_LOGIN_ACCOUNT_ADDRESSES`` *different*
  addresses failed on it within the window — a distributed guess; one address never locks it;
- per address ("ip|*"): ``OQU_LOGIN_ADDRESS_MAX_FAILURES`` failures on any accounts lock that
  address out of every account — one client spraying a common password over many accounts.

All are ``OQU_LOGIN_LOCK_SECONDS`` long; the address is the real client's behind a trusted proxy.
"""

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
        ip = throttle.client_ip(request)
        key, account_key, address_key = f"{ip}|{email}", f"acct|{email}", f"ip|{ip}|*"
        locks = [throttle.locked_minutes(k) for k in (key, account_key, address_key)]
        minutes = max((m for m in locks if m is not None), default=None)
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
            # this address's count on this account starts again; its count over all accounts
            # does not (a sprayer signing in to an account of its own would reset it)
            throttle.clear(key)
            throttle.clear(f"seen|{email}|{ip}")
            login(request, user)
            nxt = request.GET.get("next", "")
            if nxt.startswith("/") and not nxt.startswith("//"):
                return redirect(nxt)
            return redirect("portal:dashboard")
        window = settings.OQU_LOGIN_LOCK_SECONDS
        throttle.count(key, settings.OQU_LOGIN_MAX_FAILURES, window)
        throttle.count(address_key, settings.OQU_LOGIN_ADDRESS_MAX_FAILURES, window)
        if throttle.is_new_within(f"seen|{email}|{ip}", window):  # one more address guessing
            throttle.count(account_key, settings.OQU_LOGIN_ACCOUNT_ADDRESSES, window)
        form.add_error(None, _("Wrong e-mail or password."))
        status = 401
    return render(request, "portal/login.html", {"form": form}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:login")
