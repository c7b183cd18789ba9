from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "oqu.portal.people"
    # The label of the portal before its split into apps: AUTH_USER_MODEL ("portal.User"), the
    # tables portal_* and the migration history name it (oqu.portal.people.models says why).
    label = "portal"
    verbose_name = "Oqu portal: people"
    default_auto_field = "django.db.models.BigAutoField"
