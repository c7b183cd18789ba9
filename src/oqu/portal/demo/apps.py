from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "oqu.portal.demo"
    label = "demo"
    verbose_name = "Oqu portal: demo data"
    default_auto_field = "django.db.models.BigAutoField"
