"""Personal data held by the channels: sealed raw messages, sender pseudonyms,
followers who registered a unit (their handle sealed)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from duluan.privacy.registry import ErasureKeys, RegisterEntry
from duluan.privacy.subject import SubjectRef

from .choices import ChannelKind
from .keys import sender_key
from .models import ChannelMessage, ChannelPayload, ChannelSender


def _keys(subject: SubjectRef) -> list[str]:
    """The pseudonyms a person's contacts (an address, a phone number, a Zalo id) give."""
    return sorted(
        {sender_key(kind, c) for c in subject.contacts if c.strip() for kind in ChannelKind.values}
    )


def _forget(keys: list[str]) -> int:
    messages = ChannelMessage.objects.filter(sender_key__in=keys)
    payloads, _ = ChannelPayload.objects.filter(message__in=messages).delete()
    senders, _ = ChannelSender.objects.filter(sender_key__in=keys).delete()
    # The message row stays (it keeps a replay from filing twice), naming no one.
    cleared = messages.update(sender_key="")
    return payloads + senders + cleared


class ChannelsProvider:
    key = "channels"

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]:
        keys = _keys(subject)
        return {
            "channel_messages": [
                {
                    "channel": m.get_kind_display(),
                    "received_at": m.received_at,
                    "state": m.get_state_display(),
                    "report_id": m.report_id,
                }
                for m in ChannelMessage.objects.filter(sender_key__in=keys)
            ],
            "channel_registrations": [
                {"channel": s.get_kind_display(), "unit": s.unit.name, "since": s.registered_at}
                for s in ChannelSender.objects.filter(sender_key__in=keys).select_related("unit")
            ],
        }

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int:
        found = _keys(subject)
        keys.add("channel_sender_keys", found)
        return _forget(found)

    def reapply(self, keys: dict[str, list[Any]]) -> int:
        return _forget(list(keys.get("channel_sender_keys", [])))

    def restrict(self, subject: SubjectRef, when: datetime) -> int:
        # No more directions sent to them; their reports stay.
        deleted, _ = ChannelSender.objects.filter(sender_key__in=_keys(subject)).delete()
        return deleted

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]:
        days = settings.RETENTION_DAYS["channel_payload"]
        old = ChannelPayload.objects.filter(created_at__lt=now - timedelta(days=days))
        counts = {"channel_payloads": old.count()}
        if not dry_run:
            old.delete()
        return counts

    def register_entries(self) -> list[RegisterEntry]:
        days = settings.RETENTION_DAYS["channel_payload"]
        return [
            RegisterEntry(
                category="Tin nhắn gốc nhận qua kênh (Zalo OA, email, SMS)",
                fields=[
                    "mã người gửi trên kênh (Zalo ID, địa chỉ email, số điện thoại)",
                    "nội dung",
                ],
                purpose="Ghi tin nhắn thành phản ánh, trả lời người gửi, chống gửi trùng",
                legal_basis="Thực hiện nhiệm vụ của tổ chức công đoàn (Luật Công đoàn 2024)",
                subjects="Đoàn viên, người lao động gửi phản ánh qua kênh",
                recipients="Không ai đọc trực tiếp: lưu đã mã hoá, chỉ tác vụ ghi phản ánh giải mã",
                retention=f"{days} ngày kể từ khi nhận, rồi xoá",
                storage="Cơ sở dữ liệu duluan (channels_channelpayload), mã hoá Fernet",
                sensitive=True,
                count=ChannelPayload.objects.count(),
            ),
            RegisterEntry(
                category="Người quan tâm Zalo OA đã đăng ký đơn vị",
                fields=["Zalo ID (mã hoá)", "đơn vị"],
                purpose="Gửi định hướng, đính chính tin đồn theo mẫu đã duyệt",
                legal_basis="Người quan tâm tự nêu đơn vị của mình (#mã-đơn-vị)",
                subjects="Người quan tâm OA của công đoàn",
                recipients="Không hiển thị cho cán bộ; chỉ dùng để gửi tin",
                retention="Đến khi người đó yêu cầu xoá hoặc hạn chế xử lý",
                storage="Cơ sở dữ liệu duluan (channels_channelsender), mã hoá Fernet",
                sensitive=False,
                count=ChannelSender.objects.count(),
            ),
        ]
