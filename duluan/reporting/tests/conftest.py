"""Helpers for reporting tests: reports written straight to the table at chosen moments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from duluan.intake.models import Report
from duluan.org.models import Unit


def local(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour))


def add_reports(unit: Unit, when: datetime, count: int = 1, **fields: Any) -> list[Report]:
    values: dict[str, Any] = {
        "channel": "truc_tiep",
        "subject": "Công nhân hỏi về lương",
        "text": "Người lao động hỏi về tiền lương tháng này.",
        "kind": "thong_tin",
        "mood": "trung_lap",
        "urgency": "binh_thuong",
        "verifiability": "mot_nguon",
        "source": "web",
    }
    values.update(fields)
    return Report.objects.bulk_create(
        [Report(unit=unit, heard_at=when, **values) for _ in range(count)]
    )


@pytest.fixture
def reports_factory() -> Any:
    return add_reports
