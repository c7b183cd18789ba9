"""Counting events per key in the database, so every worker process shares the count.

Used for failed sign-ins (key "ip|email": ``OQU_LOGIN_MAX_FAILURES`` in
``OQU_LOGIN_LOCK_SECONDS`` lock that pair for as long) and for requests of a sign-in link
(keys "reset-ip|…" and "reset|email": a mailbox is not flooded, nor the mail server abused).
A key counts ``limit`` events within ``window`` seconds of its first, then is locked for
``window`` seconds and starts again.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from oqu.portal.people.models import LoginThrottle


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a proxy we trust rewrites it
    # (docs/deployment.md: the proxy sets REMOTE_ADDR through the WSGI server's forwarded-allow).
    return str(request.META.get("REMOTE_ADDR", ""))


def locked_minutes(key: str) -> int | None:
    """Minutes (rounded up) until ``key`` is unlocked, or ``None`` when it is not locked."""
    now = timezone.now()
    row = LoginThrottle.objects.filter(key=key[:300]).first()
    if row is None or row.locked_until is None or row.locked_until <= now:
        return None
    return int((row.locked_until - now).total_seconds() // 60) + 1


def count(key: str, limit: int, window: int) -> bool:
    """One more event for ``key``; the ``limit``-th within ``window`` seconds locks it. False,
    and nothing counted, when ``key`` is locked already: decided under the row's lock, so
    requests that arrive together cannot all slip through."""
    now = timezone.now()
    span = dt.timedelta(seconds=window)
    with transaction.atomic():
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(key=key[:300])
        if row.locked_until is not None and row.locked_until > now:
            return False
        if row.first_failure_at is None or now - row.first_failure_at > span:
            row.failures, row.first_failure_at = 0, now
        row.failures += 1
        if row.failures >= limit:
            row.locked_until = now + span
            row.failures, row.first_failure_at = 0, None
        row.save()
    return True


def clear(key: str) -> None:
    LoginThrottle.objects.filter(key=key[:300]).delete()
