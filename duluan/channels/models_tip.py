"""The tip page's receipts and follow-ups; corrections sent back to senders.

Imported at the end of ``models.py`` (Django finds models there).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ChannelKind


class TipReceipt(models.Model):
    """What lets a tipster come back: only the keyed hash of the receipt code
    (:func:`duluan.channels.tip.receipt_hash`), never the code itself."""

    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    message = models.OneToOneField(
        "channels.ChannelMessage", on_delete=models.CASCADE, related_name="tip_receipt"
    )
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị")
    )

    class Meta:
        verbose_name = _("biên nhận góp ý ẩn danh")
        verbose_name_plural = _("biên nhận góp ý ẩn danh")

    def __str__(self) -> str:
        return f"biên nhận {self.pk}"


class TipFollowUp(models.Model):
    """Details a tipster added later with the receipt code, shown with the report."""

    receipt = models.ForeignKey(TipReceipt, on_delete=models.CASCADE, related_name="follow_ups")
    text = models.TextField(_("nội dung bổ sung"))
    created_at = models.DateTimeField(_("bổ sung lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("thông tin bổ sung")
        verbose_name_plural = _("thông tin bổ sung")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.receipt_id}: {self.text[:40]}"


class DeliveryState(models.TextChoices):
    PENDING = "cho_gui", _("Chờ gửi")
    SENDING = "dang_gui", _("Đang gửi")
    SENT = "da_gui", _("Đã gửi")
    FAILED = "loi", _("Không gửi được")
    # The channel can never reach this sender (an anonymous Zalo sender, automatic
    # mail): not offered again.
    REFUSED = "tu_choi", _("Kênh không thể gửi tới người này")


class Correction(models.Model):
    """One "send the correction to everyone who reported it" an officer triggered."""

    matter = models.ForeignKey(
        "cases.Matter", on_delete=models.CASCADE, related_name="+", verbose_name=_("vấn đề")
    )
    text = models.TextField(_("nội dung đính chính"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("đính chính gửi người phản ánh")
        verbose_name_plural = _("đính chính gửi người phản ánh")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.text[:40]}"


class CorrectionDelivery(models.Model):
    """The correction to one sender (a pseudonym on one channel) of one matter: at
    most one per sender and matter, whatever the number of triggers."""

    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="deliveries")
    matter = models.ForeignKey("cases.Matter", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kênh"), max_length=10, choices=ChannelKind.choices)
    sender_key = models.CharField(max_length=64, editable=False)
    # The sender's latest message of the matter: the one answered.
    message = models.ForeignKey(
        "channels.ChannelMessage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("lượt gửi đính chính")
        verbose_name_plural = _("lượt gửi đính chính")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "kind", "sender_key"],
                name="channels_correction_once_per_sender",
                violation_error_message=_("Người này đã được gửi đính chính của vấn đề."),
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=DeliveryState.values),
                name="channels_delivery_state_valid",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
        ]
        indexes = [models.Index(fields=["kind", "sender_key"], name="channels_delivery_sender")]

    def __str__(self) -> str:
        return f"{self.matter_id} → {self.kind}:{self.sender_key[:8]}…"
