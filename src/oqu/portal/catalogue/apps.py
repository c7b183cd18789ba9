from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "oqu.portal.catalogue"
    label = "catalogue"
    verbose_name = "Oqu portal: public catalogue"
    default_auto_field = "django.db.models.BigAutoField"
