from django.urls import include, path

from oqu.portal import catalogue, people, recovery, views

# the argument that tells the unit views (oqu.portal.people.UnitKind) which kind they serve
FACULTY, DEPARTMENT = {"kind": people.FACULTY}, {"kind": people.DEPARTMENT}

portal_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("login/forgot/", recovery.forgot, name="forgot"),
    path("login/set-password/<uidb64>/<token>/", recovery.set_password, name="password_reset"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/items/", views.plan_add_item, name="plan_add_item"),
    path("plans/<int:plan_id>/approve/", views.plan_approve, name="plan_approve"),
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
    # people, roles and the organisation (administrators); my profile (everyone signed in)
    path("people/", people.people_list, name="people"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/import/", people.people_import, name="people_import"),
    path("people/import/people.csv", people.people_import_template, name="people_import_template"),
    path("people/<int:user_id>/", people.person_detail, name="person"),
    path("people/<int:user_id>/password/", people.person_password, name="person_password"),
    path("people/<int:user_id>/send-link/", people.person_send_link, name="person_send_link"),
    path("people/<int:user_id>/deactivate/", people.person_deactivate, name="person_deactivate"),
    path("people/<int:user_id>/reactivate/", people.person_reactivate, name="person_reactivate"),
    path("people/<int:user_id>/roles/", people.person_role_add, name="person_role_add"),
    path(
        "people/<int:user_id>/roles/<int:assignment_id>/remove/",
        people.person_role_remove,
        name="person_role_remove",
    ),
    path("people/organisation/", people.organisation, name="organisation"),
    path("people/faculties/new/", people.unit_create, FACULTY, name="faculty_create"),
    path("people/faculties/<int:unit_id>/", people.unit_detail, FACULTY, name="faculty"),
    path(
        "people/faculties/<int:unit_id>/delete/", people.unit_delete, FACULTY, name="faculty_delete"
    ),
    path("people/departments/new/", people.unit_create, DEPARTMENT, name="department_create"),
    path("people/departments/<int:unit_id>/", people.unit_detail, DEPARTMENT, name="department"),
    path(
        "people/departments/<int:unit_id>/delete/",
        people.unit_delete,
        DEPARTMENT,
        name="department_delete",
    ),
    path("profile/", people.profile, name="profile"),
    path("profile/password/", people.profile_password, name="profile_password"),
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
