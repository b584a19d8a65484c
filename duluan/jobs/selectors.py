"""Reads of the jobs app."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from duluan.org.models import User
from duluan.org.types import Actor

from .models import Job


def job_for_user(*, user: Actor, job_id: int) -> Job | None:
    """A job its creator may follow (a progress page shows only one's own jobs)."""
    if not isinstance(user, User):  # an anonymous visitor follows no job
        return None
    return Job.objects.filter(pk=job_id, created_by=user).first()


def jobs_recent(*, limit: int = 50) -> QuerySet[Job]:
    return Job.objects.order_by("-pk")[:limit]


def job_counts() -> dict[str, int]:
    return {row["state"]: row["n"] for row in Job.objects.values("state").annotate(n=Count("pk"))}
