from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "duluan.api"
    label = "api"
    verbose_name = "API"
