"""The public catalogue (no log-in; published resources only)."""

from django.urls import path

from oqu.portal.catalogue import views

# in the namespace "portal" (oqu.portal.urls), as before the split into apps
urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:resource_id>/", views.detail, name="catalogue_resource"),
    # the stable package addresses Moodle's "downloaded package" activities keep (issue 18)
    path(
        "catalogue/<int:resource_id>/package/scorm12.zip",
        views.package,
        {"edition": "scorm12"},
        name="catalogue_package",
    ),
    path(
        "catalogue/<int:resource_id>/package/scorm2004.zip",
        views.package,
        {"edition": "scorm2004"},
        name="catalogue_package_2004",
    ),
    # the address given out before them: kept, so activities made with it keep working
    path(
        "catalogue/<int:resource_id>/scorm12.zip",
        views.package,
        {"edition": "scorm12"},
        name="catalogue_package_old",
    ),
    path("catalogue/news/", views.news, name="catalogue_news"),
    path("catalogue/news.atom", views.news_feed, name="catalogue_feed"),
    path("catalogue/register.csv", views.register_csv, name="catalogue_csv"),
    path("catalogue/register.xlsx", views.register_xlsx, name="catalogue_xlsx"),
]
