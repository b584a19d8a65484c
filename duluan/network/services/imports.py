"""Imports: the roster (XLSX), a class's sign-in sheet (XLSX) and a page's
export (CSV) of posts. Every row is checked; one bad row and nothing is written,
and each problem is named by row and column, in Vietnamese."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from duluan.core.dates import event_date_error, past_date_error
from duluan.core.sheets.cells import Cell, cell_text, shorten
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
    parse_text,
)
from duluan.core.sheets.errors import ImportRefused
from duluan.core.sheets.files import read_table
from duluan.core.text import nfc
from duluan.org.models import Unit, User
from duluan.org.scope import access_unit_in_reach, acting_account, scoped_units
from duluan.org.types import Actor

from ..choices import (
    ArticleKind,
    ArticleSource,
    AttendanceSource,
    EventKind,
    MemberKind,
    Platform,
    RosterStatus,
)
from ..models import Article, NetworkMember, TrainingClass
from ..permissions import MANAGE
from ..selectors.activity import local_start
from ..selectors.meetings import access_training
from ..selectors.outreach import article_by_import_key
from ..sheets import SheetResult
from .meetings import attendance_upsert
from .roster import Appointment, _event

ROSTER_COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", aliases=("ho ten", "ten")),
    Column("kind", "Loại", hint="ctv/bcv", aliases=("loai nhan su",)),
    Column("unit_code", "Mã đơn vị", aliases=("ma dv", "don vi")),
    Column("on", "Từ ngày", hint="dd/mm/yyyy", aliases=("ngay cong nhan", "ngay bat dau")),
    Column("status", "Trạng thái", required=False),
    Column("decision_no", "Số quyết định", required=False, aliases=("so qd",)),
    Column("decision_date", "Ngày quyết định", required=False, aliases=("ngay qd",)),
    Column("issuer", "Cơ quan ban hành", required=False, aliases=("noi ban hanh",)),
    Column("term_end", "Hết nhiệm kỳ", required=False, aliases=("nhiem ky den",)),
    Column("position", "Chức vụ, nơi làm việc", required=False, aliases=("chuc vu",)),
    Column("phone", "Điện thoại", required=False, aliases=("so dien thoai", "sdt")),
    Column("fields_followed", "Lĩnh vực theo dõi", required=False),
    Column("username", "Tài khoản", required=False, aliases=("ten dang nhap",)),
)
ATTENDANCE_COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", aliases=("ho ten", "ten")),
    Column("unit_code", "Mã đơn vị", required=False, aliases=("ma dv", "don vi")),
    Column("present", "Có mặt", required=False, hint="có/không"),
    Column("rating", "Đánh giá lớp", required=False, hint="1–5", aliases=("danh gia",)),
)
ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column(
        "title", "Tiêu đề", aliases=("post message", "message", "title", "noi dung", "description")
    ),
    Column("url", "Liên kết", required=False, aliases=("permalink", "link", "url")),
    Column("published_on", "Ngày đăng", aliases=("publish time", "date", "ngay", "created time")),
    Column(
        "reach",
        "Lượt tiếp cận",
        required=False,
        aliases=("reach", "post reach", "tiep can", "impressions"),
    ),
    Column(
        "interactions",
        "Lượt tương tác",
        required=False,
        aliases=(
            "engagement",
            "engagements",
            "interactions",
            "reactions comments and shares",
            "tuong tac",
        ),
    ),
)
HEADERS = {
    c.key: c.header for cols in (ROSTER_COLUMNS, ATTENDANCE_COLUMNS, ARTICLE_COLUMNS) for c in cols
}


def _pairs(choices: Any) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in choices.choices]


def _name(file_name: str) -> str:
    return nfc(os.path.basename(file_name.replace("\\", "/")))[:255] or "bang-tinh"


def _rows(
    content: bytes, columns: tuple[Column, ...]
) -> tuple[dict[str, int], list[tuple[int, list[Cell]]]]:
    table = read_table(content)
    _, header = table.rows[0]
    index = match_header(header, columns)
    rows = table.rows[1:]
    if not rows:
        raise ImportRefused("Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.")
    return index, rows


def _date(value: Cell, *, required: bool) -> date | None:
    if not cell_text(value):
        if required:
            raise CellError("bắt buộc, không được để trống")
        return None
    moment = parse_datetime(value)
    if moment.date() > timezone.localdate():
        raise CellError(f"ngày {moment:%d/%m/%Y} ở tương lai")
    message = past_date_error(moment.date())
    if message:
        raise CellError(f"ngày {moment:%d/%m/%Y} không hợp lệ. {message}")
    return moment.date()


def _event_date(value: Cell) -> date | None:
    if not cell_text(value):
        return None
    moment = parse_datetime(value)
    message = event_date_error(moment.date())
    if message:
        raise CellError(f"ngày {moment:%d/%m/%Y} không hợp lệ. {message}")
    return moment.date()


def _parse_row(
    number: int, cells: list[Cell], index: dict[str, int], parsers: dict[str, Callable[[Cell], Any]]
) -> dict[str, Any] | list[RowError]:
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for key, parse in parsers.items():
        try:
            values[key] = parse(cell_at(cells, index.get(key)))
        except CellError as exc:
            errors.append(RowError(number, HEADERS[key], str(exc)))
    return errors or values


def _units(actor: Actor) -> dict[str, Unit]:
    return {
        u.code: u
        for u in scoped_units(actor, MANAGE)
        .filter(is_active=True)
        .only("id", "code", "path", "name")
    }


def _unit_parser(units: dict[str, Unit], *, required: bool) -> Callable[[Cell], Unit | None]:
    def parse(value: Cell) -> Unit | None:
        code = nfc(cell_text(value))
        if not code:
            if required:
                raise CellError("bắt buộc, không được để trống")
            return None
        unit = units.get(code)
        if unit is None:
            raise CellError(f"không tìm thấy đơn vị có mã «{shorten(code)}»")
        return unit

    return parse


def _text(max_length: int, *, required: bool = False) -> Callable[[Cell], str]:
    return lambda value: nfc(parse_text(value, max_length=max_length, required=required))


# ── the roster ───────────────────────────────────────────────────────────────
def roster_key(full_name: str, kind: str, unit_code: str, on: date) -> str:
    return hashlib.sha256(
        f"{nfc(full_name).lower()}|{kind}|{unit_code}|{on.isoformat()}".encode()
    ).hexdigest()


def roster_import(*, actor: Actor, file_name: str, content: bytes) -> SheetResult:
    """One row per person: their appointment. A row already imported is skipped."""
    index, rows = _rows(content, ROSTER_COLUMNS)
    result = SheetResult(file_name=_name(file_name), rows_total=len(rows))
    units = _units(actor)
    kinds, kinds_text = choice_lookup(_pairs(MemberKind)), choices_text(_pairs(MemberKind))
    statuses, statuses_text = (
        choice_lookup(_pairs(RosterStatus)),
        choices_text(_pairs(RosterStatus)),
    )
    usernames = {
        u.username.lower(): u for u in User.objects.filter(is_active=True).only("id", "username")
    }

    def username(value: Cell) -> User | None:
        text = cell_text(value).lower()
        if not text:
            return None
        if text not in usernames:
            raise CellError(f"không có tài khoản «{shorten(text)}»")
        return usernames[text]

    parsers: dict[str, Callable[[Cell], Any]] = {
        "full_name": _text(150, required=True),
        "kind": lambda v: parse_choice(v, kinds, kinds_text) if cell_text(v) else _required(),
        "unit_code": _unit_parser(units, required=True),
        "on": lambda v: _date(v, required=True),
        "status": lambda v: (
            parse_choice(v, statuses, statuses_text) if cell_text(v) else RosterStatus.ACTIVE
        ),
        "decision_no": _text(60),
        "decision_date": lambda v: _date(v, required=False),
        "issuer": _text(200),
        "term_end": _event_date,
        "position": _text(200),
        "phone": _text(20),
        "fields_followed": _text(255),
        "username": username,
    }
    parsed: list[tuple[int, dict[str, Any]]] = []
    for number, cells in rows:
        row = _parse_row(number, cells, index, parsers)
        if isinstance(row, list):
            result.add(row)
            continue
        if row["term_end"] is not None and row["term_end"] < row["on"]:
            result.add([RowError(number, HEADERS["term_end"], "phải sau «Từ ngày»")])
            continue
        parsed.append((number, row))
    if result.errors:
        return result
    _write_roster(actor, result, parsed)
    return result


def _required() -> str:
    raise CellError("bắt buộc, không được để trống")


@transaction.atomic
def _write_roster(
    actor: Actor, result: SheetResult, parsed: list[tuple[int, dict[str, Any]]]
) -> None:
    seen = set(
        NetworkMember.objects.exclude(external_key="").values_list("external_key", flat=True)
    )
    for _, row in parsed:
        key = roster_key(row["full_name"], row["kind"], row["unit_code"].code, row["on"])
        if key in seen:
            result.rows_skipped += 1
            continue
        seen.add(key)
        member = NetworkMember.objects.create(
            kind=row["kind"],
            full_name=row["full_name"],
            user=row["username"],
            unit=row["unit_code"],
            status=row["status"],
            position=row["position"],
            phone=row["phone"],
            fields_followed=row["fields_followed"],
            external_key=key,
        )
        _event(
            actor,
            member,
            EventKind.APPOINTED,
            row["unit_code"],
            row["status"],
            Appointment(
                on=row["on"],
                decision_no=row["decision_no"],
                decision_date=row["decision_date"],
                issuer=row["issuer"],
                term_end=row["term_end"],
                note="Nhập từ bảng tính",
            ),
        )
        result.rows_created += 1
    result.written = True


# ── a class's sign-in sheet ──────────────────────────────────────────────────
def attendance_import(
    *, actor: Actor, training_id: int, file_name: str, content: bytes
) -> SheetResult:
    """Names on the sign-in sheet: matched to the roster by name and unit when possible."""
    training: TrainingClass = access_training(actor, training_id, MANAGE)
    index, rows = _rows(content, ATTENDANCE_COLUMNS)
    result = SheetResult(file_name=_name(file_name), rows_total=len(rows))
    units = _units(actor)
    from duluan.core.sheets.columns import parse_bool

    parsers: dict[str, Callable[[Cell], Any]] = {
        "full_name": _text(150, required=True),
        "unit_code": _unit_parser(units, required=False),
        "present": lambda v: parse_bool(v, default=True),
        "rating": lambda v: parse_int(v, minimum=1, maximum=5) if cell_text(v) else None,
    }
    parsed = []
    for number, cells in rows:
        row = _parse_row(number, cells, index, parsers)
        if isinstance(row, list):
            result.add(row)
        else:
            parsed.append(row)
    if result.errors:
        return result
    with transaction.atomic():
        members = {
            (nfc(m.full_name).lower(), m.unit_id): m
            for m in NetworkMember.objects.filter(unit__in=list(units.values()))
        }
        for row in parsed:
            unit = row["unit_code"]
            member = members.get((row["full_name"].lower(), unit.pk)) if unit else None
            attendance_upsert(
                training,
                member=member,
                full_name=row["full_name"],
                unit=unit,
                source=AttendanceSource.SHEET,
                present=row["present"],
                rating=row["rating"],
                at=local_start(training.starts_on) if row["present"] else None,
            )
            result.rows_created += 1
        result.written = True
    return result


# ── a page's export of its posts ─────────────────────────────────────────────
def articles_import(
    *, actor: Actor, unit_id: int, platform: str, file_name: str, content: bytes
) -> SheetResult:
    """Posts from a fanpage's CSV export (or any sheet with the same columns):
    reach and interactions are refreshed when the same link comes again."""
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
    if platform not in Platform.values:
        raise ImportRefused("Nền tảng không hợp lệ.")
    index, rows = _rows(content, ARTICLE_COLUMNS)
    result = SheetResult(file_name=_name(file_name), rows_total=len(rows))
    count = lambda v: parse_int(v, minimum=0, maximum=2_000_000_000) if cell_text(v) else 0  # noqa: E731
    parsers: dict[str, Callable[[Cell], Any]] = {
        "title": lambda v: nfc(cell_text(v))[:255] or _required(),
        "url": _text(500),
        "published_on": lambda v: _date(v, required=True),
        "reach": count,
        "interactions": count,
    }
    parsed = []
    for number, cells in rows:
        row = _parse_row(number, cells, index, parsers)
        if isinstance(row, list):
            result.add(row)
        else:
            parsed.append(row)
    if result.errors:
        return result
    with transaction.atomic():
        for row in parsed:
            ident = row["url"] or f"{row['published_on']}|{row['title']}"
            key = hashlib.sha256(f"{unit.pk}|{platform}|{ident}".encode()).hexdigest()
            existing = article_by_import_key(key)
            if existing is not None:
                existing.reach, existing.interactions = row["reach"], row["interactions"]
                existing.save(update_fields=["reach", "interactions"])
                result.rows_skipped += 1
                continue
            Article.objects.create(
                unit=unit,
                kind=ArticleKind.POST,
                platform=platform,
                title=row["title"],
                url=row["url"] if row["url"].startswith(("http://", "https://")) else "",
                published_on=row["published_on"],
                reach=row["reach"],
                interactions=row["interactions"],
                source=ArticleSource.CSV,
                import_key=key,
                created_by=acting_account(actor),
            )
            result.rows_created += 1
        result.written = True
    return result
