"""Mail: the console backend of the demo and development (``OQU_EMAIL_BACKEND``'s default), and
the task that sends one letter."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends import console
from django.tasks import task


class ConsoleBackend(console.EmailBackend):
    """Django's console backend, writing a letter as a person reads it. The stock one prints the
    MIME encoding: a Kazakh or Russian body comes out quoted-printable, and a sign-in link is
    cut by soft line ends (``=``) that whoever tries the demo cannot follow."""

    def write_message(self, message: EmailMessage) -> None:
        self.stream.write(
            f"From: {message.from_email}\nTo: {', '.join(message.to)}\n"
            f"Subject: {message.subject}\n\n{message.body}\n{'-' * 79}\n"
        )


@task()
def send_letter(subject: str, body: str, to: list[str]) -> int:
    """One letter (``core.actions.mail_after_commit`` queues it once the change is committed):
    the request that made it never waits for the mail server, nor shows by its time whether there
    was a letter to send (the sign-in link page). A server that refuses it fails the job, which
    the worker logs; the change it reports stands."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
