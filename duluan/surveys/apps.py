from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "duluan.surveys"
    label = "surveys"
    verbose_name = "Điều tra, khảo sát"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, NavSection, register_nav
        from duluan.org.choices import Perm, Role
        from duluan.privacy.registry import register

        from .privacy import SurveyFilesProvider

        register(SurveyFilesProvider())

        register_nav(
            NavEntry(
                "Khảo sát",
                "surveys:list",
                Perm.REPORT_VIEW,
                60,
                section=NavSection.SURVEYS,
                roles=frozenset({Role.OFFICER, Role.LEADER, Role.ANALYST}),
            )
        )
