"""What every app's actions share: the refusals they raise, letters sent once a change is
committed, and absolute links for those letters.

Each app's ``actions`` module holds its state changes (``do_*``, one transaction each: lock,
check the precondition, change, audit entry, mail after commit); views turn an
:class:`ActionError` into the refusal page with its message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from oqu.portal.core.mail import send_letter


class ActionError(Exception):
    """Base of the refusals; ``str(e)`` is the message for the user."""


class Refused(ActionError):
    """The precondition does not hold (wrong state, conflict of interest, …)."""


class Conflict(ActionError):
    """The resource changed since the user saw it: reload and decide again."""


def mail_after_commit(subject: str, body: str, to: Iterable[str]) -> None:
    """Queue a letter (:func:`~oqu.portal.core.mail.send_letter`) for when the current
    transaction commits."""
    recipients = sorted({a for a in to if a})
    if recipients:
        transaction.on_commit(lambda: send_letter.enqueue(subject, body, recipients))


def absolute_url(name: str, *args: Any) -> str:
    return settings.OQU_BASE_URL.rstrip("/") + reverse(name, args=args)
