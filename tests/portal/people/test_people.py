"""People, roles and the organisation (administrators) and "My profile" (everyone), through
HTTP: every new view × every role, each action's success and its refusals, the audit entries,
and hostile text rendered inert.

A refusal test and its success twin share their setup (the ``org`` fixture, the same request
with one value changed), so a refusal cannot pass for the wrong reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from oqu.portal.audit import chain as audit
from oqu.portal.audit.models import AuditEntry
from oqu.portal.people import actions as act
from oqu.portal.people.models import AuthSource, Department, Faculty, Role, RoleAssignment, User
from oqu.portal.plans import actions as plan_actions
from oqu.portal.workflow import actions
from tests.portal.conftest import PASSWORD, Org, make_user, new_resource
from tests.portal.test_permissions import ROLES

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-longer-passphrase-7"


def _text(r: Any) -> str:
    return r.content.decode()


def _entries(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def _can_sign_in(email: str, password: str) -> bool:
    return Client().post("/login/", {"email": email, "password": password}).status_code == 302


# --- the permission matrix --------------------------------------------------------------------


def _admin_pages(org: Org) -> list[str]:
    nobody, f, d = org.users["nobody"].pk, org.other_faculty.pk, org.other_dep.pk
    return [
        "/people/",
        "/people/?q=test&role=author&faculty=1&department=1&status=active",
        "/people/new/",
        f"/people/{nobody}/",
        f"/people/{nobody}/password/",
        "/people/organisation/",
        "/people/faculties/new/",
        f"/people/faculties/{f}/",
        "/people/departments/new/",
        f"/people/departments/{d}/",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_are_the_administrators(org: Org, role: str) -> None:
    c = org.client(role)
    for url in _admin_pages(org):
        r = c.get(url)
        if role == "admin":
            assert r.status_code == 200, url
        else:
            assert r.status_code == 403, url
            assert "Only an administrator can manage people" in _text(r), url


@pytest.mark.parametrize("role", [*ROLES, "reviewer2", "other_author"])
def test_profile_pages_are_everyones(org: Org, role: str) -> None:
    c = org.client(role)
    page = c.get("/profile/")
    assert page.status_code == 200
    assert org.users[role].email in _text(page)
    assert c.get("/profile/password/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_nav_links(org: Org, role: str) -> None:
    page = _text(org.client(role).get("/"))
    assert 'href="/profile/"' in page
    assert ('href="/people/"' in page) == (role == "admin")


@dataclass
class Change:
    """One admin POST: the request, and how to tell that it changed something."""

    url: Callable[[Org], str]
    data: Callable[[Org], dict[str, Any]]
    done: Callable[[Org], bool]
    prepare: Callable[[Org], None] = lambda org: None


def _role_of(org: Org, key: str) -> int:
    return RoleAssignment.objects.get(user=org.users[key]).pk


def _empty_faculty(org: Org) -> None:
    Faculty.objects.create(name="Empty")


def _empty_department(org: Org) -> None:
    Department.objects.create(faculty=org.faculty, name="Empty")


def _deactivate(user: User) -> None:
    User.objects.filter(pk=user.pk).update(is_active=False)


def _deactivate_nobody(org: Org) -> None:
    _deactivate(org.users["nobody"])


def _nobody(org: Org) -> User:
    return User.objects.get(pk=org.users["nobody"].pk)


TARGET = "target@test.atu.edu.kz"  # whom the admin changes act on: not one of the actors


def _target() -> User:
    return User.objects.get(email=TARGET)


CHANGES: dict[str, Change] = {
    "create-person": Change(
        url=lambda o: "/people/new/",
        data=lambda o: {"email": "new@test.atu.edu.kz", "full_name": "New Person"},
        done=lambda o: User.objects.filter(email="new@test.atu.edu.kz").exists(),
    ),
    "edit-person": Change(
        url=lambda o: f"/people/{_target().pk}/",
        data=lambda o: {"email": _target().email, "full_name": "Renamed"},
        done=lambda o: _target().full_name == "Renamed",
    ),
    "set-password": Change(
        url=lambda o: f"/people/{_target().pk}/password/",
        data=lambda o: {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        done=lambda o: _target().check_password(NEW_PASSWORD),
    ),
    "send-sign-in-link": Change(
        url=lambda o: f"/people/{_target().pk}/send-link/",
        data=lambda o: {},
        done=lambda o: AuditEntry.objects.filter(
            action="user.sign_in_link", object_id=str(_target().pk)
        ).exists(),
    ),
    "deactivate": Change(
        url=lambda o: f"/people/{_target().pk}/deactivate/",
        data=lambda o: {},
        done=lambda o: not _target().is_active,
    ),
    "reactivate": Change(
        url=lambda o: f"/people/{_target().pk}/reactivate/",
        data=lambda o: {},
        done=lambda o: _target().is_active,
        prepare=lambda o: _deactivate(_target()),
    ),
    "give-role": Change(
        url=lambda o: f"/people/{_target().pk}/roles/",
        data=lambda o: {"role-role": Role.REVIEWER},
        done=lambda o: RoleAssignment.objects.filter(user=_target()).exists(),
    ),
    "remove-role": Change(
        url=lambda o: f"/people/{_target().pk}/roles/{_target().roles.get().pk}/remove/",
        data=lambda o: {},
        done=lambda o: not RoleAssignment.objects.filter(user=_target()).exists(),
        prepare=lambda o: RoleAssignment.objects.create(user=_target(), role=Role.REVIEWER),
    ),
    "create-faculty": Change(
        url=lambda o: "/people/faculties/new/",
        data=lambda o: {"faculty-name": "Инженерия", "faculty-short_name": "ИФ"},
        done=lambda o: Faculty.objects.filter(name="Инженерия").exists(),
    ),
    "rename-faculty": Change(
        url=lambda o: f"/people/faculties/{o.other_faculty.pk}/",
        data=lambda o: {"name": "IT faculty", "short_name": "IT"},
        done=lambda o: Faculty.objects.filter(name="IT faculty").exists(),
    ),
    "delete-faculty": Change(
        url=lambda o: f"/people/faculties/{Faculty.objects.get(name='Empty').pk}/delete/",
        data=lambda o: {},
        done=lambda o: not Faculty.objects.filter(name="Empty").exists(),
        prepare=_empty_faculty,
    ),
    "create-department": Change(
        url=lambda o: "/people/departments/new/",
        data=lambda o: {"department-faculty": o.faculty.pk, "department-name": "Сүт"},
        done=lambda o: Department.objects.filter(name="Сүт").exists(),
    ),
    "rename-department": Change(
        url=lambda o: f"/people/departments/{o.other_dep.pk}/",
        data=lambda o: {"faculty": o.other_faculty.pk, "name": "Information systems"},
        done=lambda o: Department.objects.filter(name="Information systems").exists(),
    ),
    "delete-department": Change(
        url=lambda o: f"/people/departments/{Department.objects.get(name='Empty').pk}/delete/",
        data=lambda o: {},
        done=lambda o: not Department.objects.filter(name="Empty").exists(),
        prepare=_empty_department,
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize("role", ROLES)
def test_admin_changes_are_the_administrators(org: Org, role: str, change: str) -> None:
    case = CHANGES[change]
    make_user("target")
    case.prepare(org)
    r = org.client(role).post(case.url(org), case.data(org))
    if role == "admin":
        assert r.status_code == 302, _text(r)
        assert case.done(org)
    else:
        assert r.status_code == 403
        assert not case.done(org)


PEOPLE_URLS = ["/people/", "/people/new/", "/people/1/", "/people/1/password/",
               "/people/organisation/", "/people/faculties/new/", "/people/faculties/1/",
               "/people/departments/new/", "/people/departments/1/", "/profile/",
               "/profile/password/"]  # fmt: skip


@pytest.mark.parametrize("url", PEOPLE_URLS)
def test_anonymous_is_sent_to_login(db: None, url: str) -> None:
    r = Client().get(url)
    assert r.status_code == 302 and r["Location"].startswith("/login/")


@pytest.mark.parametrize(
    "url", ["/people/{u}/deactivate/", "/people/{u}/reactivate/", "/people/{u}/roles/",
            "/people/{u}/send-link/",
            "/people/{u}/roles/{a}/remove/", "/people/faculties/{f}/delete/",
            "/people/departments/{d}/delete/"],
)  # fmt: skip
def test_state_changes_are_post_only(org: Org, url: str) -> None:
    u = org.users["reviewer"]
    url = url.format(u=u.pk, a=_role_of(org, "reviewer"), f=org.faculty.pk, d=org.dep.pk)
    assert org.client("admin").get(url).status_code == 405


def test_csrf_is_enforced(org: Org) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(org.users["admin"])
    target = org.users["nobody"]
    r = c.post(f"/people/{target.pk}/deactivate/")
    assert r.status_code == 403
    assert _nobody(org).is_active
    r = c.post("/profile/", {"full_name": "Changed"})
    assert r.status_code == 403
    # the same request with the page's token goes through
    page = c.get(f"/people/{target.pk}/")
    token = page.cookies["csrftoken"].value
    r = c.post(f"/people/{target.pk}/deactivate/", {"csrfmiddlewaretoken": token})
    assert r.status_code == 302 and not _nobody(org).is_active


# --- creating and editing people --------------------------------------------------------------


def _create(c: Client, **extra: str) -> Any:
    data = {"email": "aigul@test.atu.edu.kz", "full_name": "Әлиева Айгүл", "position": "доцент",
            "degree": "PhD", "academic_title": "қауымдастырылған профессор", **extra}  # fmt: skip
    return c.post("/people/new/", data)


def test_create_with_a_password_signs_in(org: Org) -> None:
    r = _create(org.client("admin"), password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    assert r.status_code == 302
    user = User.objects.get(email="aigul@test.atu.edu.kz")
    assert r["Location"] == f"/people/{user.pk}/"
    assert (user.position, user.degree, user.academic_title) == (
        "доцент", "PhD", "қауымдастырылған профессор"
    )  # fmt: skip
    assert _can_sign_in(user.email, NEW_PASSWORD)
    [entry] = _entries("user.create")
    assert entry.actor == org.users["admin"] and entry.object_id == str(user.pk)
    assert entry.data["email"] == user.email and entry.data["password"] is True
    assert NEW_PASSWORD not in str(entry.data)


def test_create_without_a_password_cannot_sign_in_until_one_is_set(org: Org) -> None:
    c = org.client("admin")
    assert _create(c).status_code == 302
    user = User.objects.get(email="aigul@test.atu.edu.kz")
    assert not user.has_usable_password()
    assert not _can_sign_in(user.email, "")
    assert "cannot sign in until one is set" in _text(c.get(f"/people/{user.pk}/"))
    r = c.post(f"/people/{user.pk}/password/",
               {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})  # fmt: skip
    assert r.status_code == 302
    assert _can_sign_in(user.email, NEW_PASSWORD)
    [entry] = _entries("user.set_password")
    assert entry.data == {"had_password": False}


def test_duplicate_email_is_refused_whatever_its_case(org: Org) -> None:
    c = org.client("admin")
    before = User.objects.count()
    r = _create(c, email="AUTHOR@Test.ATU.edu.kz")
    assert r.status_code == 400
    assert "Someone already has the e-mail address author@test.atu.edu.kz" in _text(r)
    assert User.objects.count() == before
    assert _create(c, email="Aigul@TEST.atu.edu.kz").status_code == 302  # the same, unused
    assert User.objects.filter(email="aigul@test.atu.edu.kz").exists()  # stored lower-case
    assert not _entries("user.create")[1:]


def test_weak_initial_password_is_refused(org: Org) -> None:
    c = org.client("admin")
    r = _create(c, password1="12345", password2="12345")
    assert r.status_code == 400
    assert "too short" in _text(r) and "too common" in _text(r)
    assert not User.objects.filter(email="aigul@test.atu.edu.kz").exists()
    r = _create(c, password1=NEW_PASSWORD, password2=NEW_PASSWORD + "x")
    assert r.status_code == 400 and "The two passwords differ" in _text(r)
    assert not User.objects.filter(email="aigul@test.atu.edu.kz").exists()


def test_a_name_is_required_by_the_action_too(org: Org) -> None:
    with pytest.raises(actions.Refused, match="needs a name"):
        act.do_create_user(org.users["admin"], "x@test.atu.edu.kz", act.PersonSpec(" "), None)
    with pytest.raises(actions.Refused, match="needs a name"):
        act.do_update_profile(org.users["author"], act.PersonSpec(""))
    assert not User.objects.filter(email="x@test.atu.edu.kz").exists()


def test_weak_password_refused_by_the_action_too(org: Org) -> None:
    with pytest.raises(actions.Refused, match="too common"):
        act.do_create_user(org.users["admin"], "x@test.atu.edu.kz", act.PersonSpec("X"), "password")
    with pytest.raises(actions.Refused, match="too short"):
        act.do_set_password(org.users["admin"], org.users["nobody"], "abc")
    assert not User.objects.filter(email="x@test.atu.edu.kz").exists()


def test_edit_person_records_from_and_to(org: Org) -> None:
    c = org.client("admin")
    author = org.users["author"]
    data = {"email": "Aliyeva@Test.atu.edu.kz", "full_name": "Author Тестов", "position": "доцент",
            "degree": "PhD", "academic_title": ""}  # fmt: skip
    r = c.post(f"/people/{author.pk}/", data)
    assert r.status_code == 302
    author.refresh_from_db()
    assert (author.email, author.position, author.degree) == ("aliyeva@test.atu.edu.kz",
                                                             "доцент", "PhD")  # fmt: skip
    [entry] = _entries("user.update")
    assert entry.data["changes"] == {
        "email": {"from": "author@test.atu.edu.kz", "to": "aliyeva@test.atu.edu.kz"},
        "position": {"from": "", "to": "доцент"},
        "degree": {"from": "", "to": "PhD"},
    }
    assert c.post(f"/people/{author.pk}/", data).status_code == 302  # nothing changed …
    assert len(_entries("user.update")) == 1  # … nothing recorded
    # someone else's address, in capitals: refused, nothing saved
    r = c.post(f"/people/{author.pk}/", {**data, "email": "COAUTHOR@test.atu.edu.kz"})
    assert r.status_code == 400 and "already has the e-mail address" in _text(r)
    author.refresh_from_db()
    assert author.email == "aliyeva@test.atu.edu.kz"


def test_rename_keeps_the_catalogue_search_current(org: Org) -> None:
    resource = new_resource(org)
    c = org.client("admin")
    coauthor = org.users["coauthor"]
    r = c.post(f"/people/{coauthor.pk}/", {"email": coauthor.email, "full_name": "Жаңа Есім"})
    assert r.status_code == 302
    resource.refresh_from_db()
    assert "жаңа есім" in resource.search_text


# --- deactivation and the last administrator --------------------------------------------------


def test_deactivate_ends_sign_in_and_sessions_then_reactivate(org: Org) -> None:
    admin = org.client("admin")
    author = org.users["author"]
    session = org.client("author")
    assert session.get("/").status_code == 200
    assert admin.post(f"/people/{author.pk}/deactivate/").status_code == 302
    assert session.get("/").status_code == 302  # the open session no longer works
    assert not _can_sign_in(author.email, PASSWORD)
    [entry] = _entries("user.deactivate")
    assert (entry.from_state, entry.to_state) == ("active", "inactive")
    r = admin.post(f"/people/{author.pk}/deactivate/")
    assert r.status_code == 400 and "already deactivated" in _text(r)
    assert admin.post(f"/people/{author.pk}/reactivate/").status_code == 302
    assert _can_sign_in(author.email, PASSWORD)
    [entry] = _entries("user.reactivate")
    assert (entry.from_state, entry.to_state) == ("inactive", "active")
    assert User.objects.filter(pk=author.pk).exists()  # never deleted


def test_an_admin_cannot_deactivate_themselves(org: Org) -> None:
    admin = org.users["admin"]
    c = org.client("admin")
    r = c.post(f"/people/{admin.pk}/deactivate/")
    assert r.status_code == 400
    assert "You cannot deactivate your own account" in _text(r)
    admin.refresh_from_db()
    assert admin.is_active and not _entries("user.deactivate")
    assert "You cannot deactivate your own account" in _text(c.get(f"/people/{admin.pk}/"))


def test_the_last_active_admin_keeps_the_role(org: Org) -> None:
    admin = org.users["admin"]
    c = org.client("admin")
    own = RoleAssignment.objects.get(user=admin, role=Role.ADMIN)
    r = c.post(f"/people/{admin.pk}/roles/{own.pk}/remove/")
    assert r.status_code == 400 and "last active administrator" in _text(r)
    assert RoleAssignment.objects.filter(pk=own.pk).exists()
    # a deactivated second administrator does not count …
    other = make_user("second_admin", is_active=False)
    RoleAssignment.objects.create(user=other, role=Role.ADMIN)
    assert c.post(f"/people/{admin.pk}/roles/{own.pk}/remove/").status_code == 400
    # … an active one does: then the role can go, and its holder lands on the dashboard
    assert c.post(f"/people/{other.pk}/reactivate/").status_code == 302
    r = c.post(f"/people/{admin.pk}/roles/{own.pk}/remove/")
    assert r.status_code == 302 and r["Location"] == "/"
    assert c.get("/people/").status_code == 403
    [entry] = _entries("role.remove")
    assert entry.from_state == "admin" and entry.object_id == str(admin.pk)


def test_the_last_active_admin_is_not_deactivated(org: Org) -> None:
    # Through HTTP the actor is itself an active administrator; the action guards other callers.
    with pytest.raises(actions.Refused, match="last active administrator"):
        act.do_deactivate_user(org.users["director"], org.users["admin"])
    second = make_user("second_admin")
    RoleAssignment.objects.create(user=second, role=Role.ADMIN)
    act.do_deactivate_user(org.users["director"], org.users["admin"])
    assert not User.objects.get(pk=org.users["admin"].pk).is_active


@pytest.mark.django_db(transaction=True)
def test_two_admins_removing_each_other_at_once_leave_one(org: Org) -> None:
    """Two threads, two connections, committed transactions (see test_concurrency)."""
    from django.db import connection

    from tests.portal.workflow.test_concurrency import _race

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("in-memory SQLite is one connection; the PostgreSQL run covers the race")
    a, b = org.users["admin"], make_user("second_admin")
    role_a = RoleAssignment.objects.get(user=a, role=Role.ADMIN)
    role_b = RoleAssignment.objects.create(user=b, role=Role.ADMIN)
    results = _race([lambda: act.do_remove_role(a, role_b), lambda: act.do_remove_role(b, role_a)])
    refused = [r for r in results if isinstance(r, actions.Refused)]
    assert results.count(None) == 1 and len(refused) == 1, results
    assert "last active administrator" in str(refused[0])
    assert RoleAssignment.objects.filter(role=Role.ADMIN).count() == 1
    assert audit.verify().ok


def test_a_superuser_counts_as_an_administrator(org: Org) -> None:
    admin = org.users["admin"]
    make_user("root", is_superuser=True)
    own = RoleAssignment.objects.get(user=admin, role=Role.ADMIN)
    act.do_remove_role(admin, own)
    assert not RoleAssignment.objects.filter(pk=own.pk).exists()


# --- roles and their scope --------------------------------------------------------------------


def _give(c: Client, user: User, **data: Any) -> Any:
    return c.post(f"/people/{user.pk}/roles/", {f"role-{k}": v for k, v in data.items()})


def test_roles_with_the_right_scope(org: Org) -> None:
    c = org.client("admin")
    nobody = org.users["nobody"]
    assert _give(c, nobody, role="author", department=org.dep.pk).status_code == 302
    assert _give(c, nobody, role="head", department=org.other_dep.pk).status_code == 302
    assert _give(c, nobody, role="dean", faculty=org.faculty.pk).status_code == 302
    assert _give(c, nobody, role="director").status_code == 302
    got = set(RoleAssignment.objects.filter(user=nobody).values_list(
        "role", "department_id", "faculty_id"))  # fmt: skip
    assert got == {("author", org.dep.pk, None), ("head", org.other_dep.pk, None),
                   ("dean", None, org.faculty.pk), ("director", None, None)}  # fmt: skip
    entries = _entries("role.assign")
    assert [e.to_state for e in entries] == ["author", "head", "dean", "director"]
    assert entries[0].data["department"] == {"id": org.dep.pk, "name": org.dep.name}
    # the person now sees what the role gives: the department's plans page lists nothing new,
    # but the head's "new plan" is open to them
    person = Client()
    person.force_login(nobody)
    assert person.get("/plans/new/").status_code == 200
    page = _text(c.get(f"/people/{nobody.pk}/"))
    assert org.dep.name in page and org.faculty.name in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "author"}, "“author” is held in a department"),
        ({"role": "head", "faculty": "F"}, "“head of department” is held in a department"),
        ({"role": "author", "department": "D", "faculty": "F"}, "choose a department and no"),
        ({"role": "dean"}, "“dean” is held in a faculty"),
        ({"role": "dean", "department": "D"}, "“dean” is held in a faculty"),
        ({"role": "reviewer", "department": "D"}, "held university-wide"),
        ({"role": "admin", "faculty": "F"}, "held university-wide"),
    ],
)
def test_wrong_scope_is_refused(org: Org, data: dict[str, str], message: str) -> None:
    scope = {"D": org.dep.pk, "F": org.faculty.pk}
    data = {k: scope.get(v, v) for k, v in data.items()}
    r = _give(org.client("admin"), org.users["nobody"], **data)
    assert r.status_code == 400
    assert message in _text(r)
    assert not RoleAssignment.objects.filter(user=org.users["nobody"]).exists()
    assert not _entries("role.assign")


def test_duplicate_role_is_refused_with_a_message(org: Org) -> None:
    c = org.client("admin")
    author = org.users["author"]
    r = _give(c, author, role="author", department=org.dep.pk)
    assert r.status_code == 400
    assert f"already has the role “author” in {org.dep.name}" in _text(r)
    assert _give(c, author, role="author", department=org.other_dep.pk).status_code == 302
    reviewer = org.users["reviewer"]
    r = _give(c, reviewer, role="reviewer")
    assert r.status_code == 400 and "in the university" in _text(r)
    assert RoleAssignment.objects.filter(user=reviewer).count() == 1


def test_unknown_role_is_a_form_error(org: Org) -> None:
    r = _give(org.client("admin"), org.users["nobody"], role="superuser")
    assert r.status_code == 400
    assert not RoleAssignment.objects.filter(user=org.users["nobody"]).exists()


def test_a_deactivated_person_may_be_given_a_role(org: Org) -> None:
    _deactivate_nobody(org)
    assert _give(org.client("admin"), org.users["nobody"], role="reviewer").status_code == 302


def test_removing_a_role_of_another_person_through_this_url_is_404(org: Org) -> None:
    c = org.client("admin")
    url = f"/people/{org.users['nobody'].pk}/roles/{_role_of(org, 'reviewer')}/remove/"
    assert c.post(url).status_code == 404
    assert RoleAssignment.objects.filter(user=org.users["reviewer"]).exists()


# --- passwords --------------------------------------------------------------------------------


def _sso_user() -> User:
    return make_user("sso", auth_source=AuthSource.OIDC, external_id="oidc-sub-1")


def test_admin_sets_a_password_and_old_one_stops_working(org: Org) -> None:
    author = org.users["author"]
    session = org.client("author")
    r = org.client("admin").post(f"/people/{author.pk}/password/",
                                 {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})  # fmt: skip
    assert r.status_code == 302
    assert _can_sign_in(author.email, NEW_PASSWORD) and not _can_sign_in(author.email, PASSWORD)
    assert session.get("/").status_code == 302  # their other sessions end
    [entry] = _entries("user.set_password")
    assert entry.data == {"had_password": True} and NEW_PASSWORD not in audit.canonical(entry)


def test_weak_password_set_by_admin_is_refused(org: Org) -> None:
    author = org.users["author"]
    r = org.client("admin").post(f"/people/{author.pk}/password/",
                                 {"new_password1": "qwerty", "new_password2": "qwerty"})  # fmt: skip
    assert r.status_code == 400 and "too common" in _text(r)
    assert _can_sign_in(author.email, PASSWORD)
    assert not _entries("user.set_password")


def test_admin_setting_their_own_password_stays_signed_in(org: Org) -> None:
    admin = org.users["admin"]
    c = org.client("admin")
    r = c.post(f"/people/{admin.pk}/password/",
               {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})  # fmt: skip
    assert r.status_code == 302
    assert c.get("/people/").status_code == 200


def test_sso_accounts_get_no_password(org: Org) -> None:
    sso = _sso_user()
    c = org.client("admin")
    page = c.get(f"/people/{sso.pk}/password/")
    assert page.status_code == 200
    assert "signs in through single sign-on (OIDC)" in _text(page)
    assert "new_password1" not in _text(page)
    assert "signs in through single sign-on" in _text(c.get(f"/people/{sso.pk}/"))
    r = c.post(f"/people/{sso.pk}/password/",
               {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})  # fmt: skip
    assert r.status_code == 400 and "cannot be set here" in _text(r)
    sso.refresh_from_db()
    assert not sso.check_password(NEW_PASSWORD)
    with pytest.raises(actions.Refused, match="single sign-on"):
        act.do_set_password(org.users["admin"], sso, NEW_PASSWORD)
    # nor by themselves
    own = Client()
    own.force_login(sso)
    assert "cannot be set here" in _text(own.get("/profile/password/"))
    r = own.post("/profile/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                        "new_password2": NEW_PASSWORD})  # fmt: skip
    assert r.status_code == 400
    assert not _entries("user.set_password") and not _entries("profile.password")


# --- my profile -------------------------------------------------------------------------------


def test_profile_edit_changes_details_not_email_or_roles(org: Org) -> None:
    c = org.client("author")
    author = org.users["author"]
    r = c.post("/profile/", {"full_name": "Әлиева Айгүл", "position": "аға оқытушы",
                             "degree": "т.ғ.к.", "academic_title": "доцент",
                             "email": "evil@test.atu.edu.kz", "role-role": "admin"})  # fmt: skip
    assert r.status_code == 302 and r["Location"] == "/profile/"
    author.refresh_from_db()
    assert (author.full_name, author.position, author.degree, author.academic_title) == (
        "Әлиева Айгүл", "аға оқытушы", "т.ғ.к.", "доцент")  # fmt: skip
    assert author.email == "author@test.atu.edu.kz"
    assert list(author.roles.values_list("role", flat=True)) == ["author"]
    [entry] = _entries("profile.update")
    assert entry.actor == author
    assert entry.data["changes"]["full_name"] == {"from": "Author Тестов", "to": "Әлиева Айгүл"}
    page = _text(c.get("/profile/"))  # roles are shown read-only, with their scope
    assert f"author — {org.dep.name}" in page and "Give a role" not in page


def test_profile_requires_a_name(org: Org) -> None:
    r = org.client("author").post("/profile/", {"full_name": "  "})
    assert r.status_code == 400
    assert User.objects.get(pk=org.users["author"].pk).full_name == "Author Тестов"


def test_own_password_change_keeps_the_session(org: Org) -> None:
    author = org.users["author"]
    c = org.client("author")
    data = {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    r = c.post("/profile/password/", data)
    assert r.status_code == 400 and "old password was entered incorrectly" in _text(r)
    r = c.post("/profile/password/", {**data, "old_password": PASSWORD, "new_password2": "x"})
    assert r.status_code == 400
    r = c.post("/profile/password/", {**data, "old_password": PASSWORD, "new_password1": "abc",
                                      "new_password2": "abc"})  # fmt: skip
    assert r.status_code == 400 and "too short" in _text(r)
    assert _can_sign_in(author.email, PASSWORD)
    r = c.post("/profile/password/", {**data, "old_password": PASSWORD})
    assert r.status_code == 302
    assert c.get("/profile/").status_code == 200  # still signed in
    assert _can_sign_in(author.email, NEW_PASSWORD) and not _can_sign_in(author.email, PASSWORD)
    [entry] = _entries("profile.password")
    assert entry.actor == author and entry.object_id == str(author.pk)


# --- hostile text -----------------------------------------------------------------------------

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_in_names_is_inert(org: Org) -> None:
    c = org.client("author")
    assert c.post("/profile/", {"full_name": XSS, "position": XSS}).status_code == 302
    Faculty.objects.filter(pk=org.faculty.pk).update(name=XSS)
    admin = org.client("admin")
    author = org.users["author"]
    pages = ["/profile/", "/people/", f"/people/{author.pk}/", "/people/organisation/",
             f"/people/faculties/{org.faculty.pk}/"]  # fmt: skip
    for url, client in [(u, admin) for u in pages] + [("/profile/", c), ("/", c)]:
        page = _text(client.get(url))
        assert "<script>alert" not in page and "<img src=x" not in page, url
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in _text(admin.get("/people/"))


# --- the list: search, filters, pages ---------------------------------------------------------


def _listed(c: Client, query: str) -> set[str]:
    page = _text(c.get("/people/?" + query))
    return {u.email for u in User.objects.all() if f">{u.email}<" in page}


def test_search_folds_kazakh_and_russian_letters(org: Org) -> None:
    User.objects.create_user("aigul@test.atu.edu.kz", full_name="Әлиева Айгүл Серікқызы")
    User.objects.create_user("petr@test.atu.edu.kz", full_name="Пётр Ёлкин")
    c = org.client("admin")
    assert _listed(c, "q=ӘЛИЕВА") == {"aigul@test.atu.edu.kz"}
    assert _listed(c, "q=әлиева+серікқызы") == {"aigul@test.atu.edu.kz"}
    assert _listed(c, "q=ЕЛКИН") == {"petr@test.atu.edu.kz"}
    assert _listed(c, "q=PETR%40TEST") == {"petr@test.atu.edu.kz"}  # the e-mail too
    assert _listed(c, "q=nobody+ТЕСТОВ") == {"nobody@test.atu.edu.kz"}
    assert _listed(c, "q=zzz") == set()


def test_filters_by_role_scope_and_status(org: Org) -> None:
    c = org.client("admin")
    e = {k: u.email for k, u in org.users.items()}
    assert _listed(c, "role=dean") == {e["dean"], e["other_dean"]}
    assert _listed(c, f"department={org.dep.pk}") == {e["author"], e["coauthor"], e["head"],
                                                     e["author_reviewer"]}  # fmt: skip
    assert _listed(c, f"faculty={org.faculty.pk}") == {e["author"], e["coauthor"], e["head"],
                                                      e["author_reviewer"], e["dean"]}  # fmt: skip
    assert _listed(c, f"role=head&faculty={org.faculty.pk}") == {e["head"]}
    # role and scope are one assignment: a dean of the other faculty who is an author here is
    # not an author of the other faculty
    RoleAssignment.objects.create(
        user=org.users["other_dean"], role=Role.AUTHOR, department=org.dep
    )
    assert _listed(c, f"role=author&faculty={org.other_faculty.pk}") == {e["other_author"]}
    _deactivate_nobody(org)
    assert _listed(c, "status=inactive") == {e["nobody"]}
    assert e["nobody"] not in _listed(c, "status=active")
    assert _listed(c, "q=nobody&status=inactive") == {e["nobody"]}
    # unknown values are ignored, not errors
    r = c.get("/people/?role=pope&faculty=9999&status=x")
    assert r.status_code == 200 and f">{e['admin']}<" in _text(r)


def test_list_is_paginated(org: Org) -> None:
    User.objects.bulk_create(
        [User(email=f"p{i:03}@test.atu.edu.kz", full_name=f"Person {i:03}") for i in range(60)]
    )
    c = org.client("admin")
    total = User.objects.count()
    first = _text(c.get("/people/"))
    assert f"{total} people found" in first and "Page 1 of 2" in first
    second = _text(c.get("/people/?page=2"))
    assert "Page 2 of 2" in second
    assert second.count('<tr><td data-label="Full name"><a href="/people/') == total - 50
    # search results are paged the same way, keeping the query in the links
    page = _text(c.get("/people/?q=person&page=2"))
    assert "Page 2 of 2" in page and "q=person&amp;page=1" in page
    assert page.count('<tr><td data-label="Full name"><a href="/people/') == 10
    assert c.get("/people/?page=abc").status_code == 200


# --- faculties and departments ----------------------------------------------------------------


def test_faculty_names_are_unique_folded(org: Org) -> None:
    c = org.client("admin")
    r = c.post("/people/faculties/new/", {"faculty-name": "  ТАҒАМ ӨНДІРІСІ ФАКУЛЬТЕТІ "})
    assert r.status_code == 400 and "There is already a faculty called" in _text(r)
    r = c.post(f"/people/faculties/{org.other_faculty.pk}/", {"name": org.faculty.name.upper()})
    assert r.status_code == 400 and "There is already a faculty called" in _text(r)
    assert Faculty.objects.count() == 2 and not _entries("faculty.create")
    r = c.post(f"/people/faculties/{org.other_faculty.pk}/", {"name": "IT", "short_name": "IT"})
    assert r.status_code == 302
    [entry] = _entries("faculty.update")
    assert entry.data["changes"]["name"] == {"from": "Ақпараттық технологиялар факультеті",
                                             "to": "IT"}  # fmt: skip


def test_department_names_are_unique_within_their_faculty(org: Org) -> None:
    c = org.client("admin")
    data = {"department-faculty": org.faculty.pk, "department-name": org.dep.name.upper()}
    r = c.post("/people/departments/new/", data)
    assert r.status_code == 400 and "already has a department called" in _text(r)
    # the same name in another faculty is another department
    r = c.post("/people/departments/new/", {**data, "department-faculty": org.other_faculty.pk})
    assert r.status_code == 302
    [entry] = _entries("department.create")
    assert entry.data["faculty"] == {"id": org.other_faculty.pk, "name": org.other_faculty.name}


def test_department_moves_to_another_faculty(org: Org) -> None:
    c = org.client("admin")
    r = c.post(f"/people/departments/{org.dep.pk}/",
               {"faculty": org.other_faculty.pk, "name": org.dep.name})  # fmt: skip
    assert r.status_code == 302
    assert Department.objects.get(pk=org.dep.pk).faculty == org.other_faculty
    [entry] = _entries("department.update")
    assert entry.data["changes"]["faculty"]["to"] == {"id": org.other_faculty.pk,
                                                      "name": org.other_faculty.name}  # fmt: skip
    # the dean of the other faculty now sees the department's plans
    plan_actions.do_create_plan(org.users["head"], org.dep, "2026-2027")
    assert "2026-2027" in _text(org.client("other_dean").get("/plans/"))


def test_units_in_use_are_not_deleted(org: Org) -> None:
    c = org.client("admin")
    r = c.post(f"/people/faculties/{org.faculty.pk}/delete/")
    assert r.status_code == 400
    assert "has 1 department, 1 role assignment: it cannot be deleted" in _text(r)
    r = c.post(f"/people/departments/{org.dep.pk}/delete/")
    assert r.status_code == 400 and "4 role assignments" in _text(r)
    new_resource(org)
    plan_actions.do_create_plan(org.users["head"], org.dep, "2026-2027")
    r = c.post(f"/people/departments/{org.dep.pk}/delete/")
    assert "1 resource, 1 yearly plan, 4 role assignments" in _text(r)
    assert Department.objects.filter(pk=org.dep.pk).exists()
    assert RoleAssignment.objects.filter(department=org.dep).count() == 4  # no silent cascade
    assert not _entries("department.delete") and not _entries("faculty.delete")


def test_empty_units_are_deleted_with_an_audit_entry(org: Org) -> None:
    c = org.client("admin")
    faculty = Faculty.objects.create(name="Temporary")
    dep = Department.objects.create(faculty=faculty, name="Temporary department")
    assert c.post(f"/people/faculties/{faculty.pk}/delete/").status_code == 400
    assert c.post(f"/people/departments/{dep.pk}/delete/").status_code == 302
    assert c.post(f"/people/faculties/{faculty.pk}/delete/").status_code == 302
    assert not Faculty.objects.filter(pk=faculty.pk).exists()
    [d] = _entries("department.delete")
    [f] = _entries("faculty.delete")
    assert d.data["name"] == "Temporary department" and f.object_id == str(faculty.pk)


def test_organisation_page_counts(org: Org) -> None:
    new_resource(org)
    page = _text(org.client("admin").get("/people/organisation/"))
    assert org.dep.name in page and org.other_dep.name in page
    counts = re.sub(r' data-label="[^"]*"', "", page)  # each cell names its column (15.10)
    assert "<td>1</td><td>0</td><td>4</td>" in counts  # resources, plans, role assignments


def test_unknown_ids_are_404_for_admins_403_for_others(org: Org) -> None:
    for url in ["/people/99999/", "/people/faculties/99999/", "/people/departments/99999/"]:
        assert org.client("admin").get(url).status_code == 404
        assert org.client("director").get(url).status_code == 403


def test_every_change_leaves_the_chain_intact(org: Org) -> None:
    c = org.client("admin")
    _create(c)
    user = User.objects.get(email="aigul@test.atu.edu.kz")
    _give(c, user, role="author", department=org.dep.pk)
    c.post(f"/people/{user.pk}/deactivate/")
    c.post("/people/faculties/new/", {"faculty-name": "New"})
    assert audit.verify().ok
    assert [e.action for e in audit.history(user)] == ["user.create", "role.assign",
                                                       "user.deactivate"]  # fmt: skip
