"""The network's page imports (roster, article figures) as jobs with a progress
page; both imports are idempotent (a row already there is skipped or updated)."""

from __future__ import annotations

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


@job_handler(
    IMPORT_ROSTER,
    background=True,
    queue="ingest",
    stale_after=600,
    max_attempts=3,
    title="Nhập danh sách cộng tác viên",
    result_template="network/_import_job_result.html",
    result_context=_context,
)
def import_roster_job(job: Job) -> dict[str, Any]:
    from duluan.core.errors import ApplicationError
    from duluan.jobs.files import job_input_read

    from .services.imports import roster_import

    try:
        result = roster_import(
            actor=job.created_by,
            file_name=job.payload.get("file_name", ""),
            content=job_input_read(job),
        )
    except ApplicationError as exc:
        return {"refusal": exc.message}
    return _result(result)


@job_handler(
    IMPORT_ARTICLES,
    background=True,
    queue="ingest",
    stale_after=600,
    max_attempts=3,
    title="Nhập số liệu bài đăng",
    result_template="network/_import_job_result.html",
    result_context=_context,
)
def import_articles_job(job: Job) -> dict[str, Any]:
    from duluan.core.errors import ApplicationError
    from duluan.jobs.files import job_input_read

    from .services.imports import articles_import

    try:
        result = articles_import(
            actor=job.created_by,
            unit_id=int(job.payload["unit_id"]),
            platform=job.payload["platform"],
            file_name=job.payload.get("file_name", ""),
            content=job_input_read(job),
        )
    except ApplicationError as exc:
        return {"refusal": exc.message}
    return _result(result)
