"""Roster, sign-in sheet and page-export imports: bad rows refused by row and column, nothing written."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from duluan.network.models import Article, NetworkMember, RosterEvent, TrainingAttendance
from duluan.network.services.imports import articles_import, attendance_import, roster_import
from duluan.network.services.meetings import training_create

pytestmark = pytest.mark.django_db

ROSTER_HEADER = [
    "Họ và tên *",
    "Loại (ctv/bcv) *",
    "Mã đơn vị *",
    "Từ ngày (dd/mm/yyyy) *",
    "Trạng thái",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Hết nhiệm kỳ",
    "Tài khoản",
]


def xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_roster_import_refuses_bad_rows_and_writes_nothing(org_tree: Any) -> None:
    officer = org_tree.user("upper_a")
    content = xlsx(
        [
            ROSTER_HEADER,
            [
                "Nguyễn Văn Tốt",
                "ctv",
                "T01-A-1",
                "01/03/2020",
                "",
                "15/QĐ-CĐ",
                "28/02/2020",
                "CĐ KCN A",
                "",
                "",
            ],
            ["", "ctv", "T01-A-2", "01/03/2020", "", "", "", "", "", ""],
            ["Trần Sai Loại", "thủ quỹ", "T01-A-2", "01/03/2020", "", "", "", "", "", ""],
            ["Lê Ngoài Phạm Vi", "bcv", "T01-B-1", "32/13/2020", "", "", "", "", "", ""],
            [
                "Phạm Không Tài Khoản",
                "ctv",
                "T01-A-1",
                "01/03/2020",
                "",
                "",
                "",
                "",
                "",
                "khong_co_ai",
            ],
        ]
    )
    result = roster_import(actor=officer, file_name="ctv.xlsx", content=content)
    assert not result.written
    found = {(e.row, e.column) for e in result.errors}
    assert found == {
        (3, "Họ và tên"),
        (4, "Loại"),
        (5, "Mã đơn vị"),  # outside the importer's reach reads like an unknown code
        (5, "Từ ngày"),
        (6, "Tài khoản"),
    }
    messages = [str(e) for e in result.errors]
    assert "Dòng 3, cột «Họ và tên»: bắt buộc, không được để trống" in messages
    assert any("không tìm thấy đơn vị có mã «T01-B-1»" in m for m in messages)
    assert NetworkMember.objects.count() == 0 and RosterEvent.objects.count() == 0


def test_roster_import_writes_a_valid_file_once(org_tree: Any) -> None:
    officer = org_tree.user("upper_a")
    content = xlsx(
        [
            ROSTER_HEADER,
            [
                "Nguyễn Văn Tốt",
                "ctv",
                "T01-A-1",
                "01/03/2020",
                "",
                "15/QĐ-CĐ",
                "28/02/2020",
                "CĐ KCN A",
                "28/02/2025",
                "cs_a1_collaborator",
            ],
            [
                "Võ Thị Báo Cáo",
                "Báo cáo viên",
                "T01-A",
                date(2021, 5, 4),
                "tạm dừng",
                "",
                "",
                "",
                "",
                "",
            ],
        ]
    )
    result = roster_import(actor=officer, file_name="ctv.xlsx", content=content)
    assert result.written and result.rows_created == 2, result.errors
    good = NetworkMember.objects.get(full_name="Nguyễn Văn Tốt")
    assert good.user is not None and good.user.username == "cs_a1_collaborator"
    event = good.events.get()
    assert (event.on, event.decision_no, event.term_end) == (
        date(2020, 3, 1),
        "15/QĐ-CĐ",
        date(2025, 2, 28),
    )
    assert NetworkMember.objects.get(full_name="Võ Thị Báo Cáo").status == "tam_dung"
    again = roster_import(actor=officer, file_name="ctv.xlsx", content=content)
    assert again.rows_created == 0 and again.rows_skipped == 2


def test_attendance_import_refuses_bad_rows_and_writes_nothing(org_tree: Any) -> None:
    officer = org_tree.user("upper_a")
    training = training_create(
        actor=officer,
        unit_id=org_tree.upper_a.pk,
        title="Lớp nghiệp vụ",
        starts_on=date(2025, 4, 2),
    )
    bad = xlsx(
        [
            ["Họ và tên", "Mã đơn vị", "Có mặt", "Đánh giá lớp"],
            ["Nguyễn A", "T01-A-1", "có", 5],
            ["Trần B", "T01-ZZ", "có", 4],
            ["Lê C", "", "có lẽ", 9],
        ]
    )
    result = attendance_import(
        actor=officer, training_id=training.pk, file_name="ky-ten.xlsx", content=bad
    )
    assert not result.written
    assert {(e.row, e.column) for e in result.errors} == {
        (3, "Mã đơn vị"),
        (4, "Có mặt"),
        (4, "Đánh giá lớp"),
    }
    assert TrainingAttendance.objects.count() == 0
    good = xlsx(
        [
            ["Họ và tên", "Mã đơn vị", "Có mặt"],
            ["Nguyễn A", "T01-A-1", "có"],
            ["Trần B", "", "không"],
        ]
    )
    done = attendance_import(
        actor=officer, training_id=training.pk, file_name="ky-ten.xlsx", content=good
    )
    assert done.written and done.rows_created == 2
    assert TrainingAttendance.objects.filter(checked_in_at__isnull=False).count() == 1


def test_page_export_csv_imports_and_refreshes(org_tree: Any) -> None:
    officer = org_tree.user("upper_a")
    csv = (
        "Post ID,Permalink,Post Message,Publish time,Reach,Engagement\n"
        "1,https://facebook.com/p/1,Thông tin chính sách BHXH mới,03/05/2025 08:00,1.200,85\n"
        "2,https://facebook.com/p/2,Bác bỏ tin đồn cắt thưởng Tết,10/05/2025,3400,410\n"
    ).encode()
    result = articles_import(
        actor=officer,
        unit_id=org_tree.upper_a.pk,
        platform="fanpage",
        file_name="page.csv",
        content=csv,
    )
    assert result.written and result.rows_created == 2, result.errors
    assert Article.objects.get(url="https://facebook.com/p/1").reach == 1200
    refreshed = csv.replace(b"3400,410", b"5000,600")
    again = articles_import(
        actor=officer,
        unit_id=org_tree.upper_a.pk,
        platform="fanpage",
        file_name="page.csv",
        content=refreshed,
    )
    assert again.rows_skipped == 2 and Article.objects.count() == 2
    assert Article.objects.get(url="https://facebook.com/p/2").interactions == 600
    bad = b"Permalink,Post Message,Publish time,Reach\nhttps://x/1,,hom qua,-5\n"
    refused = articles_import(
        actor=officer,
        unit_id=org_tree.upper_a.pk,
        platform="fanpage",
        file_name="bad.csv",
        content=bad,
    )
    assert {(e.row, e.column) for e in refused.errors} == {
        (2, "Tiêu đề"),
        (2, "Ngày đăng"),
        (2, "Lượt tiếp cận"),
    }


def test_roster_export_escapes_formulas(org_tree: Any, client: Any) -> None:
    from .conftest import appoint

    officer = org_tree.user("upper_a")
    appoint(officer, org_tree.cs_a1, "=Nguyễn Công Thức", date(2020, 3, 1))
    client.force_login(officer)
    response = client.get("/mang-luoi/nhan-su/", {"xuat": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Họ và tên"
    assert rows[1][0] == "'=Nguyễn Công Thức"  # a formula never runs
