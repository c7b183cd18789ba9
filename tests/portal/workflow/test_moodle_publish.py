"""The publication step's Moodle part (issue 18, item 3): the Moodle activity backups the check
job builds are the library's own (``oqu build --format moodle``, and ``oqu.moodle_backup`` with
the resource's stable address), the director downloads either from the page where they publish
or copies the package address, records how Moodle gets the package, and the pages say what
Moodle serves. Through HTTP with the real job (Immediate backend): the HACCP source is built."""

from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path
from typing import Any

import pytest
from defusedxml import ElementTree
from django.test import Client

from oqu import build, moodle_backup
from oqu.portal.audit.models import AuditEntry
from oqu.portal.workflow.models import MoodleDelivery, Publication, Resource, State
from tests.portal.conftest import EXAMPLES, Org, fresh, review_data

pytestmark = pytest.mark.django_db

BASE = "https://oqu.atu.edu.kz"


@pytest.fixture(autouse=True)
def _base_url(settings: Any) -> None:
    settings.OQU_BASE_URL = BASE  # the address inside the backup is on OQU_BASE_URL


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """What the library builds from the same source: the reference the portal's files must be."""
    out = tmp_path_factory.mktemp("library")
    result = build(EXAMPLES / "haccp-kk", out, ("scorm12", "scorm2004", "moodle"))
    assert result.ok and result.resource is not None
    return {p.name.rsplit("-", 1)[-1]: p for p in result.outputs}


def approved(org: Org, resource: Resource, submit: Any, source_zip: bytes) -> Resource:
    assert submit(resource, source_zip).status_code == 302
    rev = org.client("reviewer")
    rev.post(f"/resources/{resource.pk}/review/start/", {"revision": fresh(resource).revision})
    rev.post(f"/resources/{resource.pk}/review/decide/", review_data(fresh(resource).revision))
    resource = fresh(resource)
    assert resource.state == State.APPROVED
    return resource


def publish(org: Org, resource: Resource, delivery: str) -> Any:
    return org.client("director").post(
        f"/resources/{resource.pk}/publish/",
        {"revision": fresh(resource).revision, "platform": "ATU Moodle",
         "link": "https://moodle.atu.edu.kz/mod/scorm/view.php?id=7",
         "published_on": "2026-12-01", "moodle_delivery": delivery},
        follow=True,
    )  # fmt: skip


def read(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else response.content


def mbz_member(mbz: bytes, name: str) -> bytes:
    with tarfile.open(fileobj=io.BytesIO(mbz), mode="r:gz") as tar:
        member = tar.extractfile(name)
        assert member is not None
        return member.read()


def stable(resource: Resource, edition: str = "scorm12") -> str:
    return f"{BASE}/catalogue/{resource.pk}/package/{edition}.zip"


def test_the_backups_are_the_librarys_for_that_version(
    org: Org, resource: Resource, submit: Any, source_zip: bytes, library: dict[str, Path]
) -> None:
    r = approved(org, resource, submit, source_zip)
    director = org.client("director")
    inside = read(director.get(f"/resources/{r.pk}/moodle/package.mbz"))
    assert inside == library["moodle.mbz"].read_bytes()
    by_url = read(director.get(f"/resources/{r.pk}/moodle/address.mbz"))
    # the library's own backup of the same DER with the stable address, byte for byte
    from oqu.diagnostics import Diagnostics
    from oqu.sources.der import load

    der = load(EXAMPLES / "haccp-kk", Diagnostics())
    assert der is not None
    scorm12 = library["scorm12.zip"]
    expected = moodle_backup(der, scorm12.read_bytes(), scorm12.name, package_url=stable(r))
    assert by_url == expected
    scorm = ElementTree.fromstring(mbz_member(by_url, "activities/scorm_1/scorm.xml"))
    assert scorm.findtext("scorm/scormtype") == "localsync"
    assert scorm.findtext("scorm/reference") == stable(r)
    assert scorm.findtext("scorm/updatefreq") == "3"
    # once placed, the stable address serves the very package the first backup holds
    publish(org, r, MoodleDelivery.ADDRESS)
    anon = Client()
    got = anon.get(f"/catalogue/{r.pk}/package/scorm12.zip")
    package = read(got)
    assert package == scorm12.read_bytes()
    sha1 = got["ETag"].strip('"')
    assert mbz_member(inside, f"files/{sha1[:2]}/{sha1}") == package
    assert read(anon.get(f"/catalogue/{r.pk}/package/scorm2004.zip")) == (
        library["scorm2004.zip"].read_bytes()
    )


# (who, expected status) for the backups of an approved resource
BACKUP_ACCESS = {
    "reviewer": 200, "director": 200,
    "author": 403, "coauthor": 403, "author_reviewer": 403,  # conflict of interest
    "head": 403, "dean": 403, "vicerector": 403, "admin": 403,  # see it, do not publish
    "other_author": 404, "other_head": 404, "nobody": 404,  # do not see an approved resource
}  # fmt: skip


def test_the_publication_page_and_who_downloads_the_backups(
    org: Org, resource: Resource, submit: Any, source_zip: bytes
) -> None:
    r = approved(org, resource, submit, source_zip)
    page = org.client("director").get(f"/resources/{r.pk}/").content.decode()
    for url in (f"/resources/{r.pk}/moodle/package.mbz", f"/resources/{r.pk}/moodle/address.mbz"):
        assert f'href="{url}"' in page, url
    field = re.search(r'<input id="package-address-scorm12"[^>]*value="([^"]*)"', page)
    assert field and field.group(1) == stable(r)
    assert 'name="moodle_delivery"' in page
    for who, status in BACKUP_ACCESS.items():
        for variant in ("package", "address"):
            got = org.client(who).get(f"/resources/{r.pk}/moodle/{variant}.mbz")
            assert got.status_code == status, (who, variant)
            if status == 200:
                assert got["Content-Type"] == "application/vnd.moodle.backup"
                assert got["Content-Disposition"].endswith('-moodle.mbz"') == (variant == "package")
                read(got)
        if status == 403:  # they see the page, without the backups
            assert "/moodle/" not in org.client(who).get(f"/resources/{r.pk}/").content.decode()
    login = Client().get(f"/resources/{r.pk}/moodle/package.mbz")
    assert login.status_code == 302 and "/login/" in login["Location"]
    assert org.client("director").get(f"/resources/{r.pk}/moodle/other.mbz").status_code == 404


@pytest.mark.parametrize(
    ("delivery", "says", "page_says"),
    [
        (MoodleDelivery.ADDRESS, "Moodle will take this version at the next launch",
         "Moodle serves version 1, the current placement"),
        (MoodleDelivery.BACKUP, "restore the new backup",
         "Moodle plays version 1 from the restored backup"),
    ],
)  # fmt: skip
def test_publishing_says_how_moodle_takes_the_version(
    org: Org, resource: Resource, submit: Any, source_zip: bytes,
    delivery: str, says: str, page_says: str,
) -> None:  # fmt: skip
    r = approved(org, resource, submit, source_zip)
    done = publish(org, r, delivery).content.decode()
    assert "The publication is recorded." in done
    assert says in done
    assert fresh(r).state == State.PUBLISHED
    assert Publication.objects.get(resource=r).moodle_delivery == delivery
    entry = AuditEntry.objects.filter(action="resource.publish").get()
    assert entry.data["moodle_delivery"] == delivery
    # everyone who sees the resource reads what Moodle serves
    page = org.client("author").get(f"/resources/{r.pk}/").content.decode()
    assert page_says in page
    assert (stable(r) in page) == (delivery == MoodleDelivery.ADDRESS)


def test_a_wrong_delivery_is_refused(
    org: Org, resource: Resource, submit: Any, source_zip: bytes
) -> None:
    r = approved(org, resource, submit, source_zip)
    response = publish(org, r, "ftp")
    assert response.status_code == 400
    assert fresh(r).state == State.APPROVED


def test_the_catalogue_page_offers_both_backups_to_staff(
    org: Org, resource: Resource, submit: Any, source_zip: bytes
) -> None:
    r = approved(org, resource, submit, source_zip)
    publish(org, r, MoodleDelivery.BACKUP)
    links = (f"/resources/{r.pk}/moodle/package.mbz", f"/resources/{r.pk}/moodle/address.mbz")
    for who in ("director", "reviewer"):
        page = org.client(who).get(f"/catalogue/{r.pk}/").content.decode()
        assert all(f'href="{url}"' in page for url in links), who
        for url in links:
            assert read(org.client(who).get(url))
    for client in (Client(), org.client("author"), org.client("dean")):
        page = client.get(f"/catalogue/{r.pk}/").content.decode()
        assert not any(url in page for url in links)
        assert f"/catalogue/{r.pk}/package/scorm12.zip" in page
        assert f"/catalogue/{r.pk}/package/scorm2004.zip" in page


def test_a_base_url_moodle_cannot_use_costs_only_the_address_backup(
    org: Org, resource: Resource, submit: Any, source_zip: bytes, settings: Any
) -> None:
    settings.OQU_BASE_URL = "ftp://oqu.atu.edu.kz"  # not http(s): Moodle cannot download it
    r = approved(org, resource, submit, source_zip)
    version = r.latest_version
    assert version is not None and version.verdict and version.package and version.moodle_backup
    assert not version.moodle_backup_url
    director = org.client("director")
    assert read(director.get(f"/resources/{r.pk}/moodle/package.mbz"))
    assert director.get(f"/resources/{r.pk}/moodle/address.mbz").status_code == 404
    page = director.get(f"/resources/{r.pk}/").content.decode()
    assert "/moodle/package.mbz" in page and "/moodle/address.mbz" not in page
