from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from duluan.org.models import User


def _owed(user: User) -> int:
    from .waiting import reports_owed_count

    return reports_owed_count(user)


class ReportingConfig(AppConfig):
    name = "duluan.reporting"
    label = "reporting"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, NavSection, register_nav
        from duluan.org.choices import Role
        from duluan.privacy.registry import register

        from . import permissions
        from .privacy import PeriodicReportProvider

        register(PeriodicReportProvider())

        register_nav(
            NavEntry(
                "Báo cáo định kỳ",
                "reporting:period_list",
                permissions.VIEW,
                40,
                badge=_owed,
                section=NavSection.REPORTS,
                badge_label="cần gửi",
                roles=frozenset({Role.OFFICER, Role.LEADER, Role.ANALYST}),
            ),
            NavEntry(
                "Tiến độ báo cáo",
                "reporting:compliance",
                permissions.VIEW,
                41,
                section=NavSection.REPORTS,
                roles=frozenset({Role.OFFICER, Role.LEADER}),
                with_children=True,
            ),
        )
