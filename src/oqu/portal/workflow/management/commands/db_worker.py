"""``oqu portal db_worker``: django-tasks-db's worker with leases, a time limit and a sweep of
orphaned job folders (:mod:`oqu.portal.workflow.worker`). It stands in for the package's command
of the same name (``django_tasks_db`` comes after the portal's apps in INSTALLED_APPS), so every
existing way to start a worker gets it."""

from typing import Any

from django_tasks_db.management.commands import db_worker

from oqu.portal.workflow.worker import LeasedWorker


class Command(db_worker.Command):
    help = (
        "Run a background-job worker: tasks from the database queue, each under a lease renewed "
        "while it runs (another worker takes over when this one dies) and a time limit."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        original = db_worker.Worker
        db_worker.Worker = LeasedWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
