from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "oqu.portal.workflow"
    label = "workflow"
    verbose_name = "Oqu portal: resources and review"
    default_auto_field = "django.db.models.BigAutoField"
