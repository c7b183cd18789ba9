from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "oqu.portal.audit"
    label = "audit"
    verbose_name = "Oqu portal: audit log"
    default_auto_field = "django.db.models.BigAutoField"
