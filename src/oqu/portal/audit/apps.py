from typing import Any

from django.apps import AppConfig
from django.core import checks


class AuditConfig(AppConfig):
    name = "oqu.portal.audit"
    label = "audit"
    verbose_name = "Oqu portal: audit log"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        checks.register(audit_key_check, checks.Tags.security, deploy=True)


def audit_key_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """``manage.py check --deploy``: the audit chain's key should be a setting of its own."""
    from django.conf import settings

    if getattr(settings, "OQU_AUDIT_KEY_DERIVED", False):
        return [
            checks.Warning(
                "OQU_AUDIT_KEY is not set: the audit chain is keyed with a key derived from "
                "SECRET_KEY, and changing SECRET_KEY would break its verification.",
                hint="Set OQU_AUDIT_KEY (a long random string) before the first audit entry; "
                "keep it apart from the database backups (docs/security.md).",
                id="oqu.W001",
            )
        ]
    return []
