"""Inbound channel messages, kept apart from the reports they become.

A :class:`ChannelMessage` names its sender only by a keyed hash; the raw
payload (which does name the sender: a Zalo id, an address, a phone number)
lives sealed (encrypted) in :class:`ChannelPayload`, its own table, deleted
after ``DULUAN_RETENTION_CHANNEL_PAYLOAD_DAYS`` like a reporter's identity.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duluan.intake.models import Report
from duluan.org.models import Unit

from .choices import ChannelKind, MessageState


class ChannelEndpoint(models.Model):
    """Where a unit is reached on a channel: its Zalo OA id, its mailbox, its SMS
    number, or a code on a shared one (``gopy+<code>@``, an SMS keyword).
    Managed in the Django admin."""

    kind = models.CharField(_("kênh"), max_length=10, choices=ChannelKind.choices)
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="channel_endpoints", verbose_name=_("đơn vị")
    )
    address = models.CharField(
        _("địa chỉ"),
        max_length=150,
        blank=True,
        help_text=_("OA ID của Zalo, hộp thư (gopy@…), hoặc số nhận tin nhắn SMS."),
    )
    code = models.CharField(
        _("mã trên kênh chung"),
        max_length=40,
        blank=True,
        help_text=_("Mã sau dấu + của hộp thư chung, hoặc từ khoá đầu tin nhắn SMS."),
    )
    replies = models.BooleanField(
        _("trả lời người gửi"),
        default=True,
        help_text=_("Gửi «Đã nhận phản ánh, mã tra cứu …» khi kênh cho phép."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("điểm tiếp nhận")
        verbose_name_plural = _("điểm tiếp nhận")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "address", "code"],
                name="channels_endpoint_once",
                violation_error_message=_("Điểm tiếp nhận này đã có."),
            ),
            models.CheckConstraint(
                condition=~models.Q(address="", code=""),
                name="channels_endpoint_reachable",
                violation_error_message=_("Cần địa chỉ hoặc mã."),
            ),
        ]

    def __str__(self) -> str:
        where = self.address + (f" [{self.code}]" if self.code else "")
        return f"{self.get_kind_display()}: {where}"


class ChannelSender(models.Model):
    """A follower registered to a unit (a Zalo OA follower who told us their
    union), known only by the pseudonym of their handle."""

    kind = models.CharField(_("kênh"), max_length=10, choices=ChannelKind.choices)
    sender_key = models.CharField(max_length=64, editable=False)
    # The handle itself, sealed: needed to send directions down to a follower who
    # registered (and so asked for them); never shown, deleted on erasure.
    handle_sealed = models.TextField(blank=True, editable=False)
    address = models.CharField(max_length=150, blank=True, editable=False)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, verbose_name=_("đơn vị"))
    registered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("người gửi đã đăng ký đơn vị")
        verbose_name_plural = _("người gửi đã đăng ký đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["kind", "sender_key"], name="channels_sender_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.sender_key[:8]}…"


class ChannelMessage(models.Model):
    """One inbound message, once: unique on the channel's own message id.

    Carries no identity: ``sender_key`` is an HMAC pseudonym
    (:func:`duluan.channels.keys.sender_key`)."""

    kind = models.CharField(_("kênh"), max_length=10, choices=ChannelKind.choices)
    message_id = models.CharField(max_length=255, editable=False)
    sender_key = models.CharField(max_length=64, db_index=True, editable=False)
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=MessageState.choices,
        default=MessageState.RECEIVED,
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("đơn vị")
    )
    endpoint = models.ForeignKey(
        ChannelEndpoint, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    report = models.OneToOneField(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="channel_message",
        verbose_name=_("phản ánh"),
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"))
    received_at = models.DateTimeField(_("thời điểm nhận"), default=timezone.now, db_index=True)
    automatic = models.BooleanField(default=False, editable=False)
    replied_at = models.DateTimeField(null=True, blank=True, editable=False)
    note = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("tin nhắn đến")
        verbose_name_plural = _("tin nhắn đến")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "message_id"], name="channels_message_once"),
            models.CheckConstraint(
                condition=models.Q(state__in=MessageState.values),
                name="channels_message_state_valid",
                violation_error_message=_("Trạng thái không hợp lệ."),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "state", "-received_at"], name="channels_msg_inbox")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.message_id}"


class ChannelPayload(models.Model):
    """The raw body a message came in, sealed (Fernet), in its own table: it names
    the sender. Read back only by the filing job; deleted by retention."""

    message = models.OneToOneField(ChannelMessage, on_delete=models.CASCADE, related_name="payload")
    sealed = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    class Meta:
        verbose_name = _("dữ liệu gốc của tin nhắn (đã mã hoá)")
        verbose_name_plural = _("dữ liệu gốc của tin nhắn (đã mã hoá)")

    def __str__(self) -> str:
        return f"payload {self.message_id}"


class ZaloToken(models.Model):
    """An OA's access token and its rotating refresh token, both sealed.

    Zalo hands out a new refresh token with every refresh and the old one stops
    working, so two workers refreshing at once would lock the OA out: refreshes
    are single-flight (:meth:`duluan.channels.zalo_client.ZaloClient.access_token`)."""

    oa_id = models.CharField(_("OA ID"), max_length=40, unique=True)
    access_sealed = models.TextField(editable=False, blank=True)
    refresh_sealed = models.TextField(editable=False, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    refreshed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("khoá truy cập Zalo OA")
        verbose_name_plural = _("khoá truy cập Zalo OA")

    def __str__(self) -> str:
        return self.oa_id


class ZaloTemplate(models.Model):
    """A message template the OA may send down to followers (a direction, a rumour
    correction). Only approved templates are ever sent."""

    oa_id = models.CharField(_("OA ID"), max_length=40)
    template_id = models.CharField(_("mã mẫu trên Zalo"), max_length=60)
    name = models.CharField(_("tên mẫu"), max_length=150)
    approved = models.BooleanField(
        _("đã được Zalo duyệt"), default=False, help_text=_("Chỉ mẫu đã duyệt mới được gửi.")
    )

    class Meta:
        verbose_name = _("mẫu tin Zalo")
        verbose_name_plural = _("mẫu tin Zalo")
        constraints = [
            models.UniqueConstraint(
                fields=["oa_id", "template_id"], name="channels_zalo_template_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class DirectionBroadcast(models.Model):
    """A direction sent down to the Zalo OA followers of its target units: at most
    one per direction, whoever presses and however often (``broadcast.py``)."""

    direction = models.OneToOneField(
        "cases.Direction", on_delete=models.CASCADE, related_name="+", verbose_name=_("định hướng")
    )
    template_id = models.CharField(_("mã mẫu trên Zalo"), max_length=60)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("yêu cầu lúc"), default=timezone.now)
    done_at = models.DateTimeField(_("gửi xong lúc"), null=True, blank=True)
    sent = models.PositiveIntegerField(_("đã gửi"), default=0)
    skipped_quota = models.PositiveIntegerField(_("quá hạn mức"), default=0)
    already = models.PositiveIntegerField(_("đã nhận trước đó"), default=0)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("lượt gửi định hướng qua Zalo OA")
        verbose_name_plural = _("lượt gửi định hướng qua Zalo OA")

    def __str__(self) -> str:
        return f"{self.direction_id}: {self.sent}"


class ZaloSend(models.Model):
    """One message the OA sent: the ledger the quotas are counted from, and the
    idempotency of sends (``key`` unique: a job run twice sends once)."""

    class Kind(models.TextChoices):
        REPLY = "phan_hoi", _("Tin phản hồi (trong 48 giờ)")
        TEMPLATE = "mau", _("Tin theo mẫu (chủ động)")

    oa_id = models.CharField(max_length=40, editable=False)
    sender_key = models.CharField(max_length=64, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, editable=False)
    template_id = models.CharField(max_length=60, blank=True, editable=False)
    key = models.CharField(max_length=120, unique=True, editable=False)
    zalo_message_id = models.CharField(max_length=100, blank=True, editable=False)
    sent_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("tin Zalo đã gửi")
        verbose_name_plural = _("tin Zalo đã gửi")
        indexes = [
            models.Index(fields=["oa_id", "kind", "sent_at"], name="channels_zalo_send_quota")
        ]

    def __str__(self) -> str:
        return self.key


# The tip page's receipts and follow-ups, the corrections sent back (models_tip.py).
from .models_tip import (  # noqa: E402
    Correction,
    CorrectionDelivery,
    TipFollowUp,
    TipReceipt,
)

__all__ = [
    "ChannelEndpoint",
    "ChannelMessage",
    "ChannelPayload",
    "ChannelSender",
    "Correction",
    "CorrectionDelivery",
    "DirectionBroadcast",
    "TipFollowUp",
    "TipReceipt",
    "ZaloSend",
    "ZaloTemplate",
    "ZaloToken",
]
