"""The head of the department provides the minutes' extract recommending placement (clause 11,
8.4): the author's upload awaits the head's confirmation (or the head uploads the department's
own), the reviewer sees the state, and the Center approves only a confirmed extract."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from oqu.portal.audit import chain as audit
from oqu.portal.workflow.models import Resource, State
from tests.portal.conftest import Org, Submit, fresh, review_data

pytestmark = [pytest.mark.django_db, pytest.mark.head_confirms]

HEAD_EXTRACT = b"%PDF-1.4\n% the department's own extract, minutes No. 3, item 2\n"


def _in_review(org: Org, resource: Resource, submit: Submit, package: bytes) -> Resource:
    assert submit(resource, package).status_code == 302
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision}
    )
    assert r.status_code == 302
    return fresh(resource)


def test_approval_waits_for_the_heads_confirmation(
    org: Org, resource: Resource, submit: Submit, source_zip: bytes
) -> None:
    resource = _in_review(org, resource, submit, source_zip)
    version = resource.latest_version
    assert version is not None and version.extract_confirmed_at is None
    url = f"/resources/{resource.pk}/"
    # the reviewer sees that the extract awaits the head, and approving is refused on the form
    page = org.client("reviewer").get(url).content.decode()
    assert "awaiting the head's confirmation" in page
    assert f"/v/{version.number}/extract/" not in page  # the reviewer cannot confirm it
    data = {**review_data(resource.revision), "content_comment": "Мазмұны жақсы"}
    r = org.client("reviewer").post(f"/resources/{resource.pk}/review/decide/", data)
    assert r.status_code == 400
    html = r.content.decode()
    assert "has not confirmed the extract" in html and "Мазмұны жақсы" in html
    assert fresh(resource).state == State.IN_REVIEW
    # the head's dashboard lists it until it is confirmed; another department's head does not
    assert "Minutes' extracts to confirm" in org.client("head").get("/").content.decode()
    assert "Minutes' extracts to confirm" not in org.client("other_head").get("/").content.decode()
    # the head sees the form and confirms the author's extract
    page = org.client("head").get(url).content.decode()
    assert f"/v/{version.number}/extract/" in page and "Confirm the extract" in page
    r = org.client("head").post(f"/resources/{resource.pk}/v/{version.number}/extract/", {})
    assert r.status_code == 302
    version.refresh_from_db()
    assert version.extract_confirmed_by == org.users["head"] and not version.extract_from_head
    assert (
        "confirmed by the head of the department"
        in org.client("reviewer").get(url).content.decode()
    )
    assert "Minutes' extracts to confirm" not in org.client("head").get("/").content.decode()
    entry = [e for e in audit.history(resource) if e.action == "resource.extract"][-1]
    assert entry.data == {"version": 1, "provided_by_head": False}
    r = org.client("reviewer").post(
        f"/resources/{resource.pk}/review/decide/", review_data(fresh(resource).revision)
    )
    assert r.status_code == 302 and fresh(resource).state == State.APPROVED
    # once approved, the extract is settled: the head's form is gone and a late post refused
    assert f"/v/{version.number}/extract/" not in org.client("head").get(url).content.decode()
    r = org.client("head").post(f"/resources/{resource.pk}/v/{version.number}/extract/", {})
    assert r.status_code == 400


def test_head_uploads_the_departments_own_extract(
    org: Org, resource: Resource, submit: Submit, source_zip: bytes
) -> None:
    assert submit(resource, source_zip).status_code == 302
    resource = fresh(resource)
    url = f"/resources/{resource.pk}/v/1/extract/"
    head = org.client("head")
    # not a document: refused next to its field, nothing confirmed
    r = head.post(url, {"extract": SimpleUploadedFile("x.pdf", b"\x00\x01\x02binary")})
    assert r.status_code == 400 and 'class="field invalid"' in r.content.decode()
    assert resource.latest_version.extract_confirmed_at is None  # type: ignore[union-attr]
    r = head.post(url, {"extract": SimpleUploadedFile("үзінді.pdf", HEAD_EXTRACT)})
    assert r.status_code == 302
    version = resource.latest_version
    assert version is not None and version.extract_from_head
    assert version.extract_confirmed_by == org.users["head"]
    # the department's extract is the one the Center reads
    r = org.client("reviewer").get(f"/resources/{resource.pk}/v/1/files/minutes/")
    assert b"".join(r.streaming_content) == HEAD_EXTRACT
    assert (
        "provided by the head of the department"
        in org.client("reviewer").get(f"/resources/{resource.pk}/").content.decode()
    )


def test_only_the_head_of_the_department_confirms(
    org: Org, resource: Resource, submit: Submit, source_zip: bytes
) -> None:
    url = f"/resources/{resource.pk}/v/1/extract/"
    assert org.client("head").post(url, {}).status_code == 400  # a draft has no extract yet
    assert submit(resource, source_zip).status_code == 302
    for who in ("author", "coauthor", "reviewer", "director", "dean"):
        assert org.client(who).post(url, {}).status_code == 403, who
    assert org.client("other_head").post(url, {}).status_code == 404  # cannot see it
    assert org.client("head").post(f"/resources/{resource.pk}/v/2/extract/", {}).status_code == 400
    assert fresh(resource).latest_version.extract_confirmed_at is None  # type: ignore[union-attr]
    # the action checks the head again, whoever calls it
    from oqu.portal.workflow import actions

    with pytest.raises(actions.Refused):
        actions.do_confirm_extract(org.users["reviewer"], resource, 1)
