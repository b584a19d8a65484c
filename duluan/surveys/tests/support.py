"""Small forms and helpers shared by the surveys tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from duluan.surveys import services, xlsform
from duluan.surveys.models import Survey

SHARED_FORMS = Path(settings.BASE_DIR).parent / "shared" / "xlsforms"

# A Vietnamese form with skip logic, a constraint, a calculation, a group and a Likert scale.
LIVING: dict[str, list[dict[str, str]]] = {
    "survey": [
        {
            "type": "select_one yn",
            "name": "co_con",
            "label::Vietnamese (vi)": "Anh/chị có con nhỏ không?",
            "label::English (en)": "Do you have young children?",
            "required": "yes",
        },
        {
            "type": "integer",
            "name": "so_con",
            "label::Vietnamese (vi)": "Số con dưới 6 tuổi",
            "relevant": "${co_con} = 'co'",
            "constraint": ". >= 1 and . <= 10",
            "constraint_message::Vietnamese (vi)": "Từ 1 đến 10 con",
            "required": "yes",
        },
        {"type": "begin_group", "name": "thu_nhap", "label::Vietnamese (vi)": "Thu nhập"},
        {
            "type": "decimal",
            "name": "luong",
            "label::Vietnamese (vi)": "Thu nhập tháng (triệu đồng)",
            "constraint": ". > 0 and . < 200",
        },
        {"type": "calculate", "name": "luong_nam", "calculation": "${luong} * 12"},
        {"type": "end_group"},
        {
            "type": "select_one muc",
            "name": "hai_long",
            "label::Vietnamese (vi)": "Mức hài lòng với công việc",
            "appearance": "likert",
        },
        {
            "type": "select_multiple kho",
            "name": "kho_khan",
            "label::Vietnamese (vi)": "Khó khăn gặp phải",
        },
        {"type": "text", "name": "y_kien", "label::Vietnamese (vi)": "Ý kiến khác"},
    ],
    "choices": [
        {
            "list_name": "yn",
            "name": "co",
            "label::Vietnamese (vi)": "Có",
            "label::English (en)": "Yes",
        },
        {
            "list_name": "yn",
            "name": "khong",
            "label::Vietnamese (vi)": "Không",
            "label::English (en)": "No",
        },
        *[
            {"list_name": "muc", "name": str(i), "label::Vietnamese (vi)": text}
            for i, text in enumerate(
                ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"],
                start=1,
            )
        ],
        {"list_name": "kho", "name": "nha_o", "label::Vietnamese (vi)": "Nhà ở"},
        {"list_name": "kho", "name": "gio_lam", "label::Vietnamese (vi)": "Giờ làm"},
        {"list_name": "kho", "name": "tien_luong", "label::Vietnamese (vi)": "Tiền lương"},
    ],
    "settings": [{"form_title": "Đời sống đoàn viên", "default_language": "Vietnamese (vi)"}],
}


def living_xlsx() -> bytes:
    return xlsform.export_workbook(LIVING)


def make_survey(actor: Any, unit: Any, workbook: dict[str, Any] | None = None, **kw: Any) -> Survey:
    return services.survey_create_from_workbook(
        actor=actor, unit=unit, workbook=workbook or LIVING, **kw
    )


def shared_forms() -> list[Path]:
    if not SHARED_FORMS.is_dir():
        pytest.skip(
            f"the shared XLSForms are missing ({SHARED_FORMS}); run with ../shared beside the repo"
        )
    return sorted(SHARED_FORMS.glob("*.xlsx"))


def answers(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "co_con": "khong",
        "luong": "8.5",
        "hai_long": "4",
        "kho_khan": ["gio_lam"],
    }
    base.update(kw)
    return base


def png_bytes() -> bytes:
    """A real 1×1 PNG (type read from its bytes)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# A named survey: a photo of the workplace and where it is.
NAMED: dict[str, list[dict[str, str]]] = {
    "survey": [
        {"type": "text", "name": "noi_lam", "label::Vietnamese (vi)": "Nơi làm việc"},
        {"type": "image", "name": "anh", "label::Vietnamese (vi)": "Ảnh chỗ làm"},
        {"type": "geopoint", "name": "vi_tri", "label::Vietnamese (vi)": "Vị trí"},
    ],
    "settings": [{"form_title": "Khảo sát có danh tính", "default_language": "Vietnamese (vi)"}],
}


def instance_xml(version: Any, instance_id: str, **answers: str) -> bytes:
    fields = "".join(f"<{k}>{v}</{k}>" for k, v in answers.items())
    return (
        f'<?xml version="1.0"?><data id="{version.form_id}" version="{version.version_label}">'
        f"{fields}<meta><instanceID>{instance_id}</instanceID></meta></data>"
    ).encode()
