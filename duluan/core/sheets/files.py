"""Read an uploaded spreadsheet (.xlsx or CSV) into rows, refusing hostile files.

The type comes from the bytes, never from the name. An .xlsx passes
:func:`zipguard.check_xlsx` before calamine (Rust, no entity expansion) reads
it; a CSV is decoded as UTF-8 (BOM or not), UTF-16/32 with a BOM, or
Windows-1258, and refused otherwise.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import filetype
import python_calamine
from django.conf import settings

from duluan.core.text import fold

from .cells import Cell, is_blank
from .errors import ImportRefused
from .zipguard import CORRUPT, check_xlsx, too_many_rows

# Inflated, an .xlsx is mostly XML about ten times its size; a bomb is far beyond.
UNCOMPRESSED_FACTOR = 10

NOT_SHEET = "Tệp không phải bảng tính. Chỉ nhận tệp Excel (.xlsx) hoặc CSV."
OLD_EXCEL = (
    "Tệp Excel 97–2003 (.xls) hoặc tệp có mật khẩu không được hỗ trợ. "
    "Hãy mở tệp và lưu lại dưới dạng Excel (.xlsx) hoặc CSV UTF-8."
)
BAD_ENCODING = (
    "Không nhận ra bảng mã của tệp CSV. Hãy lưu lại dưới dạng «CSV UTF-8» "
    "(hoặc UTF-16, Windows-1258)."
)
EMPTY = "Tệp rỗng hoặc không có dòng dữ liệu nào."

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass
class Table:
    """Non-blank rows with their spreadsheet row numbers (the header is row 1
    when the sheet starts at the top)."""

    kind: str  # "xlsx" or "csv"
    rows: list[tuple[int, list[Cell]]]
    encoding: str = ""
    sheet: str = ""
    notes: list[str] = field(default_factory=list)


def max_bytes() -> int:
    return int(settings.IMPORT_MAX_BYTES)


def too_large() -> str:
    return (
        f"Tệp quá lớn; giới hạn là {max_bytes() / 1024 / 1024:.0f} MB. "
        "Hãy chia thành nhiều tệp nhỏ hơn."
    )


def check_size(size: int) -> None:
    """Refuse before reading: the caller knows the size from the upload or stat()."""
    if size > max_bytes():
        raise ImportRefused(too_large())
    if size == 0:
        raise ImportRefused(EMPTY)


def sniff(content: bytes) -> str:
    """ "xlsx" or "csv" from the leading bytes, or a refusal that says why."""
    head = content[:8]
    if head.startswith(OLE2):
        raise ImportRefused(OLD_EXCEL)
    if head.startswith(ZIP):
        return "xlsx"
    if any(head.startswith(bom) for bom, _ in BOMS):
        return "csv"
    if filetype.guess(content[:8192]) is not None or b"\x00" in content[:8192]:
        raise ImportRefused(NOT_SHEET)
    return "csv"


def read_table(
    content: bytes, *, max_rows: int | None = None, sheet_names: Iterable[str] = ()
) -> Table:
    """All non-blank rows of the first sheet (or the first named one found in
    ``sheet_names``, compared folded), or of the CSV. Raises :class:`ImportRefused`."""
    check_size(len(content))
    limit = int(settings.IMPORT_MAX_ROWS if max_rows is None else max_rows)
    if sniff(content) == "xlsx":
        return _read_xlsx(content, limit, [fold(name) for name in sheet_names])
    return _read_csv(content, limit)


def _read_xlsx(content: bytes, max_rows: int, wanted: list[str]) -> Table:
    check_xlsx(content, max_rows=max_rows, max_uncompressed=max_bytes() * UNCOMPRESSED_FACTOR)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheets = [
            meta.name
            for meta in workbook.sheets_metadata
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet
            and meta.visible == python_calamine.SheetVisibleEnum.Visible
        ]
        if not sheets:
            raise ImportRefused(EMPTY)
        chosen = next((name for name in sheets if fold(name) in wanted), sheets[0])
        sheet = workbook.get_sheet_by_name(chosen)
        if sheet.height > max_rows + 1:
            raise ImportRefused(too_many_rows(max_rows))
        # iter_rows starts at the sheet's first row, so the index is the row number.
        rows = _limited(
            ((number, list(cells)) for number, cells in enumerate(sheet.iter_rows(), start=1)),
            max_rows,
        )
    except python_calamine.CalamineError as exc:
        raise ImportRefused(CORRUPT) from exc
    return Table(kind="xlsx", rows=rows, sheet=chosen)


def decode_csv(content: bytes) -> tuple[str, str]:
    """(text, encoding name) or a refusal."""
    for bom, encoding in BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise ImportRefused(BAD_ENCODING) from exc
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as exc:
        raise ImportRefused(BAD_ENCODING) from exc


def _delimiter(text: str) -> str:
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


def _read_csv(content: bytes, max_rows: int) -> Table:
    text, encoding = decode_csv(content)
    if "\x00" in text:
        raise ImportRefused(NOT_SHEET)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        # Record numbers, not line numbers: a quoted cell may span lines, and
        # Excel shows the record as one row.
        rows = _limited(((number, list(row)) for number, row in enumerate(reader, 1)), max_rows)
    except csv.Error as exc:
        raise ImportRefused(
            f"Tệp CSV sai định dạng gần dòng {reader.line_num}: ô quá dài hoặc dấu ngoặc kép "
            "không khớp."
        ) from exc
    return Table(kind="csv", rows=rows, encoding=encoding)


def _limited(
    numbered: Iterator[tuple[int, list[Cell]]], max_rows: int
) -> list[tuple[int, list[Cell]]]:
    """Non-blank rows, refusing past ``max_rows`` data rows (plus the header)."""
    rows: list[tuple[int, list[Cell]]] = []
    for number, cells in numbered:
        if all(is_blank(cell) for cell in cells):
            continue
        rows.append((number, cells))
        if len(rows) > max_rows + 1:
            raise ImportRefused(too_many_rows(max_rows))
    if not rows:
        raise ImportRefused(EMPTY)
    return rows


__all__ = ["Table", "check_size", "decode_csv", "read_table", "sniff", "too_large"]
