"""Columns of an import file: finding them by header, parsing typed cells,
and the per-row, per-column error every import reports."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from duluan.core.text import fold

from .cells import Cell, cell_text, shorten
from .errors import ImportRefused


@dataclass(frozen=True)
class Column:
    """One column: ``header`` as the template writes it, ``aliases`` also
    accepted (folded: no case, no diacritics, no punctuation)."""

    key: str
    header: str
    required: bool = True
    aliases: tuple[str, ...] = ()
    hint: str = ""

    @property
    def title(self) -> str:
        """The header cell in a template: a hint in brackets, required ones starred."""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.header}{hint}{' *' if self.required else ''}"


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the header as the template writes it; "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"Dòng {self.row}, cột «{self.column}»" if self.column else f"Dòng {self.row}"
        return f"{where}: {self.message}"


_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def header_key(text: str) -> str:
    """ "Thời điểm (dd/mm/yyyy) *" → "thoi diem"."""
    return _NON_WORD.sub(" ", fold(_BRACKETS.sub(" ", text))).strip()


def match_header(cells: Sequence[Cell], columns: Sequence[Column]) -> dict[str, int]:
    """Column key → index in the row; refuses missing required or repeated columns."""
    wanted: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, column.key, *column.aliases):
            wanted[header_key(name)] = column
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        match = wanted.get(header_key(cell_text(cell)))
        if match is None:
            continue
        if match.key in found:
            raise ImportRefused(f"Cột «{match.header}» xuất hiện hai lần ở dòng tiêu đề.")
        found[match.key] = index
    missing = [column.header for column in columns if column.required and column.key not in found]
    if missing:
        names = ", ".join(f"«{name}»" for name in missing)
        raise ImportRefused(
            f"Dòng tiêu đề thiếu cột {names}. Hãy dùng tệp mẫu và giữ nguyên dòng tiêu đề."
        )
    return found


class CellError(ValueError):
    """A cell that does not parse; the message is the part after "cột «X»: "."""


def choice_lookup(choices: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Folded code, code with spaces, and folded label → code."""
    lookup: dict[str, str] = {}
    for code, label in choices:
        for name in (code, code.replace("_", " "), str(label)):
            lookup[fold(name)] = code
    return lookup


def choices_text(choices: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{code} ({label})" for code, label in choices)


def parse_choice(value: Cell, lookup: dict[str, str], allowed: str) -> str:
    text = cell_text(value)
    code = lookup.get(fold(text))
    if code is None:
        raise CellError(f"giá trị «{shorten(text)}» không hợp lệ; chọn một trong: {allowed}")
    return code


_VN_DATE = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?"
)
EXCEL_EPOCH = datetime(1899, 12, 30)  # serials are wall-clock times
DATE_FORMATS = "dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc yyyy-mm-dd HH:MM"


def parse_datetime(value: Cell) -> datetime:
    """A wall-clock time (naive, or aware when the text says so).

    Accepts a date cell, an Excel serial number, dd/mm/yyyy [HH:MM[:SS]] and ISO 8601.
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # 1900-01-01 .. 9999-12-31
            return EXCEL_EPOCH + timedelta(days=float(value))
        raise CellError(f"giá trị «{cell_text(value)}» không phải thời điểm ({DATE_FORMATS})")
    text = cell_text(value)
    match = _VN_DATE.fullmatch(text)
    try:
        if match:
            day, month, year, hour, minute, second = match.groups()
            return datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        return datetime.fromisoformat(text)
    except ValueError as exc:
        raise CellError(
            f"giá trị «{shorten(text)}» không phải thời điểm hợp lệ ({DATE_FORMATS})"
        ) from exc


_THOUSANDS = re.compile(r"[.\s\u00a0]")


def parse_int(value: Cell, *, minimum: int, maximum: int) -> int:
    """An integer: 1200, "1.200", "1 200" and 1200.0 all read as 1200."""
    if isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = cell_text(value)
        digits = _THOUSANDS.sub("", text)
        if not digits.isdigit():
            raise CellError(f"giá trị «{shorten(text)}» không phải số nguyên")
        number = int(digits)
    if not minimum <= number <= maximum:
        raise CellError(f"số {number} nằm ngoài khoảng cho phép ({minimum}–{maximum})")
    return number


_TRUE = {"1", "x", "co", "dung", "true", "yes", "hoat dong", "dang hoat dong"}
_FALSE = {"0", "khong", "sai", "false", "no", "ngung", "ngung hoat dong"}


def parse_bool(value: Cell, *, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    text = fold(cell_text(value))
    if not text:
        return default
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"giá trị «{shorten(cell_text(value))}» không hợp lệ; ghi «có» hoặc «không»")


def parse_text(value: Cell, *, max_length: int, required: bool) -> str:
    text = cell_text(value)
    if required and not text:
        raise CellError("bắt buộc, không được để trống")
    if len(text) > max_length:
        raise CellError(f"dài {len(text)} ký tự, tối đa {max_length} ký tự")
    return text


def cell_at(cells: Sequence[Cell], index: int | None) -> Cell:
    if index is None or index >= len(cells):
        return None
    return cells[index]
