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
]
