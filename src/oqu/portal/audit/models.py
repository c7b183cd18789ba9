"""Tables of the audit chain (12): append-only entries, each hashed with the one before, and
the head that is locked while appending. Written and verified by :mod:`oqu.portal.audit.chain`."""

from __future__ import annotations

from typing import Any

from django.db import models

from oqu.portal.audit.words import sentence
from oqu.portal.people.models import User

# --- the audit chain (12) -----------------------------------------------------------------------


class AppendOnly(Exception):
    """An audit entry was about to be changed or deleted."""


class AuditEntry(models.Model):
    """One state change; ``hash`` = sha256(``prev_hash`` + canonical JSON of the entry)."""

    at = models.DateTimeField()
    actor = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=255)  # e-mail at the time: survives renames
    action = models.CharField(max_length=50)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        db_table = "portal_auditentry"  # its table from before the split into apps
        ordering = ("id",)
        verbose_name_plural = "audit entries"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit entries are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("audit entries are never deleted")

    @property
    def sentence(self) -> str:
        """What the entry did, as a sentence in the active language (issue 15.8)."""
        return sentence(self.action, self.from_state, self.to_state, self.data)


class AuditHead(models.Model):
    """One row: the hash of the last entry. Locked while appending, so the chain never forks."""

    last_hash = models.CharField(max_length=64)

    class Meta:
        db_table = "portal_audithead"  # its table from before the split into apps
