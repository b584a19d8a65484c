"""The statistical annex: one sheet per table, headers frozen, no cell a
spreadsheet would run as a formula."""

from __future__ import annotations

import re
from io import BytesIO

from duluan.core.sheets.cells import escape_formula

from ..measures import measure_of
from . import DocumentInput

_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _BAD.sub(" ", title).strip().strip("'")[:28] or "Bảng"
    name, n = base, 2
    while name.lower() in taken:
        name = f"{base[:25]} ({n})"
        n += 1
    taken.add(name.lower())
    return name


def render_xlsx(data: DocumentInput) -> bytes:
    from openpyxl import Workbook  # openpyxl on use: it brings NumPy along
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "Thông tin"
    bold = Font(bold=True)
    info = [
        ("Đơn vị", data.unit.name),
        ("Báo cáo", data.display_title),
        ("Kỳ báo cáo", data.period.label),
        ("Mã kỳ", data.period.code),
        ("Tiêu đề", data.heading),
    ]
    cover.append(["Mục", "Nội dung"])
    for row in info:
        cover.append([escape_formula(v) for v in row])
    cover.freeze_panes = "A2"
    for cell in cover[1]:
        cell.font = bold
    cover.column_dimensions["A"].width = 18
    cover.column_dimensions["B"].width = 90
    taken = {cover.title.lower()}
    figures = book.create_sheet(_sheet_title("Chỉ tiêu", taken))
    figures.append(["Mục", "Mã", "Chỉ tiêu", "Giá trị", "Cách tính"])
    for block in data.blocks:
        for figure in block.figures:
            measure = measure_of(figure.code)
            figures.append(
                [
                    escape_formula(block.title),
                    escape_formula(figure.code),
                    escape_formula(figure.label),
                    figure.value,
                    escape_formula(measure.definition if measure else ""),
                ]
            )
    figures.freeze_panes = "A2"
    for cell in figures[1]:
        cell.font = bold
    figures.column_dimensions["C"].width = 50
    figures.column_dimensions["E"].width = 80
    for block in data.blocks:
        for table in block.tables:
            sheet = book.create_sheet(_sheet_title(table.title or block.title, taken))
            sheet.append([escape_formula(c) for c in table.columns])
            for values in table.rows:
                sheet.append([escape_formula(v) for v in values])
            sheet.freeze_panes = "A2"
            for cell in sheet[1]:
                cell.font = bold
                cell.alignment = Alignment(wrap_text=True)
            sheet.column_dimensions["A"].width = 45
    out = BytesIO()
    book.save(out)
    return out.getvalue()
