from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "duluan.core"
    label = "core"
    verbose_name = "Lõi"
