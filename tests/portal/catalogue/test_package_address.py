"""The stable package address Moodle's "downloaded package" activity keeps (issue 18, item 2):
``/catalogue/<id>/package/scorm12.zip`` and ``…/scorm2004.zip``, through HTTP as Moodle's
server meets it (no session): the current placement only, ``ETag`` (the package's SHA-1) and
``Last-Modified``, 304 to ``If-None-Match`` / ``If-Modified-Since``, ``HEAD``, a new version,
and nothing for a resource that is not published."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.utils.http import http_date

from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Resource, State, Version, VersionKind
from tests.portal.catalogue.test_catalogue import SCORM12_REPORT, placed, scorm
from tests.portal.conftest import Org, fresh

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def fetch(url: str, method: str = "get", **headers: str) -> tuple[Any, bytes]:
    """A response read to the end (a streamed one closes its file then)."""
    response = getattr(Client(), method)(url, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def address(r: Resource, edition: str = "scorm12") -> str:
    return f"/catalogue/{r.pk}/package/{edition}.zip"


def etag(data: bytes) -> str:
    return '"' + hashlib.sha1(data, usedforsecurity=False).hexdigest() + '"'


def new_version(
    org: Org, r: Resource, number: int, data: bytes, report: dict[str, Any] = SCORM12_REPORT
) -> Version:
    """A later version stored directly (instead of the check job), not placed."""
    v = Version(
        resource=r, number=number, kind=VersionKind.SCORM, upload_name="der.zip",
        upload_size=len(data), upload_sha256="1" * 64, submitted_by=org.users["author"],
        job_state="done", report=report,
    )  # fmt: skip
    v.upload.save(f"der{number}.zip", ContentFile(data), save=False)
    v.package.name = v.upload.name
    v.save()
    # submitted a day after the one before it (auto_now_add gives every row of a test "now")
    before = r.versions.exclude(pk=v.pk).order_by("-number").first()
    assert before is not None
    later = before.submitted_at + dt.timedelta(days=1)
    Version.objects.filter(pk=v.pk).update(submitted_at=later)
    v.refresh_from_db()
    return v


def place(org: Org, r: Resource, on: dt.date) -> None:
    """Record a placement of the latest version by the real action (the resource is moved to
    ``approved`` first: the workflow has no path yet from published to a new version)."""
    Resource.objects.filter(pk=r.pk).update(state=State.APPROVED)
    r = fresh(r)
    actions.do_publish(
        org.users["director"], r, r.revision, platform="ATU Moodle",
        link="https://moodle.atu.edu.kz/mod/scorm/view.php?id=9", published_on=on,
        moodle_delivery="address",
    )  # fmt: skip


def test_get_serves_the_placed_package_without_a_session(org: Org) -> None:
    r = placed(org, "Тұрақты мекенжай")
    response, body = fetch(address(r))
    assert response.status_code == 200
    assert body == scorm("Тұрақты мекенжай")
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Length"] == str(len(body))
    assert response["ETag"] == etag(body)
    assert response["Last-Modified"] == http_date(r.versions.get().submitted_at.timestamp())
    assert response["Cache-Control"] == "public, no-cache"
    assert "Set-Cookie" not in response.headers  # Moodle's server has no session and needs none


def test_the_old_address_serves_the_same(org: Org) -> None:
    r = placed(org, "Ескі мекенжай")
    old, body = fetch(f"/catalogue/{r.pk}/scorm12.zip")
    assert old.status_code == 200 and body == fetch(address(r))[1]
    assert old["ETag"] == etag(body)


def test_if_none_match_gives_304(org: Org) -> None:
    r = placed(org)
    tag = fetch(address(r))[0]["ETag"]
    response, body = fetch(address(r), If_None_Match=tag)
    assert response.status_code == 304 and body == b""
    assert response["ETag"] == tag
    assert fetch(address(r), If_None_Match='"0000"')[0].status_code == 200
    assert fetch(address(r), If_None_Match=f'"x", {tag}')[0].status_code == 304
    assert fetch(address(r), If_None_Match="*")[0].status_code == 304


def test_if_modified_since_gives_304(org: Org) -> None:
    r = placed(org)
    modified = fetch(address(r))[0]["Last-Modified"]
    response, body = fetch(address(r), If_Modified_Since=modified)
    assert response.status_code == 304 and body == b""
    later = http_date(r.versions.get().submitted_at.timestamp() + 3600)
    assert fetch(address(r), If_Modified_Since=later)[0].status_code == 304
    earlier = http_date(r.versions.get().submitted_at.timestamp() - 3600)
    assert fetch(address(r), If_Modified_Since=earlier)[0].status_code == 200
    # If-None-Match decides when both are sent (RFC 9110 13.2.2)
    assert (
        fetch(address(r), If_None_Match='"0000"', If_Modified_Since=modified)[0].status_code == 200
    )


def test_head_gives_the_headers_alone(org: Org) -> None:
    r = placed(org)
    got, body = fetch(address(r))
    head, nothing = fetch(address(r), "head")
    assert head.status_code == 200 and nothing == b""
    for name in ("ETag", "Last-Modified", "Content-Type", "Content-Length", "Cache-Control"):
        assert head[name] == got[name], name
    assert head["Content-Length"] == str(len(body))
    assert fetch(address(r), "head", If_None_Match=got["ETag"])[0].status_code == 304


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_only_get_and_head(org: Org, method: str) -> None:
    r = placed(org)
    assert fetch(address(r), method)[0].status_code == 405


def test_a_new_version_changes_the_bytes_and_the_etag(org: Org) -> None:
    """What Moodle relies on: the same address; a validator of the old version gets 200 and the
    new bytes, never a 304."""
    r = placed(org, "Бірінші нұсқа")
    first, v1 = fetch(address(r))
    v2_bytes = scorm("Екінші нұсқа")
    new_version(org, r, 2, v2_bytes)
    place(org, r, dt.date(2026, 12, 2))
    response, body = fetch(address(r), If_None_Match=first["ETag"])
    assert response.status_code == 200 and body == v2_bytes != v1
    assert response["ETag"] == etag(v2_bytes) != first["ETag"]
    response, body = fetch(address(r), If_Modified_Since=first["Last-Modified"])
    assert response.status_code == 200 and body == v2_bytes
    assert fetch(address(r), If_None_Match=etag(v2_bytes))[0].status_code == 304


def test_a_version_not_placed_is_never_served(org: Org) -> None:
    """A later version exists (checked, in review or approved) while version 1 is placed: the
    address keeps serving version 1 (10.2: the placed DER stays in use while its new version is
    reviewed), and nothing at the edition version 1 does not have."""
    r = placed(org, "Орнатылған нұсқа")
    new_version(org, r, 2, scorm("Қаралып жатқан нұсқа"))
    v1 = fetch(address(r))[1]
    assert v1 == scorm("Орнатылған нұсқа")
    for state in (State.SUBMITTED, State.IN_REVIEW, State.RETURNED, State.APPROVED):
        Resource.objects.filter(pk=r.pk).update(state=state)
        response, body = fetch(address(r))
        assert response.status_code == 200 and body == v1, state
        assert fetch(address(r), "head")[0].status_code == 200, state
        assert fetch(address(r, "scorm2004"))[0].status_code == 404, state


@pytest.mark.parametrize("state", [s for s in State if s != State.PUBLISHED])
def test_not_published_is_404(org: Org, state: State) -> None:
    r = placed(org, f"Жарияланбаған {state.value}", state=state)
    for edition in ("scorm12", "scorm2004"):
        assert fetch(address(r, edition))[0].status_code == 404
        assert fetch(address(r, edition), "head")[0].status_code == 404
    assert fetch(f"/catalogue/{r.pk}/scorm12.zip")[0].status_code == 404


def test_each_edition_at_its_own_address(org: Org) -> None:
    """An uploaded package is served at the address of the edition its manifest declares."""
    r = placed(org, "SCORM 1.2")
    assert fetch(address(r, "scorm2004"))[0].status_code == 404
    v2004 = scorm("SCORM 2004")
    new_version(org, r, 2, v2004, report={"en": {"subject": {"scorm_version": "2004"}}})
    place(org, r, dt.date(2026, 12, 3))
    assert fetch(address(r, "scorm2004"))[1] == v2004
    assert fetch(address(r, "scorm12"))[0].status_code == 404


@pytest.mark.parametrize("who", ["author", "reviewer", "director", "admin", "nobody"])
def test_signed_in_people_get_the_same(org: Org, who: str) -> None:
    r = placed(org)
    response = org.client(who).get(address(r))
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body == fetch(address(r))[1]


@pytest.mark.parametrize(
    "path",
    [
        "/catalogue/{pk}/package/scorm13.zip",
        "/catalogue/{pk}/package/../scorm12.zip",
        "/catalogue/{pk}/package/scorm12.zip/../../../settings.py",
        "/catalogue/{pk}/package/%2e%2e/scorm12.zip",
        "/catalogue/{pk}/package/",
    ],
)
def test_no_other_path_reaches_a_file(org: Org, path: str) -> None:
    r = placed(org)
    assert fetch(path.format(pk=r.pk))[0].status_code == 404
