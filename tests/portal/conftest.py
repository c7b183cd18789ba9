"""Shared setup for the portal's tests: a small university with one user per role, real example
packages (an Oqu source zip and a SCORM zip built by the library), and helpers that drive the
portal through HTTP. The success and the refusal path of a test use the same setup, so a refusal
cannot pass for the wrong reason.

The suite runs on SQLite by default and on PostgreSQL with ``DATABASE_URL`` set (docs/portal.md).
"""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.signals import post_save
from django.test import Client, TestCase
from django.utils import timezone

from oqu.portal.people.models import Department, Faculty, Role, RoleAssignment, User
from oqu.portal.workflow import actions
from oqu.portal.workflow.models import Resource, Version

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSWORD = "correct-horse-battery"


def zip_folder(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(folder).as_posix())
    return buf.getvalue()


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks the tests that use the database ``database``: the Makefile's PostgreSQL pass runs
    those, the others (no database, the same on any) already ran in the SQLite pass."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or names & DATABASE_FIXTURES:
            item.add_marker(pytest.mark.database)


@pytest.fixture(scope="session")
def django_db_use_migrations() -> bool:
    """Each worker's test database is made from the models (pytest-django's
    ``--no-migrations``), not by running every migration: that cost seconds of CPU per worker
    and pass. The migrations themselves are tested in tests/portal/test_migrations.py: they
    agree with the models, they build the same tables and columns on this database (SQLite or
    PostgreSQL) as the models do, and a database of before the split migrates forward."""
    return False


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    """Messages are asserted in English; the portal's default (Kazakh) is test_i18n's."""
    settings.LANGUAGE_CODE = "en"


SRC = EXAMPLES.parent / "src"


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty portal database file (``oqu.sqlite3``), migrated once per session by
    ``oqu portal migrate`` with production's settings: tests that start real processes on a data
    folder of their own (gunicorn, the audit command, ``oqu serve`` run again) copy it with
    :func:`migrated_data` instead of migrating from zero each time. ``oqu serve`` on an empty
    data folder (tests/portal/demo/test_serve.py) and tests/portal/test_migrations.py still
    migrate from nothing."""
    data = tmp_path_factory.mktemp("migrated")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OQU_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env |= {"PYTHONPATH": str(SRC), "OQU_DATA_DIR": str(data), "SECRET_KEY": "k" * 50,
            "DJANGO_SETTINGS_MODULE": "oqu.portal.settings"}  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "oqu.portal.manage", "migrate", "-v0"],
        env=env, check=True, timeout=300,
    )  # fmt: skip
    path = data / "oqu.sqlite3"
    with sqlite3.connect(path) as db:  # the write-ahead log into the file: one file to copy
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def migrated_data(template: Path, data: Path) -> Path:
    """``data`` as a data folder whose database is a copy of the migrated empty one."""
    data.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, data / "oqu.sqlite3")
    return data


@pytest.fixture(scope="session")
def source_zip() -> bytes:
    """The Kazakh HACCP example as an Oqu source zip."""
    return zip_folder(EXAMPLES / "haccp-kk")


@pytest.fixture(scope="session")
def scorm_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The English networks example built by the library as SCORM 1.2 ("made elsewhere")."""
    from oqu import build

    out = tmp_path_factory.mktemp("scorm")
    result = build(EXAMPLES / "networks-en", out, ("scorm12",))
    assert result.ok
    return result.outputs[0].read_bytes()


SYLLABUS = "1. Тағам өндірісіндегі қауіпсіздікті басқару жүйелері. HACCP\n".encode()


class CommitClient(Client):
    """A test client whose requests run their on-commit callbacks (mail, job queueing) as a
    real commit would: the test's own transaction never commits, so they are captured and run
    at the end of each request."""

    def request(self, **request: Any) -> Any:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


def _confirmed_at_submission(sender: Any, instance: Version, created: bool, **kw: Any) -> None:
    if created and instance.extract_confirmed_at is None:
        head = User.objects.filter(
            roles__role=Role.HEAD, roles__department_id=instance.resource.department_id
        ).first()
        Version.objects.filter(pk=instance.pk).update(
            extract_confirmed_by=head, extract_confirmed_at=timezone.now()
        )
        instance.extract_confirmed_by, instance.extract_confirmed_at = head, timezone.now()


@pytest.fixture(autouse=True)
def _head_confirms_extracts(request: pytest.FixtureRequest) -> Any:
    """The Center approves a version only once the head of the department has confirmed its
    minutes' extract (11, 8.4; tests/portal/workflow/test_extract.py). Tests about something
    else get each version's extract confirmed as it is submitted, as the head would; tests of
    the confirmation itself are marked ``head_confirms`` and have the head do it."""
    if request.node.get_closest_marker("head_confirms"):
        yield
        return
    post_save.connect(_confirmed_at_submission, sender=Version, dispatch_uid="test.extract")
    yield
    post_save.disconnect(sender=Version, dispatch_uid="test.extract")


@dataclass
class Org:
    faculty: Faculty
    other_faculty: Faculty
    dep: Department
    other_dep: Department
    users: dict[str, User]

    def client(self, key: str) -> Client:
        c = CommitClient()
        c.force_login(self.users[key])
        return c


ROLES: dict[str, tuple[Role, str]] = {
    "author": (Role.AUTHOR, "dep"),
    "coauthor": (Role.AUTHOR, "dep"),
    "other_author": (Role.AUTHOR, "other_dep"),
    "head": (Role.HEAD, "dep"),
    "other_head": (Role.HEAD, "other_dep"),
    "dean": (Role.DEAN, "faculty"),
    "other_dean": (Role.DEAN, "other_faculty"),
    "reviewer": (Role.REVIEWER, ""),
    "reviewer2": (Role.REVIEWER, ""),
    "director": (Role.DIRECTOR, ""),
    "vicerector": (Role.VICE_RECTOR, ""),
    "admin": (Role.ADMIN, ""),
}


def make_user(key: str, **extra: object) -> User:
    user = _unsaved_user(key, **extra)
    user.save()
    return user


def _unsaved_user(key: str, **extra: object) -> User:
    """The user :func:`make_user` saves, not yet saved (the ``org`` fixture saves its people in
    one query: ~1,000 tests make them)."""
    user = User(email=f"{key}@test.atu.edu.kz", full_name=f"{key.title()} Тестов", **extra)
    user.set_password(PASSWORD)
    return user


@pytest.fixture
def org(db: None) -> Org:
    faculty = Faculty.objects.create(name="Тағам өндірісі факультеті")
    other_faculty = Faculty.objects.create(name="Ақпараттық технологиялар факультеті")
    dep = Department.objects.create(faculty=faculty, name="Тағам қауіпсіздігі кафедрасы")
    other_dep = Department.objects.create(faculty=other_faculty, name="Ақпараттық жүйелер")
    scopes = {"dep": dep, "other_dep": other_dep, "faculty": faculty,
              "other_faculty": other_faculty}  # fmt: skip
    # an author who is also a Center reviewer: the conflict-of-interest case
    keys = ["nobody", *ROLES, "author_reviewer"]
    users = dict(zip(keys, User.objects.bulk_create([_unsaved_user(k) for k in keys]), strict=True))
    assignments = []
    for key, (role, scope) in ROLES.items():
        target = scopes.get(scope)
        assignments.append(
            RoleAssignment(
                user=users[key],
                role=role,
                department=target if isinstance(target, Department) else None,
                faculty=target if isinstance(target, Faculty) else None,
            )
        )
    assignments.append(
        RoleAssignment(user=users["author_reviewer"], role=Role.AUTHOR, department=dep)
    )
    assignments.append(RoleAssignment(user=users["author_reviewer"], role=Role.REVIEWER))
    RoleAssignment.objects.bulk_create(assignments)
    return Org(faculty, other_faculty, dep, other_dep, users)


def new_resource(org: Org, title: str = "HACCP жүйесінің негіздері", **kw: object) -> Resource:
    authors = [org.users["coauthor"], org.users["author_reviewer"]]
    spec = actions.ResourceSpec(
        title=title,
        discipline="Тағам қауіпсіздігі",
        der_type="interactive-presentation",
        language="kk",
        audience="2-курс",
    )
    return actions.do_create_resource(org.users["author"], org.dep, spec, authors)


def upload_form(package: bytes, name: str = "der.zip", **extra: object) -> dict[str, object]:
    return {
        "package": SimpleUploadedFile(name, package, "application/zip"),
        "syllabus": SimpleUploadedFile("syllabus.txt", SYLLABUS, "text/plain"),
        "minutes_extract": SimpleUploadedFile("minutes.txt", "Хаттама № 3".encode(), "text/plain"),
        "note": "",
        **extra,
    }


@pytest.fixture
def resource(org: Org) -> Resource:
    return new_resource(org)


Submit = Callable[[Resource, bytes], object]


@pytest.fixture
def submit(org: Org) -> Callable[..., object]:
    """POST a version as the author; returns the response."""

    def run(resource: Resource, package: bytes, who: str = "author", **extra: object) -> object:
        return org.client(who).post(
            f"/resources/{resource.pk}/submit/", upload_form(package, **extra)
        )

    return run


def review_data(revision: int, decision: str = "approve", reasons: str = "") -> dict[str, object]:
    return {
        "revision": revision,
        "content_score": 5,
        "content_comment": "",
        "presentation_score": 4,
        "presentation_comment": "",
        "economy_score": 4,
        "economy_comment": "",
        "decision": decision,
        "reasons": reasons,
    }


def fresh(resource: Resource) -> Resource:
    resource.refresh_from_db()
    return resource
