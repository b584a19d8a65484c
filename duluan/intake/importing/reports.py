"""Import opinion reports from a spreadsheet.

Every row is validated and every problem reported by row and column; nothing
is written unless the whole file is valid (or, asked for, only the valid
rows). A row's ``import_key`` is a hash of its canonical content, so importing
the same file twice adds nothing the second time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone

from duluan.core.dates import past_date_error
from duluan.core.sheets.cells import Cell, cell_text, shorten, vn_int
from duluan.core.sheets.columns import (
    CellError,
    Column,
    RowError,
    cell_at,
    choice_lookup,
    choices_text,
    match_header,
    parse_choice,
    parse_datetime,
    parse_int,
)
from duluan.core.sheets.errors import ImportRefused
from duluan.core.sheets.files import read_table
from duluan.core.sheets.system import actor_user_id
from duluan.core.text import nfc
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import scoped_units
from duluan.org.types import Actor

from ..choices import Channel, Kind, Mood, Source, Urgency, Verifiability
from ..models import ImportBatch, Report
from ..services import ReportData, build_report, report_bulk_insert
from ..signals import send_reports_created
from .interrupted import refuse_when_cut_off

REPORT_COLUMNS: tuple[Column, ...] = (
    Column("unit_code", "Mã đơn vị", aliases=("ma dv", "don vi", "unit code", "unit")),
    Column("channel", "Kênh", aliases=("kenh nam bat",)),
    Column(
        "heard_at",
        "Thời điểm",
        hint="dd/mm/yyyy HH:MM",
        aliases=("thoi diem ghi nhan", "thoi diem nghe duoc", "ngay", "thoi gian"),
    ),
    Column("place", "Nơi, doanh nghiệp", required=False, aliases=("noi", "doanh nghiep", "place")),
    Column("subject", "Tiêu đề"),
    Column("text", "Nội dung", aliases=("noi dung phan anh",)),
    Column("people_count", "Số người", required=False, aliases=("so nguoi lien quan",)),
    Column("kind", "Loại", aliases=("loai phan anh",)),
    Column("mood", "Tâm trạng", aliases=("tam trang chung",)),
    Column("urgency", "Mức độ", required=False),
    Column(
        "verifiability",
        "Độ kiểm chứng",
        aliases=("do kiem chung nguon", "do tin cay", "do tin cay cua nguon"),
    ),
)
HEADERS = {column.key: column.header for column in REPORT_COLUMNS}
CHOICES: dict[str, Any] = {
    "channel": Channel,
    "kind": Kind,
    "mood": Mood,
    "urgency": Urgency,
    "verifiability": Verifiability,
}
SHEET_NAME = "Phản ánh"
SUBJECT_MAX = 200
PLACE_MAX = 255
TEXT_MAX = 20_000
PEOPLE_MAX = 10_000_000
STORED_ERRORS = 1000  # kept for display; all are counted
CHUNK = 1000
FUTURE_GRACE = timedelta(minutes=5)

Progress = Callable[[str, int, int], None]
T = TypeVar("T")


@dataclass
class ImportResult:
    file_name: str
    rows_total: int = 0
    rows_created: int = 0
    rows_duplicate: int = 0
    rows_invalid: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    batch_id: int | None = None
    file_kind: str = ""

    @property
    def summary(self) -> str:
        return (
            f"Đã nhập {vn_int(self.rows_created)} dòng, bỏ qua {vn_int(self.rows_duplicate)} "
            f"dòng trùng, {vn_int(self.rows_invalid)} dòng lỗi"
        )

    def add_errors(self, errors: Sequence[RowError]) -> None:
        self.error_count += len(errors)
        room = STORED_ERRORS - len(self.errors)
        if room > 0:
            self.errors.extend(errors[:room])


@dataclass
class ParsedRow:
    key: str
    unit: Unit
    data: ReportData


def reports_import(
    *,
    actor: Actor | None,
    file_name: str,
    content: bytes,
    valid_only: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate every row of ``content`` and write its reports in one transaction.

    Units must lie in the actor's ``report.import`` scope (a unit outside it is
    reported like an unknown code). Rows whose ``import_key`` already exists are
    skipped as duplicates. Raises :class:`ImportRefused` for a file that is
    not a readable spreadsheet, and its subclass :class:`ImportInterrupted`
    when the database goes away (nothing is kept: one transaction); row
    problems come back in the result.
    """
    name = nfc(os.path.basename(file_name.replace("\\", "/")))[:255] or "bang-tinh"
    with refuse_when_cut_off(file_name=name):
        return _import(actor, name, content, valid_only, progress)


def _import(
    actor: Actor | None, name: str, content: bytes, valid_only: bool, progress: Progress | None
) -> ImportResult:
    table = read_table(content, sheet_names=(SHEET_NAME,))
    _, header = table.rows[0]
    index = match_header(header, REPORT_COLUMNS)
    rows = table.rows[1:]
    if not rows:
        raise ImportRefused("Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.")
    result = ImportResult(file_name=name, rows_total=len(rows), file_kind=table.kind)
    units = _units_by_code(
        actor, {nfc(cell_text(cell_at(cells, index["unit_code"]))) for _, cells in rows}
    )
    parser = _RowParser(index, units)
    parsed: list[ParsedRow] = []
    for done, (number, cells) in enumerate(rows, start=1):
        row = parser.parse(number, cells)
        if isinstance(row, ParsedRow):
            parsed.append(row)
        else:
            result.rows_invalid += 1
            result.add_errors(row)
        if progress and (done % CHUNK == 0 or done == len(rows)):
            progress("Kiểm tra", done, len(rows))
    if result.rows_invalid and (not valid_only or not parsed):
        return result
    try:
        _write(actor, result, parsed, hashlib.sha256(content).hexdigest(), progress)
    except IntegrityError as exc:
        # Another import of the same rows committed first; ours rolled back whole.
        raise ImportRefused(
            "Một lần nhập khác vừa ghi các dòng này; không có gì được ghi. Hãy thử lại."
        ) from exc
    return result


@transaction.atomic
def _write(
    actor: Actor | None,
    result: ImportResult,
    parsed: list[ParsedRow],
    digest: str,
    progress: Progress | None,
) -> None:
    existing: set[str] = set()
    for keys in _chunks([row.key for row in parsed], 500):
        found = Report.objects.filter(import_key__in=keys).values_list("import_key", flat=True)
        existing.update(key for key in found if key)
    batch = ImportBatch.objects.create(
        file_name=result.file_name,
        sha256=digest,
        created_by_id=actor_user_id(actor),
        rows_total=result.rows_total,
        rows_duplicate=0,
        rows_invalid=result.rows_invalid,
    )
    fresh: list[Report] = []
    for row in parsed:
        if row.key in existing:
            result.rows_duplicate += 1
            continue
        existing.add(row.key)  # the same row twice in one file counts once
        report = build_report(unit=row.unit, data=row.data, source=Source.IMPORT)
        report.import_key = row.key
        report.import_batch = batch
        fresh.append(report)
    for done, reports in enumerate(_chunks(fresh, CHUNK), start=1):
        report_bulk_insert(reports)
        if progress:
            progress("Ghi", min(done * CHUNK, len(fresh)), len(fresh))
    result.rows_created = len(fresh)
    batch.rows_created = result.rows_created
    batch.rows_duplicate = result.rows_duplicate
    batch.save(update_fields=["rows_created", "rows_duplicate"])
    result.batch_id = batch.pk
    result.written = True
    if fresh:
        send_reports_created(report_ids=None, batch_id=batch.pk)


def _units_by_code(actor: Actor | None, codes: set[str]) -> dict[str, Unit]:
    """Active units in the actor's import scope, for the codes the file names."""
    scope = scoped_units(actor, Perm.REPORT_IMPORT).filter(is_active=True).only("id", "code")
    units: dict[str, Unit] = {}
    for chunk in _chunks(sorted(code for code in codes if code), 500):
        units.update({unit.code: unit for unit in scope.filter(code__in=chunk)})
    return units


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def import_key(unit_code: str, data: ReportData) -> str:
    """A hash of the row's canonical content: the same report read from a CSV
    or an .xlsx, typed with codes or labels, gets the same key."""
    heard_at = data.heard_at.astimezone(UTC).replace(microsecond=0).isoformat()
    parts = (
        unit_code,
        heard_at,
        data.channel,
        data.kind,
        data.mood,
        data.urgency,
        data.verifiability,
        data.subject,
        data.text,
        data.place,
        "" if data.people_count is None else str(data.people_count),
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class _RowParser:
    """Turns one row into a :class:`ParsedRow` or the list of its errors."""

    def __init__(self, index: dict[str, int], units: dict[str, Unit]) -> None:
        self.index = index
        self.units = units
        self.tz = timezone.get_current_timezone()
        self.latest = timezone.now() + FUTURE_GRACE
        self.lookups = {key: choice_lookup(choices.choices) for key, choices in CHOICES.items()}
        self.allowed = {key: choices_text(choices.choices) for key, choices in CHOICES.items()}
        # Choice cells repeat a handful of values over thousands of rows.
        self.memo: dict[str, dict[str, str]] = {key: {} for key in CHOICES}

    def parse(self, number: int, cells: list[Cell]) -> ParsedRow | list[RowError]:
        errors: list[RowError] = []
        values: dict[str, Any] = {}
        for key, parse in (
            ("unit_code", self._unit),
            ("channel", self._choice),
            ("heard_at", self._heard_at),
            ("place", self._place),
            ("subject", self._subject),
            ("text", self._text),
            ("people_count", self._people),
            ("kind", self._choice),
            ("mood", self._choice),
            ("urgency", self._choice),
            ("verifiability", self._choice),
        ):
            try:
                values[key] = parse(key, cell_at(cells, self.index.get(key)))
            except CellError as exc:
                errors.append(RowError(number, HEADERS[key], str(exc)))
        if errors:
            return errors
        unit: Unit = values.pop("unit_code")
        data = ReportData(unit_id=unit.pk, **values)
        return ParsedRow(key=import_key(unit.code, data), unit=unit, data=data)

    def _unit(self, key: str, value: Cell) -> Unit:
        code = nfc(cell_text(value))
        if not code:
            raise CellError("bắt buộc, không được để trống")
        unit = self.units.get(code)
        if unit is None:
            # Outside the importer's scope reads exactly like a code that does not exist.
            raise CellError(f"không tìm thấy đơn vị có mã «{shorten(code)}»")
        return unit

    def _choice(self, key: str, value: Cell) -> str:
        memo = self.memo[key]
        code = memo.get(value) if isinstance(value, str) else None
        if code is not None:
            return code
        text = cell_text(value)
        if not text and key == "urgency":
            return Urgency.NORMAL.value
        if not text:
            raise CellError("bắt buộc, không được để trống")
        code = parse_choice(text, self.lookups[key], self.allowed[key])
        if isinstance(value, str):
            memo[value] = code
        return code

    def _heard_at(self, key: str, value: Cell) -> datetime:
        if not cell_text(value):
            raise CellError("bắt buộc, không được để trống")
        heard_at = parse_datetime(value)
        if heard_at.tzinfo is None:
            heard_at = heard_at.replace(tzinfo=self.tz)
        if heard_at > self.latest:
            raise CellError(f"thời điểm {timezone.localtime(heard_at):%d/%m/%Y %H:%M} ở tương lai")
        too_old = past_date_error(heard_at)
        if too_old:
            raise CellError(f"thời điểm {heard_at:%d/%m/%Y} không hợp lệ. {too_old}")
        return heard_at

    def _place(self, key: str, value: Cell) -> str:
        return _fit(value, PLACE_MAX, required=False)

    def _subject(self, key: str, value: Cell) -> str:
        return _fit(value, SUBJECT_MAX, required=True)

    def _text(self, key: str, value: Cell) -> str:
        return _fit(value, TEXT_MAX, required=True)

    def _people(self, key: str, value: Cell) -> int | None:
        if not cell_text(value):
            return None
        return parse_int(value, minimum=1, maximum=PEOPLE_MAX)


def _fit(value: Cell, max_length: int, *, required: bool) -> str:
    """NFC text within ``max_length`` (formula-looking text is kept as text)."""
    text = nfc(cell_text(value))
    if required and not text:
        raise CellError("bắt buộc, không được để trống")
    if len(text) > max_length:
        raise CellError(f"dài {len(text)} ký tự, tối đa {max_length} ký tự")
    return text
