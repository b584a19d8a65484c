from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "duluan.intake"
    label = "intake"
    verbose_name = "Tiếp nhận phản ánh"

    def ready(self) -> None:
        from duluan.privacy.registry import register

        from . import checks  # noqa: F401  (registers the partitioning checks)
        from .privacy import IntakeProvider

        register(IntakeProvider())
