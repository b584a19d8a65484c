from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "duluan.org"
    label = "org"
    verbose_name = "Tổ chức"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, NavSection, register_nav

        from . import checks  # noqa: F401  (registers system checks)
        from .choices import Perm

        register_nav(
            NavEntry("Cây tổ chức", "org_tree", Perm.UNIT_VIEW, 70, section=NavSection.NETWORK),
            NavEntry(
                "Quản trị hệ thống", "admin:index", None, 99, section=NavSection.ADMIN, staff=True
            ),
        )
