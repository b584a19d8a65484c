from django.urls import path, re_path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("tom-tat/", views.briefing, name="briefing"),
    path("bang-dieu-khien/", views.index, name="index"),
    path("bang-dieu-khien/cac-muc/", views.panels, name="panels"),
    re_path(r"^bang-dieu-khien/xuat\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
]
