"""Query counts of the dashboard's pages do not grow with their rows (5 rows, then 50).

See ``core/tests/query_counts.py``. The ceilings are today's counts; raise one
in the commit that adds a query on purpose, and say why. The page's rows are
the child units (each with its reports and topics); the panels' rows are the
other apps' (here the cases app's overdue matters and hot spots). The panels
page runs every app's panel, each a few aggregate queries; the media and
channels panels are given data of last month (the default period) so that
their queries are counted as they run when they show something.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import count
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from duluan.cases.models import Matter
from duluan.cases.services import matter_create_from_report, matter_mark_hot
from duluan.cases.tests.helpers import make_report
from duluan.conftest import OrgTree
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.core.tests.query_counts import assert_rows_add_no_queries
from duluan.dashboard.services import dashboard_rebuild
from duluan.intake.services import ReportData, report_create
from duluan.media.choices import SourceKind
from duluan.media.models import Article, DailyCount, Source
from duluan.org.choices import Role
from duluan.org.services import unit_create

from .helpers import add_reports

UPPER_LEVEL = "Công đoàn cấp trên trực tiếp cơ sở"
# 32 before the media and channels panels; the channels panel adds 1 query, the media
# panel 2 (41 before they were made aggregate queries: 2 and 7, with a scope lookup).
CEILING = 35
TOPICS = ["tien_luong", "thi_dua", "bhxh", "an_toan", "nha_o"]


@pytest.fixture
def http() -> Client:
    return Client()


def test_dashboard_page(org_tree: OrgTree, http: Client, django_assert_num_queries: Any) -> None:
    numbers = count()
    today = timezone.localdate()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            unit = unit_create(
                code=f"T01-Q{i}",
                name=f"Công đoàn thử số {i}",
                level=UPPER_LEVEL,
                parent=org_tree.province,
            )
            for back in (0, 40, 400):  # this month, the one before, a year before
                add_reports(unit, 6, today - timedelta(days=back), topics=[TOPICS[i % len(TOPICS)]])
        dashboard_rebuild()

    http.force_login(org_tree.user("province", Role.ANALYST))
    assert_rows_add_no_queries(
        http,
        "/bang-dieu-khien/",
        add,
        ceiling=14,
        assert_num_queries=django_assert_num_queries,
        row_marker="Công đoàn thử số",
    )


def _media_and_channels_of_last_month(tree: OrgTree) -> None:
    """One followed source with counts and an article, and a report filed by SMS,
    dated in the previous month: the panels page's default period."""
    day = timezone.localdate().replace(day=1) - timedelta(days=10)
    at = timezone.make_aware(datetime.combine(day, time(9)))
    source = Source.objects.create(
        unit=tree.upper_a, name="Báo Lao Động", outlet="Lao Động", kind=SourceKind.FEED
    )
    DailyCount.objects.create(
        source=source, day=day, topic="tien_luong", sentiment="tieu_cuc", articles=3, comments=4
    )
    Article.objects.create(
        source=source,
        link="https://laodong.vn/bai-thu",
        title="Bài thử",
        outlet="Lao Động",
        published_at=at,
        language="vi",
    )
    report_create(
        actor=SYSTEM_ACTOR,
        data=ReportData(
            unit_id=tree.cs_a1.pk,
            channel="sms",
            heard_at=at,
            subject="Tin nhắn thử",
            text="Nội dung",
            kind="thong_tin",
            mood="trung_lap",
            verifiability="mot_nguon",
        ),
        source="kenh",
    )


def test_dashboard_panels(
    org_tree: OrgTree, http: Client, django_assert_num_queries: Any, settings: Any
) -> None:
    # Emerging issues are computed on every request here (no cache), so the
    # count pinned is the computation's, not a cache hit's.
    settings.NLP_ISSUES_CACHE_SECONDS = 0
    _media_and_channels_of_last_month(org_tree)
    numbers = count()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            unit = ("cs_a1", "cs_a2", "cs_b1", "upper_a")[i % 4]
            officer = org_tree.user(unit)
            report = make_report(org_tree, unit, subject=f"Vấn đề thử số {i}")
            matter = matter_create_from_report(actor=officer, report=report)
            if i % 2:
                matter_mark_hot(actor=officer, matter=matter, note="Tụ tập đông")
            else:  # received long ago and left: overdue
                Matter.objects.filter(pk=matter.pk).update(
                    state_since=timezone.now() - timedelta(days=60)
                )

    http.force_login(org_tree.user("province", Role.LEADER))
    assert_rows_add_no_queries(
        http,
        "/bang-dieu-khien/cac-muc/",
        add,
        # includes the navigation's 3 waiting counts (cases, reporting), the channels
        # panel's 1 (reports by channel and corrections sent back, one UNION ALL) and
        # the media panel's 2 (sources and stories; daily counts by topic with names)
        ceiling=CEILING,
        assert_num_queries=django_assert_num_queries,
        row_marker="Vấn đề thử số",
    )
    html = http.get("/bang-dieu-khien/cac-muc/").content.decode()
    assert "Báo chí, mạng xã hội" in html and "Tiếp nhận qua Zalo, email, SMS" in html
