"""Personal data held by the network app (roster, evaluations, attendance,
declarations), for export, erasure and the processing register."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q

from duluan.privacy.registry import ErasureKeys, RegisterEntry
from duluan.privacy.subject import SubjectRef, normalise_contact

from .models import (
    BriefingAttendance,
    Declaration,
    NetworkMember,
    TrainingAttendance,
)

ERASED = "Đã xoá"


def _members(subject: SubjectRef) -> list[NetworkMember]:
    query = Q(pk__in=[])
    if subject.user_id:
        query |= Q(user_id=subject.user_id)
    for contact in subject.contacts:
        norm = normalise_contact(contact)
        if norm.isdigit() and len(norm) >= 9:
            query |= Q(phone__contains=norm[-9:])
    found = NetworkMember.objects.filter(query)
    return [m for m in found if m.user_id == subject.user_id or subject.matches_contact(m.phone)]


def _anonymise(member_ids: list[int]) -> int:
    count = NetworkMember.objects.filter(pk__in=member_ids).update(
        full_name=ERASED, phone="", position="", user=None, external_key=""
    )
    TrainingAttendance.objects.filter(member_id__in=member_ids).update(full_name=ERASED)
    BriefingAttendance.objects.filter(member_id__in=member_ids).update(full_name=ERASED)
    return count


class NetworkProvider:
    key = "network"

    def export(self, subject: SubjectRef) -> dict[str, list[dict[str, Any]]]:
        members = _members(subject)
        declarations = (
            Declaration.objects.filter(user_id=subject.user_id).prefetch_related("pages")
            if subject.user_id
            else Declaration.objects.none()
        )
        return {
            "network_members": [
                {
                    "full_name": m.full_name,
                    "kind": m.kind,
                    "unit": m.unit.name,
                    "status": m.status,
                    "phone": m.phone,
                    "events": [
                        {
                            "on": e.on,
                            "kind": e.kind,
                            "status": e.status,
                            "decision_no": e.decision_no,
                        }
                        for e in m.events.all()
                    ],
                    "evaluations": [
                        {"year": e.year, "grade": e.grade, "figures": e.figures}
                        for e in m.evaluations.all()
                    ],
                    "commendations": [
                        {"kind": c.kind, "form": c.form, "decision_no": c.decision_no}
                        for c in m.commendations.all()
                    ],
                }
                for m in members
            ],
            "page_declarations": [
                {
                    "declared_at": d.declared_at,
                    "unit_id": d.unit_id,
                    "pages": [
                        {"platform": p.platform, "address": p.address, "purpose": p.purpose}
                        for p in d.pages.all()
                    ],
                }
                for d in declarations
            ],
        }

    def erase(self, subject: SubjectRef, keys: ErasureKeys) -> int:
        ids = [m.pk for m in _members(subject)]
        count = _anonymise(ids)
        keys.add("network_member_ids", ids)
        if subject.user_id:
            declared = list(
                Declaration.objects.filter(user_id=subject.user_id).values_list("pk", flat=True)
            )
            Declaration.objects.filter(pk__in=declared).delete()
            keys.add("network_declaration_ids", declared)
            count += len(declared)
        return count

    def reapply(self, keys: dict[str, list[Any]]) -> int:
        ids = list(
            NetworkMember.objects.filter(pk__in=keys.get("network_member_ids", []))
            .exclude(full_name=ERASED, phone="")
            .values_list("pk", flat=True)
        )
        count = _anonymise(ids)
        stale = Declaration.objects.filter(pk__in=keys.get("network_declaration_ids", []))
        count += stale.count()
        stale.delete()
        return count

    def restrict(self, subject: SubjectRef, when: datetime) -> int:
        return 0  # the roster is needed to run the network; erasure anonymises it

    def retention_apply(self, now: datetime, dry_run: bool) -> dict[str, int]:
        return {}  # kept as the record of appointments and reviews; erased on request

    def register_entries(self) -> list[RegisterEntry]:
        return [
            RegisterEntry(
                category="Danh sách cộng tác viên, báo cáo viên",
                fields=[
                    "họ tên",
                    "điện thoại",
                    "chức vụ",
                    "quyết định công nhận",
                    "hoạt động",
                    "xếp loại",
                    "khen thưởng, kỷ luật",
                ],
                purpose="Quản lý mạng lưới, đánh giá hằng năm, báo cáo sơ kết, tổng kết",
                legal_basis="Thực hiện nhiệm vụ của tổ chức công đoàn; quyết định công nhận",
                subjects="Cộng tác viên DLXH, báo cáo viên",
                recipients="Cán bộ đơn vị của người đó và đơn vị cấp trên",
                retention="Trong thời gian hoạt động và lưu hồ sơ; xoá (ẩn danh) theo yêu cầu",
                storage="Cơ sở dữ liệu duluan (bảng network_networkmember và liên quan)",
                count=NetworkMember.objects.count(),
            ),
            RegisterEntry(
                category="Khai báo trang thông tin cá nhân (QĐ 85-QĐ/TW)",
                fields=["nền tảng", "địa chỉ trang, tài khoản", "mục đích"],
                purpose="Thực hiện quy định khai báo trang cá nhân của cán bộ, đảng viên",
                legal_basis="Quy định 85-QĐ/TW, Hướng dẫn 99-HD/BTGTW",
                subjects="Cán bộ, đoàn viên có vai trò trong hệ thống",
                recipients="Chỉ người khai và cán bộ của chính đơn vị nhận khai báo",
                retention="Đến khi khai lại (bản cũ lưu làm lịch sử); xoá theo yêu cầu",
                storage="Cơ sở dữ liệu duluan (bảng network_declaration, network_declaredpage); không truy cập các trang đã khai",
                count=Declaration.objects.count(),
            ),
        ]
