"""Periodic tasks of the cases app (beat); notices after a write are jobs (``jobs.py``)."""

from __future__ import annotations

from celery import shared_task

from .notify import hot_spots_overdue_check
from .reminders import matters_overdue_check


@shared_task(name="cases.hot_spots_overdue")
def hot_spots_overdue_task() -> dict[str, int]:
    """Flag hot spots past their written-report deadline; remind the parent unit once."""
    return hot_spots_overdue_check()


@shared_task(name="cases.matters_overdue")
def matters_overdue_task() -> dict[str, int]:
    """Remind units of steps past their deadline and directions not yet passed on."""
    return matters_overdue_check()
