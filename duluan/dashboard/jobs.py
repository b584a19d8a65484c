"""Jobs of the dashboard: keep the fact tables in step with intake and the analytics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from duluan.jobs.registry import job_handler, merge_report_ids
from duluan.jobs.services import job_enqueue

if TYPE_CHECKING:
    from duluan.jobs.models import Job

REFRESH_REPORTS = "dashboard.refresh_reports"
REFRESH_BATCH = "dashboard.refresh_batch"


@job_handler(REFRESH_REPORTS, queue="reports", coalesce=500, merge=merge_report_ids)
def refresh_reports_job(job: Job) -> dict[str, int]:
    """Recompute the days and units these reports touch (idempotent)."""
    from .services import dashboard_refresh_reports

    ids = [int(i) for i in job.payload.get("report_ids") or []]
    return dashboard_refresh_reports(ids).__dict__


@job_handler(REFRESH_BATCH, queue="reports", stale_after=600)
def refresh_batch_job(job: Job) -> dict[str, int]:
    from .services import dashboard_refresh_batch

    return dashboard_refresh_batch(int(job.payload["batch_id"])).__dict__


def on_reports_created(
    sender: Any, report_ids: list[int] | None = None, batch_id: int | None = None, **kwargs: Any
) -> None:
    """Receiver of ``intake.signals.reports_created`` (in the write's transaction)."""
    if report_ids:
        job_enqueue(REFRESH_REPORTS, {"report_ids": list(report_ids)})
    elif batch_id is not None:
        job_enqueue(REFRESH_BATCH, {"batch_id": batch_id})


def on_reports_analysed(sender: Any, report_ids: list[int] | None = None, **kwargs: Any) -> None:
    """Receiver of ``nlp.signals.reports_analysed`` (in the analysis's transaction)."""
    if report_ids:
        job_enqueue(REFRESH_REPORTS, {"report_ids": list(report_ids)})
