from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from duluan.org.models import User


def _unread(user: User) -> int:
    from duluan.notifications.selectors import notices_unread_count

    return notices_unread_count(user)


class CasesConfig(AppConfig):
    name = "duluan.cases"
    label = "cases"
    verbose_name = "Vấn đề DLXH"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, register_nav
        from duluan.notifications.webhooks import webhook_event
        from duluan.org.choices import Perm

        webhook_event("hot_spot", "duluan.cases.notify.hot_spot_webhook_fields")

        register_nav(
            NavEntry("Vấn đề", "cases:matter_list", Perm.MATTER_VIEW, order=20),
            NavEntry("Điểm nóng", "cases:hot_spots", Perm.MATTER_VIEW, order=21),
            NavEntry("Định hướng", "cases:directions", Perm.MATTER_VIEW, order=22),
            NavEntry("Thông báo", "cases:notifications", None, order=90, badge=_unread),
        )
