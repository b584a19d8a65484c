from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("cong-viec/<int:pk>/", views.job_view, name="job"),
    path("cong-viec/<int:pk>/tien-do/", views.job_status_view, name="status"),
    path("cong-viec/<int:pk>/tai-ve/", views.job_download_view, name="download"),
]
