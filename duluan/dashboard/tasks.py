"""Background jobs of the dashboard: keep the fact tables in step with intake."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from .services import dashboard_rebuild, dashboard_refresh_batch, dashboard_refresh_reports


@shared_task(name="dashboard.refresh_reports")
def dashboard_refresh_reports_task(report_ids: list[int]) -> dict[str, int]:
    return dashboard_refresh_reports(report_ids).__dict__


@shared_task(name="dashboard.refresh_batch")
def dashboard_refresh_batch_task(batch_id: int) -> dict[str, int]:
    return dashboard_refresh_batch(batch_id).__dict__


@shared_task(name="dashboard.rebuild")
def dashboard_rebuild_task() -> dict[str, int]:
    """Nightly safety net: picks up deleted or moved reports, which send no signal."""
    return dashboard_rebuild().__dict__


def on_reports_created(
    sender: Any, report_ids: list[int] | None = None, batch_id: int | None = None, **kwargs: Any
) -> None:
    """Receiver of ``intake.signals.reports_created`` (already after commit): queue a refresh."""
    if report_ids:
        dashboard_refresh_reports_task.delay(list(report_ids))
    elif batch_id is not None:
        dashboard_refresh_batch_task.delay(batch_id)


def on_reports_analysed(sender: Any, report_ids: list[int] | None = None, **kwargs: Any) -> None:
    """Receiver of ``nlp.signals.reports_analysed`` (after commit): refresh those reports."""
    if report_ids:
        dashboard_refresh_reports_task.delay(list(report_ids))
