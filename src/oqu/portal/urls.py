"""The portal's URLs: every app's pages in one namespace, ``portal`` (``portal:plans``,
``portal:resource`` …), as before the split into apps; the certificates keep theirs."""

from django.urls import include, path

from oqu.portal.audit import urls as audit_urls
from oqu.portal.catalogue import urls as catalogue_urls
from oqu.portal.core.views import favicon
from oqu.portal.people import urls as people_urls
from oqu.portal.plans import urls as plans_urls
from oqu.portal.workflow import urls as workflow_urls

portal_patterns = [
    *workflow_urls.urlpatterns,
    *people_urls.urlpatterns,
    *plans_urls.urlpatterns,
    *audit_urls.urlpatterns,
    *catalogue_urls.urlpatterns,
]

urlpatterns = [
    path("favicon.ico", favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include((portal_patterns, "portal"))),
    path("", include("oqu.portal.certificates.urls")),  # form 01: certificates, /verify/
]

handler400 = "oqu.portal.core.views.bad_request"
