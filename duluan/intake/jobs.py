"""The page import as a job: the request stores the file and returns at once;
the job validates and writes, telling its progress; the job page shows the
result (``/cong-viec/<id>/``). Importing is idempotent (each row's
``import_key``), so a job run twice, or retried after a dropped connection,
adds nothing the second time."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from duluan.jobs.registry import job_handler
from duluan.jobs.services import register_pruner

if TYPE_CHECKING:
    from duluan.jobs.models import Job

IMPORT_REPORTS = "intake.import_reports"
SHOWN_ERRORS = 200
IMPORT_ATTEMPTS = 3


def _import_context(job: Job) -> dict[str, Any]:
    result = dict(job.result or {})
    refusal = result.get("refusal", "")
    return {
        "result": None if refusal else result,
        "refusal": refusal,
        "errors": (result.get("errors") or [])[:SHOWN_ERRORS],
    }


@job_handler(
    IMPORT_REPORTS,
    background=True,
    queue="ingest",
    stale_after=600,
    max_attempts=IMPORT_ATTEMPTS,
    title="Nhập phản ánh từ bảng tính",
    result_template="intake/import_result.html",
    result_context=_import_context,
)
def import_reports_job(job: Job) -> dict[str, Any]:
    from duluan.core.errors import ApplicationError
    from duluan.jobs.files import job_input_read
    from duluan.jobs.services import job_progress

    from .importing.interrupted import ImportInterrupted
    from .importing.reports import reports_import

    def progress(stage: str, done: int, total: int) -> None:
        job_progress(job, done=done, total=total, note=f"Đang {stage.lower()} các dòng")

    try:
        result = reports_import(
            actor=job.created_by,
            file_name=job.payload.get("file_name", ""),
            content=job_input_read(job),
            valid_only=bool(job.payload.get("valid_only")),
            progress=progress,
        )
    except ImportInterrupted as exc:
        # The database went away: nothing was kept, and importing again adds no
        # duplicates, so the job tries again after a pause; the last try says so.
        if job.attempts < IMPORT_ATTEMPTS:
            raise
        return {"refusal": exc.message}
    except ApplicationError as exc:  # a refused file is an answer, not a failure to retry
        return {"refusal": exc.message}
    return {
        "file_name": result.file_name,
        "rows_total": result.rows_total,
        "rows_created": result.rows_created,
        "rows_duplicate": result.rows_duplicate,
        "rows_invalid": result.rows_invalid,
        "error_count": result.error_count,
        "errors": [
            {"row": e.row, "column": e.column, "message": e.message}
            for e in result.errors[:SHOWN_ERRORS]
        ],
        "written": result.written,
        "batch_id": result.batch_id,
        "summary": result.summary,
    }


@register_pruner
def _forget_old_submission_keys(now: datetime) -> int:
    """Idempotency keys past their time (one indexed DELETE, hourly with the jobs' pruning)."""
    from .services import submission_keys_prune

    return submission_keys_prune(now=now)
