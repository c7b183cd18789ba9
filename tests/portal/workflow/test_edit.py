"""Editing a resource's record and its authors after creation, through HTTP: who may and when
(the authors while draft or returned; the Center director, with a reason, once approved or
published), the audit entry's from/to, the catalogue's search text, stale revisions, co-authors
by e-mail address, and the placement certificate that no longer matches a corrected record.

Each success and its refusals share one setup (:func:`to_state`, :func:`edit_data`), so a
refusal cannot pass for the wrong reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from oqu.portal.audit import chain as audit
from oqu.portal.audit.models import AuditEntry
from oqu.portal.people.models import Role, RoleAssignment, fold
from oqu.portal.plans import actions as plan_actions
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Resource, State
from tests.portal.conftest import Org, fresh, make_user, new_resource

pytestmark = pytest.mark.django_db

LINK = "https://moodle.atu.edu.kz/mod/scorm/view.php?id=88"


def to_state(org: Org, res: Resource, state: State, submit: Any, package: bytes) -> Resource:
    """Drive ``res`` through the real workflow to ``state``."""
    if state == State.DRAFT:
        return fresh(res)
    assert submit(res, package).status_code == 302
    if state == State.SUBMITTED:
        return fresh(res)
    actions.do_start_review(org.users["reviewer"], fresh(res))
    if state == State.IN_REVIEW:
        return fresh(res)
    if state == State.RETURNED:
        spec = actions.ReviewSpec(3, 3, 3, reasons="Тақырып 2 жоқ.")
        actions.do_return(org.users["reviewer"], res, fresh(res).revision, spec)
        return fresh(res)
    actions.do_approve(org.users["reviewer"], res, fresh(res).revision, actions.ReviewSpec(5, 5, 5))
    if state == State.APPROVED:
        return fresh(res)
    actions.do_publish(
        org.users["director"], res, fresh(res).revision, platform="ATU Moodle", link=LINK,
        published_on=dt.date(2026, 11, 20),
    )  # fmt: skip
    return fresh(res)


def reload(res: Resource) -> Resource:
    """A new copy from the database (``fresh`` refreshes in place: no "before" would remain)."""
    return Resource.objects.get(pk=res.pk)


def edit_data(res: Resource, **changes: object) -> dict[str, object]:
    """The edit form as the page fills it for ``res``, with ``changes``."""
    data: dict[str, object] = {
        "revision": res.revision,
        "title": res.title,
        "discipline": res.discipline,
        "der_type": res.der_type,
        "language": res.language,
        "audience": res.audience,
        "plan_item": res.plan_item_id or "",
        "topics": res.topics,
        "keywords": res.keywords,
    }
    return {**data, **changes}


def authors_data(res: Resource, *emails: str, **extra: object) -> dict[str, object]:
    return {"revision": res.revision, "authors": "\n".join(emails), **extra}


def emails(res: Resource) -> list[str]:
    return sorted(res.authors.values_list("email", flat=True))


def last_entry(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


# --- the record: authors while draft or returned ------------------------------------------------


def test_author_edits_a_draft(org: Org, mailoutbox: list[Any]) -> None:
    res = new_resource(org)
    c = org.client("coauthor")  # any of its authors
    page = c.get(f"/resources/{res.pk}/edit/")
    assert page.status_code == 200
    body = page.content.decode()
    assert res.title in body and 'name="revision"' in body and 'name="department"' not in body
    assert 'name="reason"' not in body  # no correction: authors edit freely
    r = c.post(
        f"/resources/{res.pk}/edit/",
        edit_data(res, title="ҚАУІПСІЗДІК негіздері", topics="Қағидаттар\r\nБақылау нүктелері",
                  keywords="haccp, тамақ", audience="3-курс"),
    )  # fmt: skip
    assert r.status_code == 302 and r["Location"] == f"/resources/{res.pk}/"
    after = reload(res)
    assert after.title == "ҚАУІПСІЗДІК негіздері" and after.audience == "3-курс"
    assert after.topic_list == ["Қағидаттар", "Бақылау нүктелері"]  # CRLF from the browser
    assert after.revision == res.revision + 1
    entry = last_entry("resource.edit")
    assert entry.actor == org.users["coauthor"] and entry.object_id == str(res.pk)
    assert entry.data["correction"] is False and "reason" not in entry.data
    assert entry.data["changes"] == {
        "title": {"from": "HACCP жүйесінің негіздері", "to": "ҚАУІПСІЗДІК негіздері"},
        "audience": {"from": "2-курс", "to": "3-курс"},
        "topics": {"from": "", "to": "Қағидаттар\nБақылау нүктелері"},
        "keywords": {"from": "", "to": "haccp, тамақ"},
    }
    assert audit.verify().ok
    # the catalogue's folded search column follows the record (Resource.save())
    assert after.search_text == after.compute_search_text()
    assert fold("қауіпсіздік") in after.search_text and "haccp жүйесінің" not in after.search_text
    assert fold("Бақылау нүктелері") in after.search_text
    assert mailoutbox == []  # an author's own edit mails no one
    assert "ҚАУІПСІЗДІК негіздері" in c.get(f"/resources/{res.pk}/").content.decode()


def test_an_unchanged_form_saves_nothing(org: Org) -> None:
    res = new_resource(org)
    r = org.client("author").post(f"/resources/{res.pk}/edit/", edit_data(res))
    assert r.status_code == 302
    assert reload(res).revision == res.revision
    assert not AuditEntry.objects.filter(action="resource.edit").exists()


def test_plan_item_is_chosen_from_the_departments_approved_plans(org: Org) -> None:
    head = org.users["head"]
    plan = plan_actions.do_create_plan(head, org.dep, "2026-2027")
    spec = plan_actions.ItemSpec("Тағам қауіпсіздігі", "e-textbook", dt.date(2027, 3, 1),
                            [org.users["author"]])  # fmt: skip
    item = plan_actions.do_add_plan_item(head, plan, spec)
    other = plan_actions.do_create_plan(org.users["other_head"], org.other_dep, "2026-2027")
    spec = plan_actions.ItemSpec("Желілер", "e-textbook", dt.date(2027, 3, 1), [])
    foreign = plan_actions.do_add_plan_item(org.users["other_head"], other, spec)
    for who, p in ((head, plan), (org.users["other_head"], other)):
        plan_actions.do_approve_plan(
            who, p, minutes_number="1", minutes_date=dt.date(2026, 9, 1), minutes_file=None
        )
    res = new_resource(org)
    c = org.client("author")
    r = c.post(f"/resources/{res.pk}/edit/", edit_data(res, plan_item=foreign.pk))
    assert r.status_code == 400 and reload(res).plan_item is None
    r = c.post(f"/resources/{res.pk}/edit/", edit_data(res, plan_item=item.pk))
    assert r.status_code == 302 and reload(res).plan_item == item
    # the plan item decides the type (8.2): linking the record to it takes the item's type
    assert last_entry("resource.edit").data["changes"] == {
        "plan_item": {"from": None, "to": item.pk},
        "der_type": {"from": "interactive-presentation", "to": "e-textbook"},
    }


def test_author_edits_a_returned_resource(org: Org, submit, source_zip) -> None:
    res = to_state(org, new_resource(org), State.RETURNED, submit, source_zip)
    r = org.client("author").post(
        f"/resources/{res.pk}/edit/", edit_data(res, discipline="Тағам микробиологиясы")
    )
    assert r.status_code == 302
    assert reload(res).discipline == "Тағам микробиологиясы" and reload(res).state == State.RETURNED


@pytest.mark.parametrize(
    "state", [State.SUBMITTED, State.IN_REVIEW, State.APPROVED, State.PUBLISHED]
)
def test_author_is_refused_once_submitted(org: Org, state: State, submit, source_zip) -> None:
    res = to_state(org, new_resource(org), state, submit, source_zip)
    c = org.client("author")
    for page in ("edit", "authors"):
        r = c.get(f"/resources/{res.pk}/{page}/")
        assert r.status_code == 403 and b"cannot be changed while the resource is" in r.content
    r = c.post(f"/resources/{res.pk}/edit/", edit_data(res, title="Жаңа атау"))
    assert r.status_code == 403
    r = c.post(f"/resources/{res.pk}/authors/", authors_data(res, "author@test.atu.edu.kz"))
    assert r.status_code == 403
    after = reload(res)
    assert after.title == res.title and after.revision == res.revision and len(emails(after)) == 3
    page = c.get(f"/resources/{res.pk}/").content.decode()
    assert f"/resources/{res.pk}/edit/" not in page


def test_the_action_rechecks_who_and_when(org: Org, submit, source_zip) -> None:
    res = to_state(org, new_resource(org), State.SUBMITTED, submit, source_zip)
    spec = actions.ResourceSpec("x", res.discipline, res.der_type, res.language)
    with pytest.raises(actions.Refused):
        actions.do_update_resource(org.users["author"], res, res.revision, spec)
    with pytest.raises(actions.Refused):
        actions.do_update_resource(org.users["head"], new_resource(org), 0, spec)
    with pytest.raises(actions.Refused):
        actions.do_set_authors(org.users["author"], res, res.revision, [org.users["author"]])


# --- the record: the director's correction ------------------------------------------------------


@pytest.fixture
def published(org: Org, submit, source_zip) -> Resource:
    return to_state(org, new_resource(org), State.PUBLISHED, submit, source_zip)


def test_director_corrects_a_published_record_with_a_reason(
    org: Org, published: Resource, mailoutbox: list[Any]
) -> None:
    mailoutbox.clear()  # the submission's mail to the Center
    c = org.client("director")
    page = c.get(f"/resources/{published.pk}/")
    assert f"/resources/{published.pk}/edit/" in page.content.decode()
    page = c.get(f"/resources/{published.pk}/edit/")
    assert page.status_code == 200 and b"Correct the record: HACCP" in page.content
    assert b'name="reason"' in page.content
    url = f"/resources/{published.pk}/edit/"
    # without a reason: refused, nothing saved
    for reason in ("", "   "):
        r = c.post(url, edit_data(published, title="HACCP негіздері (түзетілген)", reason=reason))
        assert r.status_code == 400 and reload(published).title == published.title
        assert reload(published).revision == published.revision
    # with one
    r = c.post(
        url,
        edit_data(published, title="HACCP негіздері (түзетілген)", reason="Атауы қате жазылған"),
    )
    assert r.status_code == 302
    after = reload(published)
    assert after.title == "HACCP негіздері (түзетілген)" and after.state == State.PUBLISHED
    entry = last_entry("resource.edit")
    assert entry.actor == org.users["director"] and entry.data["correction"] is True
    assert entry.data["reason"] == "Атауы қате жазылған"
    assert entry.data["changes"] == {
        "title": {"from": published.title, "to": "HACCP негіздері (түзетілген)"}
    }
    # the authors are told; the public catalogue finds the corrected title
    assert len(mailoutbox) == 1 and "author@test.atu.edu.kz" in mailoutbox[0].to
    assert "Атауы қате жазылған" in mailoutbox[0].body
    found = Client().get("/catalogue/", {"q": "ТҮЗЕТІЛГЕН"}).content.decode()
    assert f"/catalogue/{published.pk}/" in found


@pytest.mark.parametrize(("state", "status"), [(State.DRAFT, 404), (State.SUBMITTED, 403),
                                               (State.IN_REVIEW, 403)])  # fmt: skip
def test_director_does_not_edit_before_approval(
    org: Org, state: State, status: int, submit, source_zip
) -> None:
    res = to_state(org, new_resource(org), state, submit, source_zip)
    r = org.client("director").post(
        f"/resources/{res.pk}/edit/", edit_data(res, title="x", reason="y")
    )
    assert r.status_code == status and reload(res).title == res.title


def test_director_corrects_an_approved_record(org: Org, submit, source_zip) -> None:
    res = to_state(org, new_resource(org), State.APPROVED, submit, source_zip)
    r = org.client("director").post(
        f"/resources/{res.pk}/edit/", edit_data(res, language="ru", reason="Тілі орысша")
    )
    assert r.status_code == 302 and reload(res).language == "ru"


def test_a_correction_makes_the_certificate_stale_until_superseded(
    org: Org, published: Resource
) -> None:
    from oqu.portal.certificates.models import Certificate

    assert org.client("director").post(
        f"/resources/{published.pk}/certificates/issue/"
    ).status_code == 302  # fmt: skip
    old = Certificate.objects.get()
    page = org.client("director").get(f"/resources/{published.pk}/").content.decode()
    assert "no longer matches" not in page  # issued from the record as it is
    r = org.client("director").post(
        f"/resources/{published.pk}/edit/",
        edit_data(published, audience="6B07201, 3-курс", reason="Курс қате"),
    )
    assert r.status_code == 302
    page = org.client("director").get(f"/resources/{published.pk}/").content.decode()
    assert f"certificate {old.number} was issued: the certificate no longer matches" in page
    assert f'href="#reason-{old.pk}"' in page and f'id="reason-{old.pk}"' in page
    page = org.client("author").get(f"/resources/{published.pk}/").content.decode()
    assert "no longer matches" in page and f'href="#reason-{old.pk}"' not in page
    # the director supersedes it: the new certificate says what the record says now
    r = org.client("director").post(
        f"/certificates/{old.number}/supersede/", {"reason": "Мақсатты аудитория"}
    )
    assert r.status_code == 302
    new = Certificate.objects.exclude(pk=old.pk).get()
    assert new.data["audience"] == "6B07201, 3-курс" and old.data["audience"] == "2-курс"
    page = org.client("director").get(f"/resources/{published.pk}/").content.decode()
    assert "no longer matches" not in page


def test_correcting_authors_also_makes_the_certificate_stale(org: Org, published: Resource) -> None:
    org.client("director").post(f"/resources/{published.pk}/certificates/issue/")
    r = org.client("director").post(
        f"/resources/{published.pk}/authors/",
        authors_data(published, *emails(published), "other_author@test.atu.edu.kz",
                     reason="Тең автор ұмытылған"),
    )  # fmt: skip
    assert r.status_code == 302
    assert "other_author@test.atu.edu.kz" in emails(reload(published))
    page = org.client("author").get(f"/resources/{published.pk}/").content.decode()
    assert "no longer matches the record" in page


# --- optimistic concurrency ---------------------------------------------------------------------


def test_a_stale_revision_is_a_conflict_and_saves_nothing(org: Org) -> None:
    res = new_resource(org)
    loaded = edit_data(res, title="Менің нұсқам")  # the author opened the page
    r = org.client("coauthor").post(
        f"/resources/{res.pk}/edit/", edit_data(res, discipline="Басқа пән")
    )
    assert r.status_code == 302  # meanwhile the co-author saved
    r = org.client("author").post(f"/resources/{res.pk}/edit/", loaded)
    assert r.status_code == 409 and b"Someone else changed this resource" in r.content
    after = reload(res)
    assert after.title == res.title and after.discipline == "Басқа пән"
    assert AuditEntry.objects.filter(action="resource.edit").count() == 1
    r = org.client("author").post(
        f"/resources/{res.pk}/authors/", authors_data(res, "author@test.atu.edu.kz")
    )
    assert r.status_code == 409 and len(emails(reload(res))) == 3


# --- authors ------------------------------------------------------------------------------------


def test_author_adds_a_coauthor_from_another_department(org: Org, mailoutbox: list[Any]) -> None:
    res = new_resource(org)
    c = org.client("author")
    page = c.get(f"/resources/{res.pk}/authors/").content.decode()
    for email in emails(res):
        assert email in page  # the current authors, one a line
    before = emails(res)
    new = "Other_Author@test.atu.edu.kz"  # another department and faculty; any case
    r = c.post(f"/resources/{res.pk}/authors/",
               {"revision": res.revision, "authors": ", ".join([*before, new])})  # fmt: skip
    assert r.status_code == 302
    after = reload(res)
    assert emails(after) == sorted([*before, "other_author@test.atu.edu.kz"])
    assert after.revision == res.revision + 1
    entry = last_entry("resource.authors")
    assert entry.data["authors"] == {"from": before, "to": emails(after)}
    assert entry.data["added"] == ["other_author@test.atu.edu.kz"] and entry.data["removed"] == []
    assert fold("Other_Author Тестов") in after.search_text
    assert after.search_text == after.compute_search_text()
    assert [m.to for m in mailoutbox] == [["other_author@test.atu.edu.kz"]]
    # the new co-author sees the draft now and may edit it
    assert org.client("other_author").get(f"/resources/{res.pk}/edit/").status_code == 200


def test_author_removes_a_coauthor(org: Org) -> None:
    res = new_resource(org)
    r = org.client("author").post(
        f"/resources/{res.pk}/authors/", authors_data(res, "author@test.atu.edu.kz")
    )
    assert r.status_code == 302 and r["Location"] == f"/resources/{res.pk}/"
    assert emails(reload(res)) == ["author@test.atu.edu.kz"]
    assert last_entry("resource.authors").data["removed"] == [
        "author_reviewer@test.atu.edu.kz", "coauthor@test.atu.edu.kz"
    ]  # fmt: skip
    assert "coauthor тестов" not in reload(res).search_text
    assert org.client("coauthor").get(f"/resources/{res.pk}/").status_code == 404


def test_an_author_may_leave_when_others_remain(org: Org) -> None:
    res = new_resource(org)
    r = org.client("coauthor").post(
        f"/resources/{res.pk}/authors/", authors_data(res, "author@test.atu.edu.kz")
    )
    assert r.status_code == 302 and r["Location"] == "/resources/"  # no longer sees it
    assert org.client("coauthor").get(f"/resources/{res.pk}/").status_code == 404


def test_the_last_author_cannot_remove_themselves(org: Org) -> None:
    spec = actions.ResourceSpec("Жалғыз автор", "Пән", "e-textbook", "kk")
    res = actions.do_create_resource(org.users["author"], org.dep, spec)
    c = org.client("author")
    for value in ("", " \n , "):
        r = c.post(f"/resources/{res.pk}/authors/", authors_data(res, value))
        assert r.status_code == 400 and b"keeps at least one author" in r.content
    assert (
        emails(reload(res)) == ["author@test.atu.edu.kz"] and reload(res).revision == res.revision
    )
    with pytest.raises(actions.Refused):
        actions.do_set_authors(org.users["author"], res, res.revision, [])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("author@test.atu.edu.kz, ghost@test.atu.edu.kz",
         "No user has the e-mail address ghost@test.atu.edu.kz."),
        ("author@test.atu.edu.kz\nnot-an-address", "Not an e-mail address: not-an-address."),
        ("author@test.atu.edu.kz\nnobody@test.atu.edu.kz",
         "nobody@test.atu.edu.kz cannot be an author"),  # no author role
        ("author@test.atu.edu.kz\nreviewer@test.atu.edu.kz",
         "reviewer@test.atu.edu.kz cannot be an author"),  # the Center, not an author
        ("author@test.atu.edu.kz\nretired@test.atu.edu.kz",
         "retired@test.atu.edu.kz cannot be an author"),  # inactive
    ],
)  # fmt: skip
def test_coauthors_must_be_active_authors(org: Org, value: str, message: str) -> None:
    retired = make_user("retired", is_active=False)
    RoleAssignment.objects.create(user=retired, role=Role.AUTHOR, department=org.dep)
    res = new_resource(org)
    r = org.client("author").post(f"/resources/{res.pk}/authors/", authors_data(res, value))
    assert r.status_code == 400
    assert message in r.content.decode()
    assert len(emails(reload(res))) == 3 and reload(res).revision == res.revision
    assert not AuditEntry.objects.filter(action="resource.authors").exists()


def test_unchanged_authors_save_nothing(org: Org) -> None:
    res = new_resource(org)
    r = org.client("author").post(
        f"/resources/{res.pk}/authors/", authors_data(res, *reversed(emails(res)))
    )
    assert r.status_code == 302 and reload(res).revision == res.revision


def test_others_may_not_change_authors(org: Org) -> None:
    res = new_resource(org)
    data = authors_data(res, "head@test.atu.edu.kz")
    assert org.client("head").post(f"/resources/{res.pk}/authors/", data).status_code == 403
    assert org.client("other_author").post(f"/resources/{res.pk}/authors/", data).status_code == 404
    assert org.client("admin").post(f"/resources/{res.pk}/authors/", data).status_code == 403
    assert len(emails(reload(res))) == 3


def test_director_corrects_authors_only_with_a_reason(org: Org, published: Resource) -> None:
    c = org.client("director")
    url = f"/resources/{published.pk}/authors/"
    r = c.post(url, authors_data(published, "author@test.atu.edu.kz"))
    assert r.status_code == 400 and len(emails(reload(published))) == 3
    r = c.post(url, authors_data(published, "author@test.atu.edu.kz", reason="Екеуі автор емес"))
    assert r.status_code == 302 and emails(reload(published)) == ["author@test.atu.edu.kz"]
    entry = last_entry("resource.authors")
    assert entry.data["correction"] is True and entry.data["reason"] == "Екеуі автор емес"


# --- hostile text, anonymous users --------------------------------------------------------------


def test_markup_in_a_title_is_inert(org: Org) -> None:
    res = new_resource(org)
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    r = org.client("author").post(f"/resources/{res.pk}/edit/", edit_data(res, title=hostile))
    assert r.status_code == 302 and reload(res).title == hostile
    for url in (f"/resources/{res.pk}/", f"/resources/{res.pk}/edit/",
                f"/resources/{res.pk}/authors/"):  # fmt: skip
        body = org.client("author").get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


@pytest.mark.parametrize("page", ["edit", "authors"])
def test_anonymous_is_sent_to_log_in(org: Org, page: str) -> None:
    res = new_resource(org)
    r = Client().post(f"/resources/{res.pk}/{page}/", edit_data(res, title="x"))
    assert r.status_code == 302 and r["Location"].startswith("/login/")
    assert reload(res).title == res.title
