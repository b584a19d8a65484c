"""The fact tables: incremental refresh on intake, idempotent, equal to a rebuild."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import Sum

from duluan.dashboard.models import TOPIC_ALL, TOPIC_NONE, FactDay, FactMonth
from duluan.dashboard.services import (
    dashboard_rebuild,
    dashboard_refresh_batch,
    dashboard_refresh_reports,
)
from duluan.intake.models import ImportBatch, Report
from duluan.intake.services import ReportData, report_create
from duluan.nlp.models import ReportAnalysis, ReportTopic, Topic
from duluan.org.choices import Role

from .helpers import add_reports, at

pytestmark = pytest.mark.django_db
DAY = date(2026, 10, 14)


def cells(model: Any = FactDay, **where: Any) -> int:
    return model.objects.filter(**where).aggregate(n=Sum("reports"))["n"] or 0


def snapshot() -> set[tuple[Any, ...]]:
    day = set(
        FactDay.objects.values_list(
            "unit_id", "day", "topic", "sentiment", "channel", "kind", "reports"
        )
    )
    month = set(
        FactMonth.objects.values_list(
            "unit_id", "month", "topic", "sentiment", "channel", "kind", "reports"
        )
    )
    return day | month


def test_counts_a_report_in_its_unit_and_every_ancestor(org_tree: Any) -> None:
    ids = add_reports(org_tree.cs_a1, 3, DAY, topics=["tien_luong"])
    dashboard_refresh_reports(ids)
    for unit in (org_tree.cs_a1, org_tree.upper_a, org_tree.province):
        assert cells(unit=unit, day=DAY, topic=TOPIC_ALL) == 3
        assert cells(FactMonth, unit=unit, month=DAY.replace(day=1), topic=TOPIC_ALL) == 3
    wages = Topic.objects.get(code="tien_luong")
    assert cells(unit=org_tree.province, topic=wages.pk) == 3
    assert cells(unit=org_tree.upper_b) == 0
    assert cells(unit=org_tree.cs_a2) == 0


def test_unanalysed_reports_count_as_not_analysed_and_mood_stands_in(org_tree: Any) -> None:
    ids = add_reports(org_tree.cs_a1, 2, DAY, mood="trai_chieu")
    dashboard_refresh_reports(ids)
    assert cells(unit=org_tree.cs_a1, topic=TOPIC_NONE, sentiment="trai_chieu") == 2


def test_multi_topic_report_counts_once_in_totals(org_tree: Any) -> None:
    ids = add_reports(org_tree.cs_a1, 4, DAY, topics=["tien_luong", "thoi_gio"])
    dashboard_refresh_reports(ids)
    assert cells(unit=org_tree.province, topic=TOPIC_ALL) == 4
    assert cells(unit=org_tree.province) == 4 + 8


def test_refresh_is_incremental_other_days_untouched(org_tree: Any) -> None:
    old = add_reports(org_tree.cs_a1, 2, DAY - timedelta(days=40))
    dashboard_refresh_reports(old)
    kept = set(FactDay.objects.filter(day=DAY - timedelta(days=40)).values_list("pk", flat=True))
    new = add_reports(org_tree.cs_a2, 5, DAY)
    result = dashboard_refresh_reports(new)
    assert result.days == 1
    assert result.reports == 5  # only that day's reports were read
    # The rows of the untouched day are the same rows, not rewritten.
    assert (
        set(FactDay.objects.filter(day=DAY - timedelta(days=40)).values_list("pk", flat=True))
        == kept
    )
    assert cells(unit=org_tree.upper_a, topic=TOPIC_ALL) == 7


def test_refresh_twice_changes_nothing_and_equals_rebuild(org_tree: Any) -> None:
    ids = add_reports(org_tree.cs_a1, 3, DAY, topics=["an_toan"], channel="email")
    ids += add_reports(
        org_tree.cs_b1, 6, DAY + timedelta(days=20), kind="kien_nghi", mood="tich_cuc"
    )
    dashboard_refresh_reports(ids)
    first = snapshot()
    dashboard_refresh_reports(ids)
    assert snapshot() == first
    dashboard_rebuild()
    assert snapshot() == first


def test_reanalysis_moves_counts(org_tree: Any) -> None:
    ids = add_reports(org_tree.cs_a1, 5, DAY, mood="tieu_cuc")
    dashboard_refresh_reports(ids)
    assert cells(unit=org_tree.cs_a1, topic=TOPIC_NONE) == 5
    topic = Topic.objects.get(code="viec_lam")
    for rid in ids:
        ReportAnalysis.objects.create(report_id=rid, sentiment="trung_lap", model_version="t")
        ReportTopic.objects.create(report_id=rid, topic=topic)
    dashboard_refresh_reports(ids)  # what the nlp task calls after analysing
    assert cells(unit=org_tree.cs_a1, topic=TOPIC_NONE) == 0
    assert cells(unit=org_tree.cs_a1, topic=topic.pk, sentiment="trung_lap") == 5
    assert cells(unit=org_tree.cs_a1, sentiment="tieu_cuc") == 0


def test_local_day_boundary(org_tree: Any) -> None:
    # 23:30 in Hà Nội is 16:30 UTC the same day; 00:30 is the previous day in UTC.
    late = add_reports(org_tree.cs_a1, 1, DAY, hour=23)
    early = add_reports(org_tree.cs_a1, 1, DAY + timedelta(days=1), hour=0)
    dashboard_refresh_reports(late + early)
    assert cells(unit=org_tree.cs_a1, day=DAY, topic=TOPIC_ALL) == 1
    assert cells(unit=org_tree.cs_a1, day=DAY + timedelta(days=1), topic=TOPIC_ALL) == 1


def test_a_filed_report_refreshes_through_the_signal(
    org_tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    actor = org_tree.user("cs_a1", Role.COLLABORATOR)
    with django_capture_on_commit_callbacks(execute=True):
        report_create(
            actor=actor,
            data=ReportData(
                unit_id=org_tree.cs_a1.pk,
                channel="dien_thoai",
                heard_at=at(DAY),
                subject="Hỏi về chế độ thai sản",
                text="Người lao động hỏi về chế độ thai sản.",
                kind="cau_hoi",
                mood="trung_lap",
                verifiability="mot_nguon",
            ),
        )
    assert cells(unit=org_tree.province, day=DAY, topic=TOPIC_ALL, channel="dien_thoai") == 1


def test_an_import_batch_refreshes_its_reports(org_tree: Any) -> None:
    batch = ImportBatch.objects.create(file_name="a.xlsx", sha256="0" * 64)
    add_reports(org_tree.cs_b1, 4, DAY, import_batch=batch)
    dashboard_refresh_batch(batch.pk)
    assert cells(unit=org_tree.upper_b, topic=TOPIC_ALL) == 4


def test_rebuild_since_keeps_earlier_months(org_tree: Any) -> None:
    add_reports(org_tree.cs_a1, 2, date(2026, 8, 3))
    add_reports(org_tree.cs_a1, 3, DAY)
    dashboard_rebuild()
    Report.objects.filter(heard_at__gte=at(date(2026, 10, 1))).delete()
    dashboard_rebuild(since=date(2026, 10, 5))
    assert cells(unit=org_tree.province, topic=TOPIC_ALL) == 2
    assert cells(FactMonth, unit=org_tree.province, topic=TOPIC_ALL) == 2


def test_slim_tables_hold_the_same_counts(org_tree: Any) -> None:
    from duluan.dashboard.models import SlimDay, SlimMonth

    ids = add_reports(org_tree.cs_a1, 3, DAY, topics=["an_toan"], channel="email")
    ids += add_reports(org_tree.cs_a2, 4, DAY + timedelta(days=3), mood="trai_chieu")
    dashboard_refresh_reports(ids)
    for full, slim in ((FactDay, SlimDay), (FactMonth, SlimMonth)):
        for key in ("unit_id", "topic", "sentiment"):
            a = dict(full.objects.values_list(key).annotate(n=Sum("reports")).order_by())
            b = dict(slim.objects.values_list(key).annotate(n=Sum("reports")).order_by())
            assert a == b


def test_rebuild_and_refresh_commands(org_tree: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    ids = add_reports(org_tree.cs_a1, 2, DAY)
    out = StringIO()
    call_command("dashboard", "refresh", *map(str, ids), stdout=out)
    assert "2 phản ánh" in out.getvalue()
    call_command("dashboard", "rebuild", stdout=out)
    assert cells(unit=org_tree.province, topic=TOPIC_ALL) == 2
