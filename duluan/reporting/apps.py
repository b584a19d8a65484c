from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "duluan.reporting"
    label = "reporting"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, NavSection, register_nav
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
                section=NavSection.REPORTS,
            ),
            NavEntry(
                "Tiến độ báo cáo",
                "reporting:compliance",
                permissions.VIEW,
                41,
                section=NavSection.REPORTS,
            ),
        )
