"""The periodic task behind the live poll (beat: config/celery.py)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="media.poll_due", ignore_result=True, time_limit=120)
def media_poll_due_task() -> int:
    from django.db import close_old_connections

    from .jobs import poll_enqueue

    close_old_connections()
    return poll_enqueue()
