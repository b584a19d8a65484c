"""Jobs are never lost: written with the data, run once, retried, swept."""

from __future__ import annotations

import socket
from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError, transaction
from django.utils import timezone

from duluan.dashboard.jobs import REFRESH_REPORTS
from duluan.intake.tests.test_report_create import data_for
from duluan.jobs.models import Job, JobState
from duluan.jobs.registry import KINDS, job_handler
from duluan.jobs.services import (
    job_enqueue,
    job_progress,
    job_retry,
    job_run,
    jobs_sweep,
    oldest_pending_seconds,
)
from duluan.nlp.jobs import ANALYSE, unanalysed_reports_sweep
from duluan.nlp.models import ReportAnalysis
from duluan.org.choices import Role

pytestmark = pytest.mark.django_db

CALLS: list[dict[str, Any]] = []


@job_handler("tests.echo", max_attempts=3, stale_after=60)
def echo_job(job: Job) -> dict[str, Any]:
    CALLS.append(dict(job.payload))
    if job.payload.get("fail"):
        raise RuntimeError("hỏng có chủ đích")
    job_progress(job, done=1, total=1, note="xong")
    return {"echo": job.payload.get("n")}


@pytest.fixture(autouse=True)
def _calls() -> None:
    CALLS.clear()


@pytest.fixture
def broker_down(settings: Any) -> Any:
    """Jobs go to a Celery broker on a port nobody listens on."""
    from celery import current_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    def fresh_pools() -> None:
        current_app._pool = None
        current_app.amqp._producer_pool = None

    old = current_app.conf.broker_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    current_app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    fresh_pools()
    yield settings
    current_app.conf.broker_url = old
    fresh_pools()


def test_the_job_is_written_in_the_reports_transaction(org_tree: Any) -> None:
    from duluan.intake.services import report_create

    actor = org_tree.user("cs_a1", Role.COLLABORATOR)
    with pytest.raises(RuntimeError), transaction.atomic():
        report_create(actor=actor, data=data_for(org_tree.cs_a1.pk))
        assert Job.objects.filter(kind=ANALYSE).count() == 1
        raise RuntimeError("the write fails after the report")
    assert not Job.objects.exists()  # rolled back together: no orphan job, no orphan report


def test_a_report_is_analysed_and_counted_through_its_jobs(
    org_tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from duluan.intake.services import report_create

    with django_capture_on_commit_callbacks(execute=True):
        report = report_create(
            actor=org_tree.user("cs_a1", Role.COLLABORATOR), data=data_for(org_tree.cs_a1.pk)
        )
    assert ReportAnalysis.objects.filter(report=report).exists()
    kinds = sorted(Job.objects.values_list("kind", "state"))
    assert (ANALYSE, JobState.DONE) in kinds
    assert (REFRESH_REPORTS, JobState.DONE) in kinds
    assert not Job.objects.exclude(state=JobState.DONE).exists()


def test_broker_down_the_report_is_stored_and_the_sweep_sends_its_jobs_later(
    org_tree: Any, broker_down: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from duluan.intake.services import report_create

    with django_capture_on_commit_callbacks(execute=True):
        report = report_create(
            actor=org_tree.user("cs_a1", Role.COLLABORATOR), data=data_for(org_tree.cs_a1.pk)
        )
    pending = Job.objects.filter(state=JobState.PENDING)
    assert pending.filter(kind=ANALYSE, dispatched_at__isnull=True).count() == 1
    assert not ReportAnalysis.objects.filter(report=report).exists()
    assert oldest_pending_seconds() is not None
    assert jobs_sweep().dispatched == 0  # still down: nothing sent, nothing lost

    broker_down.CELERY_TASK_ALWAYS_EAGER = True  # the broker is back (run here)
    with django_capture_on_commit_callbacks(execute=True):
        result = jobs_sweep()
    assert result.dispatched >= 2
    assert ReportAnalysis.objects.filter(report=report).exists()
    assert not Job.objects.exclude(state=JobState.DONE).exists()
    assert oldest_pending_seconds() is None


def test_a_job_runs_once_however_often_it_is_delivered(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue("tests.echo", {"n": 1})
    # Eager on commit: it ran; a second delivery of the same message finds it done.
    assert job_run(job.pk).ran is False
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert job.result == {"echo": 1}
    assert (job.progress_done, job.progress_total, job.percent) == (1, 1, 100)
    assert CALLS == [{"n": 1}]


def test_a_failing_job_is_retried_with_pauses_then_failed_then_retried_by_hand() -> None:
    job = Job.objects.create(kind="tests.echo", payload={"fail": True})
    assert job_run(job.pk).state == JobState.PENDING
    job.refresh_from_db()
    assert job.attempts == 1 and "hỏng có chủ đích" in job.error
    assert job.run_after > timezone.now() + timedelta(seconds=5)  # a pause before the next try
    assert job_run(job.pk).ran is False  # not before its time

    later = timezone.now() + timedelta(hours=1)
    for _ in range(2):
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
        job_run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.attempts == 3 and job.finished_at
    assert jobs_sweep(now=later).dispatched == 0  # a failed job waits for a person

    Job.objects.filter(pk=job.pk).update(payload={"n": 2})
    assert job_retry(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.PENDING and job.attempts == 0
    job_run(job.pk)
    job.refresh_from_db()
    assert job.state == JobState.DONE


def test_a_job_whose_worker_died_is_queued_again_by_the_sweep() -> None:
    long_ago = timezone.now() - timedelta(minutes=5)
    dead = Job.objects.create(
        kind="tests.echo",
        payload={"n": 3},
        state=JobState.RUNNING,
        attempts=1,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    alive = Job.objects.create(
        kind="tests.echo",
        payload={"n": 4},
        state=JobState.RUNNING,
        attempts=1,
        started_at=long_ago,
        heartbeat_at=timezone.now(),
    )
    exhausted = Job.objects.create(
        kind="tests.echo",
        payload={"n": 5},
        state=JobState.RUNNING,
        attempts=3,
        started_at=long_ago,
        heartbeat_at=long_ago,
    )
    result = jobs_sweep()
    assert (result.requeued, result.failed) == (1, 1)
    dead.refresh_from_db()
    alive.refresh_from_db()
    exhausted.refresh_from_db()
    assert dead.state == JobState.DONE  # requeued, then run (eager) by the same sweep
    assert alive.state == JobState.RUNNING
    assert exhausted.state == JobState.FAILED and "dừng giữa chừng" in exhausted.error
    assert CALLS == [{"n": 3}]


def test_an_unknown_kind_fails_at_the_write() -> None:
    with pytest.raises(KeyError):
        job_enqueue("tests.no_such_kind")


def test_every_app_declares_its_jobs() -> None:
    for kind in (
        ANALYSE,
        REFRESH_REPORTS,
        "dashboard.refresh_batch",
        "nlp.model_retrain",
        "cases.hot_spot_notify",
        "cases.notify_escalation",
        "cases.notify_direction",
        "surveys.poll_notify",
    ):
        assert kind in KINDS


def test_reports_never_analysed_are_found_by_the_sweeper(org_tree: Any) -> None:
    from duluan.intake.models import Report
    from duluan.intake.services import report_create

    report = report_create(
        actor=org_tree.user("cs_a1", Role.COLLABORATOR), data=data_for(org_tree.cs_a1.pk)
    )
    # Stored before the outbox existed (or its job given up): no job, no analysis.
    Job.objects.all().delete()
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert unanalysed_reports_sweep(force=True) == 1
    job = Job.objects.get(kind=ANALYSE)
    assert job.payload["report_ids"] == [report.pk]
    assert unanalysed_reports_sweep(force=True) == 0  # queued already: not twice


@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_inside_a_job_loses_nothing() -> None:
    from django.db import connection

    @job_handler("tests.drop", max_attempts=3)
    def drop(job: Job) -> None:
        if job.attempts == 1:
            connection.close()  # the server went away under the job
            raise OperationalError("server closed the connection unexpectedly")

    job = Job.objects.create(kind="tests.drop")
    assert job_run(job.pk).state == JobState.PENDING
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    assert job_run(job.pk).state == JobState.DONE


def test_old_jobs_are_pruned_and_recent_ones_kept() -> None:
    from duluan.jobs.services import jobs_prune

    now = timezone.now()
    old = Job.objects.create(
        kind="tests.echo", state=JobState.DONE, finished_at=now - timedelta(days=8)
    )
    recent = Job.objects.create(
        kind="tests.echo", state=JobState.DONE, finished_at=now - timedelta(days=1)
    )
    failed = Job.objects.create(
        kind="tests.echo", state=JobState.FAILED, finished_at=now - timedelta(days=8)
    )
    assert jobs_prune(force=True) == 1
    assert not Job.objects.filter(pk=old.pk).exists()
    assert Job.objects.filter(pk__in=[recent.pk, failed.pk]).count() == 2


def test_healthz_tells_the_oldest_waiting_job_and_recent_failures(client: Any) -> None:
    body = client.get("/healthz").json()
    assert body["checks"]["jobs"]["ok"] is True
    assert body["checks"]["jobs"]["oldest_pending_s"] is None

    Job.objects.create(kind="tests.echo", run_after=timezone.now() - timedelta(minutes=10))
    answer = client.get("/healthz")
    body = answer.json()
    assert answer.status_code == 200 and body["status"] == "degraded"  # not critical
    assert body["checks"]["jobs"]["ok"] is False
    assert body["checks"]["jobs"]["oldest_pending_s"] >= 599

    Job.objects.all().delete()
    Job.objects.create(kind="tests.echo", state=JobState.FAILED, finished_at=timezone.now())
    body = client.get("/healthz").json()
    assert body["checks"]["jobs"] == {
        **body["checks"]["jobs"],
        "ok": False,
        "failed_last_day": 1,
    }


def _merge_sums(payloads: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"n": sorted(x for p in payloads for x in p["n"])}
    if any(p.get("fail") for p in payloads):
        merged["fail"] = True
    return merged


@job_handler("tests.sum", coalesce=3, merge=_merge_sums)
def sum_job(job: Job) -> dict[str, Any]:
    CALLS.append(dict(job.payload))
    if job.payload.get("fail"):
        raise RuntimeError("hỏng")
    return {"sum": sum(job.payload["n"])}


def test_a_backlog_is_worked_off_in_joined_runs() -> None:
    jobs = [Job.objects.create(kind="tests.sum", payload={"n": [i]}) for i in range(5)]
    assert job_run(jobs[0].pk).state == JobState.DONE
    assert CALLS == [{"n": [0, 1, 2, 3]}]  # itself and 3 more waiting: one run
    states = dict(Job.objects.values_list("pk", "state"))
    assert [states[j.pk] for j in jobs] == ["done"] * 4 + ["pending"]
    assert Job.objects.get(pk=jobs[1].pk).result == {"with_job": jobs[0].pk}
    assert job_run(jobs[1].pk).ran is False  # its own message, delivered later: nothing
    assert job_run(jobs[4].pk).state == JobState.DONE
    assert CALLS[-1] == {"n": [4]}


def test_a_failed_joined_run_gives_the_other_jobs_back() -> None:
    first = Job.objects.create(kind="tests.sum", payload={"n": [1], "fail": True})
    other = Job.objects.create(kind="tests.sum", payload={"n": [2]})
    assert job_run(first.pk).state == JobState.PENDING  # retried later, on its own
    other.refresh_from_db()
    assert other.state == JobState.PENDING and other.dispatched_at is None
    assert job_run(other.pk).state == JobState.DONE
    assert CALLS[-1] == {"n": [2]}
