"""Spreadsheet import: 50,000 reports from one .xlsx, and a 150,000-unit tree.

Starts from a new var/bench/import.sqlite3 (one province, 15 upper unions,
150 grassroots unions), writes a 50,000-row .xlsx with openpyxl (kept under
var/bench/ between runs, as is the tree file), then times ``reports_import`` end to end (checks,
calamine read, validation, bulk insert, ImportBatch) three times, deleting
the reports between runs, plus a re-import where every row is a duplicate.
Then ``units_import`` of a 150,000-unit tree written in child-before-parent
order, and ``units_export`` of the whole tree.
"""

from __future__ import annotations

import os
import random
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import ROOT, bench_province, median, setup_django

NAME = "import"
ROWS = 50_000
RUNS = 3
TREE_UNITS = 150_000
SEED = 20260415
DB = ROOT / "var" / "bench" / "import.sqlite3"
FILE = ROOT / "var" / "bench" / f"import-{ROWS}-v1.xlsx"
TREE_FILE = ROOT / "var" / "bench" / f"import-units-{TREE_UNITS}-v1.xlsx"

_SUBJECTS = [
    "Chậm trả lương tháng {n}",
    "Tăng ca kéo dài ở tổ {n}",
    "Hỏi về chế độ thai sản",
    "Tin đồn công ty chuyển xưởng",
    "Đề nghị tăng phụ cấp đi lại",
    "Xe đưa đón công nhân quá tải",
]
_SENTENCES = [
    "Nhiều anh chị em trong tổ phản ánh tình trạng này đã kéo dài.",
    "Công nhân mong công đoàn cơ sở làm việc với ban giám đốc.",
    "Một số người lao động có ý định nghỉ việc nếu không cải thiện.",
    "Ý kiến được nêu tại buổi giao ban tổ trưởng sáng thứ hai.",
]


def _fresh_database() -> None:
    if "DULUAN_DATABASE_URL" in os.environ:
        return  # someone else's database: never delete it
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)


def _tree() -> list[str]:
    _, grassroots = bench_province()
    return [unit.code for unit in grassroots]


def _write_reports_file(codes: list[str]) -> None:
    from openpyxl import Workbook

    from duluan.intake.choices import Channel, Kind, Mood, Urgency, Verifiability
    from duluan.intake.importing.reports import REPORT_COLUMNS

    rng = random.Random(SEED)
    start = datetime(2025, 1, 1, 7, 0)  # wall-clock, as people type it
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phản ánh")
    sheet.append([column.title for column in REPORT_COLUMNS])
    for n in range(ROWS):
        sheet.append(
            [
                rng.choice(codes),
                rng.choice(Channel.values),
                start + timedelta(minutes=7 * n),
                f"Công ty TNHH Số {rng.randint(1, 400)}",
                rng.choice(_SUBJECTS).format(n=rng.randint(1, 12)),
                " ".join(rng.sample(_SENTENCES, rng.randint(1, 3))) + f" (#{n})",
                rng.choice([None, rng.randint(1, 500)]),
                rng.choice(Kind.values),
                rng.choice(Mood.values),
                rng.choice(Urgency.values),
                rng.choice(Verifiability.values),
            ]
        )
    temporary = FILE.with_suffix(".tmp")
    workbook.save(temporary)
    temporary.replace(FILE)


def _tree_file() -> bytes:
    """150,000 units: 1 province, 300 upper unions, the rest grassroots, children first."""
    if TREE_FILE.exists():
        return TREE_FILE.read_bytes()
    from openpyxl import Workbook

    from duluan.org.tree_io import UNIT_COLUMNS

    uppers = 300
    per_upper = (TREE_UNITS - 1 - uppers) // uppers
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đơn vị")
    sheet.append([column.header for column in UNIT_COLUMNS])
    for u in range(uppers):
        upper = f"U-{u:03d}"
        for g in range(per_upper):
            name = f"CĐCS Doanh nghiệp {u}-{g}"
            sheet.append([f"{upper}-{g:03d}", name, "", "CĐCS", upper, "", 100 + g, "có"])
        sheet.append([upper, f"Công đoàn cấp trên {u}", "", "Cấp trên", "U", "", 0, "có"])
    sheet.append(["U", "LĐLĐ tỉnh Đo Đạc Lớn", "", "Tỉnh", "", "", 0, "có"])
    temporary = TREE_FILE.with_suffix(".tmp")
    workbook.save(temporary)
    temporary.replace(TREE_FILE)
    return TREE_FILE.read_bytes()


def run() -> dict[str, Any]:
    _fresh_database()
    setup_django("import")
    from duluan.core.sheets.files import read_table
    from duluan.core.sheets.system import SYSTEM_ACTOR
    from duluan.intake.importing.reports import reports_import
    from duluan.intake.models import ImportBatch, Report
    from duluan.org.models import Unit
    from duluan.org.tree_export import units_export
    from duluan.org.tree_io import units_import

    codes = _tree()
    if not FILE.exists():
        started = time.perf_counter()
        _write_reports_file(codes)
        print(f"wrote {FILE.name} in {time.perf_counter() - started:.1f} s", flush=True)
    content = FILE.read_bytes()

    read_times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        table = read_table(content)
        read_times.append(time.perf_counter() - started)
    assert len(table.rows) == ROWS + 1

    times = []
    for run_number in range(RUNS):
        Report.objects.all().delete()
        ImportBatch.objects.all().delete()
        started = time.perf_counter()
        result = reports_import(actor=SYSTEM_ACTOR, file_name=FILE.name, content=content)
        times.append(time.perf_counter() - started)
        assert result.rows_created == ROWS, (result.summary, result.errors[:3])
        print(f"run {run_number + 1}: {times[-1]:.2f} s ({result.summary})", flush=True)
    started = time.perf_counter()
    again = reports_import(actor=SYSTEM_ACTOR, file_name=FILE.name, content=content)
    reimport = time.perf_counter() - started
    assert again.rows_duplicate == ROWS and Report.objects.count() == ROWS

    tree = _tree_file()
    started = time.perf_counter()
    units = units_import(actor=SYSTEM_ACTOR, content=tree)
    units_seconds = time.perf_counter() - started
    assert units.written, units.errors[:3]
    assert not any(Unit.find_problems())
    started = time.perf_counter()
    exported = units_export(actor=SYSTEM_ACTOR)
    export_seconds = time.perf_counter() - started
    started = time.perf_counter()
    unchanged = units_import(actor=SYSTEM_ACTOR, content=exported)
    reimport_units = time.perf_counter() - started
    assert unchanged.unchanged == Unit.objects.count(), unchanged.summary

    seconds = median(times)
    return {
        "rows": ROWS,
        "file_bytes": len(content),
        "seconds_median": round(seconds, 2),
        "seconds_runs": [round(t, 2) for t in times],
        "rows_per_second_median": round(ROWS / seconds),
        "read_xlsx_seconds_median": round(median(read_times), 2),
        "reimport_all_duplicates_seconds": round(reimport, 2),
        "tree_units": units.created,
        "tree_file_bytes": len(tree),
        "tree_import_seconds": round(units_seconds, 2),
        "tree_export_seconds": round(export_seconds, 2),
        "tree_reimport_unchanged_seconds": round(reimport_units, 2),
    }
