"""The audit log (clause 12): append-only and chained with a keyed hash, so tampering shows.

Each entry stores ``hash = HMAC-SHA256(key, prev_hash + canonical_json(entry))`` where the
canonical JSON has sorted keys, no spaces, UTC timestamps with microseconds, and the key is
``settings.OQU_AUDIT_KEY`` — never in the database, so whoever can write the database cannot
recompute the chain after changing a row (docs/security.md: keep the key apart from the
database's backups). :func:`append` is called only by actions, inside their transaction: it
locks the single :class:`~oqu.portal.audit.models.AuditHead` row, so concurrent appends queue up
and the chain never forks. :func:`verify` recomputes the chain and reports the first entry that
does not match (changed, deleted or inserted).

Chains written before the key (plain SHA-256) were re-anchored by the migration
``audit/0002_keyed_chain``: it appended one keyed entry :data:`KEYED` whose data records how
many unkeyed entries precede it and the last unkeyed hash. Those entries are still checked with
plain SHA-256; rewriting them changes that hash, which the keyed marker no longer matches.

The head row lives in the database too, so removing the last entries and moving the head back
shows only against a copy of the head kept elsewhere: ``oqu portal audit_anchor`` mails it
(``OQU_AUDIT_ANCHOR_EMAILS``, daily from cron) and ``oqu portal verify_audit --anchor ID:HASH``
checks the chain still holds it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from oqu.portal.audit.models import AuditEntry, AuditHead
from oqu.portal.people.models import User

GENESIS = "0" * 64
KEYED = "audit.keyed"  # the marker after which entries are keyed (see the module's text)


def canonical(entry: Any) -> str:
    """The entry's fields as hashed (an :class:`AuditEntry`, or its migration-time model)."""
    at = entry.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    body = {
        "at": at,
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "from": entry.from_state,
        "to": entry.to_state,
        "data": entry.data,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _key() -> bytes:
    key = str(settings.OQU_AUDIT_KEY)
    if not key:
        raise RuntimeError("OQU_AUDIT_KEY is not set")
    return key.encode("utf-8")


def entry_hash(prev_hash: str, entry: Any) -> str:
    """The keyed hash of ``entry`` after ``prev_hash``."""
    message = (prev_hash + canonical(entry)).encode("utf-8")
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def unkeyed_hash(prev_hash: str, entry: Any) -> str:
    """The hash of a chain written before the key (re-anchored by a :data:`KEYED` entry)."""
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def append(
    actor: User | None,
    action: str,
    obj: Any,
    *,
    from_state: str = "",
    to_state: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add one entry to the chain; must run inside the action's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.append runs inside the action's transaction")
    head, _ = AuditHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_hash": GENESIS}
    )
    # Round-trip the data through JSON now, so what is hashed is exactly what is stored.
    clean = json.loads(json.dumps(data or {}, ensure_ascii=False, default=str))
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor,
        actor_label=actor.email if actor else "system",
        action=action,
        object_type=type(obj)._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        from_state=from_state,
        to_state=to_state,
        data=clean,
        prev_hash=head.last_hash,
    )
    entry.hash = entry_hash(head.last_hash, entry)
    entry.save()
    head.last_hash = entry.hash
    head.save(update_fields=["last_hash"])
    return entry


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    entries: int
    first_bad: int | None = None  # id of the first entry that does not match
    problem: str = ""


def verify(anchors: dict[int, str] | None = None) -> Verification:
    """Recompute the whole chain; the head row must name the last entry, and each of
    ``anchors`` (entry id → hash, copies of the head kept outside the database) must still be in
    the chain."""
    marker = AuditEntry.objects.filter(action=KEYED).order_by("id").first()
    keyed_from = marker.pk if marker is not None else 0  # entries before it: unkeyed (legacy)
    prev = GENESIS
    count = 0
    seen: dict[int, str] = {}
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != prev:
            return Verification(False, count, entry.pk, "previous hash does not match")
        keyed = entry.pk >= keyed_from
        expected = entry_hash(prev, entry) if keyed else unkeyed_hash(prev, entry)
        if not hmac.compare_digest(expected, entry.hash):
            return Verification(False, count, entry.pk, "entry changed after it was written")
        if entry.pk == keyed_from and (
            entry.data.get("unkeyed_entries") != count - 1 or entry.data.get("unkeyed_head") != prev
        ):
            return Verification(False, count, entry.pk, "the unkeyed entries before it changed")
        if anchors and entry.pk in anchors:
            seen[entry.pk] = entry.hash
        prev = entry.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        return Verification(False, count, None, "entries removed from the end of the chain")
    if head is None and count:
        return Verification(False, count, None, "chain head missing")
    for pk, digest in sorted((anchors or {}).items()):
        if pk not in seen:
            return Verification(False, count, pk, "an anchored entry is missing (chain cut back)")
        if not hmac.compare_digest(seen[pk], digest):
            return Verification(False, count, pk, "an anchored entry has another hash")
    return Verification(True, count)


def rekey_legacy(entries: Any, heads: Any) -> bool:
    """Re-anchor a chain written with plain SHA-256 (before the key): append one keyed
    :data:`KEYED` entry recording the unkeyed entries' count and last hash. ``entries`` and
    ``heads`` are the managers of :class:`AuditEntry`/:class:`AuditHead` (the migration's
    models). Nothing happens to an empty chain or one already keyed; True when re-anchored."""
    if not entries.exists() or entries.filter(action=KEYED).exists():
        return False
    head = heads.select_for_update().filter(pk=1).first()
    last = entries.order_by("-id").first()
    prev = head.last_hash if head is not None else last.hash
    count = entries.count()
    marker = entries.model(
        at=timezone.now(),
        actor=None,
        actor_label="system",
        action=KEYED,
        object_type="",
        object_id="",
        from_state="unkeyed",
        to_state="hmac-sha256",
        data={"unkeyed_entries": count, "unkeyed_head": prev, "scheme": "hmac-sha256"},
        prev_hash=prev,
    )
    marker.hash = entry_hash(prev, marker)
    marker.save()
    if head is None:
        heads.create(pk=1, last_hash=marker.hash)
    else:
        head.last_hash = marker.hash
        head.save(update_fields=["last_hash"])
    return True


def head_anchor() -> str:
    """``ID:HASH`` of the last entry: a copy to keep outside the database."""
    last = AuditEntry.objects.order_by("-id").first()
    return f"{last.pk}:{last.hash}" if last is not None else ""


def parse_anchor(text: str) -> tuple[int, str]:
    pk, _, digest = text.strip().partition(":")
    if not pk.isdigit() or len(digest) != 64:
        raise ValueError(f"an anchor is ID:HASH (64 hex digits), not {text!r}")
    return int(pk), digest.lower()


def history(obj: Any) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type=type(obj)._meta.model_name, object_id=str(obj.pk)
        ).select_related("actor")
    )
