"""Pages of people, roles and the organisation (administrators), my profile, and signing in."""

from django.urls import path

from oqu.portal.people import recovery, sign_in, views

# the argument that tells the unit views (oqu.portal.people.views.UnitKind) which kind they serve
FACULTY, DEPARTMENT = {"kind": views.FACULTY}, {"kind": views.DEPARTMENT}

# in the namespace "portal" (oqu.portal.urls), as before the split into apps
urlpatterns = [
    path("login/", sign_in.login_view, name="login"),
    path("logout/", sign_in.logout_view, name="logout"),
    path("login/forgot/", recovery.forgot, name="forgot"),
    path("login/set-password/<uidb64>/<token>/", recovery.set_password, name="password_reset"),
    path("people/", views.people_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/import/", views.people_import, name="people_import"),
    path("people/import/people.csv", views.people_import_template, name="people_import_template"),
    path("people/<int:user_id>/", views.person_detail, name="person"),
    path("people/<int:user_id>/password/", views.person_password, name="person_password"),
    path("people/<int:user_id>/send-link/", views.person_send_link, name="person_send_link"),
    path("people/<int:user_id>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("people/<int:user_id>/reactivate/", views.person_reactivate, name="person_reactivate"),
    path("people/<int:user_id>/roles/", views.person_role_add, name="person_role_add"),
    path(
        "people/<int:user_id>/roles/<int:assignment_id>/remove/",
        views.person_role_remove,
        name="person_role_remove",
    ),
    path("people/organisation/", views.organisation, name="organisation"),
    path("people/faculties/new/", views.unit_create, FACULTY, name="faculty_create"),
    path("people/faculties/<int:unit_id>/", views.unit_detail, FACULTY, name="faculty"),
    path(
        "people/faculties/<int:unit_id>/delete/", views.unit_delete, FACULTY, name="faculty_delete"
    ),
    path("people/departments/new/", views.unit_create, DEPARTMENT, name="department_create"),
    path("people/departments/<int:unit_id>/", views.unit_detail, DEPARTMENT, name="department"),
    path(
        "people/departments/<int:unit_id>/delete/",
        views.unit_delete,
        DEPARTMENT,
        name="department_delete",
    ),
    path("profile/", views.profile, name="profile"),
    path("profile/password/", views.profile_password, name="profile_password"),
]
