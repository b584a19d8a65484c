"""Periodic tasks of the nlp app (beat); work that follows a write is a job (``jobs.py``)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="nlp.model_retrain")
def model_retrain_task(force: bool = False) -> None:
    """Nightly: queue a retrain job (the job row is the record; it runs once)."""
    from django.db import transaction

    from .jobs import retrain_queue

    with transaction.atomic():
        retrain_queue(force=force)


@shared_task(name="nlp.spikes_detect")
def spikes_detect_task() -> int:
    """Raise alerts for topic × unit counts far above their own history."""
    from .services.spikes import spikes_detect

    return len(spikes_detect())
