"""Repeat tables in the exports, laid out as KoboToolbox does.

One table per repeat (an XLSX sheet, or a CSV in the ZIP), named by the
repeat's name (at most 31 characters, unique in the workbook). Its columns:
``_index`` (the row's number in that table, over the whole export),
``_parent_index`` (the ``_index`` of the enclosing row: the main sheet's row for
a repeat outside any repeat, else the enclosing repeat's row),
``_parent_table_name``, ``_submission__id`` (the main sheet's ``_id``), then the
repeat's questions in form order, headed by name as in the main sheet.

``_id`` is the response's number in this export, not its database id: the main
sheet's rows are shuffled so that their order says nothing of when or by whom
they were sent, and an increasing id would undo that. The anonymity rules of the
main sheet hold: no row at all when the group is hidden, no free text from a
group under ``SURVEY_MIN_TEXT``.
"""

from __future__ import annotations

from typing import Any

from duluan.org.models import Unit

from . import repeats
from .forms_spec import CHOICE_TYPES, NUMBER_TYPES
from .models import Survey

LINK_COLUMNS = ["_index", "_parent_index", "_parent_table_name", "_submission__id"]
NOTE_SHEET = "Ghi chu"  # why free text is blank (exports.hidden_text_note)
RESERVED = ("Bang ket qua", "Phieu tra loi", NOTE_SHEET)


def number_cell(value: Any) -> Any:
    """An integer/decimal answer as a number (a number cell in XLSX), else unchanged."""
    if not isinstance(value, str) or not value.strip():
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    if number != number or number in (float("inf"), float("-inf")):
        return value
    return int(number) if number.is_integer() and "." not in value else number


def sheet_names(tables: list[repeats.RepeatTable]) -> dict[str, str]:
    """Path -> sheet name: the repeat's name cut to 31 characters, made unique."""
    taken = {name.lower() for name in RESERVED}
    out: dict[str, str] = {}
    for table in tables:
        name = table.name[:31]
        n = 2
        while name.lower() in taken:
            suffix = f"~{n}"
            name = table.name[: 31 - len(suffix)] + suffix
            n += 1
        taken.add(name.lower())
        out[table.path] = name
    return out


def repeat_sheets(
    survey: Survey, under: Unit | None, ids: list[int], *, text_ok: bool, main: str
) -> list[tuple[str, list[str], list[list[Any]]]]:
    """(sheet name, header, rows) per repeat; ``ids``: response ids in the main sheet's
    order (its ``_id`` is the position there, from 1), ``main``: the main sheet's name."""
    tables = repeats.survey_repeat_tables(survey)
    if not tables:
        return []
    names = sheet_names(tables)
    stored = repeats.export_rows(survey, tables, under) if ids else {}
    global_index: dict[str, dict[tuple[int, int], int]] = {}
    out = []
    for table in tables:
        columns = table.analysed
        header = LINK_COLUMNS + [q.name for q in columns]
        numbering: dict[tuple[int, int], int] = {}
        rows: list[list[Any]] = []
        parents = global_index.get(table.parent or "", {})
        for position, pk in enumerate(ids, start=1):
            for row in stored.get(pk, {}).get(table.path, []):
                if table.parent is None:
                    parent_index: int | None = position
                else:
                    parent_index = parents.get((pk, _int(row.get("_parent_index"))))
                index = len(rows) + 1
                numbering[(pk, _int(row.get("_index")))] = index
                line: list[Any] = [
                    index,
                    parent_index,
                    names[table.parent] if table.parent else main,
                    position,
                ]
                for q in columns:
                    value = row.get(q.name, "")
                    if q.type not in CHOICE_TYPES | NUMBER_TYPES and not text_ok:
                        value = ""
                    elif q.type in NUMBER_TYPES:
                        value = number_cell(value)
                    line.append(" ".join(value) if isinstance(value, list) else value)
                rows.append(line)
        global_index[table.path] = numbering
        out.append((names[table.path], header, rows))
    return out


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
