"""Files a job reads (an uploaded spreadsheet) and writes (a PDF, an export).

They live in Django's default storage (the disk, or S3-compatible storage in
production) under ``jobs/<id>/``. An input is deleted once the job has run for
good (it may hold personal data); an output is kept for
``DULUAN_JOBS_OUTPUT_HOURS`` and then swept.
"""

from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from duluan.org.types import Actor

from .models import Job, JobState
from .services import job_enqueue


def _dir(job_id: int, part: str) -> str:
    return f"jobs/{job_id}/{part}"


def job_enqueue_with_input(
    kind: str,
    payload: dict[str, Any],
    *,
    created_by: Actor | None,
    file_name: str,
    content: bytes,
) -> Job:
    """Store ``content`` as the job's input and queue the job (it starts after both)."""
    with transaction.atomic():
        job = job_enqueue(kind, payload, created_by=created_by)
        stored = default_storage.save(f"{_dir(job.pk, 'in')}/input.bin", ContentFile(content))
        job.payload = {**payload, "input": stored, "file_name": os.path.basename(file_name)}
        job.save(update_fields=["payload"])
    return job


def job_input_read(job: Job) -> bytes:
    with default_storage.open(job.payload["input"], "rb") as handle:
        data: bytes = handle.read()
    return data


def job_output_save(job: Job, *, name: str, content: bytes, content_type: str) -> dict[str, Any]:
    """Store the job's output; returns what the job's result records of it."""
    stored = default_storage.save(f"{_dir(job.pk, 'out')}/output.bin", ContentFile(content))
    return {
        "output": stored,
        "output_name": name,
        "content_type": content_type,
        "size": len(content),
    }


def job_output_open(job: Job) -> Any:
    return default_storage.open((job.result or {})["output"], "rb")


def job_files_sweep() -> int:
    """Delete outputs older than the kept hours and inputs of jobs that ran for good."""
    removed = 0
    cutoff = timezone.now() - timedelta(hours=settings.JOBS_OUTPUT_HOURS)
    old = Job.objects.filter(
        state__in=[JobState.DONE, JobState.FAILED], finished_at__lt=cutoff, result__has_key="output"
    )
    for job in old.only("result")[:500]:
        name = (job.result or {}).get("output")
        if not name:
            continue
        if default_storage.exists(name):
            default_storage.delete(name)
            removed += 1
        Job.objects.filter(pk=job.pk).update(result={**(job.result or {}), "output": ""})
    return removed
