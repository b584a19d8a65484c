"""Formula injection in exports (OWASP "CSV Injection"): a text cell whose first
character, or first character after leading whitespace, is one a spreadsheet
reads as the start of a formula or a DDE call gets a leading apostrophe, in
CSV and in XLSX; the XLSX cell is a plain string, never a formula. Numbers
stay numbers, and an exported file imports back to the original text."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from duluan.core.extensions import Table
from duluan.core.sheets.cells import cell_text, escape_formula, unescape_formula
from duluan.dashboard.exports import tables_csv, tables_xlsx

DANGEROUS = [
    "=1+1",
    "+84 912 345 678",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=cmd",
    "\r=cmd",
    "\n=cmd",
    "|calc!A0",
    "=cmd|' /C calc'!A0",
    "＝1+1",  # full-width equals (U+FF1D)
    "＋1",  # U+FF0B
    "－1",  # U+FF0D
    "＠SUM(A1)",  # U+FF20
    "  =1+1",
    "\u00a0+1",  # no-break space first
    "\u3000＝1",  # ideographic space, then full-width equals
]
SAFE = ["Bình thường", "Lương 5-7 triệu", "a=b", "x@y.vn", "'quoted", "", "100%"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_text_gets_an_apostrophe_and_comes_back(text: str) -> None:
    escaped = escape_formula(text)
    assert escaped == "'" + text
    assert unescape_formula("'" + text) == text


@pytest.mark.parametrize("text", SAFE)
def test_safe_text_is_left_alone(text: str) -> None:
    assert escape_formula(text) == text
    assert unescape_formula(text) == text


def test_numbers_are_never_escaped() -> None:
    assert escape_formula(-5) == -5 and escape_formula(-2.5) == -2.5


def test_cell_text_reads_an_exported_cell_as_it_was_typed() -> None:
    assert cell_text(escape_formula("＝SUM(A1)")) == "＝SUM(A1)"
    assert cell_text(escape_formula("  =1+1")) == "=1+1"  # as cell_text("  =1+1") reads it


TABLE = Table(title="Bảng", columns=["Nội dung", "Số"], rows=[[t, -3] for t in DANGEROUS + SAFE])


def test_csv_export() -> None:
    text = tables_csv([TABLE]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    cells = [row[0] for row in rows[2 : 2 + len(DANGEROUS) + len(SAFE)]]
    assert cells == ["'" + t for t in DANGEROUS] + SAFE
    assert all(row[1] == "-3" for row in rows[2 : 2 + len(DANGEROUS)])


def test_xlsx_export() -> None:
    sheet = load_workbook(io.BytesIO(tables_xlsx([TABLE]))).active
    assert sheet is not None
    for number, text in enumerate(DANGEROUS + SAFE, start=3):
        cell = sheet.cell(row=number, column=1)
        expected = "'" + text if text in DANGEROUS else (text or None)
        assert cell.value == expected, (number, text)
        assert cell.data_type in ("s", "inlineStr", "n")  # text (or empty), never "f"
        assert sheet.cell(row=number, column=2).value == -3
