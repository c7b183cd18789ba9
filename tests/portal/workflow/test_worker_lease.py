"""Jobs survive a dead worker (issue 12, item 4), with real ``oqu portal db_worker`` processes
killed with SIGKILL in the middle of a check: another worker takes the job over once the lease
expires and completes it; after ``OQU_JOB_MAX_ATTEMPTS`` lost workers the check fails with a
message the author reads in their language and the resource goes back to draft; the killed
worker's job folder is swept; a job over the time limit is stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult, get_date_max

from oqu.portal.workflow.models import JobState, Resource, State, Version
from tests.portal.conftest import Org

pytestmark = pytest.mark.django_db(transaction=True)
REPO = Path(__file__).resolve().parents[3]
SLOW = "tests.portal.workflow.slow_tasks.slow_check"


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    if connection.vendor != "sqlite":
        pytest.skip("the workers share the test database through its file (SQLite)")
    started: list[subprocess.Popen[bytes]] = []
    markers = tmp_path / "markers"
    markers.mkdir()

    def start(**env: str) -> subprocess.Popen[bytes]:
        full = {k: v for k, v in os.environ.items() if not k.startswith(("OQU_", "DJANGO_"))}
        full |= {
            "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}",
            "DJANGO_SETTINGS_MODULE": "oqu.portal.settings",
            "SECRET_KEY": settings.SECRET_KEY,
            "OQU_AUDIT_KEY": settings.OQU_AUDIT_KEY,
            "DATABASE_URL": f"sqlite:///{connection.settings_dict['NAME']}",
            "OQU_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "OQU_CHECK_SMOKE": "off",
            "OQU_TEST_MARKERS": str(markers),
            "OQU_JOB_LEASE_SECONDS": "2",
            "OQU_JOB_MAX_ATTEMPTS": "2",
            **env,
        }
        cmd = [sys.executable, "-m", "oqu.cli", "portal", "db_worker", "--interval", "0.2",
               "--no-reload", "--no-startup-delay"]  # fmt: skip
        proc = subprocess.Popen(cmd, env=full, cwd=REPO)
        started.append(proc)
        return proc

    start.markers = markers  # type: ignore[attr-defined]
    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _wait(what: Callable[[], object], seconds: float = 60) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = what()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _queued_slow_check(org: Org, submit: Callable[..., object], source_zip: bytes) -> Version:
    """A submitted version whose check is queued (as the slow test job) for the workers."""
    from tests.portal.conftest import new_resource

    resource = new_resource(org)
    submit(resource, source_zip)
    version = resource.versions.get()
    Version.objects.filter(pk=version.pk).update(job_state=JobState.QUEUED, verdict="")
    DBTaskResult.objects.create(
        args_kwargs={"args": [version.pk], "kwargs": {}}, task_path=SLOW,
        backend_name="default", run_after=get_date_max(),
    )  # fmt: skip
    return version


def _started(markers: Path, proc: subprocess.Popen[bytes]) -> Path:
    marker = markers / f"started-{proc.pid}"
    _wait(marker.exists)
    return Path(marker.read_text())


def test_a_job_whose_worker_is_killed_is_completed_by_another(
    org: Org, submit: Callable[..., object], source_zip: bytes, workers
) -> None:
    version = _queued_slow_check(org, submit, source_zip)
    first = workers()
    folder = _started(workers.markers, first)
    assert folder.is_dir()
    first.send_signal(signal.SIGKILL)  # mid-job: no clean-up of any kind
    first.wait()
    task = DBTaskResult.objects.get()
    assert task.status == "RUNNING"  # what django-tasks-db alone leaves behind, for ever
    (workers.markers / "go").touch()
    workers()
    _wait(lambda: DBTaskResult.objects.get().status == "SUCCESSFUL", 120)
    task = DBTaskResult.objects.get()
    assert len(task.worker_ids) == 2  # claimed by the dead worker, then by the new one
    version.refresh_from_db()
    assert version.job_state == JobState.DONE and version.verdict in ("pass", "fail")
    assert version.package  # the check and the build ran to the end
    assert not folder.exists()  # the dead worker's job folder was swept


def test_a_job_that_kills_its_workers_fails_for_the_author_after_the_last_attempt(
    org: Org, submit: Callable[..., object], source_zip: bytes, workers
) -> None:
    version = _queued_slow_check(org, submit, source_zip)
    for _attempt in range(2):  # OQU_JOB_MAX_ATTEMPTS=2
        proc = workers()
        _started(workers.markers, proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if _attempt == 0:
            _wait(lambda: DBTaskResult.objects.get().status == "RUNNING")
    workers()  # reaps: no attempt left
    _wait(lambda: DBTaskResult.objects.get().status == "FAILED", 60)
    task = DBTaskResult.objects.get()
    assert task.exception_class_path.endswith("WorkerLost")
    version.refresh_from_db()
    assert version.job_state == JobState.FAILED and "submit it again" in version.job_message
    resource = Resource.objects.get(pk=version.resource_id)
    assert resource.state == State.DRAFT  # the author can submit again
    client = org.client("author")
    for lang, words in (("en", "submit it again"), ("ru", "отправьте"), ("kk", "жіберіңіз")):
        page = client.get(
            f"/resources/{resource.pk}/v/{version.number}/", HTTP_ACCEPT_LANGUAGE=lang
        )
        assert words in page.content.decode(), lang


def test_a_job_over_the_time_limit_is_stopped(
    org: Org, submit: Callable[..., object], source_zip: bytes, workers
) -> None:
    _queued_slow_check(org, submit, source_zip)
    workers(OQU_JOB_TIME_LIMIT_SECONDS="1")
    _wait(lambda: DBTaskResult.objects.get().status == "FAILED", 60)
    assert DBTaskResult.objects.get().exception_class_path.endswith("JobTimeLimit")
