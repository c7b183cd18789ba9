from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from oqu.portal.plans.actions import do_send_deadline_reminders


class Command(BaseCommand):
    help = "Mail reminders about yearly-plan deadlines (run once a day, e.g. from cron)."

    def handle(self, *args: Any, **options: Any) -> None:
        n = do_send_deadline_reminders(timezone.localdate())
        self.stdout.write(f"{n} reminder(s) sent")
