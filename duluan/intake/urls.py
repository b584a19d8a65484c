from django.urls import path

from . import views, views_import

app_name = "intake"

urlpatterns = [
    path("phan-anh/", views.report_list_view, name="report_list"),
    path("phan-anh/gui/", views.report_create_view, name="report_create"),
    path("phan-anh/cua-toi/", views.my_reports_view, name="my_reports"),
    path("phan-anh/<int:pk>/", views.report_detail_view, name="report_detail"),
    path("phan-anh/<int:pk>/khoi/<str:key>/", views.report_panel_view, name="report_panel"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("phan-anh/nhap/", views_import.import_view, name="report_import"),
    path("phan-anh/nhap/mau.<str:fmt>", views_import.template_view, name="import_template"),
]
