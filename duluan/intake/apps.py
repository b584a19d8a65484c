from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "duluan.intake"
    label = "intake"
    verbose_name = "Tiếp nhận phản ánh"
