"""The report import service: validation, all-or-nothing, duplicates, scope."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from duluan.core.sheets.errors import ImportRefused
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.intake.importing.reports import reports_import
from duluan.intake.models import ImportBatch, Report
from duluan.org.choices import Role

from .test_import_support import GOOD, csv_bytes, row, xlsx_bytes


def run(actor, content: bytes, **kwargs):
    return reports_import(actor=actor, file_name="bao-cao.xlsx", content=content, **kwargs)


def test_good_xlsx_imports_every_row_with_codes_or_labels(org_tree) -> None:
    officer = org_tree.user("upper_a")
    content = xlsx_bytes(
        [
            row(),
            row(
                unit_code="T01-A-2",
                channel="Trò chuyện trực tiếp",
                kind="KHIEU NAI",
                mood="tiêu cực",
                urgency="",
                verifiability="Nhiều nguồn",
                heard_at=datetime(2025, 3, 2, 14, 5),
                people_count=12,
                subject="Ca đêm kéo dài",
            ),
            row(unit_code="T01-A", heard_at="2025-04-30T07:00", people_count="", subject="Khác"),
        ]
    )
    result = run(officer, content)
    assert result.written, result.errors
    assert (result.rows_total, result.rows_created, result.rows_duplicate) == (3, 3, 0)
    assert result.summary == "Đã nhập 3 dòng, bỏ qua 0 dòng trùng, 0 dòng lỗi"
    second = Report.objects.get(subject="Ca đêm kéo dài")
    assert second.unit == org_tree.cs_a2
    assert (second.channel, second.kind, second.mood) == ("truc_tiep", "khieu_nai", "tieu_cuc")
    assert second.urgency == "binh_thuong"
    assert second.people_count == 12
    assert timezone.localtime(second.heard_at).strftime("%d/%m/%Y %H:%M") == "02/03/2025 14:05"
    assert second.source == "import"
    assert len(second.import_key or "") == 64
    assert "ca dem keo dai" in second.search_text
    assert Report.objects.get(subject="Khác").people_count is None
    batch = ImportBatch.objects.get()
    assert batch.created_by == officer
    assert (batch.rows_total, batch.rows_created, batch.rows_invalid) == (3, 3, 0)
    assert batch.file_name == "bao-cao.xlsx"


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(org_tree) -> None:
    future = (timezone.localtime() + timedelta(days=2)).strftime("%d/%m/%Y %H:%M")
    content = xlsx_bytes(
        [
            row(),
            row(kind="abc"),
            row(heard_at=future),
            row(unit_code="KHONG-CO"),
            row(subject="", heard_at="31/02/2025"),
            row(people_count="0", subject="x" * 201),
        ]
    )
    result = run(org_tree.user("province"), content)
    assert not result.written
    assert Report.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    messages = [str(error) for error in result.errors]
    assert messages[0].startswith(
        "Dòng 3, cột «Loại»: giá trị «abc» không hợp lệ; chọn một trong: "
        "thong_tin (Ý kiến, thông tin chung), khieu_nai (Bức xúc, khiếu nại)"
    )
    assert messages[1].startswith("Dòng 4, cột «Thời điểm»: thời điểm ")
    assert messages[1].endswith("ở tương lai")
    assert messages[2] == "Dòng 5, cột «Mã đơn vị»: không tìm thấy đơn vị có mã «KHONG-CO»"
    assert (
        "Dòng 6, cột «Thời điểm»: giá trị «31/02/2025» không phải thời điểm hợp lệ" in (messages[3])
    )
    assert messages[4] == "Dòng 6, cột «Tiêu đề»: bắt buộc, không được để trống"
    assert messages[5].startswith("Dòng 7, cột «Tiêu đề»: dài 201 ký tự")
    assert messages[6].startswith("Dòng 7, cột «Số người»: số 0 nằm ngoài khoảng")
    assert (result.rows_invalid, result.error_count, result.rows_created) == (5, 7, 0)
    assert result.summary == "Đã nhập 0 dòng, bỏ qua 0 dòng trùng, 5 dòng lỗi"


def test_valid_only_writes_just_the_valid_rows(org_tree) -> None:
    content = xlsx_bytes([row(), row(kind="abc"), row(subject="Thứ hai")])
    result = run(org_tree.user("province"), content, valid_only=True)
    assert result.written
    assert (result.rows_created, result.rows_invalid) == (2, 1)
    assert set(Report.objects.values_list("subject", flat=True)) == {GOOD["subject"], "Thứ hai"}
    assert ImportBatch.objects.get().rows_invalid == 1


def test_valid_only_with_no_valid_row_writes_nothing(org_tree) -> None:
    result = run(org_tree.user("province"), xlsx_bytes([row(kind="abc")]), valid_only=True)
    assert not result.written
    assert ImportBatch.objects.count() == 0


def test_reimport_adds_nothing_even_from_csv_with_labels(org_tree) -> None:
    officer = org_tree.user("province")
    rows = [row(), row(subject="Thứ hai", unit_code="T01-B-1")]
    first = run(officer, xlsx_bytes(rows))
    assert first.rows_created == 2
    again = run(officer, xlsx_bytes(rows))
    assert (again.rows_created, again.rows_duplicate, again.written) == (0, 2, True)
    as_csv = reports_import(
        actor=officer,
        file_name="lai.csv",
        content=csv_bytes([row(kind="Bức xúc, khiếu nại", channel="TRUC TIEP")]),
    )
    assert (as_csv.rows_created, as_csv.rows_duplicate) == (0, 1)
    assert Report.objects.count() == 2
    assert ImportBatch.objects.count() == 3


def test_same_row_twice_in_one_file_is_written_once(org_tree) -> None:
    result = run(org_tree.user("province"), xlsx_bytes([row(), row()]))
    assert (result.rows_created, result.rows_duplicate) == (1, 1)
    assert Report.objects.count() == 1


def test_unit_outside_scope_reads_like_an_unknown_code(org_tree) -> None:
    officer = org_tree.user("cs_a1")
    result = run(officer, xlsx_bytes([row(unit_code="T01-B-1"), row(unit_code="T01-Z-9")]))
    assert [error.message for error in result.errors] == [
        "không tìm thấy đơn vị có mã «T01-B-1»",
        "không tìm thấy đơn vị có mã «T01-Z-9»",
    ]
    assert run(officer, xlsx_bytes([row()])).rows_created == 1


def test_inactive_unit_cannot_receive_imports(org_tree) -> None:
    org_tree.cs_a2.is_active = False
    org_tree.cs_a2.save()
    result = run(SYSTEM_ACTOR, xlsx_bytes([row(unit_code="T01-A-2")]))
    assert result.errors[0].message == "không tìm thấy đơn vị có mã «T01-A-2»"


def test_system_actor_reaches_every_unit_and_records_no_account(org_tree) -> None:
    result = run(SYSTEM_ACTOR, xlsx_bytes([row(unit_code="T01-B-1"), row(unit_code="T01")]))
    assert result.rows_created == 2
    assert ImportBatch.objects.get().created_by is None


def test_collaborator_has_no_import_scope(org_tree) -> None:
    result = run(org_tree.user("cs_a1", Role.COLLABORATOR), xlsx_bytes([row()]))
    assert result.errors[0].column == "Mã đơn vị"


def test_formula_looking_cells_are_stored_as_text(org_tree) -> None:
    rows = [
        row(
            subject='=HYPERLINK("http://x.example","bấm")',
            text="+cmd|' /C calc'!A0",
            place="@SUM(1+1)",
        ),
        row(subject="-2+3", text="=1+1"),
    ]
    for content in (xlsx_bytes(rows), csv_bytes(rows)):
        Report.objects.all().delete()
        result = run(SYSTEM_ACTOR, content)
        assert result.rows_created == 2, result.errors
        first = Report.objects.get(place="@SUM(1+1)")
        assert first.subject == '=HYPERLINK("http://x.example","bấm")'
        assert first.text == "+cmd|' /C calc'!A0"
        assert Report.objects.get(subject="-2+3").text == "=1+1"


def test_headers_are_found_without_diacritics_and_in_any_order(org_tree) -> None:
    header = ["tieu de", "NOI DUNG", "ma don vi", "kenh", "thoi diem", "loai", "tam trang"]
    header += ["do kiem chung", "Ghi chú riêng"]
    values = [GOOD[key] for key in ("subject", "text", "unit_code", "channel", "heard_at")]
    values += [GOOD[key] for key in ("kind", "mood", "verifiability")] + ["bỏ qua"]
    result = run(SYSTEM_ACTOR, xlsx_bytes([values], header=header))
    assert result.rows_created == 1, result.errors


def test_missing_required_column_refuses_the_file(org_tree) -> None:
    header = ["Mã đơn vị", "Kênh", "Thời điểm", "Tiêu đề", "Nội dung", "Loại"]
    with pytest.raises(ImportRefused) as exc:
        run(SYSTEM_ACTOR, xlsx_bytes([["T01"] * 6], header=header))
    assert exc.value.message.startswith("Dòng tiêu đề thiếu cột «Tâm trạng», «Độ kiểm chứng»")


def test_header_only_file_is_refused(org_tree) -> None:
    with pytest.raises(ImportRefused, match="chỉ có dòng tiêu đề"):
        run(SYSTEM_ACTOR, xlsx_bytes([]))


def test_blank_rows_are_skipped_and_row_numbers_match_the_sheet(org_tree) -> None:
    content = xlsx_bytes([[], row(), [None] * 11, row(kind="?")])
    result = run(SYSTEM_ACTOR, content)
    assert result.rows_total == 2
    assert result.errors[0].row == 5


def test_excel_serial_number_and_date_only_text(org_tree) -> None:
    rows = [row(heard_at=45658.5, subject="serial"), row(heard_at="15/01/2025", subject="ngay")]
    result = run(SYSTEM_ACTOR, xlsx_bytes(rows))
    assert result.rows_created == 2, result.errors
    serial = timezone.localtime(Report.objects.get(subject="serial").heard_at)
    assert serial.strftime("%d/%m/%Y %H:%M") == "01/01/2025 12:00"
    day = timezone.localtime(Report.objects.get(subject="ngay").heard_at)
    assert day.strftime("%d/%m/%Y %H:%M") == "15/01/2025 00:00"


def test_progress_is_reported_for_checking_and_writing(org_tree) -> None:
    seen: list[tuple[str, int, int]] = []
    run(SYSTEM_ACTOR, xlsx_bytes([row(), row(subject="2")]), progress=lambda *a: seen.append(a))
    assert ("Kiểm tra", 2, 2) in seen
    assert ("Ghi", 2, 2) in seen
