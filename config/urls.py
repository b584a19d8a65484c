from django.contrib import admin
from django.urls import include, path

from duluan.api.router import api
from duluan.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("duluan.org.urls")),
    path("", include("duluan.intake.urls")),
    path("", include("duluan.jobs.urls")),
    path("", include("duluan.cases.urls")),
    path("", include("duluan.nlp.urls")),
    path("", include("duluan.reporting.urls")),
    path("", include("duluan.surveys.urls")),
    path("", include("duluan.channels.urls")),
    path("", include("duluan.network.urls")),
    path("", include("duluan.media.urls")),
    path("", include("duluan.dashboard.urls")),
]
