"""Pages of resources: the worklist, records, versions, review, publication, the review player."""

from django.urls import path

from oqu.portal.workflow import player, views

# in the namespace "portal" (oqu.portal.urls), as before the split into apps
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("resources/", views.resource_list, name="resources"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/<int:resource_id>/", views.resource_detail, name="resource"),
    path("resources/<int:resource_id>/edit/", views.resource_edit, name="resource_edit"),
    path("resources/<int:resource_id>/authors/", views.resource_authors, name="resource_authors"),
    path("resources/<int:resource_id>/submit/", views.version_submit, name="version_submit"),
    path("resources/<int:resource_id>/review/start/", views.review_start, name="review_start"),
    path("resources/<int:resource_id>/review/decide/", views.review_decide, name="review_decide"),
    path(
        "resources/<int:resource_id>/review/comment/", views.review_comment, name="review_comment"
    ),
    path("resources/<int:resource_id>/publish/", views.publish, name="publish"),
    path(
        "resources/<int:resource_id>/moodle/<str:variant>.mbz",
        views.moodle_backup,
        name="moodle_backup",
    ),
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
    path(
        "resources/<int:resource_id>/v/<int:number>/extract/",
        views.extract_confirm,
        name="extract_confirm",
    ),
    path("play/<str:token>/<path:path>", player.play, name="play"),
]
