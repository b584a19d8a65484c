"""The network's page imports (roster, article figures) as jobs with a progress
page; both imports are idempotent (a row already there is skipped or updated)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from duluan.jobs.registry import job_handler

if TYPE_CHECKING:
    from duluan.jobs.models import Job

    from .sheets import SheetResult

IMPORT_ROSTER = "network.import_roster"
IMPORT_ARTICLES = "network.import_articles"
SHOWN_ERRORS = 200


def _result(result: SheetResult) -> dict[str, Any]:
    return {
        "file_name": result.file_name,
        "rows_total": result.rows_total,
        "rows_created": result.rows_created,
        "rows_skipped": result.rows_skipped,
        "written": result.written,
        "summary": result.summary,
        "errors": [
            {"row": e.row, "column": e.column, "message": e.message}
            for e in result.errors[:SHOWN_ERRORS]
        ],
    }


def _context(job: Job) -> dict[str, Any]:
    result = dict(job.result or {})
    refusal = result.get("refusal", "")
    return {"result": None if refusal else result, "refusal": refusal}


def _run_import(job: Job, importer: Callable[..., SheetResult], **extra: Any) -> dict[str, Any]:
    """Run ``importer`` on the job's stored file as its author; a refused file is an answer."""
    from duluan.core.errors import ApplicationError
    from duluan.jobs.files import job_input_read

    try:
        result = importer(
            actor=job.created_by,
            file_name=job.payload.get("file_name", ""),
            content=job_input_read(job),
            **extra,
        )
    except ApplicationError as exc:
        return {"refusal": exc.message}
    return _result(result)


_IMPORT_JOB: dict[str, Any] = {
    "background": True,
    "queue": "ingest",
    "stale_after": 600,
    "max_attempts": 3,
    "result_template": "network/_import_job_result.html",
    "result_context": _context,
}


@job_handler(IMPORT_ROSTER, title="Nhập danh sách cộng tác viên", **_IMPORT_JOB)
def import_roster_job(job: Job) -> dict[str, Any]:
    from .services.imports import roster_import

    return _run_import(job, roster_import)


@job_handler(IMPORT_ARTICLES, title="Nhập số liệu bài đăng", **_IMPORT_JOB)
def import_articles_job(job: Job) -> dict[str, Any]:
    from .services.imports import articles_import

    return _run_import(
        job,
        articles_import,
        unit_id=int(job.payload["unit_id"]),
        platform=job.payload["platform"],
    )
