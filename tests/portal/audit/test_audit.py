"""The audit chain: every change recorded, append-only, and tampering detected."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection, transaction

from oqu.portal.audit import chain as audit
from oqu.portal.audit.models import AppendOnly, AuditEntry, AuditHead
from tests.portal.conftest import Org, new_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(org: Org) -> list[AuditEntry]:
    for i in range(4):
        new_resource(org, f"Ресурс {i}")
    return list(AuditEntry.objects.order_by("id"))


def test_chain_links_every_entry(chain: list[AuditEntry]) -> None:
    assert audit.verify().ok and audit.verify().entries == 4
    assert chain[0].prev_hash == audit.GENESIS
    for before, after in itertools.pairwise(chain):
        assert after.prev_hash == before.hash
    assert AuditHead.objects.get().last_hash == chain[-1].hash
    assert chain[0].action == "resource.create" and chain[0].actor_label.startswith("author@")


def test_changed_entry_is_detected(chain: list[AuditEntry]) -> None:
    # tamper below the ORM, as someone with database access would
    AuditEntry.objects.filter(pk=chain[1].pk).update(actor_label="someone-else@x")
    v = audit.verify()
    assert not v.ok and v.first_bad == chain[1].pk and "changed" in v.problem


def test_changed_data_is_detected(chain: list[AuditEntry]) -> None:
    AuditEntry.objects.filter(pk=chain[2].pk).update(data={"title": "forged"})
    assert audit.verify().first_bad == chain[2].pk


def test_deleted_entry_is_detected(chain: list[AuditEntry]) -> None:
    with connection.cursor() as cur:
        table = AuditEntry._meta.db_table
        cur.execute(f"DELETE FROM {table} WHERE id = %s", [chain[1].pk])
    v = audit.verify()
    assert not v.ok and v.first_bad == chain[2].pk


def test_truncated_chain_is_detected(chain: list[AuditEntry]) -> None:
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [chain[-1].pk])
    v = audit.verify()
    assert not v.ok and "removed" in v.problem


def test_rehashed_entry_breaks_the_next_link(chain: list[AuditEntry]) -> None:
    """A forger who recomputes the changed entry's own hash still breaks the chain after it."""
    e = chain[1]
    e.actor_label = "forger@x"
    new_hash = audit.entry_hash(e.prev_hash, e)
    AuditEntry.objects.filter(pk=e.pk).update(actor_label="forger@x", hash=new_hash)
    v = audit.verify()
    assert not v.ok and v.first_bad == chain[2].pk


def test_entries_cannot_be_changed_or_deleted_through_the_orm(chain: list[AuditEntry]) -> None:
    with pytest.raises(AppendOnly):
        chain[0].save()
    with pytest.raises(AppendOnly):
        chain[0].delete()


def test_append_outside_a_transaction_is_a_bug(db: None) -> None:
    conn = transaction.get_connection()
    saved = conn.in_atomic_block  # pytest-django wraps the test in one; pretend it does not
    conn.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError):
            audit.append(None, "x", None)
    finally:
        conn.in_atomic_block = saved
