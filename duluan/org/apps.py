from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "duluan.org"
    label = "org"
    verbose_name = "Tổ chức"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, NavSection, register_nav

        from . import checks  # noqa: F401  (registers system checks)
        from .choices import Perm, Role

        register_nav(
            NavEntry(
                "Cây tổ chức",
                "org_tree",
                Perm.UNIT_VIEW,
                70,
                section=NavSection.NETWORK,
                roles=frozenset(set(Role) - {Role.ADMIN}),
            ),
            # The admin's own place for the tree (listed once for an account holding both).
            NavEntry(
                "Cây tổ chức",
                "org_tree",
                Perm.UNIT_MANAGE,
                70,
                section=NavSection.ADMIN,
                roles=frozenset({Role.ADMIN}),
            ),
            NavEntry(
                "Quản trị hệ thống", "admin:index", None, 99, section=NavSection.ADMIN, staff=True
            ),
        )
