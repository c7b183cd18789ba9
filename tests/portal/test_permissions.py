"""The permission matrix: every view × every role, on a resource in each relevant state.

Expected statuses: 200 page, 302 done (POST) or redirect, 403 seen but not allowed, 404 not
seen (existence does not leak), 405 wrong method. Anonymous users are sent to the log-in page.
"""

from __future__ import annotations

import pytest
from django.test import Client

from oqu.portal.audit import chain as audit
from oqu.portal.plans import actions as plan_actions
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import State
from tests.portal.conftest import Org, fresh, new_resource

pytestmark = pytest.mark.django_db

ROLES = ["author", "coauthor", "other_author", "head", "other_head", "dean", "other_dean",
         "reviewer", "director", "vicerector", "admin", "author_reviewer", "nobody"]  # fmt: skip

# GET pages of a resource in the given state → roles that see it (others get 404)
SEE_DRAFT = {"author", "coauthor", "author_reviewer", "head", "dean", "admin"}
SEE_SUBMITTED = SEE_DRAFT | {"reviewer", "director", "vicerector"}


def _resource_in(org: Org, state: State, submit, package) -> object:
    res = new_resource(org)
    if state == State.DRAFT:
        return res
    submit(res, package)
    if state == State.SUBMITTED:
        return fresh(res)
    actions.do_start_review(org.users["reviewer"], fresh(res))
    if state == State.IN_REVIEW:
        return fresh(res)
    raise AssertionError(state)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", [State.DRAFT, State.SUBMITTED])
def test_resource_pages(org: Org, role, state, submit, source_zip) -> None:
    res = _resource_in(org, state, submit, source_zip)
    c = org.client(role)
    seen = role in (SEE_DRAFT if state == State.DRAFT else SEE_SUBMITTED)
    assert c.get(f"/resources/{res.pk}/").status_code == (200 if seen else 404)
    listed = c.get("/resources/").content.decode()
    assert (res.title in listed) == seen
    if state == State.SUBMITTED:
        assert c.get(f"/resources/{res.pk}/v/1/").status_code == (200 if seen else 404)
        assert c.get(f"/resources/{res.pk}/v/1/report/").status_code == (200 if seen else 404)
        f = c.get(f"/resources/{res.pk}/v/1/files/syllabus/")
        f.close()
        assert f.status_code == (200 if seen else 404)


SUBMITTERS = {"author", "coauthor", "author_reviewer"}


@pytest.mark.parametrize("role", ROLES)
def test_submit_page(org: Org, role) -> None:
    res = new_resource(org)
    status = org.client(role).get(f"/resources/{res.pk}/submit/").status_code
    expected = 200 if role in SUBMITTERS else 403 if role in SEE_DRAFT else 404
    assert status == expected


REVIEWERS = {"reviewer"}  # author_reviewer is an author of it: conflict of interest → 403


@pytest.mark.parametrize("role", ROLES)
def test_start_review(org: Org, role, submit, source_zip) -> None:
    res = _resource_in(org, State.SUBMITTED, submit, source_zip)
    r = org.client(role).post(f"/resources/{res.pk}/review/start/", {"revision": res.revision})
    expected = 302 if role in REVIEWERS else 403 if role in SEE_SUBMITTED else 404
    assert r.status_code == expected
    assert (fresh(res).state == State.IN_REVIEW) == (role in REVIEWERS)


@pytest.mark.parametrize("role", ROLES)
def test_decide(org: Org, role, submit, source_zip) -> None:
    from tests.portal.conftest import review_data

    res = _resource_in(org, State.IN_REVIEW, submit, source_zip)
    r = org.client(role).post(f"/resources/{res.pk}/review/decide/", review_data(res.revision))
    expected = 302 if role in REVIEWERS else 403 if role in SEE_SUBMITTED else 404
    assert r.status_code == expected
    assert (fresh(res).state == State.APPROVED) == (role in REVIEWERS)


@pytest.mark.parametrize("role", ROLES)
def test_publish(org: Org, role, submit, source_zip) -> None:
    res = _resource_in(org, State.IN_REVIEW, submit, source_zip)
    actions.do_approve(org.users["reviewer"], res, res.revision, actions.ReviewSpec(5, 5, 5))
    res = fresh(res)
    data = {"revision": res.revision, "platform": "Moodle", "link": "https://m.atu.edu.kz/1",
            "published_on": "2026-11-20"}  # fmt: skip
    r = org.client(role).post(f"/resources/{res.pk}/publish/", data)
    publishers = {"reviewer", "director"}
    expected = 302 if role in publishers else 403 if role in SEE_SUBMITTED else 404
    assert r.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_published_is_seen_by_everyone_signed_in(org: Org, role, submit, source_zip) -> None:
    res = _resource_in(org, State.IN_REVIEW, submit, source_zip)
    actions.do_approve(org.users["reviewer"], res, res.revision, actions.ReviewSpec(5, 5, 5))
    res = fresh(res)
    import datetime as dt

    actions.do_publish(org.users["director"], res, res.revision, platform="Moodle",
                       link="https://m.atu.edu.kz/1", published_on=dt.date(2026, 11, 20))  # fmt: skip
    assert org.client(role).get(f"/resources/{res.pk}/").status_code == 200


AUDIT_READERS = {"director", "vicerector", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_audit_log(org: Org, role) -> None:
    new_resource(org)
    r = org.client(role).get("/audit/")
    assert r.status_code == (200 if role in AUDIT_READERS else 403)
    if r.status_code == 200:
        assert audit.verify().ok and b"intact" in r.content


PLAN_VIEWERS = {"author", "coauthor", "author_reviewer", "head", "dean", "reviewer", "director",
                "vicerector", "admin"}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_plan_pages(org: Org, role) -> None:
    plan = plan_actions.do_create_plan(org.users["head"], org.dep, "2026-2027")
    c = org.client(role)
    assert c.get(f"/plans/{plan.pk}/").status_code == (200 if role in PLAN_VIEWERS else 404)
    assert c.get("/plans/new/").status_code == (200 if role in {"head", "other_head"} else 403)
    r = c.post(f"/plans/{plan.pk}/items/", {"discipline": "Сүт", "der_type": "e-textbook",
                                             "deadline": "2027-03-01",
                                             "authors": [org.users["author"].pk]})  # fmt: skip
    expected = 302 if role == "head" else 403 if role in PLAN_VIEWERS else 404
    assert r.status_code == expected


DEADLINE_SETTERS = {"head", "dean"}  # 11: deans set deadlines; heads keep theirs


@pytest.mark.parametrize("role", ROLES)
def test_plan_item_deadline_authors_and_minutes(org: Org, role) -> None:
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    head = org.users["head"]
    plan = plan_actions.do_create_plan(head, org.dep, "2026-2027")
    spec = plan_actions.ItemSpec("Сүт", "e-textbook", dt.date(2027, 3, 1), [org.users["author"]])
    item = plan_actions.do_add_plan_item(head, plan, spec)
    plan_actions.do_approve_plan(
        head, plan, minutes_number="3", minutes_date=dt.date(2026, 9, 5),
        minutes_file=SimpleUploadedFile("m.pdf", b"%PDF-1.4 minutes"),
    )  # fmt: skip
    c = org.client(role)
    base = f"/plans/{plan.pk}/items/{item.pk}/"
    seen = role in PLAN_VIEWERS
    assert c.get(base).status_code == (200 if seen else 404)
    r = c.post(f"{base}deadline/", {"deadline": "2027-04-01", "reason": "Кафедра сұрады"})
    assert r.status_code == (302 if role in DEADLINE_SETTERS else 403 if seen else 404)
    r = c.post(f"{base}authors/", {"authors": [org.users["coauthor"].pk], "reason": "Ауысым"})
    assert r.status_code == (302 if role == "head" else 403 if seen else 404)
    r = c.get(f"/plans/{plan.pk}/minutes/")
    assert r.status_code == (200 if seen else 404)
    if seen:  # read to the end: the test client then closes the file
        assert b"".join(r.streaming_content) == b"%PDF-1.4 minutes"


EXTRACT_CONFIRMERS = {"head"}  # 11, 8.4: the head of the resource's department


@pytest.mark.head_confirms
def test_confirm_extract(org: Org, submit, source_zip) -> None:
    res = new_resource(org)
    submit(res, source_zip)  # one submission for every role: the head, who succeeds, goes last
    for role in sorted(ROLES, key=lambda r: r in EXTRACT_CONFIRMERS):
        r = org.client(role).post(f"/resources/{res.pk}/v/1/extract/", {})
        seen = role not in {"other_author", "other_head", "other_dean", "nobody"}
        assert r.status_code == (302 if role in EXTRACT_CONFIRMERS else 403 if seen else 404)
        confirmed = fresh(res).latest_version.extract_confirmed_at is not None  # type: ignore[union-attr]
        assert confirmed == (role in EXTRACT_CONFIRMERS), role


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_for_every_role(org: Org, role) -> None:
    assert org.client(role).get("/").status_code == 200


@pytest.mark.parametrize(
    "url", ["/", "/plans/", "/plans/new/", "/resources/", "/resources/new/", "/audit/",
            "/resources/1/", "/resources/1/submit/", "/resources/1/v/1/", "/plans/1/minutes/",
            "/plans/1/items/1/"],
)  # fmt: skip
def test_anonymous_is_sent_to_login(db: None, url: str) -> None:
    r = Client().get(url)
    assert r.status_code == 302 and r["Location"].startswith("/login/")


@pytest.mark.parametrize("url", ["/resources/1/review/start/", "/resources/1/publish/",
                                 "/plans/1/approve/", "/logout/", "/plans/1/items/1/deadline/",
                                 "/plans/1/items/1/authors/", "/resources/1/v/1/extract/"])  # fmt: skip
def test_state_changes_are_post_only(org: Org, url: str) -> None:
    new_resource(org)
    assert org.client("admin").get(url).status_code == 405


# Editing the record and its authors (actions.edit_refusal): the authors while it is a draft
# (or returned); the Center director once it is approved or published — a correction, with a
# reason. Everyone else who sees it: 403; who does not: 404.
EDITORS = {"author", "coauthor", "author_reviewer"}


@pytest.mark.parametrize("role", ROLES)
def test_edit_record_of_a_draft(org: Org, role) -> None:
    res = new_resource(org)
    c = org.client(role)
    expected = 200 if role in EDITORS else 403 if role in SEE_DRAFT else 404
    assert c.get(f"/resources/{res.pk}/edit/").status_code == expected
    assert c.get(f"/resources/{res.pk}/authors/").status_code == expected
    data = {"revision": res.revision, "title": "Жаңа атау", "discipline": res.discipline,
            "der_type": res.der_type, "language": res.language}  # fmt: skip
    r = c.post(f"/resources/{res.pk}/edit/", data)
    assert r.status_code == (302 if role in EDITORS else expected)
    assert (fresh(res).title == "Жаңа атау") == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_correct_record_of_a_published_resource(org: Org, role, submit, source_zip) -> None:
    import datetime as dt

    res = _resource_in(org, State.IN_REVIEW, submit, source_zip)
    actions.do_approve(org.users["reviewer"], res, res.revision, actions.ReviewSpec(5, 5, 5))
    actions.do_publish(org.users["director"], fresh(res), fresh(res).revision, platform="Moodle",
                       link="https://m.atu.edu.kz/1", published_on=dt.date(2026, 11, 20))  # fmt: skip
    res = fresh(res)
    c = org.client(role)
    expected = 200 if role == "director" else 403  # a published resource is seen by everyone
    assert c.get(f"/resources/{res.pk}/edit/").status_code == expected
    assert c.get(f"/resources/{res.pk}/authors/").status_code == expected
    data = {"revision": res.revision, "title": "Түзетілген атау", "discipline": res.discipline,
            "der_type": res.der_type, "language": res.language, "reason": "Атауы"}  # fmt: skip
    r = c.post(f"/resources/{res.pk}/edit/", data)
    assert r.status_code == (302 if role == "director" else 403)
    assert (fresh(res).title == "Түзетілген атау") == (role == "director")
