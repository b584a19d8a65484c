"""The current dashboard view as CSV or XLSX: the same tables the page shows.

Hidden cells are written as "ẩn" (never the number); text cells that a
spreadsheet would read as a formula are escaped (``duluan.core.sheets``).
"""

from __future__ import annotations

import csv
import io

from duluan.core.extensions import Cell, Table
from duluan.core.sheets.cells import escape_formula

HIDDEN = "ẩn"


def _cells(row: list[Cell]) -> list[Cell]:
    return [escape_formula(HIDDEN if value is None else value) for value in row]  # type: ignore[misc]


def tables_csv(tables: list[Table]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for table in tables:
        writer.writerow(_cells([table.title]))
        writer.writerow(_cells(list(table.columns)))
        for row in table.rows:
            writer.writerow(_cells(list(row)))
        if table.note:
            writer.writerow(_cells([table.note]))
        writer.writerow([])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: Excel reads UTF-8


def tables_xlsx(tables: list[Table]) -> bytes:
    from openpyxl import Workbook  # openpyxl on use: it brings NumPy along
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for number, table in enumerate(tables, start=1):
        name = table.title[:28] or f"Bảng {number}"
        for bad in "[]:*?/\\":
            name = name.replace(bad, " ")
        if name in used:
            name = f"{name[:25]} {number}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append(_cells([table.title]))
        sheet["A1"].font = Font(bold=True)
        sheet.append(_cells(list(table.columns)))
        for row in table.rows:
            sheet.append(_cells(list(row)))
        if table.note:
            sheet.append(_cells([table.note]))
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
