"""The models and the committed migrations agree, whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

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
