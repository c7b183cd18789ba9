from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "oqu.portal.plans"
    label = "plans"
    verbose_name = "Oqu portal: yearly plans"
    default_auto_field = "django.db.models.BigAutoField"
