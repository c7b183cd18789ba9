from django.urls import include, path

from oqu.portal import views

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
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include((portal_patterns, "portal"))),
]
