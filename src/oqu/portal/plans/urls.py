"""Pages of the yearly plans (8.2)."""

from django.urls import path

from oqu.portal.plans import views

# in the namespace "portal" (oqu.portal.urls), as before the split into apps
urlpatterns = [
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/items/", views.plan_add_item, name="plan_add_item"),
    path("plans/<int:plan_id>/approve/", views.plan_approve, name="plan_approve"),
    path("plans/<int:plan_id>/minutes/", views.plan_minutes, name="plan_minutes"),
    path("plans/<int:plan_id>/items/<int:item_id>/", views.plan_item, name="plan_item"),
    path(
        "plans/<int:plan_id>/items/<int:item_id>/deadline/",
        views.plan_item_deadline,
        name="plan_item_deadline",
    ),
    path(
        "plans/<int:plan_id>/items/<int:item_id>/authors/",
        views.plan_item_authors,
        name="plan_item_authors",
    ),
]
