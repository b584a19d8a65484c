"""Jobs of the text analytics: analyse new reports, retrain; and the sweeper
that finds reports stored but never analysed (docs/operations.md, "Jobs")."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from duluan.jobs.registry import job_handler, merge_report_ids
from duluan.jobs.services import job_enqueue, register_sweeper

if TYPE_CHECKING:
    from duluan.jobs.models import Job

ANALYSE = "nlp.analyse_reports"
RETRAIN = "nlp.model_retrain"
# A report older than this without an analysis, and with no analysis job
# waiting, was missed (written before the outbox existed, or its job failed
# for good): the sweep queues it again.
SWEEP_AFTER_SECONDS = 300
SWEEP_BATCH = 5000
# The sweep looks at the newest reports only (a range of the primary key) and
# at most every 15 minutes, so it stays cheap on tens of millions of rows;
# ``duluan nlp rescore`` covers the whole table.
SWEEP_WINDOW_IDS = 200_000
SWEEP_EVERY_SECONDS = 900


@job_handler(ANALYSE, queue="nlp", coalesce=500, merge=merge_report_ids)
def analyse_reports_job(job: Job) -> dict[str, int]:
    """Analyse reports by id, or every report of import batches; idempotent."""
    from duluan.intake.models import Report

    from .services.analysis import reports_analyse

    ids = [int(i) for i in job.payload.get("report_ids") or []]
    batches = [int(b) for b in job.payload.get("batch_ids") or []]
    if job.payload.get("batch_id") is not None:
        batches.append(int(job.payload["batch_id"]))
    if batches:
        ids += list(Report.objects.filter(import_batch_id__in=batches).values_list("pk", flat=True))
    return {"analysed": reports_analyse(ids) if ids else 0}


@job_handler(RETRAIN, queue="nlp", stale_after=3600, max_attempts=2)
def model_retrain_job(job: Job) -> dict[str, Any]:
    """Retrain from corrections; promote only if not worse."""
    from .services.training import model_retrain

    row = model_retrain(force=bool(job.payload.get("force")))
    return {"version": row.version, "status": row.status} if row else {"version": None}


def on_reports_created(
    sender: Any, report_ids: list[int] | None = None, batch_id: int | None = None, **_: Any
) -> None:
    """Receiver of ``intake.signals.reports_created`` (in the write's transaction)."""
    if report_ids or batch_id is not None:
        job_enqueue(ANALYSE, {"report_ids": list(report_ids or []), "batch_id": batch_id})


def retrain_queue(*, force: bool = False) -> None:
    """Queue a retrain (on demand: page, API; nightly: beat)."""
    job_enqueue(RETRAIN, {"force": force})


@register_sweeper
def unanalysed_reports_sweep(*, force: bool = False) -> int:
    """Queue the analysis of recent reports stored a while ago and never analysed."""
    from django.core.cache import cache
    from django.db.models import Max

    from duluan.intake.models import Report
    from duluan.jobs.models import Job, JobState

    if not force and not cache.add("nlp:unanalysed-sweep", 1, SWEEP_EVERY_SECONDS):
        return 0
    if Job.objects.filter(kind=ANALYSE, state__in=[JobState.PENDING, JobState.RUNNING]).exists():
        return 0  # the queue is not drained yet: what is missing may still be on its way
    newest = Report.objects.aggregate(m=Max("pk"))["m"] or 0
    cutoff = timezone.now() - timedelta(seconds=SWEEP_AFTER_SECONDS)
    ids = list(
        Report.objects.filter(
            pk__gt=newest - SWEEP_WINDOW_IDS, analysis__isnull=True, created_at__lt=cutoff
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    if ids:
        job_enqueue(ANALYSE, {"report_ids": ids, "batch_id": None})
    return len(ids)
