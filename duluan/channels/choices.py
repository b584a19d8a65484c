"""Vocabularies of the channels app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    """An inbound channel, as it appears in the webhook URL and ``duluan channel simulate``."""

    ZALO = "zalo", _("Zalo OA")
    EMAIL = "email", _("Email")
    SMS = "sms", _("Tin nhắn SMS")
    TIP = "tip", _("Trang góp ý ẩn danh")


class MessageState(models.TextChoices):
    RECEIVED = "nhan", _("Đã nhận, đang xử lý")
    FILING = "dang_ghi", _("Đang ghi thành phản ánh")
    FILED = "cho_phan_loai", _("Chờ phân loại")
    CLASSIFIED = "da_phan_loai", _("Đã phân loại")
    THROTTLED = "gioi_han", _("Vượt giới hạn gửi, không ghi")
    UNROUTED = "khong_don_vi", _("Không xác định được đơn vị")
    FAILED = "loi", _("Lỗi khi ghi")
