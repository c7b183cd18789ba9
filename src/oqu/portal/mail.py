"""The console mail backend of the demo and development (``OQU_EMAIL_BACKEND``'s default)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.core.mail.backends import console


class ConsoleBackend(console.EmailBackend):
    """Django's console backend, writing a letter as a person reads it. The stock one prints the
    MIME encoding: a Kazakh or Russian body comes out quoted-printable, and a sign-in link is
    cut by soft line ends (``=``) that whoever tries the demo cannot follow."""

    def write_message(self, message: EmailMessage) -> None:
        self.stream.write(
            f"From: {message.from_email}\nTo: {', '.join(message.to)}\n"
            f"Subject: {message.subject}\n\n{message.body}\n{'-' * 79}\n"
        )
