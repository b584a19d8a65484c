from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from duluan.org.models import User


def _unread(user: User) -> int:
    from duluan.notifications.selectors import notices_unread_count

    return notices_unread_count(user)


def _waiting(user: User) -> int:
    from .waiting import matters_waiting_count

    return matters_waiting_count(user)


def _to_acknowledge(user: User) -> int:
    from .waiting import directions_to_acknowledge_count

    return directions_to_acknowledge_count(user)


class CasesConfig(AppConfig):
    name = "duluan.cases"
    label = "cases"
    verbose_name = "Vấn đề DLXH"

    def ready(self) -> None:
        from duluan.core.extensions import (
            HomeEntry,
            NavEntry,
            NavSection,
            register_home,
            register_nav,
        )
        from duluan.notifications.webhooks import webhook_event
        from duluan.org.choices import Perm, Role

        webhook_event("hot_spot", "duluan.cases.notify.hot_spot_webhook_fields")

        handling = NavSection.HANDLING
        # The matters are the officers' and the leaders' work (an analyst reads the
        # figures; the pages stay open by address to whoever holds the permission).
        handlers = frozenset({Role.OFFICER, Role.LEADER})
        register_nav(
            NavEntry(
                "Vấn đề",
                "cases:matter_list",
                Perm.MATTER_VIEW,
                order=20,
                badge=_waiting,
                section=handling,
                roles=handlers,
            ),
            NavEntry(
                "Điểm nóng",
                "cases:hot_spots",
                Perm.MATTER_VIEW,
                order=21,
                section=handling,
                roles=handlers,
            ),
            NavEntry(
                "Định hướng",
                "cases:directions",
                Perm.MATTER_VIEW,
                order=22,
                badge=_to_acknowledge,
                section=handling,
                badge_label="cần phổ biến",
                roles=handlers,
            ),
            NavEntry(
                "Thông báo",
                "cases:notifications",
                None,
                order=90,
                badge=_unread,
                section=NavSection.ACCOUNT,
                badge_label="chưa đọc",
            ),
        )
        # An officer's first screen: what waits at their unit, step by step.
        register_home(HomeEntry(Perm.MATTER_HANDLE, "duluan.cases.views_home.home_view", 20))
