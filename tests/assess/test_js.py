"""Run the JS twin's tests (node --test) from pytest, so `make test` runs them too."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


@pytest.fixture(scope="session")
def node() -> str:
    exe = shutil.which("node")
    if exe is None:
        pytest.skip("node is not installed")
    if not (ROOT / "node_modules" / "scorm-again").is_dir():
        pytest.skip("node_modules missing: run `make browser-deps` (npm ci)")
    return exe


def test_js_scorer_passes_the_shared_vectors(node: str) -> None:
    r = subprocess.run(
        [node, "--test", str(HERE / "scoring.test.js")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "# fail 0" in r.stdout
