"""Query counts of the reporting list pages do not grow with their rows (5 rows, then 50).

See ``core/tests/query_counts.py``. The ceilings are today's counts; raise one
in the commit that adds a query on purpose, and say why. The compliance board
(16) reads the board and its twelve-period history for all units at once.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.test import Client

from duluan.conftest import OrgTree
from duluan.core.tests.query_counts import assert_rows_add_no_queries
from duluan.org.services import unit_create
from duluan.reporting.choices import ReportType, State
from duluan.reporting.compliance import latest_due_period
from duluan.reporting.models import PeriodicReport
from duluan.reporting.periods import Period

UPPER_LEVEL = "Công đoàn cấp trên trực tiếp cơ sở"


@pytest.fixture
def http() -> Client:
    return Client()


def monthly(unit: Any, period: Period, **fields: Any) -> PeriodicReport:
    span = period.span()
    return PeriodicReport.objects.create(
        unit=unit,
        report_type=ReportType.MONTHLY,
        period=period.code,
        span_start=span.start,
        span_end=span.end,
        **fields,
    )


def test_period_list(org_tree: OrgTree, http: Client, django_assert_num_queries: Any) -> None:
    units = [org_tree.upper_a, org_tree.upper_b, org_tree.cs_a1, org_tree.cs_a2, org_tree.cs_b1]
    numbers = count()
    latest = latest_due_period(ReportType.MONTHLY)

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            period = latest
            for _ in range(i // len(units)):
                period = period.previous()
            # Sent (a parent sees only what was sent), some late.
            sent = period.due_at() + timedelta(days=i % 3)
            monthly(units[i % len(units)], period, state=State.SUBMITTED, submitted_at=sent)

    http.force_login(org_tree.user("province"))
    assert_rows_add_no_queries(
        http,
        "/bao-cao-dinh-ky/",
        add,
        # + the schedules and the extensions: due dates are computed, never stored;
        # +3: the navigation's waiting counts for an officer (cases, reporting)
        ceiling=11,
        assert_num_queries=django_assert_num_queries,
        row_marker='<td><a href="/bao-cao-dinh-ky/',
    )


def test_compliance_board(org_tree: OrgTree, http: Client, django_assert_num_queries: Any) -> None:
    numbers = count()
    latest = latest_due_period(ReportType.MONTHLY)

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            unit = unit_create(
                code=f"T01-Q{i}",
                name=f"Công đoàn thử số {i}",
                level=UPPER_LEVEL,
                parent=org_tree.province,
            )
            if i % 2:  # half have sent theirs, some of those late
                monthly(unit, latest, state=State.SUBMITTED, submitted_at=latest.due_at())

    http.force_login(org_tree.user("province"))
    assert_rows_add_no_queries(
        http,
        f"/bao-cao-dinh-ky/tien-do/?unit={org_tree.province.pk}",
        add,
        ceiling=19,  # +3: the navigation's waiting counts for an officer (cases, reporting)
        assert_num_queries=django_assert_num_queries,
        row_marker="Công đoàn thử số",
    )
