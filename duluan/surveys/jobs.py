"""Jobs of the surveys app: the notice of a new quick poll."""

from __future__ import annotations

from typing import TYPE_CHECKING

from duluan.jobs.registry import job_handler

if TYPE_CHECKING:
    from duluan.jobs.models import Job

POLL_NOTIFY = "surveys.poll_notify"


@job_handler(POLL_NOTIFY, queue="ingest")
def poll_notify_job(job: Job) -> None:
    from .services import poll_notify

    poll_notify(int(job.payload["survey_id"]))
