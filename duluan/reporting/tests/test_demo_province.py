"""Acceptance on the demo province: the document's numbers are the database's,
the demo year of monthly reports gives the board a story, the panel shows it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from docx import Document

from duluan.core.extensions import DASHBOARD_PANELS
from duluan.intake.choices import Channel, Kind
from duluan.intake.models import Report
from duluan.nlp.models import ReportAnalysis, ReportTopic, Topic
from duluan.org.models import Unit, User
from duluan.org.scope import subtree_q
from duluan.reporting.choices import Compliance, ReportType
from duluan.reporting.compliance import compliance_history, latest_due_period
from duluan.reporting.models import PeriodicReport
from duluan.reporting.periods import MONTH, Period

pytestmark = pytest.mark.django_db
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REPORTS = 2000


@pytest.fixture(scope="module")
def province(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Unit]:
    """The demo loaded once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command(
                "demo",
                "--reports",
                str(REPORTS),
                "--seed",
                "11",
                stdout=StringIO(),
                stderr=StringIO(),
            )
            root = Unit.objects.get(code="SH", depth=1)
            _analyse_some(root)
            yield root
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _analyse_some(root: Unit) -> None:
    """Stand in for the text analytics on every third report (topics and sentiment)."""
    topics = list(Topic.objects.order_by("code")[:4])
    # The demo's own analysis step has scored every report: start from none.
    ReportTopic.objects.filter(subtree_q(root, field="report__unit")).delete()
    ReportAnalysis.objects.filter(subtree_q(root, field="report__unit")).delete()
    reports = list(Report.objects.filter(subtree_q(root)).order_by("pk")[::3])
    ReportAnalysis.objects.bulk_create(
        [
            ReportAnalysis(
                report=r,
                sentiment=("tieu_cuc", "trung_lap", "tich_cuc")[r.pk % 3],
                model_version="t",
            )
            for r in reports
        ]
    )
    ReportTopic.objects.bulk_create(
        [ReportTopic(report=r, topic=topics[r.pk % len(topics)]) for r in reports]
        + [ReportTopic(report=r, topic=topics[(r.pk + 1) % len(topics)]) for r in reports[::2]]
    )


def month() -> Period:
    return Period.containing(MONTH, timezone.localdate()).previous()


def tables(doc: Any) -> dict[str, list[list[str]]]:
    """Every table by the text of its header row's first cells."""
    found: dict[str, list[list[str]]] = {}
    for table in doc.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        found.setdefault(" | ".join(rows[0][:2]), rows)
    return found


def number(text: str) -> int:
    return int(text.replace(".", ""))


@pytest.fixture(scope="module")
def built(province: Unit, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list[str]]]:
    out = tmp_path_factory.mktemp("docx") / "tinh.docx"
    call_command(
        "report",
        "build",
        "--unit",
        "SH",
        "--period",
        month().code,
        "--format",
        "docx",
        "--out",
        str(out),
        stdout=StringIO(),
    )
    return tables(Document(BytesIO(out.read_bytes())))


def in_month(root: Unit) -> Any:
    span = month().span()
    return Report.objects.filter(subtree_q(root), heard_at__gte=span.start, heard_at__lt=span.end)


def test_docx_totals_kinds_and_channels_equal_the_database(province: Unit, built: Any) -> None:
    reports = in_month(province)
    total = reports.count()
    assert total > 50
    overview = {row[0]: row[1] for row in built["Chỉ tiêu | Số lượng"][1:]}
    assert number(overview["Tổng số phản ánh ghi nhận"]) == total
    kinds = Counter(dict(reports.values_list("kind").annotate(n=Count("id"))))
    kind_rows = {row[0]: number(row[1]) for row in built["Loại | Số phản ánh"][1:]}
    assert kind_rows == {**{str(k.label): kinds.get(k.value, 0) for k in Kind}, "Tổng cộng": total}
    channels = Counter(dict(reports.values_list("channel").annotate(n=Count("id"))))
    channel_rows = {row[0]: number(row[1]) for row in built["Kênh | Số phản ánh"][1:]}
    assert channel_rows == {
        **{str(c.label): channels.get(c.value, 0) for c in Channel},
        "Tổng cộng": total,
    }


def test_docx_units_topics_sentiment_and_comparison_equal_the_database(
    province: Unit, built: Any
) -> None:
    reports = in_month(province)
    unit_rows = {row[0]: number(row[1]) for row in built["Đơn vị | Số phản ánh"][1:]}
    for upper in province.get_children():
        assert unit_rows[upper.display_name] == reports.filter(subtree_q(upper)).count()
    topic_counts = Counter(
        dict(
            ReportTopic.objects.filter(report__in=reports)
            .values_list("topic__name")
            .annotate(n=Count("report", distinct=True))
        )
    )
    topic_rows = {row[0]: number(row[1]) for row in built["Chủ đề | Số phản ánh"][1:]}
    assert topic_rows == {name: n for name, n in topic_counts.items() if n}
    sentiment: Counter[str] = Counter()
    for report in reports.select_related("analysis"):
        analysis = getattr(report, "analysis", None)
        sentiment[analysis.sentiment if analysis else report.mood] += 1
    rows = {row[0]: number(row[1]) for row in built["Tâm trạng | Số phản ánh"][1:]}
    assert rows["Tiêu cực"] == sentiment["tieu_cuc"]
    assert rows["Trung lập"] == sentiment["trung_lap"]
    assert rows["Tích cực"] == sentiment["tich_cuc"]
    assert rows["Trái chiều (theo người phản ánh)"] == sentiment["trai_chieu"]
    compare = {row[0]: row for row in built["Chỉ tiêu | Kỳ này"][1:]}
    previous = month().previous().span()
    assert (
        number(compare["Tổng số phản ánh"][2])
        == Report.objects.filter(
            subtree_q(province),
            heard_at__gte=previous.start,
            heard_at__lt=previous.end,
        ).count()
    )
    assert number(compare["Điểm nóng"][1]) == reports.filter(urgency="diem_nong").count()


def test_quotes_come_only_from_groups_of_five_or_more_and_are_masked(province: Unit) -> None:
    from duluan.reporting.sections import quotes

    block = quotes(province, month().span())
    if block is None:
        pytest.skip("no opinion shared by five people in this month of the small demo")
    for paragraph in block.paragraphs:
        people = int(paragraph.rsplit("khoảng ", 1)[1].split(" ")[0].replace(".", ""))
        assert people >= 5
        assert "@" not in paragraph


def test_demo_year_of_monthly_reports_tells_a_story(province: Unit) -> None:
    reports = PeriodicReport.objects.filter(subtree_q(province))
    assert reports.count() > 100
    period = latest_due_period(ReportType.MONTHLY)
    _, history = compliance_history(province, ReportType.MONTHLY, period, count=12)
    assert len(history) == 15
    seen = Counter(status for row in history for status in row.statuses)
    assert seen[Compliance.ON_TIME] > seen[Compliance.LATE] > 0
    assert seen[Compliance.MISSING] > 0
    panel = DASHBOARD_PANELS.get("reporting.late_units").build
    actor = User.objects.get(username="tinh.lanhdao")
    block = panel(actor, province, period.span())
    assert panel(User.objects.get(username="kcn.lanhdao"), province, period.span()) is None
    assert block is not None
    assert (
        block.figure("reporting.on_time")
        + block.figure("reporting.late")
        + block.figure("reporting.missing")
        + sum(1 for row in history if row.statuses[-1] == Compliance.PENDING)
        == 15
    )


def test_command_builds_xlsx_and_reports_its_time(province: Unit, tmp_path: Path) -> None:
    out = StringIO()
    target = tmp_path / "tinh.xlsx"
    call_command(
        "report",
        "build",
        "--unit",
        "SH",
        "--period",
        month().code,
        "--format",
        "xlsx",
        "--out",
        str(target),
        stdout=out,
    )
    assert target.read_bytes()[:2] == b"PK"
    assert "phản ánh" in out.getvalue()
    assert json.dumps(out.getvalue())
