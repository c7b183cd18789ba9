"""Counting events per key in the database, so every worker process shares the count.

Used for failed sign-ins (people.sign_in) and for requests of a sign-in link (keys
"reset-ip|…" and "reset|email": a mailbox is not flooded, nor the mail server abused). A key
counts ``limit`` events within ``window`` seconds of its first, then is locked for ``window``
seconds and starts again.

The client's address is ``REMOTE_ADDR``, or — only when the request comes from a proxy listed in
``OQU_TRUSTED_PROXIES`` — the address that proxy saw, from ``X-Forwarded-For``: behind nginx +
gunicorn every request comes from 127.0.0.1, and keying on it would let one person's failures
lock everyone out. A header from anyone else is ignored (anyone can send one).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from oqu.portal.people.models import LoginThrottle

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s, strict=False) for s in spec)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, unless that is a trusted proxy; then the nearest
    address in ``X-Forwarded-For`` (read from the right) that is not a trusted proxy itself.
    The entries left of it were written by the client and are never believed."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    networks = _networks(tuple(settings.OQU_TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a hop that is no address: the chain cannot be read, keep the proxy
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else remote


def is_new_within(key: str, window: int) -> bool:
    """True the first time ``key`` is seen within ``window`` seconds (then it is remembered)."""
    now = timezone.now()
    with transaction.atomic():
        row, created = LoginThrottle.objects.select_for_update().get_or_create(
            key=key[:300], defaults={"first_failure_at": now, "failures": 1}
        )
        if created:
            return True
        if row.first_failure_at is None or now - row.first_failure_at > dt.timedelta(
            seconds=window
        ):
            row.first_failure_at, row.failures = now, 1
            row.save(update_fields=["first_failure_at", "failures"])
            return True
    return False


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
