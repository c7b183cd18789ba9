from django.urls import include, path

from oqu.portal import catalogue, views

portal_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/items/", views.plan_add_item, name="plan_add_item"),
    path("plans/<int:plan_id>/approve/", views.plan_approve, name="plan_approve"),
    path("resources/", views.resource_list, name="resources"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/<int:resource_id>/", views.resource_detail, name="resource"),
    path("resources/<int:resource_id>/submit/", views.version_submit, name="version_submit"),
    path("resources/<int:resource_id>/review/start/", views.review_start, name="review_start"),
    path("resources/<int:resource_id>/review/decide/", views.review_decide, name="review_decide"),
    path(
        "resources/<int:resource_id>/review/comment/", views.review_comment, name="review_comment"
    ),
    path("resources/<int:resource_id>/publish/", views.publish, name="publish"),
    path("resources/<int:resource_id>/v/<int:number>/", views.version_detail, name="version"),
    path(
        "resources/<int:resource_id>/v/<int:number>/report/",
        views.version_report,
        name="version_report",
    ),
    path(
        "resources/<int:resource_id>/v/<int:number>/files/<str:which>/",
        views.version_file,
        name="version_file",
    ),
    path("play/<str:token>/<path:path>", views.play, name="play"),
    path("audit/", views.audit_log, name="audit"),
    # the public catalogue (no log-in; published resources only): oqu.portal.catalogue
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/<int:resource_id>/", catalogue.detail, name="catalogue_resource"),
    path("catalogue/<int:resource_id>/scorm12.zip", catalogue.package, name="catalogue_package"),
    path("catalogue/news/", catalogue.news, name="catalogue_news"),
    path("catalogue/news.atom", catalogue.news_feed, name="catalogue_feed"),
    path("catalogue/register.csv", catalogue.register_csv, name="catalogue_csv"),
    path("catalogue/register.xlsx", catalogue.register_xlsx, name="catalogue_xlsx"),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include((portal_patterns, "portal"))),
    path("", include("oqu.portal.certificates.urls")),  # form 01: certificates, /verify/
]
