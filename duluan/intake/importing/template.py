"""The downloadable import templates (.xlsx with a «Hướng dẫn» sheet, and CSV)."""

from __future__ import annotations

import csv
import io

from duluan.core.sheets.cells import escape_row, vn_int

from .reports import (
    CHOICES,
    PEOPLE_MAX,
    PLACE_MAX,
    REPORT_COLUMNS,
    SHEET_NAME,
    SUBJECT_MAX,
    TEXT_MAX,
)

GUIDE_SHEET = "Hướng dẫn"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

NOTES = {
    "unit_code": "Mã đơn vị trong cây tổ chức (ví dụ T01-A-1); chỉ đơn vị bạn được phép nhập.",
    "channel": "Mã hoặc nhãn trong bảng «Kênh» bên dưới.",
    "heard_at": (
        "dd/mm/yyyy hoặc dd/mm/yyyy HH:MM (giờ Việt Nam), yyyy-mm-dd, hoặc ô ngày của Excel; "
        "không được ở tương lai."
    ),
    "place": f"Không bắt buộc; tối đa {PLACE_MAX} ký tự.",
    "subject": f"Một dòng, tối đa {SUBJECT_MAX} ký tự.",
    "text": (
        f"Tối đa {vn_int(TEXT_MAX)} ký tự. Nội dung bắt đầu bằng = + - @ được lưu nguyên "
        "là chữ, không bao giờ được tính như công thức."
    ),
    "people_count": (
        f"Số người liên quan (ước tính), số nguyên từ 1 đến {vn_int(PEOPLE_MAX)}; "
        "để trống nếu không rõ."
    ),
    "kind": "Mã hoặc nhãn trong bảng «Loại» bên dưới.",
    "mood": "Mã hoặc nhãn trong bảng «Tâm trạng» bên dưới.",
    "urgency": "Không bắt buộc; để trống là «Bình thường». Mã hoặc nhãn trong bảng «Mức độ».",
    "verifiability": "Mã hoặc nhãn trong bảng «Độ kiểm chứng» bên dưới.",
}
INTRO = (
    f"Mỗi dòng ở trang «{SHEET_NAME}» là một phản ánh; giữ nguyên dòng tiêu đề. "
    "Cột có dấu * là bắt buộc. Ở các cột chọn, ghi mã hoặc nhãn (có dấu hay không dấu, "
    "chữ hoa hay thường đều được). Nhập lại cùng một tệp không tạo bản trùng."
)


def choice_tables() -> list[tuple[str, list[tuple[str, str]]]]:
    """(column header, [(code, label)]) for every choice column, in file order."""
    return [
        (column.header, [(code, str(label)) for code, label in CHOICES[column.key].choices])
        for column in REPORT_COLUMNS
        if column.key in CHOICES
    ]


def column_notes() -> list[tuple[str, bool, str]]:
    """(header, required, how to fill it) for every column."""
    return [(column.header, column.required, NOTES[column.key]) for column in REPORT_COLUMNS]


def template_xlsx() -> bytes:
    # openpyxl on use: the import page and the import itself do not need it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_NAME
    sheet.append([column.title for column in REPORT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    widths = {"subject": 40, "text": 60, "place": 30, "heard_at": 20}
    for number, column in enumerate(REPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = widths.get(column.key, 18)

    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.append(["Hướng dẫn nhập phản ánh từ bảng tính"])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append([INTRO])
    guide.append([])
    guide.append(["Cột", "Bắt buộc", "Cách ghi"])
    header_rows = [4]
    for header, required, note in column_notes():
        guide.append(escape_row([header, "có" if required else "không", note]))
    ranges: dict[str, str] = {}
    for header, options in choice_tables():
        guide.append([])
        guide.append([f"Bảng «{header}»", "Mã", "Nhãn"])
        header_rows.append(guide.max_row)
        first = guide.max_row + 1
        for code, label in options:
            guide.append(["", code, label])
        ranges[header] = f"'{GUIDE_SHEET}'!$C${first}:$C${guide.max_row}"
    for row in header_rows:
        for cell in guide[row]:
            cell.font = Font(bold=True)
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 20
    guide.column_dimensions["C"].width = 90

    # Drop-downs offer the labels; a typed code is accepted too, so only warn.
    for number, column in enumerate(REPORT_COLUMNS, start=1):
        if column.header not in ranges:
            continue
        validation = DataValidation(
            type="list",
            formula1=ranges[column.header],
            allow_blank=True,
            errorStyle="warning",
            showErrorMessage=True,
            errorTitle=column.header,
            error="Giá trị không có trong danh sách; xem trang «Hướng dẫn».",
        )
        letter = get_column_letter(number)
        validation.add(f"{letter}2:{letter}5000")
        sheet.add_data_validation(validation)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    """The header row, UTF-8 with a BOM so Excel opens Vietnamese text correctly."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([column.title for column in REPORT_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
