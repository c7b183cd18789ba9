"""A published DER kept up to date (10.2: "can be updated in use"; 11: its authors), through
HTTP as each role: the author submits a new version of a published DER, the Center reviews and
approves it, the director downloads the approved package and places it; meanwhile the published
one stays public and unchanged, and afterwards the catalogue, the package address and the
certificates' verification pages say which version is current. Also: authors play their own
package, and a certificate's correction carries its reason into the history (issue 15)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
from django.test import Client

from oqu.portal.audit.models import AuditEntry
from oqu.portal.certificates.models import Certificate
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Publication, Resource, State, Version
from tests.portal.conftest import Org, fresh, new_resource, review_data, upload_form

pytestmark = pytest.mark.django_db

LINK1 = "https://moodle.atu.edu.kz/mod/scorm/view.php?id=71"
LINK2 = "https://moodle.atu.edu.kz/mod/scorm/view.php?id=72"


def review_and_approve(org: Org, res: Resource) -> None:
    c = org.client("reviewer")
    r = c.post(f"/resources/{res.pk}/review/start/", {"revision": fresh(res).revision})
    assert r.status_code == 302 and fresh(res).state == State.IN_REVIEW
    r = c.post(f"/resources/{res.pk}/review/decide/", review_data(fresh(res).revision))
    assert r.status_code == 302 and fresh(res).state == State.APPROVED


def publish(org: Org, res: Resource, on: str, link: str) -> Any:
    return org.client("director").post(
        f"/resources/{res.pk}/publish/",
        {"revision": fresh(res).revision, "platform": "ATU Moodle", "link": link,
         "published_on": on, "moodle_delivery": "address"},
    )  # fmt: skip


def package_bytes(v: Version) -> bytes:
    with v.package.open("rb") as fh:
        return fh.read()


def verify_page(cert: Certificate) -> str:
    r = Client().get(f"/verify/{cert.number}/{cert.token}/")
    assert r.status_code == 200
    return r.content.decode()


def actions_of(res: Resource) -> list[str]:
    entries = AuditEntry.objects.filter(object_type="resource", object_id=str(res.pk))
    return list(entries.values_list("action", flat=True))


def test_a_published_der_is_updated_through_the_whole_cycle(
    org: Org, submit, source_zip: bytes, scorm_zip: bytes
) -> None:
    res = new_resource(org)
    anon = Client()
    # version 1: submitted, reviewed, approved, placed, certified
    assert submit(res, source_zip).status_code == 302
    review_and_approve(org, res)
    assert publish(org, res, "2026-11-20", LINK1).status_code == 302
    assert fresh(res).state == State.PUBLISHED
    r = org.client("director").post(f"/resources/{res.pk}/certificates/issue/")
    assert r.status_code == 302
    cert1 = Certificate.objects.get(resource=res)
    v1 = res.versions.get(number=1)
    v1_package = package_bytes(v1)
    page = anon.get(f"/catalogue/{res.pk}/").content.decode()
    assert "version 1, the current one" in page and LINK1 in page

    # the author is offered a new version; someone else is not, and is refused
    author = org.client("author")
    page = author.get(f"/resources/{res.pk}/").content.decode()
    assert f"/resources/{res.pk}/submit/" in page and "Submit a new version" in page
    for who in ("other_author", "head", "reviewer", "director"):
        assert (
            f"/resources/{res.pk}/submit/"
            not in org.client(who).get(f"/resources/{res.pk}/").content.decode()
        )
        r = org.client(who).post(f"/resources/{res.pk}/submit/", upload_form(scorm_zip))
        assert r.status_code == 403, who
    with pytest.raises(actions.Refused):  # the action checks again
        actions.do_submit_version(org.users["other_author"], res, _submission(scorm_zip))
    assert res.versions.count() == 1 and fresh(res).state == State.PUBLISHED

    # version 2 (a SCORM package this time) goes to the Center
    assert submit(res, scorm_zip).status_code == 302
    res = fresh(res)
    assert res.state == State.SUBMITTED and res.versions.count() == 2
    entry = AuditEntry.objects.filter(action="resource.submit").order_by("-id").first()
    assert entry is not None and entry.data["version"] == 2 and entry.data["placed_version"] == 1
    assert entry.from_state == State.PUBLISHED and entry.to_state == State.SUBMITTED

    # version 2 is reviewed and returned; version 3 (the fix) is reviewed and approved. Never a
    # further version while one is with the Center; the public record stays as it was
    returned = False
    for step in ("submitted", "in_review", "returned", "submitted", "in_review", "approved"):
        if step == "in_review":
            c = org.client("reviewer")
            c.post(f"/resources/{res.pk}/review/start/", {"revision": fresh(res).revision})
        if step == "returned":
            data = review_data(fresh(res).revision, "return", "Тақырып 2 жоқ.")
            org.client("reviewer").post(f"/resources/{res.pk}/review/decide/", data)
        if step == "approved":
            data = review_data(fresh(res).revision)
            org.client("reviewer").post(f"/resources/{res.pk}/review/decide/", data)
        if step == "submitted" and returned:  # the authors send the fix: version 3
            assert submit(res, scorm_zip).status_code == 302
        assert fresh(res).state == step
        count = res.versions.count()
        if step == "returned":
            returned = True
            # the authors may send a new version, but not edit the public record themselves
            r = author.get(f"/resources/{res.pk}/edit/")
            assert (
                r.status_code == 403 and b"The record of a placed resource is public" in r.content
            )
            assert (
                f"/resources/{res.pk}/submit/"
                in author.get(f"/resources/{res.pk}/").content.decode()
            )
        else:
            r = author.post(f"/resources/{res.pk}/submit/", upload_form(source_zip))
            assert r.status_code == 400 and b"not awaiting a version" in r.content
            with pytest.raises(actions.Refused, match="cannot be submitted"):
                actions.do_submit_version(org.users["author"], res, _submission(source_zip))
            assert res.versions.count() == count
            assert (
                f"/resources/{res.pk}/submit/"
                not in author.get(f"/resources/{res.pk}/").content.decode()
            )
            assert author.get(f"/resources/{res.pk}/edit/").status_code == 403
        # meanwhile version 1 stays public and unchanged: page, search, news, package address
        page = anon.get(f"/catalogue/{res.pk}/").content.decode()
        assert "version 1, the current one" in page and LINK1 in page and LINK2 not in page
        assert res.title in anon.get("/catalogue/", {"q": "HACCP"}).content.decode()
        assert res.title in anon.get("/catalogue/news/").content.decode()
        r = anon.get(f"/catalogue/{res.pk}/package/scorm12.zip")
        assert r.status_code == 200 and b"".join(r.streaming_content) == v1_package
        assert "version 1" in verify_page(cert1) and "A newer version" not in verify_page(cert1)
        page = author.get(f"/resources/{res.pk}/").content.decode()
        assert "Version 1, placed on" in page and "stays public in the catalogue" in page
    assert res.versions.count() == 3

    # approved: the director downloads the approved package from the publication step
    v3 = res.versions.get(number=3)
    page = org.client("director").get(f"/resources/{res.pk}/").content.decode()
    link = f"/resources/{res.pk}/v/3/files/package/"
    assert "Place version 3 in Moodle" in page and link in page
    r = org.client("director").get(link)
    assert r.status_code == 200 and b"".join(r.streaming_content) == package_bytes(v3)
    # a placement date before the current one is refused, nothing changes
    r = publish(org, res, "2026-11-19", LINK2)
    assert r.status_code == 400 and b"cannot be earlier" in r.content
    assert (
        fresh(res).state == State.APPROVED and Publication.objects.filter(resource=res).count() == 1
    )

    # placed: version 3 replaces version 1 everywhere
    assert publish(org, res, "2026-12-01", LINK2).status_code == 302
    res = fresh(res)
    assert res.state == State.PUBLISHED and res.published_on == dt.date(2026, 12, 1)
    assert res.current_publication is not None and res.current_publication.version == v3
    page = anon.get(f"/catalogue/{res.pk}/").content.decode()
    assert "version 3, the current one" in page and "replaces 1 earlier placement" in page
    assert LINK2 in page and "version 1" in page  # the earlier placement is listed
    r = anon.get(f"/catalogue/{res.pk}/package/scorm12.zip")
    assert b"".join(r.streaming_content) == package_bytes(v3) != v1_package
    entry = AuditEntry.objects.filter(action="resource.publish").order_by("-id").first()
    assert entry is not None and entry.data["version"] == 3 and entry.data["replaces_version"] == 1
    assert actions_of(res) == [
        "resource.create", "resource.submit", "review.start", "review.approve",
        "resource.publish", "resource.submit", "review.start", "review.return",
        "resource.submit", "review.start", "review.approve", "resource.publish",
    ]  # fmt: skip

    # the old certificate stays valid for what it certified and says a newer version exists
    page = verify_page(cert1)
    assert "Valid" in page and "version 1, placed on 20.11.2026" in page
    assert "A newer version of this DER exists: version 3, placed on 01.12.2026" in page
    # it cannot be "corrected" into the new version's: that one gets its own certificate
    r = org.client("director").post(f"/certificates/{cert1.number}/supersede/", {"reason": "v3"})
    assert r.status_code == 400 and b"certifies an earlier placement" in r.content
    assert b'<div class="errors" role="alert"><p>Certificate' in r.content  # above the list
    page = org.client("director").get(f"/resources/{res.pk}/").content.decode()
    assert "Issue the placement certificate" in page
    r = org.client("director").post(f"/resources/{res.pk}/certificates/issue/")
    assert r.status_code == 302
    cert2 = Certificate.objects.exclude(pk=cert1.pk).get(resource=res)
    assert cert2.publication.version == v3 and cert2.supersedes is None
    assert f"The current version's certificate is {cert2.number}." in verify_page(cert1)
    page = verify_page(cert2)
    assert "version 3, placed on 01.12.2026 — the current version" in page
    assert "A newer version" not in page
    # a second certificate of the same placement is still refused
    r = org.client("director").post(f"/resources/{res.pk}/certificates/issue/")
    assert r.status_code == 400 and Certificate.objects.filter(resource=res).count() == 2

    # and a third version can be started from the published state again
    assert f"/resources/{res.pk}/submit/" in author.get(f"/resources/{res.pk}/").content.decode()


def _submission(package: bytes) -> actions.Submission:
    """A submission for calling the action directly (it is refused before anything is read)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from oqu.portal.workflow.models import VersionKind
    from oqu.portal.workflow.uploads import Judged

    f = SimpleUploadedFile("der.zip", package)
    return actions.Submission(
        upload=f, judged=Judged(VersionKind.SCORM, ""),
        sha256=hashlib.sha256(package).hexdigest(), syllabus=f, syllabus_suffix=".txt",
        minutes_extract=f, minutes_suffix=".txt",
    )  # fmt: skip


# --- playing and downloading: who may -----------------------------------------------------------


PLAY = re.compile(r'src="(/play/[^"]+)"')


def test_authors_play_their_own_package_and_the_director_downloads_it(
    org: Org, submit, scorm_zip: bytes
) -> None:
    res = new_resource(org)
    assert submit(res, scorm_zip).status_code == 302
    review_and_approve(org, res)
    version_page = f"/resources/{res.pk}/v/1/"
    # the author (and a co-author) play it on the version page, and the frame's address works
    for who in ("author", "coauthor", "reviewer"):
        page = org.client(who).get(version_page).content.decode()
        found = PLAY.search(page)
        assert found is not None, who
        assert Client().get(found.group(1).replace("&amp;", "&")).status_code == 200
    # the others who see the resource do not get the player
    for who in ("head", "dean", "director", "vicerector"):
        r = org.client(who).get(version_page)
        assert r.status_code == 200 and PLAY.search(r.content.decode()) is None, who
    # an author of another department does not even see it
    assert org.client("other_author").get(version_page).status_code == 404

    # the director downloads the approved package from the page where they publish it
    link = f"/resources/{res.pk}/v/1/files/package/"
    page = org.client("director").get(f"/resources/{res.pk}/").content.decode()
    assert "Record the publication" in page and link in page
    r = org.client("director").get(link)
    assert r.status_code == 200 and b"".join(r.streaming_content) == scorm_zip
    # not the authors (the publication step is not theirs), nor an unrelated author
    page = org.client("author").get(f"/resources/{res.pk}/").content.decode()
    assert "Record the publication" not in page
    assert org.client("other_author").get(link).status_code == 404
    assert org.client("other_author").get(f"/resources/{res.pk}/").status_code == 404


# --- a certificate's correction and its reason ---------------------------------------------------


def test_a_certificate_correction_needs_a_reason_shown_in_the_history(
    org: Org, submit, scorm_zip: bytes
) -> None:
    res = new_resource(org)
    assert submit(res, scorm_zip).status_code == 302
    review_and_approve(org, res)
    assert publish(org, res, "2026-11-20", LINK1).status_code == 302
    director = org.client("director")
    assert director.post(f"/resources/{res.pk}/certificates/issue/").status_code == 302
    cert = Certificate.objects.get(resource=res)
    for reason in ("", "   "):
        r = director.post(f"/certificates/{cert.number}/supersede/", {"reason": reason})
        assert r.status_code == 400 and Certificate.objects.filter(resource=res).count() == 1
        # the refusal sits beside the reason field on the resource page, not on a page of its own
        page = r.content.decode()
        field = page.index(f'id="reason-{cert.pk}"')
        error = page.index(f'id="reason-error-{cert.pk}"')
        assert 0 < error - field < 400 and "Say what the correction is" in page[error:]
        assert f'aria-describedby="reason-error-{cert.pk}"' in page
    reason = "Лауазымы қате жазылған"
    r = director.post(f"/certificates/{cert.number}/supersede/", {"reason": reason})
    assert r.status_code == 302
    new = Certificate.objects.get(supersedes=cert)
    assert new.reason == reason
    entry = AuditEntry.objects.get(action="certificate.supersede")
    assert entry.data["reason"] == reason and entry.data["by"] == new.number
    assert (
        AuditEntry.objects.get(action="certificate.issue", data__number=new.number).data["reason"]
        == reason
    )
    # the resource page shows it in the certificates list and in the history, to who sees it
    page = org.client("author").get(f"/resources/{res.pk}/").content.decode()
    history = page[page.index("<h2>History</h2>") :]
    assert "certificate.supersede" in history and f"reason: {reason}" in history
    assert f"reason: {reason}" in page[: page.index("<h2>History</h2>")]


# --- deadlines: a placed resource whose new version is in review met its deadline ---------------


def test_a_placed_resource_with_a_new_version_in_review_is_no_missed_deadline(org: Org) -> None:
    from oqu.portal.plans import actions as plan_actions
    from tests.portal.catalogue.test_catalogue import placed

    today = dt.date.today()
    plan = plan_actions.do_create_plan(org.users["head"], org.dep, "2026-2027")
    item = plan_actions.do_add_plan_item(
        org.users["head"], plan,
        plan_actions.ItemSpec("Мерзімі өткен пән", "e-textbook", today - dt.timedelta(days=1),
                              [org.users["author"]]),
    )  # fmt: skip
    plan_actions.do_approve_plan(org.users["head"], plan, minutes_number="1",
                                 minutes_date=today, minutes_file=None)  # fmt: skip
    res = placed(org)
    # its new version with the Center (the state the workflow gives it; the placement stays)
    Resource.objects.filter(pk=res.pk).update(plan_item=item, state=State.IN_REVIEW)
    assert plan_actions.do_send_deadline_reminders(today) == 0
    assert "Мерзімі өткен пән" not in org.client("head").get("/").content.decode()
    # never placed, the same state is a missed deadline (the test can fail)
    Resource.objects.filter(pk=res.pk).update(published_on=None)
    assert plan_actions.do_send_deadline_reminders(today) == 1
    assert "Мерзімі өткен пән" in org.client("head").get("/").content.decode()
