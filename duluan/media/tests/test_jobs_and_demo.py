"""The periodic poll job, the backfill on its own queue, the pacer, and the demo step."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from duluan.jobs.models import Job, JobState
from duluan.jobs.registry import kind_get
from duluan.media.demo_steps import media_demo, media_wipe
from duluan.media.fetch import Pacer
from duluan.media.jobs import BACKFILL, POLL, poll_enqueue
from duluan.media.models import Article, Source
from duluan.org.demo_context import DemoContext

from .support import feed_sources

pytestmark = pytest.mark.django_db


def test_pacer_spaces_requests_to_one_domain_only() -> None:
    clock = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock[0] += seconds

    pacer = Pacer(2.0, clock=lambda: clock[0], sleep=sleep)
    assert pacer.wait("a.example") == 0
    clock[0] += 0.5
    assert pacer.wait("a.example") == 1.5
    assert pacer.wait("b.example") == 0
    clock[0] += 3
    assert pacer.wait("a.example") == 0
    assert slept == [1.5]


def test_backfill_has_its_own_queue_and_the_poll_is_queued_once(
    org_tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert kind_get(BACKFILL).queue == "media_backfill"
    assert kind_get(POLL).queue == "ingest"
    with django_capture_on_commit_callbacks(execute=True):
        feed_sources(org_tree.province)
    backfill = Job.objects.get(kind=BACKFILL)
    assert backfill.state == JobState.DONE  # ran at commit (the embedded default)
    assert Source.objects.get(kind="sitemap").backfilled_at is not None
    Source.objects.update(next_fetch_at=None)
    Job.objects.create(kind=POLL, payload={}, state=JobState.PENDING)
    assert poll_enqueue() == 0  # one is already waiting
    Job.objects.filter(kind=POLL).update(state=JobState.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_enqueue() == 1
    assert Job.objects.filter(kind=POLL, state=JobState.DONE).count() == 2
    assert Article.objects.count() == 15
    assert poll_enqueue() == 0  # nothing is due any more


def test_demo_step_polls_the_recorded_sources_and_can_be_wiped(org_tree: Any) -> None:
    officer = org_tree.user("province")
    ctx = DemoContext(root=org_tree.province, units={}, users={officer.username: officer},
                      today=date(2026, 11, 23), seed=7, progress=lambda _m: None)  # fmt: skip
    counts = media_demo(ctx)
    assert counts == {"media_sources": 5, "articles": 15, "comments": 11}
    assert Article.objects.count() == 15 + 4
    media_wipe(org_tree.province)
    assert not Source.objects.exists() and not Article.objects.exists()


def test_recorded_hosts_are_not_paced_and_real_ones_are(settings: Any) -> None:
    from duluan.media.fetch import Fetcher, make_client

    waits: list[str] = []

    class Counting(Pacer):
        def wait(self, domain: str) -> float:
            waits.append(domain)
            return 0.0

    with Fetcher(make_client(), pacer=Counting(5)) as fetcher:
        fetcher.get("https://baocongnhan.example/feeds/baocongnhan.rss")
        fetcher._pace("https://baomoi.vn/rss")
    assert waits == ["baomoi.vn"]
