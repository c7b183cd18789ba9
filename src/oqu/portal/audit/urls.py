"""The audit log's page."""

from django.urls import path

from oqu.portal.audit import views

# in the namespace "portal" (oqu.portal.urls), as before the split into apps
urlpatterns = [
    path("audit/", views.audit_log, name="audit"),
]
