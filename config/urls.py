from django.contrib import admin
from django.urls import include, path

from duluan.api.router import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("duluan.org.urls")),
    path("", include("duluan.intake.urls")),
]
