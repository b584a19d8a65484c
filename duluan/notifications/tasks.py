"""Periodic tasks of the notifications app (beat, ``config/celery.py``)."""

from __future__ import annotations

from celery import shared_task

from .webhooks import webhooks_retry


@shared_task(name="notifications.webhooks_retry")
def webhooks_retry_task() -> dict[str, int]:
    """Send again the webhooks whose pause is over."""
    return webhooks_retry()
