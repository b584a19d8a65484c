"""Fixtures of the nlp tests: reports made quickly, in one unit or several."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from duluan.intake.models import Report
from duluan.intake.services import ReportData, build_report, report_bulk_insert
from duluan.org.models import Unit

MakeReports = Callable[..., list[Report]]


@pytest.fixture
def make_reports(db: Any) -> MakeReports:
    """``make_reports(unit, texts, heard_at=...)``: bulk-written reports (no signal)."""

    def make(
        unit: Unit, texts: list[str], heard_at: datetime | list[datetime] | None = None
    ) -> list[Report]:
        moments = (
            heard_at
            if isinstance(heard_at, list)
            else [heard_at or timezone.now() - timedelta(hours=1)] * len(texts)
        )
        reports = [
            build_report(
                unit=unit,
                data=ReportData(
                    unit_id=unit.pk,
                    channel="truc_tiep",
                    heard_at=moment,
                    subject=text[:60],
                    text=text,
                    kind="thong_tin",
                    mood="trung_lap",
                    verifiability="mot_nguon",
                ),
                source="web",
            )
            for text, moment in zip(texts, moments, strict=True)
        ]
        report_bulk_insert(reports)
        subjects = [r.subject for r in reports]
        return list(Report.objects.filter(unit=unit, subject__in=subjects).order_by("pk"))

    return make
