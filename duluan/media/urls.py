from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("bao-chi-mang-xa-hoi/", views.index_view, name="index"),
    path("bao-chi-mang-xa-hoi/nguon/them/", views.source_create_view, name="source_create"),
    path(
        "bao-chi-mang-xa-hoi/nguon/<int:pk>/bat-lai/",
        views.source_switch_on_view,
        name="source_switch_on",
    ),
    path("bao-chi-mang-xa-hoi/tai-len/", views.upload_view, name="upload"),
    path(
        "bao-chi-mang-xa-hoi/canh-bao/<int:pk>/lap-van-de/",
        views.spike_matter_view,
        name="spike_matter",
    ),
]
