"""The audit log (clause 12): append-only and hash-chained, so tampering shows.

Each entry stores ``hash = sha256(prev_hash + canonical_json(entry))`` where the canonical JSON
has sorted keys, no spaces, UTC timestamps with microseconds. :func:`append` is called only by
actions, inside their transaction: it locks the single :class:`~oqu.portal.audit.models.AuditHead`
row, so concurrent appends queue up and the chain never forks. :func:`verify` recomputes the
chain and reports the first entry that does not match (changed, deleted or inserted).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import transaction
from django.utils import timezone

from oqu.portal.audit.models import AuditEntry, AuditHead
from oqu.portal.people.models import User

GENESIS = "0" * 64


def canonical(entry: AuditEntry) -> str:
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


def entry_hash(prev_hash: str, entry: AuditEntry) -> str:
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


def verify() -> Verification:
    """Recompute the whole chain; the head row must name the last entry."""
    prev = GENESIS
    count = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != prev:
            return Verification(False, count, entry.pk, "previous hash does not match")
        if entry_hash(prev, entry) != entry.hash:
            return Verification(False, count, entry.pk, "entry changed after it was written")
        prev = entry.hash
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != prev:
        return Verification(False, count, None, "entries removed from the end of the chain")
    if head is None and count:
        return Verification(False, count, None, "chain head missing")
    return Verification(True, count)


def history(obj: Any) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type=type(obj)._meta.model_name, object_id=str(obj.pk)
        ).select_related("actor")
    )
