from django.urls import path

from . import views

app_name = "channels"

urlpatterns = [
    path("kenh/", views.inbox_view, name="inbox"),
    path("kenh/<int:pk>/da-phan-loai/", views.classify_view, name="classify"),
    path("kenh/webhook/<str:kind>/", views.webhook, name="webhook"),
]
