"""Reports written straight to the table (fast), for the dashboard's tests."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from duluan.intake.models import Report
from duluan.nlp.models import ReportAnalysis, ReportTopic, Topic
from duluan.org.models import Unit

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZONE)


def add_reports(
    unit: Unit,
    count: int,
    day: date,
    *,
    hour: int = 10,
    channel: str = "truc_tiep",
    kind: str = "khieu_nai",
    mood: str = "tieu_cuc",
    topics: list[str] | None = None,
    sentiment: str | None = None,
    **extra: Any,
) -> list[int]:
    """``count`` reports of ``unit`` heard on ``day``; analysed when ``topics`` or ``sentiment``."""
    rows = [
        Report(
            unit=unit,
            channel=channel,
            heard_at=at(day, hour),
            subject=f"Phản ánh thử {i}",
            text="Nội dung phản ánh dùng cho kiểm thử bảng điều khiển.",
            kind=kind,
            mood=mood,
            verifiability="mot_nguon",
            source="demo",
            **extra,
        )
        for i in range(count)
    ]
    created = Report.objects.bulk_create(rows)
    ids = [r.pk for r in created]
    if topics is not None or sentiment is not None:
        ReportAnalysis.objects.bulk_create(
            ReportAnalysis(report_id=i, sentiment=sentiment or mood, model_version="test")
            for i in ids
        )
        for code in topics or []:
            # A transactional test flushes the seeded taxonomy: put the topic back.
            topic = Topic.objects.get_or_create(code=code, defaults={"name": code})[0]
            ReportTopic.objects.bulk_create(ReportTopic(report_id=i, topic=topic) for i in ids)
    return ids


def topic_codes() -> list[str]:
    return list(Topic.objects.order_by("order", "code").values_list("code", flat=True))
