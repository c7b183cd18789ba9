"""The keyed audit chain (issue 12, item 5): someone who can write the database but has not the
key (``OQU_AUDIT_KEY``) cannot rewrite the chain so that it verifies; a chain cut back and its
head moved back shows against the head mailed out (``audit_anchor``); chains written before the
key are re-anchored by a keyed marker. ``oqu portal verify_audit``'s exit codes: in
test_verify_audit_command.py (a database file of its own, not the test database)."""

from __future__ import annotations

import hashlib

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from oqu.portal.audit import chain as audit
from oqu.portal.audit.models import AuditEntry, AuditHead
from tests.portal.conftest import Org, new_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(org: Org) -> list[AuditEntry]:
    for i in range(6):
        new_resource(org, f"Ресурс {i}")
    return list(AuditEntry.objects.order_by("id"))


def _sql(query: str, params: list[object]) -> None:
    with connection.cursor() as cur:
        cur.execute(query.format(t=AuditEntry._meta.db_table), params)


def _forge_from(chain: list[AuditEntry], index: int, hasher: object) -> None:
    """What an attacker with the database but not the key does: change one entry, then recompute
    every later hash and the head with the hash function they know."""
    AuditEntry.objects.filter(pk=chain[index].pk).update(actor_label="someone-else@x")
    prev = chain[index].prev_hash
    for entry in AuditEntry.objects.order_by("id").filter(pk__gte=chain[index].pk):
        digest = hasher(prev, entry)  # type: ignore[operator]
        _sql("UPDATE {t} SET prev_hash = %s, hash = %s WHERE id = %s", [prev, digest, entry.pk])
        prev = digest
    AuditHead.objects.filter(pk=1).update(last_hash=prev)


def test_entries_are_hashed_with_the_key(chain: list[AuditEntry], settings: object) -> None:
    assert audit.verify().ok
    unkeyed = hashlib.sha256((chain[0].prev_hash + audit.canonical(chain[0])).encode())
    assert chain[0].hash != unkeyed.hexdigest()
    settings.OQU_AUDIT_KEY = "another key"  # type: ignore[attr-defined]
    assert not audit.verify().ok  # the key, not only the data, makes the chain


def test_edit_and_recompute_every_later_unkeyed_hash_is_detected(chain: list[AuditEntry]) -> None:
    _forge_from(chain, 2, audit.unkeyed_hash)
    v = audit.verify()
    assert not v.ok and v.first_bad == chain[2].pk


def test_edit_and_recompute_with_a_guessed_key_is_detected(chain: list[AuditEntry]) -> None:
    import hmac

    def guessed(prev: str, entry: AuditEntry) -> str:
        msg = (prev + audit.canonical(entry)).encode()
        return hmac.new(b"dev-only-insecure-key", msg, hashlib.sha256).hexdigest()

    _forge_from(chain, 4, guessed)
    assert audit.verify().first_bad == chain[4].pk


def test_cut_back_chain_with_head_moved_back_is_detected_by_the_mailed_anchor(
    chain: list[AuditEntry], settings: object
) -> None:
    settings.OQU_AUDIT_ANCHOR_EMAILS = ["auditor@example.org"]  # type: ignore[attr-defined]
    call_command("audit_anchor")
    (letter,) = mail.outbox
    anchor = f"{chain[-1].pk}:{chain[-1].hash}"
    assert anchor in letter.body and letter.to == ["auditor@example.org"]
    assert audit.verify(dict([audit.parse_anchor(anchor)])).ok
    # delete the last two entries below the ORM and move the head back: the chain alone passes
    _sql("DELETE FROM {t} WHERE id >= %s", [chain[-2].pk])
    AuditHead.objects.filter(pk=1).update(last_hash=chain[-3].hash)
    assert audit.verify().ok
    v = audit.verify(dict([audit.parse_anchor(anchor)]))
    assert not v.ok and v.first_bad == chain[-1].pk and "missing" in v.problem


def _legacy_chain(org: Org) -> list[AuditEntry]:
    """A chain as the portal wrote it before the key: plain SHA-256."""
    for i in range(3):
        new_resource(org, f"Ресурс {i}")
    prev = audit.GENESIS
    for entry in AuditEntry.objects.order_by("id"):
        digest = audit.unkeyed_hash(prev, entry)
        _sql("UPDATE {t} SET prev_hash = %s, hash = %s WHERE id = %s", [prev, digest, entry.pk])
        prev = digest
    AuditHead.objects.filter(pk=1).update(last_hash=prev)
    return list(AuditEntry.objects.order_by("id"))


def test_an_unkeyed_chain_is_re_anchored_by_a_keyed_marker(org: Org) -> None:
    legacy = _legacy_chain(org)
    assert not audit.verify().ok  # read as keyed, the old chain does not verify
    assert audit.rekey_legacy(AuditEntry.objects, AuditHead.objects)
    assert not audit.rekey_legacy(AuditEntry.objects, AuditHead.objects)  # once only
    marker = AuditEntry.objects.latest("id")
    assert marker.action == audit.KEYED and marker.prev_hash == legacy[-1].hash
    assert marker.data["unkeyed_entries"] == 3
    assert audit.verify().ok
    new_resource(org, "after the key")
    assert audit.verify().ok and audit.verify().entries == 5


def test_rewriting_the_unkeyed_part_after_re_anchoring_is_detected(org: Org) -> None:
    legacy = _legacy_chain(org)
    audit.rekey_legacy(AuditEntry.objects, AuditHead.objects)
    marker = AuditEntry.objects.latest("id")
    # rewrite an old entry and recompute the unkeyed hashes up to the marker, and its link
    AuditEntry.objects.filter(pk=legacy[0].pk).update(actor_label="someone-else@x")
    prev = audit.GENESIS
    for entry in AuditEntry.objects.order_by("id").filter(pk__lt=marker.pk):
        digest = audit.unkeyed_hash(prev, entry)
        _sql("UPDATE {t} SET prev_hash = %s, hash = %s WHERE id = %s", [prev, digest, entry.pk])
        prev = digest
    _sql("UPDATE {t} SET prev_hash = %s WHERE id = %s", [prev, marker.pk])
    v = audit.verify()
    assert not v.ok and v.first_bad == marker.pk


def test_removing_the_marker_to_pass_a_forged_chain_as_unkeyed_is_detected(org: Org) -> None:
    _legacy_chain(org)
    audit.rekey_legacy(AuditEntry.objects, AuditHead.objects)
    new_resource(org, "after the key")
    chain = list(AuditEntry.objects.order_by("id"))
    _sql("DELETE FROM {t} WHERE action = %s", [audit.KEYED])
    rest = [e for e in chain if e.action != audit.KEYED]
    _forge_from(rest, 0, audit.unkeyed_hash)
    assert not audit.verify().ok
