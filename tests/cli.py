"""``oqu ARGS`` run in the test's own process, answered like ``subprocess.run`` would answer.

A fresh ``python -m oqu.cli`` costs about 0.4 s of CPU to start and again ~1 s to import what a
build or a check needs — per call, in every test that only wants the command's exit code, stdout
and stderr. Click's ``CliRunner`` runs the same ``app`` with stdout and stderr captured apart, so
the tests that use this helper still see what a user's terminal shows, exit code included.

A crash is not hidden: an exception the command did not turn into an exit code leaves exit
code 1 and its traceback on stderr, as the interpreter would print it. The separate process
itself is tested where it is the behaviour (tests/test_startup.py: what a fresh process imports;
tests/test_scaffold.py::test_cli_new: ``python -m oqu.cli`` as a process).
"""

from __future__ import annotations

import subprocess
import traceback
from pathlib import Path

from typer.testing import CliRunner

from oqu.cli import app


def oqu(*args: str | Path) -> subprocess.CompletedProcess[str]:
    argv = [str(a) for a in args]
    result = CliRunner().invoke(app, argv)
    stderr = result.stderr
    if result.exc_info is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return subprocess.CompletedProcess(["oqu", *argv], result.exit_code, result.stdout, stderr)
