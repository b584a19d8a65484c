from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "duluan.network"
    label = "network"
    verbose_name = "Mạng lưới cộng tác viên"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, NavSection, register_nav
        from duluan.org.choices import Role
        from duluan.privacy.registry import register

        from .permissions import VIEW
        from .privacy import NetworkProvider

        register(NetworkProvider())

        register_nav(
            NavEntry(
                "Mạng lưới",
                "network:home",
                VIEW,
                60,
                section=NavSection.NETWORK,
                roles=frozenset({Role.OFFICER, Role.LEADER}),
            ),
            NavEntry(
                "Khai báo trang cá nhân",
                "network:declaration_mine",
                None,
                90,
                section=NavSection.NETWORK,
            ),
        )
