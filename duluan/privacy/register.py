"""The processing register and the facts an impact assessment needs, from the system itself."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.utils import timezone

from duluan.core.files import files_location

from .choices import Purpose
from .models import Consent, DataSubjectRequest, ErasureEntry
from .registry import RegisterEntry, providers


def register_entries() -> list[RegisterEntry]:
    entries: list[RegisterEntry] = []
    for provider in providers():
        entries.extend(provider.register_entries())
    return entries


def impact_facts() -> dict[str, Any]:
    """Figures for a data-protection impact assessment (what, why, where it flows)."""
    live = Consent.objects.filter(withdrawn_at__isnull=True)
    return {
        "generated_at": timezone.now().isoformat(),
        "register": [asdict(e) for e in register_entries()],
        "consents_live_by_purpose": {
            p.value: live.filter(purpose=p.value).count() for p in Purpose
        },
        "consents_withdrawn": Consent.objects.filter(withdrawn_at__isnull=False).count(),
        "data_subject_requests_open": DataSubjectRequest.objects.exclude(
            status__in=["done", "refused"]
        ).count(),
        "erasures": ErasureEntry.objects.count(),
        "retention_days": dict(settings.RETENTION_DAYS),
        "flows": [
            "Người phản ánh → đơn vị nhận (cán bộ tuyên giáo) → các cấp công đoàn cấp trên theo cây tổ chức",
            "Danh tính người phản ánh: chỉ ở đơn vị nhận, không chuyển lên cấp trên",
            "Xuất bảng tính, báo cáo: dữ liệu cá nhân trong nội dung được che",
            "Sao lưu: tệp sao lưu có tổng kiểm tra; nhật ký xoá nằm ngoài CSDL và được áp lại sau khi khôi phục",
        ],
        "stored_in": {
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "media": files_location(),
        },
    }


def register_markdown() -> str:
    lines = [
        "# Sổ đăng ký hoạt động xử lý dữ liệu cá nhân",
        "",
        f"Lập tự động lúc {timezone.localtime():%d/%m/%Y %H:%M} từ hệ thống duluan.",
        "",
        "| Loại dữ liệu | Trường | Mục đích | Căn cứ | Chủ thể | Bên nhận | Lưu trữ | Thời hạn | Nhạy cảm | Số bản ghi |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in register_entries():
        cells = [
            e.category,
            ", ".join(e.fields),
            e.purpose,
            e.legal_basis,
            e.subjects,
            e.recipients,
            e.storage,
            e.retention,
            "có" if e.sensitive else "không",
            f"{e.count:,}".replace(",", "."),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
