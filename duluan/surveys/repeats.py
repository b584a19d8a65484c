"""Repeat groups: their tables, the server's check of their rows, reading and counting them.

A submission's repeats are stored under ``Response.data["_repeats"]``, outside
the analysed answers, as tables keyed by the repeat's path
(:mod:`duluan.surveys.instance` describes the shape): one row per repeat
instance with ``_index``, ``_parent_index`` and its fields by question name.

The check (:func:`repeats_check`) is the one the server makes for repeat rows:
types and static choice lists only. It never evaluates ``relevant``,
``constraint`` or ``calculate`` (the client did; a calculated field is kept as
sent), drops fields the repeat does not have, and refuses a table of more
than :data:`MAX_ROWS` rows.

:func:`stored_tables` reads what is stored, including the first shape
(``{repeat name: [{leaf: text}]}``, top-level repeats only, no indexes, a
select-multiple as one text): no data migration, the reader takes both.

:func:`repeat_results` counts the choice and number questions of each repeat
over all its rows, with the rules of :mod:`results` and one more: rows come in
bunches from one respondent, so a question, or a cell, that rests on fewer than
k responses is hidden however many rows it has.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from duluan.core.lazy import lazy_module
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from . import forms_spec, results
from .forms_spec import CHOICE_TYPES, NUMBER_TYPES, Question
from .models import Survey

if TYPE_CHECKING:
    import numpy as np
else:  # NumPy loads on the first computation, not when a page module is imported
    np = lazy_module("numpy")

MAX_ROWS = 500  # rows per repeat table in one submission
_TEXT_MAX = 5000
_NO_VALUE = {"note"}


@dataclass
class RepeatTable:
    """One repeat of the form: its path, the enclosing repeat's path, its own fields
    (those of groups inside it included, those of repeats inside it not)."""

    path: str
    name: str
    label: str
    parent: str | None
    questions: list[Question] = field(default_factory=list)

    @property
    def analysed(self) -> list[Question]:
        return [q for q in self.questions if q.type in forms_spec.ANALYSED_TYPES]


def repeat_tables(items: list[Question]) -> list[RepeatTable]:
    """The form's repeats in form order (outer before inner)."""
    out: list[RepeatTable] = []
    stack: list[tuple[str, RepeatTable | None]] = []  # (path, the repeat it opens or None)
    for q in items:
        if q.kind == "begin":
            path = f"{stack[-1][0]}/{q.name}" if stack else q.name
            table = None
            if q.type == "repeat":
                parent = next((t.path for _, t in reversed(stack) if t is not None), None)
                table = RepeatTable(path, q.name, q.label or q.name, parent)
                out.append(table)
            stack.append((path, table))
        elif q.kind == "end":
            if stack:
                stack.pop()
        else:
            owner = next((t for _, t in reversed(stack) if t is not None), None)
            if owner is not None and q.type not in _NO_VALUE:
                owner.questions.append(q)
    return out


def _by_key(tables: list[RepeatTable]) -> dict[str, RepeatTable]:
    """Tables by path, and by name where the first shape keyed them so."""
    keys = {t.name: t for t in tables}
    keys.update({t.path: t for t in tables})
    return keys


# ── the server's check ──────────────────────────────────────────────────
def _value(q: Question, raw: Any) -> Any:
    """The stored form of one field, or ``ValueError`` with the reason (in Vietnamese)."""
    if q.type == "select all that apply":
        items = raw if isinstance(raw, list) else str(raw or "").split()
        chosen = [str(i).strip() for i in items if str(i).strip()]
        _check_choices(q, chosen)
        return chosen
    if isinstance(raw, (list, dict)):
        raise ValueError("Giá trị không hợp lệ.")
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return ""
    if q.type == "select one":
        _check_choices(q, [text])
        return text
    if q.type == "integer":
        if not re.fullmatch(r"[-+]?\d{1,12}", text):
            raise ValueError("Hãy nhập một số nguyên.")
        return str(int(text))
    if q.type in ("decimal", "range"):
        try:
            number = float(text.replace(",", "."))
        except ValueError as exc:
            raise ValueError("Hãy nhập một số.") from exc
        if not math.isfinite(number):
            raise ValueError("Hãy nhập một số.")
        return text.replace(",", ".")
    if q.type == "date":
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError as exc:
            raise ValueError("Ngày không hợp lệ (năm-tháng-ngày).") from exc
    if q.type in ("dateTime", "datetime"):
        try:
            return datetime.fromisoformat(text).isoformat()
        except ValueError as exc:
            raise ValueError("Thời điểm không hợp lệ.") from exc
    return text[:_TEXT_MAX]


def _check_choices(q: Question, chosen: list[str]) -> None:
    # Static lists only: a choice_filter narrows the list in the client, the list
    # itself is the bound here; a list from a file (no choices in the form) is not checked.
    allowed = {c.name for c in q.choices}
    if allowed and any(c not in allowed for c in chosen):
        raise ValueError("Lựa chọn không có trong danh sách.")


def repeats_check(items: list[Question], raw: Mapping[str, Any] | None) -> dict[str, Any]:
    """The repeat tables to store for ``raw`` (as :func:`instance.parse_instance` gives
    them), or :class:`forms_spec.AnswerErrors` keyed ``path[row]/question``."""
    tables = repeat_tables(items)
    keys = _by_key(tables)
    out: dict[str, list[dict[str, Any]]] = {}
    errors: dict[str, str] = {}
    for key, rows in (raw or {}).items():
        table = keys.get(key)
        if table is None or not isinstance(rows, list):
            continue  # not a repeat of this form: dropped like an unknown field
        if len(rows) > MAX_ROWS:
            errors[table.path] = f"Nhóm lặp có quá {MAX_ROWS} dòng."
            continue
        kept: list[dict[str, Any]] = []
        for position, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                errors[f"{table.path}[{position}]"] = "Dòng không hợp lệ."
                continue
            parent = row.get("_parent_index")
            clean: dict[str, Any] = {"_index": position, "_parent_index": parent}
            for q in table.questions:
                if q.name not in row:
                    continue
                try:
                    value = _value(q, row[q.name])
                except ValueError as exc:
                    errors[f"{table.path}[{position}]/{q.name}"] = f"{q.label or q.name}: {exc}"
                    continue
                if value not in ("", []):
                    clean[q.name] = value
            kept.append(clean)
        out[table.path] = kept
    by_path = {t.path: t for t in tables}
    for path, rows in out.items():
        parent_path = by_path[path].parent
        parents = len(out.get(parent_path, [])) if parent_path else 0
        for row in rows:
            index = row["_parent_index"]
            if parent_path is None:
                row["_parent_index"] = None
            elif isinstance(index, bool) or not isinstance(index, int) or not 1 <= index <= parents:
                errors[f"{path}[{row['_index']}]"] = "Dòng không thuộc dòng nào của nhóm bên ngoài."
    if errors:
        raise forms_spec.AnswerErrors(errors)
    return {path: rows for path, rows in out.items() if rows}


# ── reading what is stored ──────────────────────────────────────────────
def stored_tables(
    data: Mapping[str, Any], tables: list[RepeatTable]
) -> dict[str, list[dict[str, Any]]]:
    """A response's repeat tables by path, from either stored shape."""
    raw = data.get("_repeats")
    if not isinstance(raw, Mapping):
        return {}
    keys = _by_key(tables)
    out: dict[str, list[dict[str, Any]]] = {}
    for key, rows in raw.items():
        table = keys.get(key)
        if table is None or not isinstance(rows, list):
            continue
        read: list[dict[str, Any]] = []
        for position, row in enumerate(rows, start=1):
            if not isinstance(row, Mapping):
                continue
            first_shape = "_index" not in row
            new: dict[str, Any] = {
                "_index": position if first_shape else row["_index"],
                "_parent_index": None if first_shape else row.get("_parent_index"),
            }
            for q in table.questions:
                value = row.get(q.name)
                if value in (None, "", []):
                    continue
                if q.type == "select all that apply" and isinstance(value, str):
                    value = value.split()
                new[q.name] = value
            read.append(new)
        out.setdefault(table.path, []).extend(read)
    return out


def _rows(
    survey: Survey, under: Unit | None, answer: tuple[str, str] | None
) -> list[tuple[int, int, dict[str, Any]]]:
    """(response id, unit id, stored data's repeats) of the responses in scope, in id order."""
    from django.db.models.fields.json import KeyTextTransform, KeyTransform

    query = survey.responses.filter(data__has_key="_repeats")
    if under is not None:
        query = query.filter(subtree_q(under))
    query = query.annotate(rep_data=KeyTransform("_repeats", "data"))
    if answer is None:
        return [
            (pk, unit_id, {"_repeats": rep})
            for pk, unit_id, rep in query.order_by("id").values_list("id", "unit_id", "rep_data")
        ]
    name, wanted = answer
    query = query.annotate(answer_text=KeyTextTransform(name, "data"))
    out = []
    for pk, unit_id, rep, given in query.order_by("id").values_list(
        "id", "unit_id", "rep_data", "answer_text"
    ):
        text = str(given or "")
        chosen = results._array(text) if text.startswith("[") else [text]
        if wanted in chosen:
            out.append((pk, unit_id, {"_repeats": rep}))
    return out


def export_rows(
    survey: Survey, tables: list[RepeatTable], under: Unit | None
) -> dict[int, dict[str, list[dict[str, Any]]]]:
    """Every response's repeat tables (response id -> path -> rows) in ``under``'s subtree."""
    return {pk: stored_tables(data, tables) for pk, _unit, data in _rows(survey, under, None)}


# ── counts on the results page ──────────────────────────────────────────
@dataclass
class RepeatQuestion:
    result: results.QuestionResult
    rows: int  # rows that answered
    responses: int  # responses those rows come from
    hidden: bool


@dataclass
class RepeatSection:
    table: RepeatTable
    rows: int
    responses: int
    hidden: bool
    questions: list[RepeatQuestion]


def survey_repeat_tables(survey: Survey) -> list[RepeatTable]:
    version = survey.current_version
    return repeat_tables(forms_spec.questions(version.spec)) if version else []


def repeat_results(
    survey: Survey, *, under: Unit | None = None, answer: tuple[str, str] | None = None
) -> list[RepeatSection]:
    """Per repeat, the distribution of each choice and number question over its rows.

    Counts are of rows, unweighted (a respondent's rows are not a sample of
    members), so no confidence interval is given."""
    tables = [t for t in survey_repeat_tables(survey) if _counted(t)]
    if not tables:
        return []
    k = results.min_cell()
    responses = _rows(survey, under, answer)
    read = [(pk, unit_id, stored_tables(data, tables)) for pk, unit_id, data in responses]
    sections = []
    for table in tables:
        owners, units, docs = [], [], []
        for pk, unit_id, by_path in read:
            for row in by_path.get(table.path, []):
                owners.append(pk)
                units.append(unit_id)
                docs.append(row)
        from_responses = len(set(owners))
        if len(docs) < k or from_responses < k:
            sections.append(RepeatSection(table, len(docs), from_responses, True, []))
            continue
        data = _dataset(units, docs)
        owner = np.array(owners, dtype=np.int64)
        items = [_question(q, data, owner, k) for q in _counted(table)]
        sections.append(RepeatSection(table, len(docs), from_responses, False, items))
    return sections


def _counted(table: RepeatTable) -> list[Question]:
    return [q for q in table.questions if q.type in CHOICE_TYPES | NUMBER_TYPES]


def _dataset(units: list[int], docs: list[dict[str, Any]]) -> results.Dataset:
    unit_ids = np.array(units, dtype=np.int64)
    codes = sorted(set(units))
    index = {u: i for i, u in enumerate(codes)}
    strata = np.array([index[u] for u in units], dtype=np.int64)
    # Membership 0 everywhere: each row weighs 1 (the counts are of rows, unweighted).
    return results.Dataset(unit_ids, strata, codes, np.zeros(len(codes)), docs)


def _question(q: Question, data: results.Dataset, owner: np.ndarray, k: int) -> RepeatQuestion:
    column = data.column(q)
    answered = column.answered
    rows = int(answered.sum())
    responses = len(set(owner[answered].tolist()))
    if rows < k or responses < k:
        return RepeatQuestion(results.QuestionResult(q, rows), rows, responses, True)
    result = results.question_result(q, data, k, results.min_text())
    if result.cells:
        hidden = [c.count is None for c in result.cells]
        for i, _cell in enumerate(result.cells):
            if column.codes is not None:
                picked = answered & (column.codes == i)
            else:
                assert column.chosen is not None
                picked = answered & column.chosen[:, i]
            if 0 < len(set(owner[picked].tolist())) < k:
                hidden[i] = True
        if q.type == "select one" and sum(hidden) == 1:
            counts = [c.count or 0 for c in result.cells]
            others = [i for i, h in enumerate(hidden) if not h and counts[i] > 0]
            if others:
                hidden[min(others, key=lambda i: counts[i])] = True
        for cell, hide in zip(result.cells, hidden, strict=True):
            if hide:
                cell.count, cell.share = None, None
    return RepeatQuestion(result, rows, responses, False)
