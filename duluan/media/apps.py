from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "duluan.media"
    label = "media"
    verbose_name = "Báo chí, mạng xã hội"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, NavSection, register_nav
        from duluan.org.choices import Role

        from .permissions import VIEW

        register_nav(
            NavEntry(
                "Báo chí, mạng xã hội",
                "media:index",
                VIEW,
                45,
                section=NavSection.REPORTS,
                roles=frozenset({Role.OFFICER, Role.LEADER, Role.ANALYST}),
            )
        )
