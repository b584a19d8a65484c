"""Personal data of the channels' additions: the corrections sent to each sender (a
pseudonym per channel and matter). Tip receipts hold no personal data: a keyed hash
of a random code that names nobody, with the anonymous report it belongs to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from duluan.privacy.registry import ErasureKeys, RegisterEntry
from duluan.privacy.subject import SubjectRef

from .choices import ChannelKind
from .keys import sender_key
from .models_tip import CorrectionDelivery


def _keys(subject: SubjectRef) -> list[str]:
    return sorted(
        {sender_key(kind, c) for c in subject.contacts if c.strip() for kind in ChannelKind.values}
    )


def _forget(keys: list[str]) -> int:
    deleted, _ = CorrectionDelivery.objects.filter(sender_key__in=keys).delete()
    return deleted


class CorrectionsProvider:
    key = "channels_corrections"

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]:
        rows = CorrectionDelivery.objects.filter(sender_key__in=_keys(subject)).select_related(
            "correction"
        )
        return {
            "corrections_received": [
                {
                    "channel": d.get_kind_display(),
                    "matter_id": d.matter_id,
                    "state": d.get_state_display(),
                    "sent_at": d.sent_at,
                    "text": d.correction.text,
                }
                for d in rows
            ]
        }

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int:
        found = _keys(subject)
        keys.add("correction_sender_keys", found)
        return _forget(found)

    def reapply(self, keys: dict[str, list[Any]]) -> int:
        return _forget(list(keys.get("correction_sender_keys", [])))

    def restrict(self, subject: SubjectRef, when: datetime) -> int:
        # Nothing more is sent to them: what waits is dropped; what was sent stays recorded.
        deleted, _ = CorrectionDelivery.objects.filter(
            sender_key__in=_keys(subject), state__in=["cho_gui", "loi"]
        ).delete()
        return deleted

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]:
        return {}  # kept with the matter, as its timeline is

    def register_entries(self) -> list[RegisterEntry]:
        return [
            RegisterEntry(
                category="Lượt gửi đính chính tới người đã phản ánh qua kênh",
                fields=["mã giả danh người gửi (HMAC)", "kênh", "vấn đề", "thời điểm gửi"],
                purpose="Gửi đính chính tin đồn, định hướng mỗi người một lần cho mỗi vấn đề",
                legal_basis="Thực hiện nhiệm vụ của tổ chức công đoàn (Luật Công đoàn 2024)",
                subjects="Đoàn viên, người lao động đã phản ánh qua Zalo, email, SMS, trang góp ý",
                recipients="Cán bộ xử lý vấn đề thấy số người đã nhận theo kênh, không thấy ai",
                retention="Cùng vấn đề",
                storage="Cơ sở dữ liệu duluan (channels_correctiondelivery)",
                sensitive=False,
                count=CorrectionDelivery.objects.count(),
            )
        ]
