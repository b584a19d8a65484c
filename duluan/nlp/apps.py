from django.apps import AppConfig


class NlpConfig(AppConfig):
    name = "duluan.nlp"
    label = "nlp"
    verbose_name = "Phân tích văn bản tiếng Việt"

    def ready(self) -> None:
        from duluan.core.extensions import NavEntry, NavSection, register_nav
        from duluan.intake.signals import reports_created
        from duluan.org.choices import Role

        from .jobs import on_reports_created
        from .permissions import CORRECT, VIEW_ISSUES, VIEW_MODELS

        reports_created.connect(on_reports_created, dispatch_uid="nlp.on_reports_created")
        register_nav(
            NavEntry(
                "Vấn đề nổi lên",
                "nlp:issues",
                VIEW_ISSUES,
                40,
                section=NavSection.HANDLING,
                roles=frozenset({Role.OFFICER, Role.LEADER, Role.ANALYST}),
            ),
            NavEntry(
                "Gán nhãn",
                "nlp:label_queue",
                CORRECT,
                41,
                section=NavSection.HANDLING,
                roles=frozenset({Role.OFFICER, Role.ANALYST}),
            ),
            NavEntry(
                "Mô hình phân tích",
                "nlp:models",
                VIEW_MODELS,
                80,
                section=NavSection.ADMIN,
                roles=frozenset({Role.ANALYST}),
            ),
        )
