"""XLSX export of any list (formula-escaped cells) and the shared import result."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from duluan.core.sheets.cells import Cell, escape_row
from duluan.core.sheets.columns import RowError

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STORED_ERRORS = 500


def xlsx_bytes(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """One sheet: a bold header row, then the rows (text starting = + - @ escaped)."""
    from openpyxl import Workbook  # openpyxl on use: it brings NumPy along
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(escape_row(list(row)))
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, min(50, len(header) + 4))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class SheetResult:
    """What an import did: nothing is written unless every row is valid."""

    file_name: str
    rows_total: int = 0
    rows_created: int = 0
    rows_skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def summary(self) -> str:
        if not self.written:
            return f"Không ghi dòng nào: {len(self.errors)} lỗi trong {self.rows_total} dòng."
        return f"Đã ghi {self.rows_created} dòng, bỏ qua {self.rows_skipped} dòng đã có."

    def add(self, errors: Sequence[RowError]) -> None:
        room = STORED_ERRORS - len(self.errors)
        if room > 0:
            self.errors.extend(errors[:room])
