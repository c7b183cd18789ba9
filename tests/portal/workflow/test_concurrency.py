"""Two reviewers deciding at once, for real: two threads, two database connections, committed
transactions. Exactly one decision wins; the other is told (Conflict); nothing is lost and the
audit chain does not fork. Runs on SQLite and on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from oqu.portal.audit import chain as audit
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Review, State
from tests.portal.conftest import Org, fresh, new_resource

pytestmark = pytest.mark.django_db(transaction=True)


def _race(calls: list) -> list[object]:
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = calls[i]()
        except Exception as e:  # the outcome under test
            results[i] = e
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_two_reviewers_decide_at_once(org: Org, submit, source_zip) -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("in-memory SQLite is one connection; the PostgreSQL run covers the race")
    res = new_resource(org)
    submit(res, source_zip)
    actions.do_start_review(org.users["reviewer"], fresh(res))
    seen = fresh(res).revision
    results = _race([
        lambda: actions.do_approve(org.users["reviewer"], res, seen, actions.ReviewSpec(5, 5, 5)),
        lambda: actions.do_return(
            org.users["reviewer2"], res, seen, actions.ReviewSpec(2, 2, 2, reasons="Қайта")
        ),
    ])  # fmt: skip
    wins = [r for r in results if isinstance(r, Review)]
    told = [r for r in results if isinstance(r, actions.Conflict)]
    assert len(wins) == 1 and len(told) == 1, results
    assert "Someone else changed this resource" in str(told[0])
    final = fresh(res)
    assert final.state == (State.APPROVED if wins[0].decision == "approve" else State.RETURNED)
    assert Review.objects.count() == 1
    assert audit.verify().ok


def test_concurrent_audit_appends_do_not_fork_the_chain(org: Org) -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("in-memory SQLite is one connection; the PostgreSQL run covers the race")
    results = _race([lambda i=i: new_resource(org, f"Ресурс {i}") for i in range(6)])
    assert not [r for r in results if isinstance(r, Exception)], results
    v = audit.verify()
    assert v.ok and v.entries == 6
