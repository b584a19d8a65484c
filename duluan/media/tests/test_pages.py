"""The media page (in scope only), the dashboard panel, the report section, the
emerging-issues block, uploads of fanpage exports and a matter opened from a spike."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.cases.models import Matter
from duluan.core.extensions import DASHBOARD_PANELS, ISSUE_PANELS, REPORT_SECTIONS, Span
from duluan.intake.models import Report
from duluan.media import services
from duluan.media.choices import SourceKind
from duluan.media.fetch import Fetcher
from duluan.media.models import Article, CommentMark, DailyCount, MediaSpike, Source
from duluan.media.recorded import recorded as recorded_file
from duluan.org.choices import Role

from .support import feed_sources

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _span(days: int = 30) -> Span:
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    end = datetime.combine(today + timedelta(days=1), time.min, tz)
    return Span(end - timedelta(days=days), end, "30 ngày")


def test_poll_fills_the_page_panel_and_section_and_a_rerun_changes_nothing(
    org_tree: Any, fetcher: Fetcher
) -> None:
    feed_sources(org_tree.upper_a)
    services.media_poll_due(fetcher=fetcher)
    services.source_create(
        actor=None, unit=org_tree.upper_a, name="Fanpage CĐ KCN", kind=SourceKind.EXPORT
    )
    client = _client(org_tree.user("upper_a"))
    page = client.get(reverse("media:index"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-code="articles">15<' in html
    assert 'data-code="stories">13<' in html
    assert "Công ty Giày Phú Mẫu" in html or "Giày Phú Mẫu" in html
    assert 'id="media-health"' in html and "Hoạt động" in html
    # Top stories: Vietnamese items only; the foreign one is counted apart.
    stories = html.split('id="media-stories"', 1)[1].split("</table>", 1)[0]
    assert "Foreign investors expand electronics plants" not in stories
    assert "Chưa xác định (tiếng nước ngoài)" not in stories
    assert "1 tin tiếng nước ngoài không xếp vào danh sách này" in html
    # The fanpage upload asks in Vietnamese, not with Django's dashes.
    assert "---------" not in html and "Chọn trang/nhóm…" in html
    panel = DASHBOARD_PANELS.get("media").build(org_tree.user("upper_a"), org_tree.upper_a, _span())
    section = REPORT_SECTIONS.get("media").build(org_tree.province, _span())
    assert panel.figure("media_articles") == 15 and panel.figure("media_stories") == 13
    assert section.title == "Nắm bắt qua báo chí, mạng xã hội"
    assert section.figure("media_articles") == 15
    Source.objects.update(next_fetch_at=None)
    services.media_poll_due(fetcher=fetcher)
    again = DASHBOARD_PANELS.get("media").build(org_tree.user("upper_a"), org_tree.upper_a, _span())
    assert again.figures == panel.figures
    dashboard = client.get(reverse("dashboard:panels"), {"unit": org_tree.upper_a.pk})
    assert "Tin (đã gộp bài trùng)" in dashboard.content.decode()


def test_the_page_shows_only_sources_in_scope(org_tree: Any, fetcher: Fetcher) -> None:
    feed_sources(org_tree.upper_a)
    services.media_poll_due(fetcher=fetcher)
    other = _client(org_tree.user("upper_b")).get(reverse("media:index")).content.decode()
    assert 'data-code="articles">0<' in other and "Báo Công Nhân Mẫu" not in other
    parent = _client(org_tree.user("province")).get(reverse("media:index")).content.decode()
    assert 'data-code="articles">15<' in parent and "Báo Công Nhân Mẫu" in parent
    assert REPORT_SECTIONS.get("media").build(org_tree.upper_b, _span()) is None
    assert (
        _client(org_tree.user("cs_a1", Role.COLLABORATOR)).get(reverse("media:index")).status_code
        == 404
    )


def test_fanpage_upload_aggregates_comments_and_keeps_no_text_or_name(org_tree: Any) -> None:
    officer = org_tree.user("upper_a")
    page = services.source_create(
        actor=officer, unit=org_tree.upper_a, name="Fanpage CĐ KCN", kind=SourceKind.EXPORT
    )
    client = _client(officer)
    body = recorded_file("exports/fanpage-cdkcn.json")
    answer = client.post(
        reverse("media:upload"),
        {"source": page.pk, "file": SimpleUploadedFile("fanpage.json", body)},
        follow=True,
    )
    assert "2 bài đăng mới và 7 bình luận" in answer.content.decode()
    assert Article.objects.filter(source=page).count() == 2
    assert CommentMark.objects.filter(source=page).count() == 7
    daily = DailyCount.objects.filter(source=page)
    assert sum(d.comments for d in daily) == 7 and sum(d.articles for d in daily) == 2
    # Again: nothing new.
    client.post(
        reverse("media:upload"), {"source": page.pk, "file": SimpleUploadedFile("f.json", body)}
    )
    assert CommentMark.objects.count() == 7 and sum(d.comments for d in daily.all()) == 7
    csv = services.export_upload(
        actor=officer,
        source=page,
        filename="nhom.csv",
        content=recorded_file("exports/nhom-congnhan.csv"),
    )
    assert csv == {"articles": 2, "folded": 0, "comments": 4, "skipped": 0}
    titles = " ".join(Article.objects.values_list("title", flat=True))
    assert "thưởng Tết" in titles
    stored = " ".join(str(v) for v in CommentMark.objects.values_list("key", "topic", "sentiment"))
    assert "bảo hiểm" not in stored and "Ngô Thị" not in stored


def test_upload_is_refused_outside_the_officers_units(org_tree: Any) -> None:
    page = services.source_create(
        actor=None, unit=org_tree.upper_b, name="Fanpage khác", kind=SourceKind.EXPORT
    )
    answer = _client(org_tree.user("upper_a")).post(
        reverse("media:upload"),
        {"source": page.pk, "file": SimpleUploadedFile("f.json", b"{}")},
        follow=True,
    )
    assert "Chưa nạp được tệp" in answer.content.decode()
    assert not Article.objects.exists()


def _spike_history(source: Source, topic: str = "tien_luong") -> None:
    today = timezone.localdate()
    rows = [DailyCount(source=source, day=today - timedelta(days=d), topic=topic, sentiment="tieu_cuc", articles=3) for d in range(3)]  # fmt: skip
    rows += [DailyCount(source=source, day=today - timedelta(days=10 + 7 * w), topic=topic, sentiment="tieu_cuc", articles=1) for w in range(8)]  # fmt: skip
    DailyCount.objects.bulk_create(rows)


def test_media_spike_reaches_the_issues_page_and_opens_a_matter(org_tree: Any) -> None:
    from duluan.media.services import spikes as media_spikes
    from duluan.nlp import spikes as nlp_spikes

    assert (media_spikes.WINDOW_DAYS, media_spikes.HISTORY_WINDOWS) == (
        nlp_spikes.WINDOW_DAYS,
        nlp_spikes.HISTORY_WINDOWS,
    )
    source = services.source_create(
        actor=None, unit=org_tree.upper_a, name="Fanpage", kind=SourceKind.EXPORT
    )
    _spike_history(source)
    found = services.media_spikes_detect()
    assert [(s.topic, s.count) for s in found] == [("tien_luong", 9)]
    assert len(services.media_spikes_detect()) == 1 and MediaSpike.objects.count() == 1
    # A source followed for a few days only has no baseline: no spike, however busy.
    fresh = services.source_create(
        actor=None, unit=org_tree.upper_b, name="Mới", kind=SourceKind.EXPORT
    )
    today = timezone.localdate()
    DailyCount.objects.bulk_create(DailyCount(source=fresh, day=today - timedelta(days=d), topic="viec_lam", articles=9) for d in range(3))  # fmt: skip
    assert [s.topic for s in services.media_spikes_detect()] == ["tien_luong"]
    spike = found[0]
    officer = org_tree.user("upper_a")
    issues = _client(officer).get(reverse("nlp:issues")).content.decode()
    assert "Tăng đột biến trên báo chí, mạng xã hội" in issues
    assert ISSUE_PANELS.get("media").build(org_tree.user("upper_b")) is None
    # Another branch's officer cannot open it; a leader of the unit can.
    refused = _client(org_tree.user("upper_b")).post(reverse("media:spike_matter", args=[spike.pk]))
    assert refused.status_code == 404
    opened = _client(officer).post(reverse("media:spike_matter", args=[spike.pk]))
    matter = Matter.objects.get()
    assert opened.status_code == 302 and opened["Location"] == reverse(
        "cases:matter_detail", args=[matter.pk]
    )
    report = Report.objects.get()
    assert report.channel == "bao_chi" and report.unit == org_tree.upper_a
    spike.refresh_from_db()
    assert spike.matter == matter
    twice = _client(officer).post(reverse("media:spike_matter", args=[spike.pk]), follow=True)
    assert "Đã lập vấn đề từ cảnh báo này" in twice.content.decode()
    assert Matter.objects.count() == 1


def test_an_officer_adds_a_source_and_switches_a_failed_one_back_on(org_tree: Any) -> None:
    client = _client(org_tree.user("upper_a"))
    client.post(
        reverse("media:source_create"),
        {
            "unit": org_tree.upper_a.pk,
            "name": "Báo Mẫu",
            "kind": "feed",
            "url": "https://baocongnhan.example/feeds/baocongnhan.rss",
            "poll_minutes": 30,
        },
    )
    source = Source.objects.get()
    assert source.unit == org_tree.upper_a
    bad = client.post(
        reverse("media:source_create"),
        {
            "unit": org_tree.upper_a.pk,
            "name": "X",
            "kind": "feed",
            "url": "ftp://x",
            "poll_minutes": 30,
        },
        follow=True,
    )
    assert "phải bắt đầu bằng http" in bad.content.decode() and Source.objects.count() == 1
    Source.objects.update(disabled_at=timezone.now(), failure_score=5)
    client.post(reverse("media:source_switch_on", args=[source.pk]))
    source.refresh_from_db()
    assert source.disabled_at is None and source.failure_score == 0
    assert (
        _client(org_tree.user("upper_b"))
        .post(reverse("media:source_switch_on", args=[source.pk]))
        .status_code
        == 404
    )
