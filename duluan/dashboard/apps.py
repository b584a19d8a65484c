from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "duluan.dashboard"
    label = "dashboard"
    verbose_name = "Bảng điều khiển"

    def ready(self) -> None:
        from duluan.core.extensions import (
            HomeEntry,
            NavEntry,
            NavSection,
            register_home,
            register_nav,
        )
        from duluan.intake.signals import reports_created
        from duluan.org.choices import Perm

        from .jobs import on_reports_created

        reports_created.connect(on_reports_created, dispatch_uid="dashboard.refresh")
        # Topics and sentiment come from the text analytics, possibly later (a worker).
        from duluan.nlp.signals import reports_analysed

        from .jobs import on_reports_analysed

        reports_analysed.connect(on_reports_analysed, dispatch_uid="dashboard.refresh_analysed")
        register_nav(
            NavEntry(
                "Bảng điều khiển",
                "dashboard:index",
                Perm.REPORT_VIEW,
                5,
                section=NavSection.REPORTS,
            )
        )
        register_home(HomeEntry(Perm.REPORT_VIEW, "duluan.dashboard.views.index"))
