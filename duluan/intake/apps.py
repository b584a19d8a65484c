from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "duluan.intake"
    label = "intake"
    verbose_name = "Tiếp nhận phản ánh"

    def ready(self) -> None:
        from duluan.privacy.registry import register

        from . import checks  # noqa: F401  (registers the partitioning checks)
        from .privacy import IntakeProvider

        register(IntakeProvider())

        from duluan.core.extensions import (
            HomeEntry,
            NavEntry,
            NavSection,
            register_home,
            register_nav,
        )
        from duluan.org.choices import Perm, Role

        intake = NavSection.INTAKE
        register_nav(
            NavEntry(
                "Gửi phản ánh",
                "intake:report_create",
                Perm.REPORT_SUBMIT,
                10,
                section=intake,
                roles=frozenset({Role.COLLABORATOR, Role.REPORTER, Role.OFFICER, Role.LEADER}),
            ),
            NavEntry(
                "Phản ánh của tôi",
                "intake:my_reports",
                Perm.REPORT_SUBMIT,
                11,
                section=intake,
                roles=frozenset({Role.COLLABORATOR, Role.REPORTER}),
            ),
            NavEntry(
                "Phản ánh đơn vị",
                "intake:report_list",
                Perm.REPORT_VIEW,
                12,
                section=intake,
                roles=frozenset({Role.OFFICER, Role.ANALYST}),
            ),
            NavEntry(
                "Nhập bảng tính",
                "intake:report_import",
                Perm.REPORT_IMPORT,
                13,
                section=intake,
                roles=frozenset({Role.OFFICER}),
            ),
        )
        # A collaborator's or reporter's first screen; staff who read reports have theirs.
        register_home(
            HomeEntry(
                Perm.REPORT_SUBMIT,
                "duluan.intake.views_home.home_view",
                90,
                unless=Perm.REPORT_VIEW,
            )
        )
