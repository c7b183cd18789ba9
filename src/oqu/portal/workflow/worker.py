"""Jobs that survive a dead worker (issue 12): leases, a time limit and a sweep, built on
django-tasks-db's own worker (``oqu portal db_worker`` is this module's :class:`LeasedWorker`).

django-tasks-db marks a task RUNNING when a worker claims it and nothing else: a worker killed
mid-job (``kill -9``, the out-of-memory killer, a machine lost) leaves it RUNNING for ever. Here:

- **lease**: the worker running a task keeps a :class:`~oqu.portal.workflow.models.JobLease`
  row and renews its ``heartbeat_at`` every ``OQU_JOB_LEASE_SECONDS / 4`` from a thread;
- **reaping**: every worker, from that same thread, looks for RUNNING tasks whose lease was not
  renewed for ``OQU_JOB_LEASE_SECONDS``; such a task is put back in the queue (READY) for any
  worker to run again, up to ``OQU_JOB_MAX_ATTEMPTS`` runs in all; after that it is FAILED and
  the job's own handler (:data:`ABANDONED`) tells the person who is waiting (the check of a
  version: *failed*, with a message in their language, and the resource back in *draft* so it
  can be submitted again);
- **time limit**: a task running longer than ``OQU_JOB_TIME_LIMIT_SECONDS`` is interrupted
  (``SIGALRM``, :class:`JobTimeLimit`) and fails, not retried: it would run as long again;
- **temporary folders**: a job's folder is ``/tmp/oqu-job-<pid>-…``; a worker removes, when it
  starts and as it reaps, those of processes that no longer run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from oqu.portal.workflow.models import JobLease

log = logging.getLogger("oqu.portal.worker")

TEMP_PREFIX = "oqu-job-"
_TEMP_NAME = re.compile(rf"^{TEMP_PREFIX}(\d+)-")


class JobTimeLimit(Exception):
    """The job ran longer than ``OQU_JOB_TIME_LIMIT_SECONDS``."""


class WorkerLost(Exception):
    """Recorded on a task whose workers died ``OQU_JOB_MAX_ATTEMPTS`` times."""


# task path → what to do when the task is given up for lost workers (args, kwargs, attempts)
ABANDONED: dict[str, Callable[[list[Any], dict[str, Any], int], None]] = {}
# task path → what to do when it is put back in the queue for another attempt
RETRIED: dict[str, Callable[[list[Any], dict[str, Any], int], None]] = {}


def job_temp_dir() -> tempfile.TemporaryDirectory[str]:
    """A job's temporary folder, named after this process so a sweep knows when it is orphaned."""
    return tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_temp(root: Path | None = None) -> list[Path]:
    """Remove the job folders of processes that no longer run (and of unknown owners, once older
    than the time limit). Returns what was removed."""
    base = Path(root or tempfile.gettempdir())
    limit = float(settings.OQU_JOB_TIME_LIMIT_SECONDS) * 2
    now = timezone.now().timestamp()
    removed = []
    for path in base.glob(f"{TEMP_PREFIX}*"):
        if not path.is_dir() or path.is_symlink():
            continue
        m = _TEMP_NAME.match(path.name)
        try:
            stale = (not _alive(int(m.group(1)))) if m else now - path.stat().st_mtime > limit
        except OSError:
            continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    if removed:
        log.info("removed %d orphaned job folder(s)", len(removed))
    return removed


def reap(now: dt.datetime | None = None) -> list[str]:
    """Put back in the queue, or fail, the RUNNING tasks whose lease expired. Returns their ids."""
    now = now or timezone.now()
    expired_before = now - dt.timedelta(seconds=settings.OQU_JOB_LEASE_SECONDS)
    done: list[str] = []
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    for task_id in running.values_list("id", flat=True):
        with transaction.atomic():
            task = DBTaskResult.objects.select_for_update().filter(pk=task_id).first()
            if task is None or task.status != TaskResultStatus.RUNNING:
                continue
            lease = JobLease.objects.select_for_update().filter(task_id=str(task.pk)).first()
            seen = lease.heartbeat_at if lease is not None else task.started_at
            if seen is None or seen > expired_before:
                continue
            attempts = lease.attempts if lease is not None else 1
            with contextlib.suppress(Exception):  # imports the task's module: its handlers
                _ = task.task
            args = task.args_kwargs.get("args", [])
            kwargs = task.args_kwargs.get("kwargs", {})
            if attempts < settings.OQU_JOB_MAX_ATTEMPTS:
                log.warning(
                    "task %s (%s): its worker stopped renewing the lease; queued again "
                    "(attempt %d of %d next)",
                    task.pk, task.task_path, attempts + 1, settings.OQU_JOB_MAX_ATTEMPTS,
                )  # fmt: skip
                task.status = TaskResultStatus.READY
                task.save(update_fields=["status"])
                if task.task_path in RETRIED:
                    RETRIED[task.task_path](args, kwargs, attempts)
            else:
                log.error("task %s (%s): its workers died %d times; failed",
                          task.pk, task.task_path, attempts)  # fmt: skip
                task.set_failed(WorkerLost(f"the worker running it died {attempts} times"))
                if task.task_path in ABANDONED:
                    ABANDONED[task.task_path](args, kwargs, attempts)
            done.append(str(task.pk))
    return done


class _Heart:
    """The thread that renews the running task's lease and reaps the others'."""

    def __init__(self, worker_id: str) -> None:
        self.worker_id = worker_id
        self.task_id: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name="oqu-job-lease", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _beat(self) -> None:
        interval = max(0.2, settings.OQU_JOB_LEASE_SECONDS / 4)
        try:
            while not self._stop.is_set():
                try:
                    close_old_connections()
                    if self.task_id is not None:
                        JobLease.objects.filter(
                            task_id=self.task_id, worker_id=self.worker_id
                        ).update(heartbeat_at=timezone.now())
                    reap()
                    sweep_temp()
                except Exception:
                    log.exception("renewing the job lease failed")
                self._stop.wait(interval)
        finally:
            connection.close()


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`JobTimeLimit` in the main thread after ``seconds`` (0: no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum: int, frame: FrameType | None) -> None:
        raise JobTimeLimit(f"the job ran longer than {int(seconds)} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class LeasedWorker(Worker):
    """django-tasks-db's worker, with a lease on the task it runs and a time limit on it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heart = _Heart(self.worker_id)

    def run(self) -> None:
        sweep_temp()
        try:  # what a crash left: uploads' temporary files, stored files no row names
            from oqu.portal.core.sweep import sweep_kept, sweep_media_orphans, sweep_upload_temp

            grace = float(settings.OQU_SWEEP_GRACE_SECONDS)
            sweep_upload_temp(grace)
            sweep_media_orphans(grace)
            sweep_kept(grace)
        except Exception:
            log.exception("sweeping files left by a crash failed")
        self.heart.start()
        try:
            super().run()
        finally:
            self.heart.stop()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        task_id = str(db_task_result.pk)
        with transaction.atomic():
            lease, _ = JobLease.objects.select_for_update().get_or_create(
                task_id=task_id, defaults={"heartbeat_at": timezone.now()}
            )
            lease.worker_id, lease.pid, lease.host = (
                self.worker_id,
                os.getpid(),
                socket.gethostname(),
            )
            lease.attempts += 1
            lease.heartbeat_at = timezone.now()
            lease.save()
        self.heart.task_id = task_id
        try:
            with time_limit(float(settings.OQU_JOB_TIME_LIMIT_SECONDS)):
                super().run_task(db_task_result)
        finally:
            self.heart.task_id = None
            JobLease.objects.filter(task_id=task_id).delete()
