"""``oqu portal audit_anchor``: print the audit chain's head (``ID:HASH``) and mail it to
``OQU_AUDIT_ANCHOR_EMAILS`` — a copy outside the database, run daily from cron. Whoever keeps
the letters can later run ``oqu portal verify_audit --anchor ID:HASH``: entries removed from
the end of the chain and the head moved back no longer pass."""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone

from oqu.portal.audit.chain import head_anchor


class Command(BaseCommand):
    help = "Print the audit chain's head and mail it to OQU_AUDIT_ANCHOR_EMAILS (daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        anchor = head_anchor()
        self.stdout.write(anchor or "(the audit chain is empty)")
        to = list(settings.OQU_AUDIT_ANCHOR_EMAILS)
        if not anchor or not to:
            return
        when = timezone.now().isoformat(timespec="seconds")
        body = (
            f"Oqu audit chain head at {when}: {anchor}\n\n"
            "Keep this letter. To check that no audit entry was changed or removed since:\n"
            f"  oqu portal verify_audit --anchor {anchor}\n"
        )
        send_mail(f"Oqu audit chain head {when}", body, settings.DEFAULT_FROM_EMAIL, to)
