from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notices, their e-mail and the webhook outbox: any app may tell people things."""

    name = "duluan.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
