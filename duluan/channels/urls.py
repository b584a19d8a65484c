from django.urls import path

from . import views

app_name = "channels"

urlpatterns = [
    path("kenh/webhook/<str:kind>/", views.webhook, name="webhook"),
]
