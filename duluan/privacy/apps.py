from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "duluan.privacy"
    label = "privacy"
    verbose_name = "Bảo vệ dữ liệu cá nhân"

    def ready(self) -> None:
        from .providers_org import AccountProvider
        from .registry import register

        register(AccountProvider())
