"""``oqu portal verify_audit`` says with its exit code whether the keyed audit chain is intact
(issue 12, item 5): 0 intact, 1 broken (and where), 2 a bad anchor. Real processes on a database
file of their own (production's settings), so this is not a test of the test database and does
not run again in the PostgreSQL pass."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.portal.conftest import migrated_data

SRC = Path(__file__).resolve().parents[3] / "src"


def _verify_cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"PYTHONPATH": str(SRC), "OQU_DATA_DIR": str(data), "SECRET_KEY": "k" * 50,
            "OQU_AUDIT_KEY": "a" * 50, "DJANGO_SETTINGS_MODULE": "oqu.portal.settings"}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "oqu.cli", "portal", "verify_audit", *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_verify_audit_command_exit_codes(tmp_path: Path, migrated_sqlite: Path) -> None:
    """``oqu portal verify_audit`` on a real database file: 0 intact, 1 broken with where."""
    env_db = migrated_data(migrated_sqlite, tmp_path / "var")  # migrated once per session
    seed = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='oqu.portal.settings'\n"
        "import django; django.setup()\n"
        "from django.db import transaction\n"
        "from oqu.portal.audit import chain\n"
        "for i in range(3):\n"
        "    with transaction.atomic(): chain.append(None, 'test.event', None, data={'i': i})\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"PYTHONPATH": str(SRC), "OQU_DATA_DIR": str(env_db), "SECRET_KEY": "k" * 50,
            "OQU_AUDIT_KEY": "a" * 50}  # fmt: skip
    subprocess.run([sys.executable, "-c", seed], env=env, check=True, timeout=300)
    ok = _verify_cli(env_db)
    assert ok.returncode == 0, ok.stderr
    assert "3 entries is intact" in ok.stdout
    with sqlite3.connect(env_db / "oqu.sqlite3") as db:
        db.execute("UPDATE portal_auditentry SET data = '{\"i\": 9}' WHERE id = 2")
    broken = _verify_cli(env_db)
    assert broken.returncode == 1
    assert "BROKEN at entry 2" in broken.stderr and "changed" in broken.stderr
    bad = _verify_cli(env_db, "--anchor", "nonsense")
    assert bad.returncode == 2
