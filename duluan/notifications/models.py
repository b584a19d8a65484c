"""In-app notices and the webhook outbox, for every app.

The tables were created by the cases app and keep their names (``db_table``):
moving the models changed no row. A notice or a delivery may point at a matter
(``cases.Matter``, by name: this app never imports cases, so cases and every
other app may import it).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL
MATTER = "cases.Matter"


def current_time() -> datetime:
    """``timezone.now()`` looked up at call time, so a test or the demo can move the clock."""
    return timezone.now()


class Notification(models.Model):
    """An in-app notice to one user. A title and a link only: no opinion text,
    no phone numbers. ``key`` makes a notice idempotent: one per
    (recipient, kind, key), e.g. ``matter:12`` or ``period:2026-10:unit:5``.
    Kinds are ``<app>.<event>`` codes (the cases app's are older, bare codes)."""

    recipient = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("người nhận")
    )
    kind = models.CharField(_("loại"), max_length=40)
    key = models.CharField(_("khoá chống trùng"), max_length=120)
    title = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    url = models.CharField(_("đường dẫn"), max_length=255, blank=True)
    matter = models.ForeignKey(
        MATTER,
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
        verbose_name=_("vấn đề"),
    )
    created_at = models.DateTimeField(_("lúc tạo"), default=current_time)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        db_table = "cases_notification"
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="cases_notification_unread"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                name="cases_notification_once_key",
                violation_error_message=_("Người này đã nhận thông báo này."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind} · {self.key}"


class WebhookDelivery(models.Model):
    """An event posted to the gateway (Zalo, SMS), tried until it is taken.

    A failed POST is tried again with growing pauses (``next_at``) until
    ``HOT_SPOT_WEBHOOK_ATTEMPTS`` tries; ``delivered_at`` is set once the gateway
    answers 2xx. The payload carries ``delivery_id`` so a gateway can drop a
    repeat it already took. The payload of each ``event`` is built by the app
    that registered it (:func:`duluan.notifications.webhooks.webhook_event`).
    """

    matter = models.ForeignKey(
        MATTER,
        on_delete=models.CASCADE,
        related_name="webhook_deliveries",
        verbose_name=_("vấn đề"),
    )
    event = models.CharField(_("sự kiện"), max_length=40, default="hot_spot")
    created_at = models.DateTimeField(_("lúc tạo"), default=current_time)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("đã nhận lúc"), null=True, blank=True)
    last_error = models.CharField(_("lỗi lần cuối"), max_length=200, blank=True)

    class Meta:
        db_table = "cases_webhookdelivery"
        verbose_name = _("gửi webhook")
        verbose_name_plural = _("gửi webhook")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["next_at"], name="cases_webhook_next")]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "event"],
                name="cases_webhook_once_per_event",
                violation_error_message=_("Sự kiện này đã được gửi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.matter_id} · {self.attempts}"
