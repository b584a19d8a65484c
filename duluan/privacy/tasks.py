from __future__ import annotations

from celery import shared_task

from .retention import retention_apply


@shared_task(name="privacy.retention_apply")
def retention_apply_task() -> dict[str, int]:
    return retention_apply()
