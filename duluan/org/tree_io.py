"""The unit tree from a spreadsheet: import (create, update, move).

New units get their materialised paths computed here and are written with
``bulk_create`` (150,000 units in seconds, not one ``add_child`` each), so
this module keeps treebeard's invariants itself: ``path`` steps of four in
0-9A-Z, ``depth``, ``numchild``, siblings in ``code`` order when
``Unit.node_order_by`` asks for it (new children are appended otherwise), and
the ``search_key`` that ``Unit.save()`` would have set.

The generic spreadsheet pieces live in ``duluan.core.sheets``; the export is
in ``tree_export``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import transaction
from django.db.models import F

from duluan.core.sheets.cells import Cell, cell_text, shorten, vn_int
from duluan.core.sheets.columns import (
    CellError,
    Column,
    RowError,
    cell_at,
    match_header,
    parse_bool,
    parse_int,
    parse_text,
)
from duluan.core.sheets.files import read_table
from duluan.core.text import fold, nfc

from .choices import Perm
from .models import Unit, UnitLevel, unit_search_key
from .scope import root_paths
from .types import Actor

UNIT_COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã", aliases=("ma don vi", "code")),
    Column("name", "Tên đầy đủ", aliases=("ten", "ten don vi", "name")),
    Column("short_name", "Tên ngắn", required=False, aliases=("ten viet tat", "short name")),
    Column("level", "Cấp", aliases=("cap don vi", "level")),
    # Required as a column (so a file without it cannot turn every unit into a
    # root), blank in the cell for a root.
    Column("parent_code", "Mã đơn vị cha", aliases=("ma cha", "parent")),
    Column("area", "Địa bàn", required=False, aliases=("area",)),
    Column("member_count", "Số đoàn viên", required=False, aliases=("member count",)),
    Column("is_active", "Đang hoạt động", required=False, aliases=("hoat dong", "active")),
)
HEADERS = {column.key: column.header for column in UNIT_COLUMNS}
SHEET_NAME = "Đơn vị"
STEP = Unit.steplen
ALPHABET = Unit.alphabet
MAX_STEP = len(ALPHABET) ** STEP - 1
BATCH = 2000
# With node_order_by, treebeard keeps siblings sorted and so must we.
SORTED = bool(getattr(Unit, "node_order_by", None))

Progress = Callable[[str, int, int], None]


@dataclass
class UnitRow:
    number: int
    code: str
    parent_code: str
    fields: dict[str, Any]  # name, level (a name), and the optional columns present


class Existing(NamedTuple):
    id: int
    path: str
    numchild: int
    name: str
    short_name: str
    level_id: int
    area: str
    member_count: int
    is_active: bool


@dataclass
class UnitImportResult:
    rows_total: int = 0
    created: int = 0
    updated: int = 0
    moved: int = 0
    unchanged: int = 0
    levels_created: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def summary(self) -> str:
        return (
            f"Đã tạo {vn_int(self.created)} đơn vị, cập nhật {vn_int(self.updated)}, "
            f"chuyển {vn_int(self.moved)}, giữ nguyên {vn_int(self.unchanged)}; "
            f"{vn_int(len(self.errors))} lỗi"
        )


def units_import(
    *, actor: Actor, content: bytes, progress: Progress | None = None
) -> UnitImportResult:
    """Create or update the units a file lists; all or nothing.

    A unit is matched by code. Parents may come after their children in the
    file. Unknown parents, repeated codes, cycles and anything outside the
    actor's ``unit.manage`` scope are row errors; with any error nothing is
    written. Raises ``ImportRefused`` for a file that is not a spreadsheet.
    """
    table = read_table(content, sheet_names=(SHEET_NAME,))
    index = match_header(table.rows[0][1], UNIT_COLUMNS)
    result = UnitImportResult(rows_total=len(table.rows) - 1)
    rows = _parse_rows(table.rows[1:], index, result.errors)
    existing = _load_existing()
    roots = root_paths(actor, Perm.UNIT_MANAGE)
    plan = _Plan(rows, existing, roots, result.errors)
    if result.errors:
        result.errors.sort(key=lambda error: error.row)
        return result
    with transaction.atomic():
        plan.write(result, progress)
    result.written = True
    return result


def _parse_rows(
    numbered: Sequence[tuple[int, list[Cell]]], index: dict[str, int], errors: list[RowError]
) -> list[UnitRow]:
    rows: list[UnitRow] = []
    seen: dict[str, int] = {}
    limits = {"code": 40, "name": 255, "short_name": 120, "level": 100, "area": 255}
    flags: dict[str, bool] = {}  # "có" / "không" repeat on every row
    for number, cells in numbered:
        values: dict[str, Any] = {}
        failed = False
        for column in UNIT_COLUMNS:
            if column.key not in index:
                continue
            value = cell_at(cells, index[column.key])
            try:
                if column.key == "member_count":
                    text = cell_text(value)
                    values[column.key] = (
                        parse_int(value, minimum=0, maximum=100_000_000) if text else 0
                    )
                elif column.key == "is_active":
                    known = flags.get(value) if isinstance(value, str) else None
                    if known is None:
                        known = parse_bool(value, default=True)
                        if isinstance(value, str):
                            flags[value] = known
                    values[column.key] = known
                elif column.key == "parent_code":
                    values[column.key] = nfc(parse_text(value, max_length=40, required=False))
                else:
                    values[column.key] = nfc(
                        parse_text(value, max_length=limits[column.key], required=column.required)
                    )
            except CellError as exc:
                errors.append(RowError(number, column.header, str(exc)))
                failed = True
        code = values.pop("code", "")
        if code and code in seen:
            errors.append(
                RowError(number, HEADERS["code"], f"mã «{shorten(code)}» đã có ở dòng {seen[code]}")
            )
            failed = True
        elif code:
            seen[code] = number
        if not failed:
            parent_code = values.pop("parent_code", "")
            rows.append(UnitRow(number, code, parent_code, values))
    return rows


def _load_existing() -> dict[str, Existing]:
    fields = Existing._fields
    return {
        code: Existing(*values)
        for code, *values in Unit.objects.values_list("code", *fields).iterator(chunk_size=5000)
    }


def parent_path(path: str) -> str:
    return path[:-STEP]


def _step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEP, ALPHABET[0])


def _step_number(step: str) -> int:
    return int(step, len(ALPHABET))


class _Plan:
    """What the file asks for, checked against the tree and the actor's scope."""

    def __init__(
        self,
        rows: list[UnitRow],
        existing: dict[str, Existing],
        roots: list[str],
        errors: list[RowError],
    ) -> None:
        self.rows = rows
        self.existing = existing
        self.roots = roots
        self.code_at = {unit.path: code for code, unit in existing.items()}
        self.in_file = {row.code: row for row in rows}
        self._check_scope_and_parents(errors)
        self._check_cycles(errors)

    def in_scope(self, path: str) -> bool:
        return any(path.startswith(root) for root in self.roots)

    def parent_of(self, code: str) -> str:
        """The parent code once the file is applied ("" for a root)."""
        row = self.in_file.get(code)
        if row is not None:
            return row.parent_code
        return self.code_at.get(parent_path(self.existing[code].path), "")

    def _placeable(self, code: str) -> bool:
        """May the actor put a unit under ``code`` ("" is the top of the tree)?"""
        if not code:
            return self.roots == [""]
        unit = self.existing.get(code)
        if unit is not None:
            return self.in_scope(unit.path)
        return code in self.in_file  # a new unit; its own row is checked the same way

    def _check_scope_and_parents(self, errors: list[RowError]) -> None:
        for row in self.rows:
            unit = self.existing.get(row.code)
            if unit is not None and not self.in_scope(unit.path):
                errors.append(
                    RowError(
                        row.number,
                        HEADERS["code"],
                        f"mã «{shorten(row.code)}» đã được dùng cho một đơn vị ngoài phạm vi "
                        "bạn quản lý",
                    )
                )
                continue
            if row.parent_code == row.code:
                errors.append(
                    RowError(
                        row.number, HEADERS["parent_code"], "đơn vị không thể là cha của chính nó"
                    )
                )
                continue
            unchanged = unit is not None and (
                self.code_at.get(parent_path(unit.path), "") == row.parent_code
            )
            if not unchanged and not self._placeable(row.parent_code):
                message = (
                    f"không tìm thấy đơn vị cha có mã «{shorten(row.parent_code)}»"
                    if row.parent_code
                    else "chỉ quản trị hệ thống mới tạo được đơn vị gốc; hãy ghi mã đơn vị cha"
                )
                errors.append(RowError(row.number, HEADERS["parent_code"], message))

    def _check_cycles(self, errors: list[RowError]) -> None:
        done: set[str] = set()
        for start in self.in_file:
            chain: list[str] = []
            on_chain: set[str] = set()
            code = start
            while code and code not in done and code not in on_chain:
                if code not in self.in_file and code not in self.existing:
                    break  # an unknown parent, reported already
                chain.append(code)
                on_chain.add(code)
                code = self.parent_of(code)
            if code in on_chain:
                loop = chain[chain.index(code) :]
                shown = " → ".join([*loop, code])
                for member in loop:
                    if member in self.in_file:
                        errors.append(
                            RowError(
                                self.in_file[member].number,
                                HEADERS["parent_code"],
                                f"tạo thành vòng lặp: {shorten(shown, 200)}",
                            )
                        )
            done.update(chain)

    # -- writing ---------------------------------------------------------------

    def write(self, result: UnitImportResult, progress: Progress | None) -> None:
        level_ids = self._levels(result)
        new_rows = [row for row in self.rows if row.code not in self.existing]
        self._update(level_ids, result)
        self._create(new_rows, level_ids, result, progress)
        self._move(result)

    def _levels(self, result: UnitImportResult) -> dict[str, int]:
        """Level name as written in the file → id, matching existing levels without
        regard to case or diacritics and creating the ones that are new."""
        by_fold = {fold(name): pk for pk, name in UnitLevel.objects.values_list("id", "name")}
        written = {row.fields["level"] for row in self.rows}
        wanted = {fold(name): name for name in sorted(written)}
        missing = [UnitLevel(name=name) for key, name in wanted.items() if key not in by_fold]
        if missing:
            UnitLevel.objects.bulk_create(missing)
            result.levels_created = len(missing)
            by_fold = {fold(name): pk for pk, name in UnitLevel.objects.values_list("id", "name")}
        return {name: by_fold[fold(name)] for name in written}

    def _values(
        self, row: UnitRow, level_ids: dict[str, int], base: Existing | None
    ) -> dict[str, Any]:
        fields = row.fields
        values = {
            "name": fields["name"],
            "level_id": level_ids[fields["level"]],
            "short_name": fields.get("short_name", base.short_name if base else ""),
            "area": fields.get("area", base.area if base else ""),
            "member_count": fields.get("member_count", base.member_count if base else 0),
            "is_active": fields.get("is_active", base.is_active if base else True),
        }
        values["search_key"] = unit_search_key(row.code, values["name"], values["short_name"])
        return values

    def _update(self, level_ids: dict[str, int], result: UnitImportResult) -> None:
        changed: list[Unit] = []
        for row in self.rows:
            base = self.existing.get(row.code)
            if base is None:
                continue
            values = self._values(row, level_ids, base)
            current = {key: getattr(base, key) for key in values if key != "search_key"}
            if all(values[key] == current[key] for key in current):
                if self.parent_of(row.code) == self.code_at.get(parent_path(base.path), ""):
                    result.unchanged += 1
                continue
            changed.append(Unit(pk=base.id, code=row.code, **values))
        fields = ["name", "short_name", "level_id", "area", "member_count", "is_active"]
        Unit.objects.bulk_update(changed, [*fields, "search_key"], batch_size=500)
        result.updated = len(changed)

    def _create(
        self,
        new_rows: list[UnitRow],
        level_ids: dict[str, int],
        result: UnitImportResult,
        progress: Progress | None,
    ) -> None:
        children: dict[str, list[UnitRow]] = defaultdict(list)
        for row in new_rows:
            children[row.parent_code].append(row)
        for group in children.values():
            group.sort(key=lambda row: row.code)
        # With sorted siblings, new codes that sort before an existing parent's
        # last child need room made among them: treebeard's insertion does it.
        last_child = self._last_children()
        slow: list[UnitRow] = []
        for parent, group in children.items():
            if parent in self.in_file and parent not in self.existing:
                continue
            last = last_child.get(parent)
            if SORTED and last is not None and group[0].code < last[1]:
                slow.extend(group)
        for row in slow:
            self._add_one(row, level_ids)
        if slow:
            self.existing = _load_existing()
            self.code_at = {unit.path: code for code, unit in self.existing.items()}
            last_child = self._last_children()
        paths: dict[str, str] = {code: unit.path for code, unit in self.existing.items()}
        pending: list[Unit] = []
        added_to: dict[str, int] = {}
        written = 0
        queue = [parent for parent in children if parent == "" or parent in self.existing]
        while queue:
            parent = queue.pop()
            group = [row for row in children.get(parent, ()) if row.code not in paths]
            if not group:
                continue
            base_path = paths[parent] if parent else ""
            step = _step_number(last_child[parent][0][-STEP:]) if parent in last_child else 0
            if step + len(group) > MAX_STEP:
                raise ValueError(f"Đơn vị «{parent}» có quá nhiều đơn vị con.")
            for row in group:
                step += 1
                path = base_path + _step(step)
                paths[row.code] = path
                unit = Unit(
                    code=row.code,
                    path=path,
                    depth=len(path) // STEP,
                    numchild=len(children.get(row.code, ())),
                    **self._values(row, level_ids, None),
                )
                pending.append(unit)
                queue.append(row.code)
            if parent in self.existing:
                added_to[parent] = len(group)
            if len(pending) >= BATCH:
                written += self._flush(pending, progress, len(new_rows) - len(slow), written)
        written += self._flush(pending, progress, len(new_rows) - len(slow), written)
        for parent, count in added_to.items():
            Unit.objects.filter(pk=self.existing[parent].id).update(numchild=F("numchild") + count)
        result.created = len(new_rows)

    @staticmethod
    def _flush(pending: list[Unit], progress: Progress | None, total: int, written: int) -> int:
        count = len(pending)
        if count:
            Unit.objects.bulk_create(pending, batch_size=500)
            pending.clear()
            if progress:
                progress("Ghi", written + count, total)
        return count

    def _last_children(self) -> dict[str, tuple[str, str]]:
        """Parent code ("" for the top) → (path, code) of its last child by path."""
        last: dict[str, tuple[str, str]] = {}
        for code, unit in self.existing.items():
            parent = self.code_at.get(parent_path(unit.path), "")
            if parent not in last or unit.path > last[parent][0]:
                last[parent] = (unit.path, code)
        return last

    def _add_one(self, row: UnitRow, level_ids: dict[str, int]) -> None:
        values = self._values(row, level_ids, None)
        values.pop("search_key")  # save() sets it
        if row.parent_code:
            parent = Unit.objects.get(code=row.parent_code)
            parent.add_child(code=row.code, **values)
        else:
            Unit.add_root(code=row.code, **values)

    def _move(self, result: UnitImportResult) -> None:
        moving = [
            row
            for row in self.rows
            if row.code in self.existing
            and row.parent_code != self.code_at.get(parent_path(self.existing[row.code].path), "")
        ]
        # Top-down in the final tree, so no unit is moved under its own descendant.
        depth: dict[str, int] = {}

        def final_depth(code: str) -> int:
            chain = []
            while code and code not in depth:
                chain.append(code)
                code = self.parent_of(code)
            level = depth.get(code, 0) if code else 0
            for member in reversed(chain):
                level += 1
                depth[member] = level
            return depth[chain[0]] if chain else level

        child, sibling = (
            ("sorted-child", "sorted-sibling") if SORTED else ("last-child", "last-sibling")
        )
        for row in sorted(moving, key=lambda row: final_depth(row.code)):
            node = Unit.objects.get(code=row.code)
            if row.parent_code:
                node.move(Unit.objects.get(code=row.parent_code), child)
            else:
                node.move(Unit.get_first_root_node(), sibling)
            result.moved += 1
