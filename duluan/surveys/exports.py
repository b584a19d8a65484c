"""Exports of a survey's results: XLSX (raw responses with weights + tables), CSV, DOCX.

Every export reads :mod:`results`, so the anonymity rules of the page hold in
the files too. Raw rows name the nearest unit that may be shown on its own
(a smaller unit is folded into its ancestor), carry no date, account or
device, and leave out free text from a group under ``SURVEY_MIN_TEXT``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.utils import timezone

from duluan.core.lazy import lazy_module
from duluan.core.sheets.cells import escape_row
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from . import repeat_exports, repeats, results, stats
from .forms_spec import Question
from .models import Survey

if TYPE_CHECKING:
    import numpy as np
else:  # NumPy loads on the first computation, not when a page module is imported
    np = lazy_module("numpy")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"
HIDDEN = "<5"
RAW_SHEET = "Phieu tra loi"


def _pct(estimate: stats.Estimate | None) -> str:
    return "" if estimate is None else f"{estimate.value * 100:.1f}"


def table_rows(outcome: results.Results) -> list[list[Any]]:
    """One long table: question, answer, count, weighted %, 95 % CI."""
    rows: list[list[Any]] = []
    hidden = f"ẩn (<{outcome.k})"
    for r in outcome.questions:
        label = r.question.label or r.question.name
        if r.n < outcome.k:
            rows.append([label, "", hidden, "", "", ""])
            continue
        for cell in r.cells:
            if cell.share is None:
                rows.append([label, cell.label, hidden, "", "", ""])
            else:
                rows.append(
                    [
                        label,
                        cell.label,
                        cell.count,
                        _pct(cell.share),
                        f"{max(cell.share.low, 0) * 100:.1f}",
                        f"{min(cell.share.high, 1) * 100:.1f}",
                    ]
                )
        if r.mean is not None:
            rows.append(
                [
                    label,
                    "trung bình",
                    r.mean.n,
                    f"{r.mean.value:.2f}",
                    f"{r.mean.low:.2f}",
                    f"{r.mean.high:.2f}",
                ]
            )
        if r.likert:
            mean = r.likert["mean"]
            rows.append(
                [
                    label,
                    f"điểm trung bình ({r.likert['scale']})",
                    mean.n,
                    f"{mean.value:.2f}",
                    f"{mean.low:.2f}",
                    f"{mean.high:.2f}",
                ]
            )
    return rows


HEADERS = ["Câu hỏi", "Phương án", "Số phiếu (không gia quyền)", "% gia quyền", "KTC 95% từ", "đến"]


NOTE_SHEET = repeat_exports.NOTE_SHEET
NUMBER_TYPES = ("integer", "decimal", "range")


def hidden_text_note(survey: Survey, n: int) -> str:
    """Why free text is blank in an export of ``n`` responses, or "" when it is not."""
    limit = results.min_text()
    if n == 0 or n >= limit:
        return ""
    asked = list(results.survey_questions(survey))
    asked += [q for t in repeats.survey_repeat_tables(survey) for q in t.analysed]
    if not any(q.type not in ("select one", "select all that apply", *NUMBER_TYPES) for q in asked):
        return ""
    return (
        f"Câu trả lời tự do chỉ xuất khi có ít nhất {limit} phiếu (bảo vệ người trả lời "
        f"khỏi bị nhận ra qua lời văn); tệp này có {n} phiếu nên các cột câu trả lời tự do "
        "để trống."
    )


def _raw(
    survey: Survey, outcome: results.Results, under: Unit | None, *, linked: bool = False
) -> tuple[list[str], list[list[Any]], list[int]]:
    """The main sheet (shuffled rows) and its rows' response ids; ``linked`` adds the
    ``_index`` and ``_id`` columns the repeat tables point at (repeat_exports.py)."""
    data = results.load(survey, under=under)
    items = results.survey_questions(survey)
    counts = dict(survey.responses.values_list("unit_id").annotate(c=Count("id")))
    viewable = results.viewable_units(survey.unit, counts, outcome.k)
    units: dict[int, Unit] = {
        u.pk: u for u in Unit.objects.filter(subtree_q(survey.unit, field=""))
    }
    by_path = {u.path: u for u in units.values()}

    def shown(unit_id: int) -> Unit:
        unit = units[unit_id]
        path = unit.path
        while path and (by_path.get(path) is None or by_path[path].pk not in viewable):
            path = path[: -Unit.steplen]
            if len(path) < len(survey.unit.path):
                return survey.unit
        return by_path.get(path, survey.unit)

    weights = (
        stats.post_stratified_weights(data.strata, data.population) if len(data) else np.array([])
    )
    text_ok = len(data) >= results.min_text()
    header = ["Đơn vị (gộp nếu ít phiếu)", "Trọng số"] + [q.name for q in items]
    if linked:
        header += ["_index", "_id"]
    ids: list[int] = []
    if linked and len(data):
        # The dataset's rows are in id order; rows added since it was read come last.
        scope = (
            survey.responses.all() if under is None else survey.responses.filter(subtree_q(under))
        )
        ids = list(scope.order_by("id").values_list("id", flat=True)[: len(data)])
    rows: list[list[Any]] = []
    out_ids: list[int] = []
    order: list[int] = np.random.default_rng().permutation(len(data)).tolist() if len(data) else []
    for i in order:
        answers = data.answers[int(i)]
        unit = shown(int(data.unit_ids[int(i)]))
        row: list[Any] = [unit.code, round(float(weights[int(i)]), 4)]
        for q in items:
            value = answers.get(q.name, "")
            if (
                q.type not in ("select one", "select all that apply", "integer", "decimal", "range")
                and not text_ok
            ):
                value = ""
            if q.type in NUMBER_TYPES:
                value = repeat_exports.number_cell(value)
            row.append(" ".join(value) if isinstance(value, list) else value)
        if linked:
            row += [len(rows) + 1, len(rows) + 1]
            out_ids.append(ids[int(i)])
        rows.append(row)
    if outcome.hidden:
        rows, out_ids = [], []
    return header, rows, out_ids


def export(
    survey: Survey, fmt: str, *, under: Unit | None = None, answer: tuple[str, str] | None = None
) -> tuple[bytes, str]:
    """The file and its MIME type; a CSV export of a form with repeats is a ZIP of one
    CSV per table (the results table, the responses, each repeat)."""
    outcome = results.results_compute(survey, under=under, answer=answer)
    if fmt == "csv":
        summary = _csv(HEADERS, table_rows(outcome))
        if not repeats.survey_repeat_tables(survey):
            return summary, "text/csv; charset=utf-8"
        return _csv_zip(survey, outcome, under, summary), ZIP
    if fmt == "xlsx":
        return _xlsx(survey, outcome, under), XLSX
    return _docx(survey, outcome, under), DOCX


def _csv(header: list[Any], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(escape_row(list(header)))
    for row in rows:
        writer.writerow(escape_row(row))
    return ("\ufeff" + out.getvalue()).encode()


def _tables(
    survey: Survey, outcome: results.Results, under: Unit | None
) -> list[tuple[str, list[str], list[list[Any]]]]:
    """The raw tables: the responses (main sheet), then one per repeat, then a note
    when free text was left out."""
    linked = bool(repeats.survey_repeat_tables(survey))
    header, rows, ids = (
        _raw(survey, outcome, under, linked=linked) if answer_free(outcome) else ([], [], [])
    )
    text_ok = len(rows) >= results.min_text()
    extra = repeat_exports.repeat_sheets(survey, under, ids, text_ok=text_ok, main=RAW_SHEET)
    note = hidden_text_note(survey, len(rows))
    notes = [(NOTE_SHEET, ["Ghi chú"], [[note]])] if note else []
    return [(RAW_SHEET, header, rows), *extra, *notes]


def _csv_zip(survey: Survey, outcome: results.Results, under: Unit | None, summary: bytes) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Bang ket qua.csv", summary)
        for name, header, rows in _tables(survey, outcome, under):
            archive.writestr(f"{name}.csv", _csv(header, rows))
    return out.getvalue()


def _xlsx(survey: Survey, outcome: results.Results, under: Unit | None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    tables = book.active
    assert tables is not None
    tables.title = "Bang ket qua"
    tables.append(escape_row([survey.title]))
    tables.append(
        [
            f"Số phiếu: {outcome.n}"
            if not outcome.hidden
            else f"Dưới {outcome.k} phiếu: không hiển thị"
        ]
    )
    tables.append(HEADERS)
    for row in table_rows(outcome):
        tables.append(escape_row(row))
    for name, header, rows in _tables(survey, outcome, under):
        sheet = book.create_sheet(name)
        sheet.append(escape_row(list(header)))
        for row in rows:
            sheet.append(escape_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def answer_free(outcome: results.Results) -> bool:
    return not outcome.hidden


def _docx(survey: Survey, outcome: results.Results, under: Unit | None) -> bytes:
    """A summary in the layout of an official union document (ND 30/2020 header block)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    parent = survey.unit.get_parent()
    left.text = f"{(parent.name if parent else '').upper()}\n{survey.unit.name.upper()}"
    right.text = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    date_line = doc.add_paragraph(timezone.localdate().strftime("ngày %d tháng %m năm %Y"))
    date_line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(f"BÁO CÁO KẾT QUẢ KHẢO SÁT\n{survey.title}")
    run.bold = True
    scope = under.name if under else survey.unit.name
    doc.add_paragraph(f"Phạm vi: {scope} và các đơn vị trực thuộc. Số phiếu hợp lệ: {outcome.n}.")
    doc.add_paragraph(
        "Tỉ lệ được gia quyền theo số đoàn viên của từng đơn vị (hậu phân tầng); khoảng tin cậy 95 %. "
        f"Nhóm dưới {outcome.k} phiếu không được hiển thị để bảo vệ người trả lời."
    )
    if outcome.hidden:
        doc.add_paragraph(f"Chưa đủ {outcome.k} phiếu để công bố kết quả.")
    else:
        table = doc.add_table(rows=1, cols=len(HEADERS))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
            cell.text = text
        for row in table_rows(outcome):
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ── cross-tabs ───────────────────────────────────────────────────────────
@dataclass
class Crosstab:
    row: Question
    col: Question
    counts: list[list[int | None]]  # None: hidden
    shares: list[list[float | None]]  # weighted row percentages
    test: stats.ChiSquare | None
    n: int


def crosstab(
    survey: Survey,
    row_name: str,
    col_name: str,
    *,
    under: Unit | None = None,
    answer: tuple[str, str] | None = None,
) -> Crosstab | None:
    """Two single-choice questions crossed, small cells hidden (with complements)."""
    items = {q.name: q for q in results.survey_questions(survey) if q.type == "select one"}
    row_q, col_q = items.get(row_name), items.get(col_name)
    if row_q is None or col_q is None or row_q.name == col_q.name:
        return None
    k = results.min_cell()
    data = results.load(survey, under=under)
    if answer is not None:
        mask = results.answer_mask(data, results.survey_questions(survey), *answer)
        if mask.sum() < k or 0 < len(mask) - mask.sum() < k:
            return None
        data = data.subset(mask)
    r_index = {c.name: i for i, c in enumerate(row_q.choices)}
    c_index = {c.name: i for i, c in enumerate(col_q.choices)}
    rows, cols, keep = [], [], []
    for i, a in enumerate(data.answers):
        if a.get(row_q.name) in r_index and a.get(col_q.name) in c_index:
            rows.append(r_index[a[row_q.name]])
            cols.append(c_index[a[col_q.name]])
            keep.append(i)
    n = len(keep)
    if n < k:
        return None
    r_arr, c_arr = np.array(rows), np.array(cols)
    strata = data.strata[keep]
    weights = stats.post_stratified_weights(strata, data.population)
    counts = np.zeros((len(r_index), len(c_index)), dtype=int)
    np.add.at(counts, (r_arr, c_arr), 1)
    wsum = np.zeros(counts.shape)
    np.add.at(wsum, (r_arr, c_arr), weights)
    hidden = suppress_table(counts.tolist(), k)
    shown_counts: list[list[int | None]] = [
        [None if hidden[i][j] else int(counts[i][j]) for j in range(counts.shape[1])]
        for i in range(counts.shape[0])
    ]
    shares: list[list[float | None]] = []
    for i in range(counts.shape[0]):
        total = wsum[i].sum()
        shares.append(
            [
                None if hidden[i][j] or not total else round(100 * wsum[i][j] / total, 1)
                for j in range(counts.shape[1])
            ]
        )
    test = stats.rao_scott(
        r_arr, c_arr, weights, strata, data.population, len(r_index), len(c_index)
    )
    return Crosstab(row_q, col_q, shown_counts, shares, test, n)


def suppress_table(counts: list[list[int]], k: int) -> list[list[bool]]:
    """Hide cells 1..k-1, then complementary cells until no row or column has exactly
    one hidden cell (so none is recovered from the margins, which are shown)."""
    hidden = [[0 < c < k for c in row] for row in counts]
    n_rows, n_cols = len(counts), len(counts[0]) if counts else 0
    changed = True
    while changed:
        changed = False
        for i in range(n_rows):
            if sum(hidden[i]) == 1:
                options = [j for j in range(n_cols) if not hidden[i][j] and counts[i][j] > 0]
                if options:
                    hidden[i][min(options, key=lambda j: counts[i][j])] = True
                    changed = True
        for j in range(n_cols):
            column = [hidden[i][j] for i in range(n_rows)]
            if sum(column) == 1:
                options = [i for i in range(n_rows) if not hidden[i][j] and counts[i][j] > 0]
                if options:
                    hidden[min(options, key=lambda i: counts[i][j])][j] = True
                    changed = True
    return hidden
