"""Background jobs of the nlp app (in-process when no broker is configured)."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.db import transaction

from duluan.intake.models import Report


@shared_task(name="nlp.reports_analyse")
def reports_analyse_task(report_ids: list[int] | None = None, batch_id: int | None = None) -> int:
    """Analyse new reports (by ids, or every report of an import batch); idempotent."""
    from .services.analysis import reports_analyse

    ids = list(report_ids or [])
    if batch_id is not None:
        ids += list(Report.objects.filter(import_batch_id=batch_id).values_list("pk", flat=True))
    return reports_analyse(ids) if ids else 0


@shared_task(name="nlp.model_retrain")
def model_retrain_task(force: bool = False) -> dict[str, Any]:
    """Retrain from corrections; promote only if not worse."""
    from .services.training import model_retrain

    row = model_retrain(force=force)
    return {"version": row.version, "status": row.status} if row else {"version": None}


def retrain_queue() -> None:
    """Queue a retrain once the current transaction commits (on demand: page, API)."""
    transaction.on_commit(lambda: model_retrain_task.delay())


@shared_task(name="nlp.spikes_detect")
def spikes_detect_task() -> int:
    """Raise alerts for topic × unit counts far above their own history."""
    from .services.spikes import spikes_detect

    return len(spikes_detect())


def on_reports_created(
    sender: Any, report_ids: list[int] | None = None, batch_id: int | None = None, **_: Any
) -> None:
    """Receiver of ``intake.signals.reports_created``: queue the analysis, never do it here."""
    if report_ids or batch_id is not None:
        reports_analyse_task.delay(report_ids=list(report_ids or []), batch_id=batch_id)
