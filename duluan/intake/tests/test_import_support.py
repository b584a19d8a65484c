"""Builders of real import files (no tests here): xlsx through openpyxl, CSV in
any encoding, and hand-made zips for the hostile cases."""

from __future__ import annotations

import csv
import io
import struct
import unicodedata
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from duluan.intake.importing.reports import REPORT_COLUMNS

HEADER = [column.title for column in REPORT_COLUMNS]
GOOD = {
    "unit_code": "T01-A-1",
    "channel": "truc_tiep",
    "heard_at": "01/05/2025 08:30",
    "place": "Công ty TNHH May Sông Xanh",
    "subject": "Chậm trả lương tháng 4",
    "text": "Nhiều công nhân phản ánh công ty chậm trả lương tháng 4.",
    "people_count": "25",
    "kind": "khieu_nai",
    "mood": "tieu_cuc",
    "urgency": "can_chu_y",
    "verifiability": "nhieu_nguon",
}


def row(**overrides: Any) -> list[Any]:
    values = {**GOOD, **overrides}
    return [values[column.key] for column in REPORT_COLUMNS]


def xlsx_bytes(
    rows: Sequence[Sequence[Any]], *, header: Sequence[Any] = HEADER, title: str = "Phản ánh"
) -> bytes:
    """Strings are written as strings, even "=1+1" (openpyxl would make it a formula)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for values in [header, *rows]:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(
    rows: Sequence[Sequence[Any]], *, header: Sequence[Any] = HEADER, delimiter: str = ","
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for values in [header, *rows]:
        writer.writerow(values)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", **kwargs: Any) -> bytes:
    text = csv_text(rows, **kwargs)
    if encoding == "cp1258":
        return to_cp1258(text)
    return text.encode(encoding)


_SHAPES = "\u0302\u0306\u031b"  # circumflex, breve, horn: precomposed in cp1258


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: â ê ô ă ơ ư đ precomposed,
    the five tone marks as combining characters."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        shapes = "".join(mark for mark in marks if mark in _SHAPES)
        tones = "".join(mark for mark in marks if mark not in _SHAPES)
        out += (unicodedata.normalize("NFC", base + shapes) + tones).encode("cp1258")
    return bytes(out)


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override '
    'PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
)


def sheet_xml(rows_xml: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows_xml}</sheetData>'
        "</worksheet>"
    )


def shared_strings(*strings: str, prolog: str = "") -> str:
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<sst xmlns="http://schemas.'
        f'openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{items}</sst>'
    )


def handmade_xlsx(
    sheet: str, strings: str | None = None, *, extra: dict[str, bytes] | None = None
) -> bytes:
    """A minimal .xlsx from raw XML parts, for files no library would write."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", strings or shared_strings("a"))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def inline_row(number: int, values: Sequence[str], *, with_refs: bool = True) -> str:
    cells = []
    for index, value in enumerate(values):
        ref = f' r="{chr(65 + index)}{number}"' if with_refs else ""
        cells.append(f'<c{ref} t="inlineStr"><is><t>{value}</t></is></c>')
    row_ref = f' r="{number}"' if with_refs else ""
    return f"<row{row_ref}>{''.join(cells)}</row>"


def lie_about_size(content: bytes, name: str, declared: int) -> bytes:
    """Rewrite the uncompressed size ``name`` declares (local header and central
    directory) without touching its data: the "small file" that inflates big."""
    data = bytearray(content)
    encoded = name.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_len = struct.unpack("<H", data[local + 26 : local + 28])[0]
        if data[local + 30 : local + 30 + name_len] == encoded:
            data[local + 22 : local + 26] = struct.pack("<I", declared)
            break
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack("<H", data[central + 28 : central + 30])[0]
        if data[central + 46 : central + 46 + name_len] == encoded:
            data[central + 24 : central + 28] = struct.pack("<I", declared)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)
