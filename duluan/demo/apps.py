from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "duluan.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
