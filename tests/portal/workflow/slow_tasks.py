"""A test-only job for the worker tests (test_worker_lease): the real check of a version, made
slow on purpose so a worker can be killed in the middle of it. It holds a job folder (as the check
does) and says it started by a file in ``$OQU_TEST_MARKERS``; it waits there until the file
``go`` appears in that folder (or for ten minutes), then runs the check."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.tasks import task

from oqu.portal.workflow import jobs
from oqu.portal.workflow.worker import ABANDONED, RETRIED, job_temp_dir


@task()
def slow_check(version_id: int) -> str:
    markers = Path(os.environ["OQU_TEST_MARKERS"])
    with job_temp_dir() as tmp:
        (markers / f"started-{os.getpid()}").write_text(tmp)
        deadline = time.monotonic() + 600
        while not (markers / "go").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    return str(jobs.check_version.call(version_id))


# what happens to the version when this job is retried or given up: the check's own handlers
RETRIED[slow_check.module_path] = RETRIED[jobs.check_version.module_path]
ABANDONED[slow_check.module_path] = ABANDONED[jobs.check_version.module_path]
