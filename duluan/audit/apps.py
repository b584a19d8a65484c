from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "duluan.audit"
    label = "audit"
    verbose_name = "Nhật ký truy cập"

    def ready(self) -> None:
        from duluan.privacy.registry import register

        from .privacy import AuditProvider

        register(AuditProvider())
