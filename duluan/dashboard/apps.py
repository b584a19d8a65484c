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
        from duluan.org.choices import Perm, Role

        from .jobs import on_reports_created

        reports_created.connect(on_reports_created, dispatch_uid="dashboard.refresh")
        # Topics and sentiment come from the text analytics, possibly later (a worker).
        from duluan.nlp.signals import reports_analysed

        from .jobs import on_reports_analysed

        reports_analysed.connect(on_reports_analysed, dispatch_uid="dashboard.refresh_analysed")
        # The leader's minute and the analyst's figures; an admin lands on the briefing.
        readers = frozenset({Role.LEADER, Role.ANALYST, Role.ADMIN})
        register_nav(
            NavEntry(
                "Tóm tắt tình hình",
                "dashboard:briefing",
                Perm.REPORT_VIEW,
                4,
                section=NavSection.REPORTS,
                roles=readers,
            ),
            NavEntry(
                "Bảng điều khiển",
                "dashboard:index",
                Perm.REPORT_VIEW,
                5,
                section=NavSection.REPORTS,
                roles=readers,
            ),
        )
        # Leaders (who also handle matters) land on the briefing before the officers'
        # inbox (order 20, MATTER_HANDLE); analysts and other readers after it.
        register_home(
            HomeEntry(Perm.MATTER_DIRECT, "duluan.dashboard.views.briefing", order=10),
            HomeEntry(Perm.REPORT_VIEW, "duluan.dashboard.views.briefing", order=30),
        )
