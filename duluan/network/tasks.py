"""Background jobs of the network app."""

from __future__ import annotations

from celery import shared_task

from .services.petitions import petitions_overdue_check


@shared_task(name="network.petitions_overdue")
def petitions_overdue_task() -> dict[str, int]:
    """Remind overdue petitions and raise them to the parent unit; idempotent."""
    run = petitions_overdue_check()
    return {"overdue": run.overdue, "notified": run.notified, "raised": run.raised}
