"""Writes of the jobs app: enqueue in the caller's transaction, dispatch after
commit, claim exactly once, record the outcome, sweep what was left behind.

The guarantees (docs/operations.md, "Jobs that are never lost"):

* the job row is written in the same transaction as the data it follows, so
  a report is never stored without its analysis queued;
* dispatching to the broker happens after commit and may fail (broker down):
  the row stays ``pending`` and :func:`jobs_sweep` sends it again;
* a worker claims a row with one conditional UPDATE, so two deliveries of the
  same message run it once;
* a worker killed mid-job (or one whose database connection dropped) leaves a
  ``running`` row whose heartbeat goes stale: the sweep queues it again;
* a failing job is retried with growing pauses, then marked ``failed``
  (visible in ``/healthz``, ``duluan jobs list`` and the admin).
"""

from __future__ import annotations

import logging
import threading
import traceback
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from duluan.org.scope import recorded_account
from duluan.org.types import Actor

from .models import Job, JobState
from .registry import kind_get

logger = logging.getLogger(__name__)

# Pauses between tries: 10 s, 20 s, 40 s … capped at 30 minutes.
BACKOFF_FIRST_SECONDS = 10
BACKOFF_MAX_SECONDS = 1800


def job_enqueue(
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    created_by: Actor | None = None,
    run_after: datetime | None = None,
) -> Job:
    """Write a job in the caller's transaction; dispatch it once that commits."""
    kind_get(kind)  # an unknown kind is a programming error: fail at the write
    job = Job.objects.create(
        kind=kind,
        payload=payload or {},
        created_by=recorded_account(created_by),
        run_after=run_after or timezone.now(),
    )
    if run_after is None:
        job_id = job.pk
        transaction.on_commit(lambda: job_dispatch(job_id))
    return job


def _mode(kind: str) -> str:
    """``eager`` (run here, now), ``thread`` (run here, in the background) or ``celery``."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        if settings.JOBS_IN_THREADS and kind_get(kind).background:
            return "thread"
        return "eager"
    return "celery"


def job_runs_in_background(job: Job) -> bool:
    """Whether the job runs apart from the request that queued it (a thread or a worker)."""
    return _mode(job.kind) != "eager"


def job_dispatch(job_id: int) -> bool:
    """Hand a pending job to whoever runs it; ``False`` if the broker refused it.

    Never raises: the job row is the record, and the sweep dispatches again.
    """
    job = Job.objects.filter(pk=job_id).only("kind", "state").first()
    if job is None or job.state != JobState.PENDING:
        return False
    mode = _mode(job.kind)
    if mode == "eager":
        job_run(job_id)
        return True
    if mode == "thread":
        thread = threading.Thread(
            target=_run_in_thread, args=(job_id,), name=f"duluan-job-{job_id}", daemon=True
        )
        thread.start()
        return True
    from .tasks import job_run_task

    try:
        options: dict[str, Any] = {"retry": False, "ignore_result": True}
        if settings.JOBS_SPLIT_QUEUES:
            options["queue"] = kind_get(job.kind).queue
        job_run_task.apply_async(args=[job_id], **options)
    except Exception as exc:  # broker unreachable: the sweep sends it later
        logger.warning("job %s (%s) not dispatched: %s", job_id, job.kind, exc)
        return False
    Job.objects.filter(pk=job_id).update(dispatched_at=timezone.now())
    return True


def _run_in_thread(job_id: int) -> None:
    try:
        job_run(job_id)
    finally:
        connection.close()


def _backoff(attempts: int) -> timedelta:
    seconds = min(BACKOFF_MAX_SECONDS, BACKOFF_FIRST_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=seconds)


@dataclass(frozen=True)
class RunOutcome:
    ran: bool
    state: str = ""


def job_run(job_id: int) -> RunOutcome:
    """Claim the job (once) and run its handler outside any transaction."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=JobState.PENDING, run_after__lte=now).update(
        state=JobState.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        error="",
    )
    if claimed != 1:
        return RunOutcome(ran=False)
    job = Job.objects.get(pk=job_id)
    kind = kind_get(job.kind)
    riders = _coalesce(job, kind, now) if kind.coalesce and kind.merge else []
    try:
        result = kind.handler(job)
    except Exception as exc:
        _release(riders)
        return _record_failure(job, kind.max_attempts, exc)
    Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
        state=JobState.DONE, finished_at=timezone.now(), result=_jsonable(result)
    )
    if riders:
        Job.objects.filter(pk__in=riders, state=JobState.RUNNING).update(
            state=JobState.DONE, finished_at=timezone.now(), result={"with_job": job_id}
        )
    _input_delete(job)
    return RunOutcome(ran=True, state=JobState.DONE)


def _coalesce(job: Job, kind: Any, now: datetime) -> list[int]:
    """Claim up to ``kind.coalesce`` other waiting jobs of this kind and join their
    payloads into ``job``'s (in memory: the rows keep their own). Skipped rows
    locked by another worker (PostgreSQL); SQLite serialises the claim anyway."""
    with transaction.atomic():
        waiting = (
            Job.objects.select_for_update(skip_locked=True)
            .filter(kind=job.kind, state=JobState.PENDING, run_after__lte=now)
            .exclude(pk=job.pk)
            .order_by("pk")
        )
        rows = list(waiting.values_list("pk", "payload")[: kind.coalesce])
        ids = [pk for pk, _ in rows]
        if ids:
            Job.objects.filter(pk__in=ids, state=JobState.PENDING).update(
                state=JobState.RUNNING,
                attempts=F("attempts") + 1,
                started_at=now,
                heartbeat_at=now,
            )
    if ids:
        job.payload = kind.merge([job.payload] + [payload for _, payload in rows])
    return ids


def _release(riders: list[int]) -> None:
    """The joined run failed: the riders wait again on their own (nothing counted against
    them but the try), and the sweep sends them."""
    if not riders:
        return
    try:
        Job.objects.filter(pk__in=riders, state=JobState.RUNNING).update(
            state=JobState.PENDING, dispatched_at=None, run_after=timezone.now()
        )
    except Exception:  # the database is gone: the sweep finds them running and stale
        logger.exception("jobs %s not released", riders)


def _input_delete(job: Job) -> None:
    """An uploaded input may hold personal data: gone once the job has run for good."""
    name = job.payload.get("input") if isinstance(job.payload, dict) else None
    if not name:
        return
    from django.core.files.storage import default_storage

    try:
        if default_storage.exists(name):
            default_storage.delete(name)
    except OSError:
        logger.warning("job %s: input %s not deleted", job.pk, name)


def _record_failure(job: Job, max_attempts: int, exc: BaseException) -> RunOutcome:
    # A dropped connection leaves this one unusable: start a fresh one to write
    # (never inside a caller's transaction, which a close would break).
    if (
        not connection.in_atomic_block
        and connection.connection is not None
        and not connection.is_usable()
    ):
        connection.close()
    error = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:2000]
    final = job.attempts >= max_attempts
    state = JobState.FAILED if final else JobState.PENDING
    logger.warning("job %s (%s) failed (try %s): %s", job.pk, job.kind, job.attempts, error)
    try:
        Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
            state=state,
            error=error,
            run_after=timezone.now() + _backoff(job.attempts),
            finished_at=timezone.now() if final else None,
            dispatched_at=None,
        )
    except Exception:  # the database is gone: the row stays running, the sweep requeues it
        logger.exception("job %s: failure not recorded", job.pk)
    if final:
        _input_delete(job)
    return RunOutcome(ran=True, state=state)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    if hasattr(value, "__dict__"):
        return {k: v for k, v in vars(value).items() if not k.startswith("_")}
    return str(value)


def job_progress(job: Job, *, done: int, total: int | None = None, note: str = "") -> None:
    """Record progress (and a heartbeat) of a running job; cheap, outside transactions."""
    fields: dict[str, Any] = {"progress_done": done, "heartbeat_at": timezone.now()}
    if total is not None:
        fields["progress_total"] = total
        job.progress_total = total
    if note:
        fields["progress_note"] = note[:200]
        job.progress_note = note[:200]
    job.progress_done = done
    Job.objects.filter(pk=job.pk).update(**fields)


def job_retry(job_id: int) -> bool:
    """Put a failed job back in the queue (an operator's decision)."""
    updated = Job.objects.filter(pk=job_id, state=JobState.FAILED).update(
        state=JobState.PENDING, attempts=0, run_after=timezone.now(), dispatched_at=None
    )
    if updated:
        transaction.on_commit(lambda: job_dispatch(job_id))
    return bool(updated)


@dataclass
class SweepResult:
    requeued: int = 0
    failed: int = 0
    dispatched: int = 0
    swept_by_apps: int = 0


SWEEPERS: list[Any] = []


def register_sweeper(fn: Any) -> Any:
    """Register ``fn() -> int``: it finds data written but never processed and enqueues it."""
    SWEEPERS.append(fn)
    return fn


def jobs_sweep(*, now: datetime | None = None, limit: int = 2000) -> SweepResult:
    """Find work left behind and queue it again (beat, every 30 s; ``duluan jobs sweep``)."""
    moment = now or timezone.now()
    out = SweepResult()
    # 1. Running jobs whose worker died (kill -9, a time limit, a lost connection).
    for job in Job.objects.filter(state=JobState.RUNNING).only("kind", "heartbeat_at", "attempts"):
        kind = kind_get(job.kind)
        if job.heartbeat_at and job.heartbeat_at > moment - timedelta(seconds=kind.stale_after):
            continue
        final = job.attempts >= kind.max_attempts
        updated = Job.objects.filter(
            pk=job.pk, state=JobState.RUNNING, heartbeat_at=job.heartbeat_at
        ).update(
            state=JobState.FAILED if final else JobState.PENDING,
            error="Tiến trình chạy công việc đã dừng giữa chừng (worker bị tắt hoặc mất kết nối).",
            finished_at=moment if final else None,
            dispatched_at=None,
            run_after=moment,
        )
        if updated:
            out.failed += int(final)
            out.requeued += int(not final)
    # 2. Data written but never processed (each app knows its own), old outputs.
    jobs_prune(now=moment)
    for sweeper in SWEEPERS:
        try:
            out.swept_by_apps += int(sweeper())
        except Exception:
            logger.exception("sweeper %r failed", sweeper)
    # 3. Pending jobs that are due and not (recently) handed to the broker.
    redispatch = moment - timedelta(seconds=settings.JOBS_REDISPATCH_SECONDS)
    due = (
        Job.objects.filter(state=JobState.PENDING, run_after__lte=moment)
        .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=redispatch))
        .order_by("run_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for job_id in list(due):
        out.dispatched += int(job_dispatch(job_id))
    return out


DONE_KEPT_DAYS = 7
FAILED_KEPT_DAYS = 90


PRUNERS: list[Any] = []


def register_pruner(fn: Any) -> Any:
    """Register ``fn(now) -> int``: an app's housekeeping (rows past their time), run
    with :func:`jobs_prune`, at most hourly."""
    PRUNERS.append(fn)
    return fn


def jobs_prune(*, now: datetime | None = None, force: bool = False) -> int:
    """Delete old outputs, jobs done a week ago and failed ones after 90 days; at most hourly."""
    from django.core.cache import cache

    if not force and not cache.add("jobs:prune", 1, 3600):
        return 0
    from .files import job_files_sweep

    job_files_sweep()  # outputs past their hours: hourly with the rest, not every sweep
    moment = now or timezone.now()
    done = Job.objects.filter(
        state=JobState.DONE, finished_at__lt=moment - timedelta(days=DONE_KEPT_DAYS)
    ).exclude(result__has_key="output")
    failed = Job.objects.filter(
        state=JobState.FAILED, finished_at__lt=moment - timedelta(days=FAILED_KEPT_DAYS)
    )
    deleted = done.delete()[0] + failed.delete()[0]
    for pruner in PRUNERS:
        try:
            deleted += int(pruner(moment))
        except Exception:
            logger.exception("pruner %r failed", pruner)
    return deleted


def oldest_pending_seconds(*, now: datetime | None = None) -> float | None:
    """Age of the oldest due job not yet run (``/healthz``), ``None`` when the queue is empty."""
    moment = now or timezone.now()
    oldest = (
        Job.objects.filter(state=JobState.PENDING, run_after__lte=moment)
        .order_by("run_after")
        .values_list("run_after", flat=True)
        .first()
    )
    return None if oldest is None else max(0.0, (moment - oldest).total_seconds())
