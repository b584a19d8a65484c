"""The unit tree as a spreadsheet, in the import's columns (round-trips)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from duluan.core.sheets.cells import Cell, escape_row

from .choices import Perm
from .models import Unit, UnitLevel
from .scope import root_paths, scoped_units
from .tree_io import SHEET_NAME, STEP, UNIT_COLUMNS, parent_path
from .types import Actor


def units_export(*, actor: Actor, fmt: str = "xlsx") -> bytes:
    """The units the actor may see, parents before children, in import columns."""
    rows = _export_rows(actor)
    headers = [column.header for column in UNIT_COLUMNS]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(escape_row(values) for values in rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    from openpyxl import Workbook  # openpyxl on use: it brings NumPy along

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    sheet.append(headers)
    for values in rows:
        sheet.append(escape_row(values))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _export_rows(actor: Actor) -> Iterator[list[Cell]]:
    levels = dict(UnitLevel.objects.values_list("id", "name"))
    units = (
        scoped_units(actor, Perm.UNIT_VIEW)
        .order_by("path")
        .values_list(
            "path", "code", "name", "short_name", "level_id", "area", "member_count", "is_active"
        )
    )
    code_at: dict[str, str] = {}
    tops: list[str] = [
        parent_path(path) for path in root_paths(actor, Perm.UNIT_VIEW) if len(path) > STEP
    ]
    if tops:
        code_at.update(Unit.objects.filter(path__in=tops).values_list("path", "code"))
    for path, code, name, short_name, level_id, area, member_count, active in units.iterator(
        chunk_size=5000
    ):
        code_at[path] = code
        parent = code_at.get(parent_path(path), "") if len(path) > STEP else ""
        yield [
            code,
            name,
            short_name,
            levels[level_id],
            parent,
            area,
            member_count,
            "có" if active else "không",
        ]
