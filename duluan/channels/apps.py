from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "duluan.channels"
    label = "channels"
    verbose_name = "Kênh tiếp nhận"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .base import adapter_register
        from .email import EmailAdapter
        from .sms import SmsGateAdapter
        from .zalo import ZaloAdapter

        adapter_register(ZaloAdapter())
        adapter_register(EmailAdapter())
        adapter_register(SmsGateAdapter())

        from .tip_adapter import TipAdapter  # the anonymous tip page (tip_*.py)

        adapter_register(TipAdapter())
