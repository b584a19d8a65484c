"""Demo data: a finished survey on members' living conditions (a few thousand responses),
an open one, and a quick poll, in the demo province (see ``duluan demo``)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from duluan.core.extensions import demo_step, demo_wipe_step
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from .choices import ResponseSource
from .models import Response, Survey
from .services import poll_create, survey_create_from_workbook

LIVING_TITLE = "Khảo sát đời sống, việc làm của đoàn viên, người lao động năm 2026"
OPEN_TITLE = "Thăm dò ý kiến về tổ chức Tết Sum vầy 2027"
VI = "label::Vietnamese (vi)"


def _choices(list_name: str, items: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"list_name": list_name, "name": name, VI: label} for name, label in items]


LIVING_FORM: dict[str, list[dict[str, str]]] = {
    "survey": [
        {"type": "select_one gt", "name": "gioi_tinh", VI: "Giới tính", "required": "yes"},
        {"type": "select_one tuoi", "name": "nhom_tuoi", VI: "Nhóm tuổi", "required": "yes"},
        {
            "type": "integer",
            "name": "thu_nhap",
            VI: "Thu nhập bình quân tháng (triệu đồng)",
            "constraint": ". >= 1 and . <= 200",
            "constraint_message::Vietnamese (vi)": "Từ 1 đến 200 triệu",
        },
        {
            "type": "select_one du",
            "name": "du_song",
            VI: "Thu nhập có đủ trang trải cuộc sống?",
            "required": "yes",
        },
        {"type": "select_one nha", "name": "nha_o", VI: "Nơi ở hiện nay"},
        {
            "type": "integer",
            "name": "gio_lam",
            VI: "Số giờ làm việc mỗi tuần (kể cả tăng ca)",
            "constraint": ". >= 0 and . <= 100",
        },
        {"type": "select_one yn", "name": "tang_ca", VI: "Tháng qua có phải tăng ca không?"},
        {
            "type": "integer",
            "name": "gio_tang_ca",
            VI: "Số giờ tăng ca trong tháng",
            "relevant": "${tang_ca} = 'co'",
            "constraint": ". >= 1 and . <= 200",
        },
        {
            "type": "select_one muc",
            "name": "tam_trang",
            VI: "Tâm trạng chung với công việc hiện nay",
            "appearance": "likert",
            "required": "yes",
        },
        {"type": "select_multiple kk", "name": "kho_khan", VI: "Những khó khăn lớn nhất"},
        {
            "type": "text",
            "name": "y_kien",
            VI: "Kiến nghị với tổ chức công đoàn",
            "appearance": "multiline",
        },
    ],
    "choices": [
        *_choices("gt", [("nam", "Nam"), ("nu", "Nữ")]),
        *_choices(
            "tuoi", [("duoi_30", "Dưới 30"), ("30_45", "Từ 30 đến 45"), ("tren_45", "Trên 45")]
        ),
        *_choices(
            "du", [("du", "Đủ và có tích luỹ"), ("vua_du", "Vừa đủ"), ("khong_du", "Không đủ")]
        ),
        *_choices(
            "nha",
            [
                ("nha_rieng", "Nhà riêng"),
                ("thue_tro", "Thuê nhà trọ"),
                ("ky_tuc_xa", "Ký túc xá, nhà ở xã hội"),
                ("o_nho", "Ở nhờ người thân"),
            ],
        ),
        *_choices("yn", [("co", "Có"), ("khong", "Không")]),
        *_choices(
            "muc",
            [
                ("1", "Rất không hài lòng"),
                ("2", "Không hài lòng"),
                ("3", "Bình thường"),
                ("4", "Hài lòng"),
                ("5", "Rất hài lòng"),
            ],
        ),
        *_choices(
            "kk",
            [
                ("tien_luong", "Tiền lương thấp"),
                ("nha_o", "Nhà ở"),
                ("gio_lam", "Giờ làm dài"),
                ("con_nho", "Gửi trẻ, học hành của con"),
                ("di_lai", "Đi lại"),
            ],
        ),
    ],
    "settings": [{"form_title": LIVING_TITLE, "default_language": "Vietnamese (vi)"}],
}

KIEN_NGHI = [
    "Đề nghị công đoàn thương lượng tăng lương cơ bản",
    "Cần thêm nhà trọ giá rẻ gần khu công nghiệp",
    "Mong công ty giảm tăng ca vào cuối tuần",
    "Đề nghị mở nhóm trẻ cho con công nhân",
    "Xe đưa đón công nhân cần thêm chuyến ca đêm",
    "Bếp ăn ca cần cải thiện chất lượng",
    "Đề nghị hỗ trợ tiền thuê nhà",
]


def _answers(rng: Any, unit_bias: float) -> dict[str, Any]:
    income = max(4, round(rng.gauss(9 + unit_bias * 3, 2.5)))
    data: dict[str, Any] = {
        "gioi_tinh": "nu" if rng.random() < 0.58 else "nam",
        "nhom_tuoi": rng.choices(["duoi_30", "30_45", "tren_45"], [0.45, 0.4, 0.15])[0],
        "thu_nhap": str(income),
        "du_song": "khong_du" if income < 8 else ("vua_du" if income < 13 else "du"),
        "nha_o": rng.choices(
            ["nha_rieng", "thue_tro", "ky_tuc_xa", "o_nho"], [0.35, 0.5, 0.08, 0.07]
        )[0],
        "gio_lam": str(rng.randint(44, 64)),
        "tang_ca": "co" if rng.random() < 0.6 else "khong",
    }
    if data["tang_ca"] == "co":
        data["gio_tang_ca"] = str(rng.randint(8, 60))
    mood = 3 + (income - 9) / 4 - (0.5 if data["nha_o"] == "thue_tro" else 0) + rng.gauss(0, 0.8)
    data["tam_trang"] = str(min(5, max(1, round(mood))))
    troubles = [
        k
        for k, p in (
            ("tien_luong", 0.55 if income < 10 else 0.2),
            ("nha_o", 0.5 if data["nha_o"] == "thue_tro" else 0.1),
            ("gio_lam", 0.4),
            ("con_nho", 0.25),
            ("di_lai", 0.2),
        )
        if rng.random() < p
    ]
    if troubles:
        data["kho_khan"] = troubles
    if rng.random() < 0.25:
        data["y_kien"] = rng.choice(KIEN_NGHI)
    return data


def _grassroots(root: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(subtree_q(root, field=""), member_count__gt=0, is_active=True).order_by(
            "path"
        )
    )


def _fill(
    survey: Survey, units: list[Unit], count: int, rng: Any, days: tuple[datetime, datetime]
) -> int:
    version = survey.current_version
    assert version is not None
    total_members = sum(u.member_count for u in units) or 1
    biases = {u.pk: rng.uniform(-1, 1) for u in units}
    span = max(1, (days[1] - days[0]).days)
    rows = []
    for i in range(count):
        # Responses fall unevenly on units: larger unions answer more, some barely at all.
        unit = (
            rng.choices(units, [u.member_count * rng.uniform(0.2, 1.0) for u in units])[0]
            if units
            else None
        )
        if unit is None:
            break
        rows.append(
            Response(
                survey=survey,
                version=version,
                unit=unit,
                source=ResponseSource.IMPORT,
                instance_id=f"uuid:demo-{survey.pk}-{i}",
                data=_answers(rng, biases[unit.pk]),
                submitted_on=(days[0] + timedelta(days=rng.randrange(span))).date(),
            )
        )
    Response.objects.bulk_create(rows, batch_size=2000)
    del total_members
    return len(rows)


@demo_step("surveys", "Khảo sát đời sống, thăm dò nhanh", order=60)
def surveys_demo(ctx: Any) -> dict[str, int]:
    rng = ctx.rng("surveys")
    root = ctx.root
    units = _grassroots(root)
    officer = next((u for u in ctx.users.values() if u.is_active), None)
    today = timezone.make_aware(datetime.combine(ctx.today, time(8, 0)))
    with transaction.atomic():
        finished = survey_create_from_workbook(
            actor=officer,
            unit=root,
            workbook=LIVING_FORM,
            title=LIVING_TITLE,
            opens_at=today - timedelta(days=75),
            closes_at=today - timedelta(days=30),
        )
        done = _fill(
            finished, units, 3200, rng, (today - timedelta(days=75), today - timedelta(days=31))
        )
        open_form = {
            **LIVING_FORM,
            "settings": [{"form_title": OPEN_TITLE, "default_language": "Vietnamese (vi)"}],
        }
        open_survey = survey_create_from_workbook(
            actor=officer,
            unit=root,
            workbook=open_form,
            title=OPEN_TITLE,
            opens_at=today - timedelta(days=5),
            closes_at=today + timedelta(days=25),
        )
        partial = _fill(
            open_survey,
            units[: max(1, len(units) // 2)],
            420,
            rng,
            (today - timedelta(days=5), today),
        )
        poll = poll_create(
            actor=officer,
            unit=root,
            question="Anh/chị có ủng hộ đề xuất tăng thời gian nghỉ giữa ca lên 45 phút?",
            options=["Ủng hộ", "Không ủng hộ", "Chưa có ý kiến"],
            opens_at=today - timedelta(days=1),
            closes_at=today + timedelta(days=2),
            notify=False,
            check_scope=False,
        )
        version = poll.current_version
        votes = (
            [
                Response(
                    survey=poll,
                    version=version,
                    unit=rng.choice(units),
                    source=ResponseSource.POLL,
                    instance_id=f"uuid:demo-{poll.pk}-{i}",
                    data={"tra_loi": rng.choices(["pa1", "pa2", "pa3"], [0.7, 0.12, 0.18])[0]},
                )
                for i in range(260)
            ]
            if units
            else []
        )
        Response.objects.bulk_create(votes)
    return {"surveys": 3, "responses": done + partial + len(votes)}


@demo_wipe_step("surveys", "Xoá khảo sát mẫu")
def surveys_wipe(root: Unit) -> None:
    surveys = Survey.objects.filter(subtree_q(root))
    Response.objects.filter(survey__in=surveys).delete()
    surveys.delete()
