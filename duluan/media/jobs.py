"""Jobs of the media app: the live poll (ingest queue) and the sitemap backfill on its own
queue (``media_backfill``), so reading a site's past never delays the live poll."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from duluan.jobs.registry import job_handler
from duluan.jobs.services import register_sweeper

if TYPE_CHECKING:
    from duluan.jobs.models import Job

POLL = "media.poll"
BACKFILL = "media.backfill"


@job_handler(POLL, queue="ingest", stale_after=600, max_attempts=2)
def poll_job(job: Job) -> dict[str, Any]:
    from .services import media_poll_due, media_spikes_detect

    result = media_poll_due()
    media_spikes_detect()
    return {"sources": result.sources, "articles": result.articles, "failed": result.failed}


@job_handler(BACKFILL, queue="media_backfill", stale_after=1800, max_attempts=3, background=True)
def backfill_job(job: Job) -> dict[str, Any]:
    from .services import media_backfill

    result = media_backfill(int(job.payload["source_id"]))
    return {"articles": result.articles, "failed": result.failed}


def poll_enqueue() -> int:
    """Queue one poll when a source is due and no poll waits or runs (beat and the sweep)."""
    from django.utils import timezone

    from duluan.jobs.models import Job, JobState
    from duluan.jobs.services import job_enqueue

    from .services.poll import due_sources

    if Job.objects.filter(kind=POLL, state__in=[JobState.PENDING, JobState.RUNNING]).exists():
        return 0
    if not due_sources(timezone.now()):
        return 0
    job_enqueue(POLL, {})
    return 1


@register_sweeper
def media_poll_sweeper() -> int:
    return poll_enqueue()
