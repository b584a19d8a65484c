from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "duluan.org"
    label = "org"
    verbose_name = "Tổ chức"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers system checks)
