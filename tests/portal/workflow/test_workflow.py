"""Every transition of the workflow through HTTP, and every refusal of each."""

from __future__ import annotations

import pytest
from django.core import mail

from oqu.portal.audit import chain as audit
from oqu.portal.audit.models import AuditEntry
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import JobState, Publication, Review, State, Version, VersionKind
from tests.portal.conftest import Org, fresh, new_resource, review_data

pytestmark = pytest.mark.django_db


def _to_review(org: Org, resource, submit, package) -> None:
    assert submit(resource, package).status_code == 302
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision}
    )
    assert r.status_code == 302, r.content


def test_author_creates_a_resource_through_the_form(org: Org) -> None:
    c = org.client("author")
    r = c.post(
        "/resources/new/",
        {"department": org.dep.pk, "title": "Сүт", "discipline": "Сүт технологиясы",
         "der_type": "e-study-guide", "language": "kk", "audience": ""},
    )  # fmt: skip
    assert r.status_code == 302
    res = org.users["author"].resources.get()
    assert res.state == State.DRAFT
    assert AuditEntry.objects.filter(action="resource.create", object_id=str(res.pk)).exists()


def test_only_authors_create_resources(org: Org) -> None:
    assert org.client("reviewer").get("/resources/new/").status_code == 403
    # an author of another department cannot create one in this department
    r = org.client("other_author").post(
        "/resources/new/",
        {"department": org.dep.pk, "title": "x", "discipline": "y",
         "der_type": "e-study-guide", "language": "kk"},
    )  # fmt: skip
    assert r.status_code == 200 and b"department" in r.content.lower()
    assert not org.users["other_author"].resources.exists()


def test_submit_source_runs_check_and_build(org: Org, resource, submit, source_zip) -> None:
    r = submit(resource, source_zip)
    assert r.status_code == 302
    v = Version.objects.get(resource=resource)
    assert v.number == 1 and v.kind == VersionKind.OQU_SOURCE
    assert v.job_state == JobState.DONE and v.job_progress == 100
    assert v.verdict in ("pass", "fail", "incomplete") and set(v.report) == {"kk", "ru", "en"}
    assert v.report["en"]["schema"] == "oqu-check/2"
    assert "-scorm12" in v.package.name and v.package.name.endswith(".zip")
    assert fresh(resource).state == State.SUBMITTED
    # the Center's reviewers are told — except a reviewer who is an author of it
    assert [m.to for m in mail.outbox] == [
        ["reviewer2@test.atu.edu.kz", "reviewer@test.atu.edu.kz"]
    ]
    page = org.client("author").get(f"/resources/{resource.pk}/v/1/")
    assert page.status_code == 200
    report = org.client("reviewer").get(f"/resources/{resource.pk}/v/1/report/")
    assert report.status_code == 200
    assert "script-src" not in report["Content-Security-Policy"]
    assert report["Content-Security-Policy"].startswith("default-src 'none'")


def test_submit_scorm_package(org: Org, resource, submit, scorm_zip) -> None:
    assert submit(resource, scorm_zip).status_code == 302
    v = Version.objects.get(resource=resource)
    assert v.kind == VersionKind.SCORM and v.job_state == JobState.DONE
    assert v.package.name == v.upload.name  # the upload is the package


def test_full_cycle_return_resubmit_approve_publish(org: Org, resource, submit, source_zip) -> None:
    _to_review(org, resource, submit, source_zip)
    assert fresh(resource).state == State.IN_REVIEW
    rev = org.client("reviewer")
    r = rev.post(
        f"/resources/{resource.pk}/review/decide/",
        review_data(fresh(resource).revision, "return", "Тест сұрақтары аз."),
    )
    assert r.status_code == 302
    assert fresh(resource).state == State.RETURNED
    assert any("returned" in m.subject for m in mail.outbox)
    # the author resubmits: version 2, and the page shows what changed between the findings
    assert submit(resource, source_zip).status_code == 302
    assert resource.versions.count() == 2 and fresh(resource).state == State.SUBMITTED
    page = org.client("author").get(f"/resources/{resource.pk}/")
    assert "What changed since the previous version" in page.content.decode()
    rev.post(f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision})
    r = rev.post(f"/resources/{resource.pk}/review/decide/", review_data(fresh(resource).revision))
    assert r.status_code == 302 and fresh(resource).state == State.APPROVED
    assert Review.objects.filter(version__resource=resource).count() == 2
    r = org.client("director").post(
        f"/resources/{resource.pk}/publish/",
        {"revision": fresh(resource).revision, "platform": "ATU Moodle",
         "link": "https://moodle.atu.edu.kz/mod/scorm/view.php?id=7", "published_on": "2026-11-20"},
    )  # fmt: skip
    assert r.status_code == 302 and fresh(resource).state == State.PUBLISHED
    assert Publication.objects.get(resource=resource).version.number == 2
    actions_seen = [e.action for e in audit.history(resource)]
    assert actions_seen == [
        "resource.create", "resource.submit", "review.start", "review.return",
        "resource.submit", "review.start", "review.approve", "resource.publish",
    ]  # fmt: skip
    assert audit.verify().ok


def test_slide_comment(org: Org, resource, submit, source_zip) -> None:
    _to_review(org, resource, submit, source_zip)
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/comment/", {"slide": 3, "text": "Сурет анық емес."}
    )
    assert r.status_code == 302
    page = org.client("author").get(f"/resources/{resource.pk}/").content.decode()
    assert "Сурет анық емес." in page


# --- refusals ---------------------------------------------------------------------------------


def test_submit_refused_while_in_review(org: Org, resource, submit, source_zip) -> None:
    _to_review(org, resource, submit, source_zip)
    r = submit(resource, source_zip)
    assert r.status_code == 400
    assert resource.versions.count() == 1


def test_start_review_refused_unless_submitted(org: Org, resource, submit, source_zip) -> None:
    # a draft is not even visible to the Center
    r = org.client("reviewer").post(f"/resources/{resource.pk}/review/start/", {"revision": 0})
    assert r.status_code == 404
    _to_review(org, resource, submit, source_zip)
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision}
    )
    assert r.status_code == 400 and fresh(resource).state == State.IN_REVIEW


def test_return_needs_reasons(org: Org, resource, submit, source_zip) -> None:
    _to_review(org, resource, submit, source_zip)
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/decide/",
        review_data(fresh(resource).revision, "return", "   "),
    )
    assert r.status_code == 400 and b"reasons" in r.content
    assert fresh(resource).state == State.IN_REVIEW and not Review.objects.exists()


def test_decide_refused_unless_in_review(org: Org, resource, submit, source_zip) -> None:
    submit(resource, source_zip)
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/decide/", review_data(fresh(resource).revision)
    )
    assert r.status_code == 400 and fresh(resource).state == State.SUBMITTED


def test_publish_refused_unless_approved(org: Org, resource, submit, source_zip) -> None:
    _to_review(org, resource, submit, source_zip)
    r = org.client("director").post(
        f"/resources/{resource.pk}/publish/",
        {"revision": fresh(resource).revision, "platform": "Moodle",
         "link": "https://moodle.atu.edu.kz/x", "published_on": "2026-11-20"},
    )  # fmt: skip
    assert r.status_code == 400 and not Publication.objects.exists()


def test_author_cannot_approve_own_resource(org: Org, resource, submit, source_zip) -> None:
    """author_reviewer is both an author of the resource and a Center reviewer (clause 12)."""
    _to_review(org, resource, submit, source_zip)
    c = org.client("author_reviewer")
    r = c.post(f"/resources/{resource.pk}/review/decide/", review_data(fresh(resource).revision))
    assert r.status_code == 403 and b"conflict of interest" in r.content
    assert fresh(resource).state == State.IN_REVIEW
    # and the action refuses on its own, whatever the caller checked
    with pytest.raises(actions.Refused):
        actions.do_approve(
            org.users["author_reviewer"], resource, fresh(resource).revision,
            actions.ReviewSpec(5, 5, 5),
        )  # fmt: skip
    assert fresh(resource).state == State.IN_REVIEW


def test_author_cannot_start_review_or_publish_own(org: Org, submit, source_zip) -> None:
    res = new_resource(org)
    submit(res, source_zip)
    c = org.client("author_reviewer")
    r = c.post(f"/resources/{res.pk}/review/start/", {"revision": fresh(res).revision})
    assert r.status_code == 403
    with pytest.raises(actions.Refused):
        actions.do_start_review(org.users["author_reviewer"], res)


def test_stale_decision_is_refused_with_a_message(org: Org, resource, submit, source_zip) -> None:
    """Two reviewers open the same page; the second decision, made on the old revision, loses."""
    _to_review(org, resource, submit, source_zip)
    seen = fresh(resource).revision
    first = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/decide/", review_data(seen)
    )
    second = org.client("reviewer2").post(
        f"/resources/{resource.pk}/review/decide/", review_data(seen, "return", "Қайта жасаңыз")
    )
    assert first.status_code == 302
    assert second.status_code == 409
    assert "Someone else changed this resource" in second.content.decode()
    assert fresh(resource).state == State.APPROVED
    assert Review.objects.count() == 1
