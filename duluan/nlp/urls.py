from django.urls import URLPattern, path

from . import views

app_name = "nlp"

urlpatterns: list[URLPattern] = [
    path("phan-tich/van-de-noi-len/", views.issues_view, name="issues"),
    path("phan-tich/mo-hinh/", views.models_view, name="models"),
    path("phan-tich/mo-hinh/huan-luyen-lai/", views.retrain_view, name="retrain"),
    path(
        "phan-tich/phan-anh/<int:pk>/hieu-chinh/", views.report_correct_view, name="report_correct"
    ),
    path("phan-tich/gan-nhan/", views.label_queue_view, name="label_queue"),
    path("phan-tich/gan-nhan/<int:pk>/", views.label_save_view, name="label_save"),
]
