"""Reports partitioned by month (PostgreSQL only; the setting's checks run everywhere).

Every PostgreSQL test converts the test database's table inside the test's
transaction: PostgreSQL DDL is transactional, so the rollback at the end puts
the plain table back for the next test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from duluan.core.errors import ApplicationError
from duluan.intake.checks import partitioning_matches_table, partitioning_needs_postgresql
from duluan.intake.models import Report, ReportAttachment, ReporterIdentity
from duluan.intake.partitions import (
    DEFAULT_PARTITION,
    partition_name,
    report_partitions_apply,
    report_partitions_ensure,
    report_partitions_status,
    reports_are_partitioned,
)
from duluan.intake.selectors import ReportFilters, report_list
from duluan.intake.services import report_create
from duluan.intake.tests.test_report_create import data_for

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partitioning is PostgreSQL only"
)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 11, 20)


def _report(unit: Any, heard_at: datetime, **extra: Any) -> Report:
    return Report.objects.create(
        unit=unit,
        channel="truc_tiep",
        heard_at=heard_at,
        subject=extra.pop("subject", "Chậm trả lương"),
        text="Công nhân phản ánh công ty chậm trả lương.",
        kind="khieu_nai",
        mood="tieu_cuc",
        verifiability="nhieu_nguon",
        source="web",
        **extra,
    )


def _where() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, tableoid::regclass::text FROM intake_report")
        return {int(i): str(t) for i, t in cursor.fetchall()}


@pytest.fixture
def spread(org_tree: Any) -> list[Report]:
    """Reports over five months, one of them just after a local month boundary
    (still the previous month in UTC), one with an identity and an attachment."""
    moments = [
        datetime(2026, 6, 15, 9, tzinfo=ZONE),
        datetime(2026, 7, 1, 0, 30, tzinfo=ZONE),  # 2026-06-30 17:30 UTC
        datetime(2026, 8, 31, 23, 59, tzinfo=ZONE),
        datetime(2026, 9, 10, 8, tzinfo=ZONE),
        datetime(2026, 10, 5, 14, tzinfo=ZONE),
    ]
    reports = [_report(org_tree.cs_a1, m) for m in moments]
    ReporterIdentity.objects.create(report=reports[3], name="Nguyễn Văn An")
    ReportAttachment.objects.create(
        report=reports[3],
        file="attachments/ab/abc",
        original_name="anh.png",
        content_type="image/png",
        size=3,
        sha256="abc",
    )
    _report(org_tree.cs_b1, moments[4], import_key="k" * 64)
    return reports


@postgres_only
def test_conversion_puts_each_report_in_its_local_month(spread: list[Report]) -> None:
    before = set(_where())
    result = report_partitions_apply(today=TODAY)
    assert result.converted and result.copied_rows == len(before)
    assert reports_are_partitioned()
    where = _where()
    assert set(where) == before
    assert where[spread[0].pk] == partition_name(date(2026, 6, 1))
    assert where[spread[1].pk] == partition_name(date(2026, 7, 1))  # local month, not UTC
    assert where[spread[2].pk] == partition_name(date(2026, 8, 1))
    assert where[spread[4].pk] == partition_name(date(2026, 10, 1))
    status = report_partitions_status()
    # June to November, then three months ahead; nothing in the default partition.
    assert status["partitions"][0] == "intake_report_p202606"
    assert status["partitions"][-1] == "intake_report_p202702"
    assert status["default_rows"] == 0
    assert status["foreign_keys_to_reports"] == []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = 'intake_report'::regclass AND contype IN ('p', 'u') ORDER BY 1"
        )
        keys = [row[0] for row in cursor.fetchall()]
    assert keys == ["PRIMARY KEY (id, heard_at)", "UNIQUE (import_key, heard_at)"]


@postgres_only
def test_apply_is_idempotent(spread: list[Report]) -> None:
    first = report_partitions_apply(today=TODAY)
    again = report_partitions_apply(today=TODAY)
    assert first.converted and not again.converted
    assert again.created == [] and again.dropped_foreign_keys == []
    assert again.partitions == first.partitions


@postgres_only
def test_orm_create_list_filter_and_delete_still_work(org_tree: Any, spread: list[Report]) -> None:
    top = max(r.pk for r in spread)
    report_partitions_apply(today=TODAY)
    officer = org_tree.user("cs_a1")
    fresh = report_create(actor=officer, data=data_for(org_tree.cs_a1.pk))
    assert fresh.pk > top  # the sequence carried on
    local_month = timezone.localdate(fresh.heard_at).replace(day=1)
    assert _where()[fresh.pk] in {partition_name(local_month), DEFAULT_PARTITION}
    assert Report.objects.get(pk=fresh.pk).subject == fresh.subject

    newest = list(report_list(officer)[:3])
    assert newest[0] == fresh and newest[1] == spread[4]
    july = ReportFilters(date_from=date(2026, 7, 1), date_to=date(2026, 7, 31))
    assert list(report_list(officer, july)) == [spread[1]]

    fresh.subject = "Đã sửa"
    fresh.save(update_fields=["subject"])
    assert Report.objects.get(pk=fresh.pk).subject == "Đã sửa"

    # Moving a report to another month moves its row to that month's partition.
    Report.objects.filter(pk=spread[0].pk).update(heard_at=datetime(2026, 9, 1, 12, tzinfo=ZONE))
    assert _where()[spread[0].pk] == partition_name(date(2026, 9, 1))

    # Deleting cascades through Django's collector (no database FK is left).
    named = spread[3]
    named.delete()
    assert not Report.objects.filter(pk=named.pk).exists()
    assert not ReporterIdentity.objects.filter(report_id=named.pk).exists()
    assert not ReportAttachment.objects.filter(report_id=named.pk).exists()


@postgres_only
def test_a_month_filter_reads_only_that_months_partition(
    org_tree: Any, spread: list[Report]
) -> None:
    report_partitions_apply(today=TODAY)
    officer = org_tree.user("cs_a1")
    july = ReportFilters(date_from=date(2026, 7, 1), date_to=date(2026, 7, 31))
    sql, params = report_list(officer, july)[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (COSTS OFF) {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "intake_report_p202607" in plan
    for other in ("p202606", "p202608", "p202610", "default"):
        assert f"intake_report_{other}" not in plan, plan


@postgres_only
def test_import_key_stays_unique(org_tree: Any, spread: list[Report]) -> None:
    report_partitions_apply(today=TODAY)
    twin = Report.objects.get(import_key="k" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        _report(org_tree.cs_b1, twin.heard_at, import_key="k" * 64)


@postgres_only
def test_ensure_gives_a_stray_month_its_own_partition(org_tree: Any, spread: list[Report]) -> None:
    report_partitions_apply(today=TODAY)
    old = _report(org_tree.cs_a1, datetime(2003, 5, 2, tzinfo=UTC))
    assert _where()[old.pk] == DEFAULT_PARTITION
    result = report_partitions_ensure(today=TODAY + timedelta(days=100))
    assert "intake_report_p200305" in result.created
    assert "intake_report_p202703" in result.created  # a new month ahead
    assert result.moved_rows == 1
    assert _where()[old.pk] == "intake_report_p200305"
    assert report_partitions_status()["default_rows"] == 0


@postgres_only
def test_command_refuses_without_the_setting_then_converts(
    settings: Any, spread: list[Report]
) -> None:
    settings.REPORTS_PARTITIONED = False
    with pytest.raises(CommandError, match="DULUAN_REPORTS_PARTITIONED"):
        call_command("reports_partition", "--apply")
    assert partitioning_matches_table(databases=["default"]) == []
    settings.REPORTS_PARTITIONED = True
    assert [w.id for w in partitioning_matches_table(databases=["default"])] == ["intake.W002"]
    out = StringIO()
    call_command("reports_partition", "--apply", stdout=out)
    assert "Đã chuyển bảng phản ánh sang phân vùng" in out.getvalue()
    assert "đã phân vùng" in out.getvalue()
    assert partitioning_matches_table(databases=["default"]) == []
    settings.REPORTS_PARTITIONED = False
    assert [w.id for w in partitioning_matches_table(databases=["default"])] == ["intake.W003"]
    models_out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=models_out)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the non-PostgreSQL refusal")
def test_partitioning_is_refused_off_postgresql(settings: Any, db: Any) -> None:
    settings.REPORTS_PARTITIONED = True
    assert [e.id for e in partitioning_needs_postgresql()] == ["intake.E001"]
    with pytest.raises(ApplicationError, match="PostgreSQL"):
        report_partitions_apply()
    assert report_partitions_ensure().created == []
