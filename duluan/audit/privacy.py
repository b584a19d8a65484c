"""The audit log as personal data: who accessed what (retention, register)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from duluan.privacy.registry import ErasureKeys, RegisterEntry
from duluan.privacy.subject import SubjectRef

from .models import AuditEvent


class AuditProvider:
    key = "audit"

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]:
        if not subject.user_id:
            return {"access_log": []}
        events = AuditEvent.objects.filter(actor_id=subject.user_id).order_by("-at")[:1000]
        return {
            "access_log": [
                {
                    "at": e.at,
                    "action": e.action,
                    "object_type": e.object_type,
                    "count": len(e.object_ids),
                }
                for e in events
            ]
        }

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int:
        # The log must show that access happened; the account itself is anonymised elsewhere.
        return 0

    def reapply(self, keys: dict[str, list[Any]]) -> int:
        return 0

    def restrict(self, subject: SubjectRef, when: datetime) -> int:
        return 0

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]:
        old = AuditEvent.objects.filter(
            at__lt=now - timedelta(days=settings.RETENTION_DAYS["audit"])
        )
        count = old.count()
        if not dry_run:
            old._raw_delete(old.db)  # the only way rows leave the log
        return {"audit_events": count}

    def register_entries(self) -> list[RegisterEntry]:
        return [
            RegisterEntry(
                category="Nhật ký truy cập",
                fields=["tài khoản", "hành động", "mã bản ghi được xem", "địa chỉ IP", "thời điểm"],
                purpose="Phát hiện, điều tra và thông báo sự cố lộ lọt dữ liệu",
                legal_basis="Nghĩa vụ bảo đảm an toàn dữ liệu cá nhân",
                subjects="Người dùng hệ thống",
                recipients="Quản trị hệ thống, người phụ trách bảo vệ dữ liệu",
                retention=f"{settings.RETENTION_DAYS['audit']} ngày, sau đó tự động xoá",
                storage="Cơ sở dữ liệu duluan (bảng audit_auditevent), chỉ ghi thêm",
                count=AuditEvent.objects.count(),
            )
        ]
