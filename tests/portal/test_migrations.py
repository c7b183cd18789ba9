"""The models and the committed migrations agree, whatever the hash seed; and a database made
before the portal was split into apps migrates forward with every row where it was."""

from __future__ import annotations

import io
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest


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
    _manage(old / "src", before, "migrate", "-v0", settings=fast)
    _manage(old / "src", before, "load_demo", "--examples", str(REPO / "examples"), settings=fast)
    after = tmp_path / "after"
    after.mkdir()
    shutil.copy(before / "oqu.sqlite3", after / "oqu.sqlite3")
    out = _manage(REPO / "src", after, "migrate")
    assert "portal.0003_split_into_apps... OK" in out
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
    assert _manage(REPO / "src", after, "shell", "-c", AFTER_CHECKS).split()[-1] == "ok"
