from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "oqu.portal"
    label = "portal"
    verbose_name = "Oqu portal"
    default_auto_field = "django.db.models.BigAutoField"
