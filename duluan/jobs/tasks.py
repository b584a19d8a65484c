"""The two Celery tasks behind every job: run one, and sweep what was left behind."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.conf import settings


@shared_task(
    name="jobs.run",
    acks_late=True,  # the message is acknowledged after the work, not before
    reject_on_worker_lost=True,  # a killed worker's message goes back to the queue
    time_limit=settings.JOB_TIME_LIMIT,
    soft_time_limit=max(1, settings.JOB_TIME_LIMIT - 30),
    ignore_result=True,
)
def job_run_task(job_id: int) -> dict[str, Any]:
    from django.db import close_old_connections

    from .services import job_run

    close_old_connections()  # a connection the database dropped since the last job
    outcome = job_run(job_id)
    return {"ran": outcome.ran, "state": outcome.state}


@shared_task(name="jobs.sweep", ignore_result=True, time_limit=300)
def jobs_sweep_task() -> dict[str, int]:
    from django.db import close_old_connections

    from .services import jobs_sweep

    close_old_connections()
    return vars(jobs_sweep())
