"""A source's fetch state after each attempt (pure rules on the row, saved by the caller).

As Media Cloud's rss-fetcher does: a success clears the failures and schedules
the next poll at the source's interval; a failure adds to a score (1 for a
hard error such as 404 or an unreadable feed, 0.5 for a soft one such as a
timeout or a 5xx that may pass), pushes the next attempt back exponentially,
and switches the source off once the score reaches ``MEDIA_MAX_FAILURES``.
A 304 Not Modified is a success.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from .models import Source

SOFT_INCREMENT = 0.5
MAX_BACKOFF_MINUTES = 24 * 60


def record_success(
    source: Source, *, now: datetime, etag: str = "", last_modified: str = ""
) -> None:
    source.last_attempt_at = now
    source.last_success_at = now
    source.failure_score = 0
    source.consecutive_failures = 0
    source.last_error = ""
    if etag or last_modified:
        source.etag, source.last_modified = etag, last_modified
    source.next_fetch_at = now + timedelta(minutes=source.poll_minutes)


def record_failure(source: Source, *, now: datetime, error: str, soft: bool) -> None:
    source.last_attempt_at = now
    source.failure_score += SOFT_INCREMENT if soft else 1.0
    source.consecutive_failures += 1
    source.last_error = error[:300]
    backoff = min(source.poll_minutes * 2**source.consecutive_failures, MAX_BACKOFF_MINUTES)
    source.next_fetch_at = now + timedelta(minutes=backoff)
    if source.failure_score >= settings.MEDIA_MAX_FAILURES:
        source.disabled_at = now
        source.next_fetch_at = None


STATE_FIELDS = [
    "last_attempt_at",
    "last_success_at",
    "failure_score",
    "consecutive_failures",
    "last_error",
    "etag",
    "last_modified",
    "next_fetch_at",
    "disabled_at",
]
