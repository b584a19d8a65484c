from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "duluan.channels"
    label = "channels"
    verbose_name = "Kênh tiếp nhận"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from duluan.privacy.registry import register

        from .base import adapter_register
        from .email import EmailAdapter
        from .sms import SmsGateAdapter
        from .zalo import ZaloAdapter

        adapter_register(ZaloAdapter())
        adapter_register(EmailAdapter())
        adapter_register(SmsGateAdapter())
        from .privacy import ChannelsProvider

        register(ChannelsProvider())

        from duluan.core.extensions import NavEntry, NavSection, register_nav
        from duluan.org.choices import Perm, Role

        from .selectors import inbox_waiting_count

        register_nav(
            NavEntry(
                "Tin nhắn qua kênh",
                "channels:inbox",
                Perm.REPORT_VIEW,
                14,
                section=NavSection.INTAKE,
                # Sorting what came in is the officer's work; the leader reads matters.
                roles=frozenset({Role.OFFICER}),
                badge=inbox_waiting_count,
                badge_label="chờ phân loại",
            )
        )

        from .tip_adapter import TipAdapter  # the anonymous tip page (tip_*.py)

        adapter_register(TipAdapter())
        from .privacy_tip import CorrectionsProvider

        register(CorrectionsProvider())
