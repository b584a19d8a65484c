"""Background jobs of periodic reporting."""

from __future__ import annotations

from celery import shared_task

from .compliance import reminders_send


@shared_task(name="reporting.reminders_send")
def reminders_send_task() -> dict[str, int]:
    """Remind units before and after their due dates; idempotent (notices are keyed)."""
    return reminders_send()
