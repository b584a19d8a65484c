"""Periodic task of the dashboard (beat); refreshes after a write are jobs (``jobs.py``)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="dashboard.rebuild")
def dashboard_rebuild_task() -> dict[str, int]:
    """Nightly safety net: picks up deleted or moved reports, which send no signal."""
    from .services import dashboard_rebuild

    return dashboard_rebuild().__dict__
