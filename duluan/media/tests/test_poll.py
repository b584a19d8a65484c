"""``duluan media poll --once`` on the recorded feeds: stored, folded, aggregated; a re-run
adds nothing; 304s; robots.txt; failures and switch-off; no author name anywhere."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from duluan.media.choices import Health
from duluan.media.fetch import Fetcher, FixtureTransport
from duluan.media.models import Article, DailyCount, Source, Story
from duluan.media.services import media_poll_due, source_poll

from .support import AUTHOR_NAMES, feed_sources

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Article.objects.count(),
        Story.objects.count(),
        DailyCount.objects.count(),
        sum(DailyCount.objects.values_list("articles", flat=True)),
    )


def test_poll_once_stores_analyses_folds_and_a_rerun_adds_nothing(
    org_tree: Any, fetcher: Fetcher, recorded: FixtureTransport
) -> None:
    feed_sources(org_tree.province)
    first = media_poll_due(fetcher=fetcher)
    assert first.sources == 3 and first.failed == 0
    # 8 RSS + 5 Atom + 2 readable sitemap entries (the third, under /private/, is not stored).
    assert Article.objects.count() == 8 + 5 + 2
    assert first.folded == 2  # the two reposts of the Atom feed
    assert Story.objects.count() == Article.objects.count() - 2
    english = Article.objects.get(link__endswith="electronics-plants-2004")
    assert english.language == "khac" and english.topic == ""
    wages = Article.objects.get(link__endswith="ngung-viec-vi-no-luong-1001.html")
    assert wages.language == "vi" and wages.topic and wages.sentiment and wages.model_version
    assert wages.story is not None and wages.story.article_count == 2
    assert DailyCount.objects.exists()
    before = _counts()

    Source.objects.update(next_fetch_at=None)  # due again
    second = media_poll_due(fetcher=fetcher)
    assert second.sources == 3 and second.not_modified == 3 and second.articles == 0
    assert _counts() == before

    Source.objects.update(next_fetch_at=None, etag="", last_modified="")  # no 304 this time
    third = media_poll_due(fetcher=fetcher)
    assert third.not_modified == 0 and third.articles == 0
    assert _counts() == before


def test_conditional_get_sends_validators_and_counts_304_as_success(
    org_tree: Any, fetcher: Fetcher, recorded: FixtureTransport
) -> None:
    source = feed_sources(org_tree.province)[0]
    source_poll(source, fetcher)
    assert source.etag and source.last_modified
    source.refresh_from_db()
    earlier = source.last_success_at
    later = timezone.now() + timedelta(hours=1)
    result = source_poll(source, fetcher, now=later)
    assert result.not_modified == 1
    source.refresh_from_db()
    assert source.last_success_at == later and source.last_success_at != earlier
    assert source.failure_score == 0 and source.health == Health.OK
    assert source.next_fetch_at == later + timedelta(minutes=source.poll_minutes)


def test_robots_txt_disallow_is_respected(
    org_tree: Any, fetcher: Fetcher, recorded: FixtureTransport
) -> None:
    sitemap = feed_sources(org_tree.province)[2]
    source_poll(sitemap, fetcher)
    assert not any("/private/" in url for url in recorded.requests)
    assert any(url.endswith("/pages/tang-ca-dem-3001.html") for url in recorded.requests)
    # An entry robots.txt closes is not stored at all, not even by its sitemap title.
    assert Article.objects.exists()
    assert not Article.objects.filter(link__contains="/private/").exists()
    blocked = Source.objects.create(
        unit=org_tree.province,
        name="Trang cấm",
        outlet="Tin KCN Mẫu",
        kind="feed",
        url="https://tinkcn.example/private/feed.rss",
    )
    result = source_poll(blocked, fetcher)
    assert result.failed == 1
    blocked.refresh_from_db()
    assert "robots.txt" in blocked.last_error
    assert not any(url.endswith("/private/feed.rss") for url in recorded.requests)


def test_failures_raise_the_score_back_off_and_switch_the_source_off(
    org_tree: Any, fetcher: Fetcher, settings: Any
) -> None:
    settings.MEDIA_MAX_FAILURES = 3
    source = Source.objects.create(
        unit=org_tree.province,
        name="Nguồn hỏng",
        outlet="Báo Mẫu",
        kind="feed",
        url="https://baocongnhan.example/feeds/khong-ton-tai.rss",
    )
    now = timezone.now()
    source_poll(source, fetcher, now=now)
    source.refresh_from_db()
    assert source.failure_score == 1 and source.consecutive_failures == 1
    assert "404" in source.last_error and source.health == Health.FAILING
    assert source.next_fetch_at == now + timedelta(minutes=2 * source.poll_minutes)
    source_poll(source, fetcher, now=now)
    source.refresh_from_db()
    assert source.next_fetch_at == now + timedelta(minutes=4 * source.poll_minutes)
    source_poll(source, fetcher, now=now)
    source.refresh_from_db()
    assert source.disabled_at is not None and source.health == Health.OFF
    assert source.next_fetch_at is None
    assert media_poll_due(fetcher=fetcher).sources == 0  # a switched-off source is not polled


def test_a_server_error_is_a_soft_failure(org_tree: Any, tmp_path: Any) -> None:
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "baocongnhan.example").write_text("503")
    from duluan.media.fetch import Pacer, make_client

    source = feed_sources(org_tree.province)[0]
    with Fetcher(make_client(fixtures=FixtureTransport(tmp_path)), pacer=Pacer(0)) as broken:
        source_poll(source, broken)
    source.refresh_from_db()
    assert source.failure_score == 0.5 and "503" in source.last_error


def test_poll_command_once(org_tree: Any, capsys: Any) -> None:
    feed_sources(org_tree.province)
    call_command("media", "poll", "--once")
    out = capsys.readouterr().out
    assert "3 nguồn" in out and "15 bài mới" in out
    call_command("media", "poll", "--once", "--all")
    assert "0 bài mới" in capsys.readouterr().out
    assert Article.objects.count() == 15


def _all_text_in_database() -> str:
    """Every text and JSON column of every table, as one string."""
    chunks: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                chunks.extend(str(v) for v in row if v is not None)
    return "\n".join(chunks)


def test_no_author_or_commenter_name_is_stored_anywhere(org_tree: Any, fetcher: Fetcher) -> None:
    from duluan.media.choices import SourceKind
    from duluan.media.recorded import recorded
    from duluan.media.services import export_upload, source_create

    feed_sources(org_tree.province)
    media_poll_due(fetcher=fetcher)
    for name, path in (
        ("Fanpage", "exports/fanpage-cdkcn.json"),
        ("Nhóm", "exports/nhom-congnhan.csv"),
    ):
        source = source_create(
            actor=None, unit=org_tree.province, name=name, kind=SourceKind.EXPORT
        )
        export_upload(actor=None, source=source, filename=path, content=recorded(path))
    everything = _all_text_in_database()
    assert "Giày Phú Mẫu" in everything  # the grep reads the stored rows
    found = [name for name in AUTHOR_NAMES if name in everything]
    assert not found, found
