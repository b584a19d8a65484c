from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("bao-cao-dinh-ky/", views.period_list_view, name="period_list"),
    path("bao-cao-dinh-ky/lap/", views.report_create_view, name="report_create"),
    path("bao-cao-dinh-ky/tien-do/", views.compliance_view, name="compliance"),
    path("bao-cao-dinh-ky/<int:pk>/", views.report_detail_view, name="report_detail"),
    path("bao-cao-dinh-ky/<int:pk>/duyet/", views.report_approve_view, name="report_approve"),
    path("bao-cao-dinh-ky/<int:pk>/tra-lai/", views.report_reopen_view, name="report_reopen"),
    path("bao-cao-dinh-ky/<int:pk>/gui/", views.report_submit_view, name="report_submit"),
    path(
        "bao-cao-dinh-ky/<int:pk>/tai.<str:fmt>",
        views.report_download_view,
        name="report_download",
    ),
    path(
        "bao-cao-dinh-ky/<int:pk>/tao.<str:fmt>",
        views.report_build_view,
        name="report_build",
    ),
]
