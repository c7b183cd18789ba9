from django.urls import path

from oqu.portal.certificates import views

app_name = "certificates"

urlpatterns = [
    path("resources/<int:resource_id>/certificates/issue/", views.issue, name="issue"),
    path("certificates/preview/", views.preview, name="preview"),
    path("certificates/preview.<str:fmt>", views.preview, name="preview_file"),
    path("certificates/<str:number>/supersede/", views.supersede, name="supersede"),
    path("certificates/<str:number>.<str:fmt>", views.download, name="download"),
    path("verify/<str:number>/<str:token>/", views.verify, name="verify"),
]
