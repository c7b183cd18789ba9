"""The models and the committed migrations agree, whatever the hash seed; and a database made
before the portal was split into apps migrates forward with every row where it was."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.portal.conftest import migrated_data


@pytest.mark.parametrize("seed", ["1", "2", "3"])
def test_no_missing_migrations(seed: str) -> None:
    env = {**os.environ, "OQU_DEBUG": "1", "PYTHONHASHSEED": seed}
    env.pop("DATABASE_URL", None)
    res = subprocess.run(
        [sys.executable, "-m", "oqu.portal.manage", "makemigrations", "--check", "--dry-run"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout + res.stderr


# --- the migrations build what the models do, on this database ------------------------------

SCHEMA = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "oqu.portal.settings"
import django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
print(json.dumps(__import__("tests.portal.test_migrations", fromlist=["x"]).schema(connection)))
"""


def schema(connection: Any) -> dict[str, list[list[Any]]]:
    """Every table's columns (name, type, null allowed) as the database itself describes them."""
    introspection = connection.introspection
    with connection.cursor() as cur:
        return {
            table: sorted(
                [c.name, str(c.type_code), bool(c.null_ok)]
                for c in introspection.get_table_description(cur, table)
            )
            for table in sorted(introspection.table_names(cur))
            if table != "django_migrations"
        }


@pytest.mark.django_db
def test_the_migrations_build_the_tables_the_models_do_on_this_database(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The test database is made from the models (tests/portal/conftest.py); production's is
    made by the migrations. Both have the same tables and columns: on SQLite (the session's
    migrated database) and on PostgreSQL (a database of its own, migrated from nothing)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        # the session's database file, migrated by `oqu portal migrate` with production's
        # settings, read in this process: a process of its own would start Django again only to
        # find every migration applied
        from django.db.backends.sqlite3.base import DatabaseWrapper

        data = migrated_data(request.getfixturevalue("migrated_sqlite"), tmp_path / "var")
        # (alias "default": a feature probe of the backend opens its savepoint through the
        # alias, a registered one; the queries go to the file)
        file = str(data / "oqu.sqlite3")
        other = DatabaseWrapper({**connection.settings_dict, "NAME": file}, "default")
        try:
            migrated = json.loads(json.dumps(schema(other)))
        finally:
            other.close()
    else:
        migrated = _migrated_on_postgresql(connection, tmp_path)
    assert len(migrated) > 20  # the portal's tables, not an empty database
    models = json.loads(json.dumps(schema(connection)))
    for tables in (migrated, models):  # Django's own, not the portal's: contrib.auth's migration
        for column in tables["auth_group_permissions"]:  # makes this id a bigint on PostgreSQL,
            if column[0] == "id":  # its model an integer (a group's permissions; unused here)
                column[1] = "id"
    assert migrated == models


def _migrated_on_postgresql(connection: Any, tmp_path: Path) -> dict[str, list[list[Any]]]:
    """The schema of a PostgreSQL database of its own, migrated from nothing by a process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OQU_", "DJANGO_"))}
    env |= {"PYTHONPATH": os.pathsep.join((str(REPO / "src"), str(REPO))),
            "SECRET_KEY": "k" * 50, "OQU_DATA_DIR": str(tmp_path / "var")}  # fmt: skip
    assert connection.vendor == "postgresql", connection.vendor
    settings = connection.settings_dict
    name = f"{settings['NAME']}_migrated"
    with connection._nodb_cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    user = quote(settings["USER"] or "") + (
        ":" + quote(settings["PASSWORD"]) if settings["PASSWORD"] else ""
    )
    env["DATABASE_URL"] = (
        f"postgres://{user}@{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}/{name}"
    )
    try:
        res = subprocess.run(
            [sys.executable, "-c", SCHEMA], env=env, capture_output=True, text=True, timeout=300
        )
    finally:
        with connection._nodb_cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
    assert res.returncode == 0, res.stderr[-3000:]
    migrated: dict[str, list[list[Any]]] = json.loads(res.stdout.splitlines()[-1])
    return migrated


# --- a database made before the portal was split into apps migrates without losing a row ------

BEFORE_SPLIT = "d0c782f"  # main before the split: one app, "portal", with every model
REPO = Path(__file__).resolve().parents[2]
MOVED = {"yearlyplan": "plans", "planitem": "plans", "resource": "workflow",
         "version": "workflow", "review": "workflow", "slidecomment": "workflow",
         "publication": "workflow", "auditentry": "audit", "audithead": "audit"}  # fmt: skip
AFTER_CHECKS = """
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from oqu.portal.audit.chain import verify
from oqu.portal.workflow.models import Resource
assert all(ct.model_class() is not None for ct in ContentType.objects.all()), "stale type"
assert ContentType.objects.get_for_model(Resource).app_label == "workflow"
assert Permission.objects.filter(content_type__app_label="workflow").count() == 6 * 4
assert verify().ok, "the audit chain"
assert Resource.objects.filter(state="published").exists()
print("ok")
"""


# the old checkout's `migrate -v0` then `load_demo --examples …`; this checkout's `migrate` then
# the checks of the migrated database
BUILD_BEFORE = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_demo", "--examples", {examples!r})
"""
MIGRATE_AND_CHECK = 'from django.core.management import call_command\ncall_command("migrate")\n'
MIGRATE_AND_CHECK += AFTER_CHECKS

# The old checkout's settings with a fast password hasher: the demo's eleven people cost about
# half a second of CPU each with production's PBKDF2, and how a hash was made is nothing to the
# migrations (its text is copied like every other column's).
FAST_HASHER = """from oqu.portal.settings import *  # noqa: F403
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
"""


def _manage(src: Path, data: Path, *args: str, settings: Path | None = None) -> str:
    path = str(src) if settings is None else os.pathsep.join((str(src), str(settings.parent)))
    module = "oqu.portal.settings" if settings is None else settings.stem
    env = {**os.environ, "OQU_DEBUG": "1", "PYTHONPATH": path, "OQU_DATA_DIR": str(data),
           "OQU_TASKS_BACKEND": "immediate", "OQU_CHECK_SMOKE": "off",
           "DJANGO_SETTINGS_MODULE": module}  # fmt: skip
    env.pop("DATABASE_URL", None)
    env.pop("OQU_S3_BUCKET", None)
    res = subprocess.run(
        [sys.executable, "-m", "oqu.portal.manage", *args],
        capture_output=True, text=True, env=env, timeout=600, cwd=REPO,
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def _rows(db: sqlite3.Connection, table: str, columns: str = "*") -> list[str]:
    return sorted(repr(row) for row in db.execute(f'SELECT {columns} FROM "{table}"'))


# columns that migrations after the split add (each is new, appended to its table)
LATER_COLUMNS = ("package_2004", "moodle_backup", "moodle_backup_url", "moodle_delivery",
                 "extract_confirmed_by_id", "extract_confirmed_at", "extract_from_head")  # fmt: skip
LATER_IN = {"portal_planitem": ("language",)}  # a name other tables had from the start
# tables, indexes and content types made since (job leases, issue 12; plan changes, issue 15)
LATER_NAMES = re.compile(
    r"workflow_joblease|plans_planchange|portal_version_extract_confirmed|resource_placed"
)
LATER_TYPES = ("joblease", "planchange")


def _without_later_columns(name: str, sql: str | None) -> str | None:
    references = r'( REFERENCES "\w+" \("id"\) DEFERRABLE INITIALLY DEFERRED)?'
    for column in (*LATER_COLUMNS, *LATER_IN.get(name, ())):
        sql = sql and re.sub(
            rf', "{column}" [a-z]+(\(\d+\))?( NOT NULL| NULL)?{references}', "", sql
        )
    return sql


def test_a_database_of_before_the_split_migrates_without_losing_a_row(tmp_path: Path) -> None:
    if (
        shutil.which("git") is None
        or subprocess.run(
            ["git", "-C", str(REPO), "cat-file", "-e", f"{BEFORE_SPLIT}^{{commit}}"],
            capture_output=True,
        ).returncode
    ):
        pytest.skip(f"needs git and the commit {BEFORE_SPLIT} (a clone, not an export)")
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", BEFORE_SPLIT, "src/oqu"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    old = tmp_path / "old"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(old, filter="data")
    # the database of the portal before the split, filled with the demo university
    before = tmp_path / "before"
    fast = tmp_path / "settings" / "old_fast_hasher.py"
    fast.parent.mkdir()
    fast.write_text(FAST_HASHER, encoding="utf-8")
    # (one process for both commands, and below one for migrating and checking: each start of
    # Django costs a second of CPU)
    examples = str(REPO / "examples")
    _manage(old / "src", before, "shell", "-c", BUILD_BEFORE.format(examples=examples),
            settings=fast)  # fmt: skip
    after = tmp_path / "after"
    after.mkdir()
    shutil.copy(before / "oqu.sqlite3", after / "oqu.sqlite3")
    out = _manage(REPO / "src", after, "shell", "-c", MIGRATE_AND_CHECK)
    assert "portal.0003_split_into_apps... OK" in out
    assert out.split()[-1] == "ok"  # AFTER_CHECKS (read only: nothing below sees them run)
    old_db = sqlite3.connect(before / "oqu.sqlite3")
    new_db = sqlite3.connect(after / "oqu.sqlite3")
    schema = "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    new_schema = [
        (name, _without_later_columns(name, sql))
        for name, sql in new_db.execute(schema)
        if not LATER_NAMES.match(name)
    ]
    assert new_schema == list(old_db.execute(schema))  # no table changed
    tables = [name for (name,) in old_db.execute("SELECT name FROM sqlite_master "
                                                  "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]  # fmt: skip
    assert "portal_resource" in tables and "certificates_certificate" in tables
    counted = 0
    for table in tables:
        if table == "django_migrations":  # the old history, and the split's five migrations
            assert set(_rows(old_db, table)) < set(_rows(new_db, table))
            continue
        if table == "django_content_type":  # the moved models' types, renamed
            q = "SELECT id, app_label, model FROM django_content_type ORDER BY id"
            moved = [(i, MOVED[m] if app == "portal" and m in MOVED else app, m)
                     for i, app, m in old_db.execute(q)]  # fmt: skip
            assert [r for r in new_db.execute(q) if r[2] not in LATER_TYPES] == moved
            continue
        if table == "auth_permission":  # and those of the job lease's model
            assert set(_rows(old_db, table)) < set(_rows(new_db, table))
            counted += len(_rows(old_db, table))
            continue
        if table in ("portal_auditentry", "portal_audithead"):  # re-anchored: audit/0002
            if table == "portal_auditentry":
                added = set(_rows(new_db, table)) - set(_rows(old_db, table))
                assert set(_rows(old_db, table)) < set(_rows(new_db, table))
                assert len(added) == 1 and "audit.keyed" in next(iter(added))
            continue
        old_columns = [c[1] for c in old_db.execute(f'PRAGMA table_info("{table}")')]
        columns = ", ".join(f'"{c}"' for c in old_columns)  # not those added later
        assert _rows(new_db, table, columns) == _rows(old_db, table), table
        counted += len(_rows(old_db, table))
    assert counted > 100  # the demo's rows, not an empty database
