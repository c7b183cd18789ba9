from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "oqu.portal.certificates"
    label = "certificates"
    verbose_name = "Placement certificates (form 01)"
    default_auto_field = "django.db.models.BigAutoField"
