"""Periodic reporting: the demo province's monthly report from ~20,000 reports.

Starts from a new var/bench/reporting.sqlite3, loads the demo province
(``demo_load``: 1 province, 15 upper unions, ~150 grassroots unions, 20,000
reports over 12 months, plus the demo year of monthly reports), then times,
five runs each, building the province's report for the last full month:
the synthesis alone (every section's queries), the DOCX, the XLSX, and the
whole ``synthesis + DOCX`` that ``duluan report build`` does; the PDF once
through LibreOffice when installed; the compliance board with its 12-month
history. The acceptance target is under 5 s for the whole build.
"""

from __future__ import annotations

import os
import shutil
import time
from typing import Any

from bench.common import ROOT, median, setup_django

NAME = "reporting"
REPORTS = 20_000
RUNS = 5
SEED = 2026
DB = ROOT / "var" / "bench" / "reporting.sqlite3"


def _fresh_database() -> None:
    if "DULUAN_DATABASE_URL" in os.environ:
        return  # someone else's database: never delete it
    for suffix in ("", "-wal", "-shm"):
        path = DB.with_name(DB.name + suffix)
        if path.exists():
            path.unlink()


def _timed(fn: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def run() -> dict[str, Any]:
    _fresh_database()
    setup_django("reporting")
    from django.utils import timezone

    from duluan.demo.loader import demo_load
    from duluan.intake.models import Report
    from duluan.org.models import Unit
    from duluan.reporting.choices import ReportType
    from duluan.reporting.compliance import compliance_board, compliance_history
    from duluan.reporting.documents import document_input, render
    from duluan.reporting.documents.pdf import soffice_path
    from duluan.reporting.periods import MONTH, Period
    from duluan.reporting.synthesis import synthesis_build

    load_seconds, loaded = _timed(lambda: demo_load(seed=SEED, reports=REPORTS))
    province = Unit.objects.get(code="SH", depth=1)
    period = Period.containing(MONTH, timezone.localdate()).previous()
    span = period.span()
    in_month = Report.objects.filter(
        unit__path__startswith=province.path, heard_at__gte=span.start, heard_at__lt=span.end
    ).count()

    synthesis_runs, docx_runs, xlsx_runs, build_runs = [], [], [], []
    synthesis = None
    for _ in range(RUNS):
        seconds, synthesis = _timed(lambda: synthesis_build(province, period))
        synthesis_runs.append(seconds)
        data = document_input(synthesis)
        seconds, docx = _timed(lambda data=data: render(data, "docx"))
        docx_runs.append(seconds)
        seconds, _ = _timed(lambda data=data: render(data, "xlsx"))
        xlsx_runs.append(seconds)
        seconds, _ = _timed(
            lambda: render(document_input(synthesis_build(province, period)), "docx")
        )
        build_runs.append(seconds)
    assert synthesis is not None
    assert synthesis.figures()["reports.total"] == in_month, "document total != database"

    pdf_seconds = None
    if soffice_path() is not None:
        pdf_seconds, _ = _timed(lambda: render(document_input(synthesis), "pdf"))
    board_runs = []
    for _ in range(RUNS):
        seconds, _ = _timed(
            lambda: (
                compliance_board(province, ReportType.MONTHLY, period),
                compliance_history(province, ReportType.MONTHLY, period, count=12),
            )
        )
        board_runs.append(seconds)
    review_seconds, review = _timed(
        lambda: synthesis_build(
            province, Period(kind="range", year=period.year - 9, last_year=period.year)
        )
    )
    return {
        "reports_total": loaded.reports,
        "units": loaded.units,
        "period": period.code,
        "reports_in_period": in_month,
        "demo_load_seconds": round(load_seconds, 1),
        "build_docx_seconds_median": round(median(build_runs), 3),
        "build_docx_seconds_runs": [round(s, 3) for s in build_runs],
        "synthesis_seconds_median": round(median(synthesis_runs), 3),
        "docx_render_seconds_median": round(median(docx_runs), 3),
        "xlsx_render_seconds_median": round(median(xlsx_runs), 3),
        "docx_bytes": len(docx),
        "pdf_seconds": round(pdf_seconds, 2) if pdf_seconds is not None else None,
        "pdf_engine": shutil.which("soffice") or "not installed",
        "compliance_board_and_history_seconds_median": round(median(board_runs), 3),
        "ten_year_review_synthesis_seconds": round(review_seconds, 3),
        "ten_year_review_reports": review.figures()["reports.total"],
        "target_seconds": 5.0,
    }
