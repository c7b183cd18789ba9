"""A forgotten password and the administrator's invitation: one-time sign-in links.

``/login/forgot/`` asks for the e-mail and mails a link (``people.actions.do_send_sign_in_link``)
to an active account that signs in with a password. The answer is the same whether or not such
an account exists, so the page does not tell who has one. Requests are counted per address
(``SENDS_PER_ADDRESS`` an hour: a mailbox is not flooded) and per client IP (``ASKS_PER_IP``
an hour: the mail server is not abused); past the address's count nothing more is sent, past
the IP's the page says to wait.

``/login/set-password/<uid>/<token>/`` is Django's ``PasswordResetConfirmView``: the token
(``default_token_generator``) holds the password hash, the last sign-in and the e-mail, so it
works once and only until ``PASSWORD_RESET_TIMEOUT``; the view moves it out of the address into
the session at once, so it never reaches another site through Referer. Deactivated and single
sign-on accounts get "this link does not work". The password is set by
``people.actions.do_reset_password`` (validators, audit entry); the person then signs in.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from oqu.portal.core.actions import ActionError
from oqu.portal.people import actions as act
from oqu.portal.people import throttle
from oqu.portal.people.forms import AdminSetPasswordForm, ForgotPasswordForm
from oqu.portal.people.models import AuthSource, User

SENDS_PER_ADDRESS = 3  # letters to one address an hour
ASKS_PER_IP = 10  # requests from one client an hour
HOUR = 3600


def forgot(request: HttpRequest) -> HttpResponse:
    form = ForgotPasswordForm(request.POST or None)
    if request.method != "POST":
        return render(request, "portal/forgot.html", {"form": form})
    if not form.is_valid():
        return render(request, "portal/forgot.html", {"form": form}, status=400)
    ip_key = f"reset-ip|{throttle.client_ip(request)}"
    if not throttle.count(ip_key, ASKS_PER_IP, HOUR):
        form.add_error(
            None,
            _("Too many requests from this computer. Try again in %(minutes)d minute(s).")
            % {"minutes": throttle.locked_minutes(ip_key) or 1},
        )
        return render(request, "portal/forgot.html", {"form": form}, status=429)
    email = form.cleaned_data["email"].strip().lower()
    user = User.objects.filter(
        email__iexact=email, is_active=True, auth_source=AuthSource.LOCAL
    ).first()
    # Counted per account when there is one (every spelling the database folds to its address
    # is the same mailbox), else per address typed: the same work either way.
    mail_key = f"reset|user:{user.pk}" if user is not None else f"reset|{email}"
    if throttle.count(mail_key, SENDS_PER_ADDRESS, HOUR) and user is not None:
        act.do_send_sign_in_link(None, user)
    return render(request, "portal/forgot.html", {"sent_to": email})


class SetPasswordView(PasswordResetConfirmView):
    template_name = "portal/set_password.html"
    form_class = AdminSetPasswordForm
    success_url = reverse_lazy("portal:login")

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        if user is None or not user.is_active or user.auth_source != AuthSource.LOCAL:
            return None
        return user

    def form_valid(self, form: Any) -> HttpResponse:
        assert self.user is not None  # a form is shown only for a valid link
        try:
            act.do_reset_password(self.user, form.cleaned_data["new_password1"])
        except ActionError as e:
            form.add_error("new_password1", str(e))
            return self.form_invalid(form)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Your password is set. Sign in with it."))
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


set_password = SetPasswordView.as_view()
