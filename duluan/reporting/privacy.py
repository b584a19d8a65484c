"""Personal data in periodic reports: who drafted, approved, sent and signed them.

A periodic report is an official record of the organisation; its text holds
aggregates and quotes masked at build time, never a reporter's identity. The
accounts that acted on it are kept as links (the accounts app anonymises an
erased account in place, so the links then name nobody) and the signer's name
as printed on the document. Export lists both; erasure leaves the record, as
an official document kept under the organisation's archiving duty, and
blanks the signer's name where it is the subject's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q

from duluan.core.text import fold
from duluan.privacy.registry import ErasureKeys, RegisterEntry
from duluan.privacy.subject import SubjectRef

from .models import PeriodicReport


def _acted(subject: SubjectRef) -> Q:
    query = Q(pk__in=[])
    if subject.user_id:
        uid = subject.user_id
        query |= Q(created_by_id=uid) | Q(approved_by_id=uid) | Q(submitted_by_id=uid)
    return query


def _signed(subject: SubjectRef) -> list[int]:
    if not subject.name.strip():
        return []
    wanted = fold(subject.name)
    return [
        pk
        for pk, name in PeriodicReport.objects.exclude(signer_name="").values_list(
            "pk", "signer_name"
        )
        if fold(name) == wanted
    ]


class PeriodicReportProvider:
    key = "periodic_reports"

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]:
        uid = subject.user_id
        reports = PeriodicReport.objects.filter(
            _acted(subject) | Q(pk__in=_signed(subject))
        ).select_related("unit")
        return {
            "periodic_reports": [
                {
                    "unit": r.unit.name,
                    "type": r.report_type,
                    "period": r.period,
                    "drafted": r.created_by_id == uid if uid else False,
                    "approved": r.approved_by_id == uid if uid else False,
                    "submitted": r.submitted_by_id == uid if uid else False,
                    "signer_name": r.signer_name,
                }
                for r in reports
            ]
        }

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int:
        ids = _signed(subject)
        PeriodicReport.objects.filter(pk__in=ids).update(signer_name="")
        keys.add("periodic_report_signers", ids)
        return len(ids)

    def reapply(self, keys: dict[str, list[Any]]) -> int:
        ids = keys.get("periodic_report_signers", [])
        return (
            PeriodicReport.objects.filter(pk__in=ids).exclude(signer_name="").update(signer_name="")
        )

    def restrict(self, subject: SubjectRef, when: datetime) -> int:
        return 0  # official records: nothing processed beyond keeping them

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]:
        return {}  # kept as the organisation's records; no personal-data clock of their own

    def register_entries(self) -> list[RegisterEntry]:
        return [
            RegisterEntry(
                category="Người lập, duyệt, gửi và ký báo cáo định kỳ",
                fields=["tài khoản lập, duyệt, gửi", "họ tên, chức vụ người ký"],
                purpose="Chế độ báo cáo định kỳ về tình hình dư luận xã hội lên cấp trên",
                legal_basis="Thực hiện nhiệm vụ của tổ chức công đoàn; quy định về văn bản hành chính",
                subjects="Cán bộ công đoàn",
                recipients="Đơn vị lập báo cáo và các cấp công đoàn cấp trên",
                retention="Theo thời hạn lưu trữ văn bản của tổ chức",
                storage="Cơ sở dữ liệu duluan (bảng reporting_periodicreport)",
                count=PeriodicReport.objects.count(),
            )
        ]
