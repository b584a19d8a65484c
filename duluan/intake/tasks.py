"""Background jobs of intake."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings

from .partitions import report_partitions_ensure


@shared_task(name="intake.report_partitions_ensure")
def report_partitions_ensure_task() -> dict[str, Any]:
    """Daily: the coming months' report partitions (when partitioning is on)."""
    if not settings.REPORTS_PARTITIONED:
        return {"skipped": "DULUAN_REPORTS_PARTITIONED is off"}
    result = report_partitions_ensure()
    return {"created": result.created, "moved_rows": result.moved_rows}
