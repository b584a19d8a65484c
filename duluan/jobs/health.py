"""``/healthz``'s "jobs" check: how long the oldest due job has waited, and
how many jobs failed for good in the last day (both for monitoring to alert on)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from duluan.core.health import HealthResult


def check_jobs() -> HealthResult:
    from .models import Job, JobState
    from .services import oldest_pending_seconds

    age = oldest_pending_seconds()
    failed = Job.objects.filter(
        state=JobState.FAILED, finished_at__gte=timezone.now() - timedelta(days=1)
    ).count()
    ok = (age is None or age <= settings.JOBS_HEALTH_MAX_WAIT_SECONDS) and failed == 0
    return HealthResult(
        ok=ok,
        detail={
            "oldest_pending_s": None if age is None else round(age, 1),
            "failed_last_day": failed,
        },
    )
