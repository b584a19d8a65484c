"""The compliance board and the reminders, under a frozen clock."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duluan.conftest import OrgTree
from duluan.core.calendar import deadline_extend
from duluan.notifications.models import Notification
from duluan.org.choices import Role
from duluan.org.models import Unit
from duluan.reporting.choices import Compliance, ReportType, State
from duluan.reporting.compliance import compliance_board, compliance_history, reminders_send
from duluan.reporting.models import PeriodicReport, Schedule
from duluan.reporting.periods import Period

from .conftest import local

pytestmark = pytest.mark.django_db


def submitted(
    unit: Unit, code: str, when: datetime | None, state: str = State.SUBMITTED
) -> PeriodicReport:
    period = Period.parse(code)
    span = period.span()
    return PeriodicReport.objects.create(
        unit=unit,
        report_type=ReportType.MONTHLY,
        period=code,
        span_start=span.start,
        span_end=span.end,
        state=state,
        submitted_at=when,
    )


def statuses(board: object) -> dict[str, str]:
    return {row.unit.code: row.status for row in board.rows}  # type: ignore[attr-defined]


def test_board_tells_on_time_late_missing_and_pending(org_tree: OrgTree) -> None:
    submitted(org_tree.upper_a, "2026-10", local(2026, 11, 20, 23))  # the last hour still counts
    submitted(org_tree.upper_b, "2026-10", local(2026, 11, 21, 8))
    submitted(org_tree.upper_b, "2026-09", local(2026, 10, 2))
    now = local(2026, 11, 23)
    october = compliance_board(org_tree.province, "monthly", Period.parse("2026-10"), now=now)
    assert statuses(october) == {"T01-A": Compliance.ON_TIME, "T01-B": Compliance.LATE}
    assert october.counts == {"on_time": 1, "late": 1, "missing": 0, "pending": 0}
    september = compliance_board(org_tree.province, "monthly", Period.parse("2026-09"), now=now)
    assert statuses(september) == {"T01-A": Compliance.MISSING, "T01-B": Compliance.ON_TIME}
    november = compliance_board(org_tree.province, "monthly", Period.parse("2026-11"), now=now)
    assert set(statuses(november).values()) == {Compliance.PENDING}
    # The upper union itself is owed nothing by default: grassroots units do not report monthly.
    assert (
        compliance_board(org_tree.upper_a, "monthly", Period.parse("2026-10"), now=now).rows == []
    )


def test_a_draft_does_not_count_and_an_extension_moves_the_due_date(org_tree: OrgTree) -> None:
    draft = submitted(org_tree.upper_b, "2026-10", None, state=State.DRAFT)
    now = local(2026, 11, 22)
    board = compliance_board(org_tree.province, "monthly", Period.parse("2026-10"), now=now)
    assert statuses(board)["T01-B"] == Compliance.MISSING
    deadline_extend(
        item=draft,
        new_due=local(2026, 11, 25, 23),
        reason="Lũ lụt",
        granted_by=org_tree.user("province", Role.LEADER),
    )
    board = compliance_board(org_tree.province, "monthly", Period.parse("2026-10"), now=now)
    assert statuses(board)["T01-B"] == Compliance.PENDING


def test_on_time_rate_over_twelve_periods(org_tree: OrgTree) -> None:
    for month in range(1, 11):
        submitted(org_tree.upper_a, f"2026-{month:02d}", local(2026, month + 1, 15))
    submitted(org_tree.upper_b, "2026-10", local(2026, 11, 30))
    periods, rows = compliance_history(
        org_tree.province, "monthly", Period.parse("2026-11"), count=12, now=local(2026, 11, 23)
    )
    assert periods[0].code == "2025-12" and periods[-1].code == "2026-11"
    by_code = {row.unit.code: row for row in rows}
    assert by_code["T01-A"].statuses[-1] == Compliance.PENDING
    assert by_code["T01-A"].on_time_rate == round(100 * 10 / 11, 1)
    assert by_code["T01-B"].on_time_rate == 0.0


def test_schedule_rows_replace_the_defaults(org_tree: OrgTree) -> None:
    Schedule.objects.create(
        report_type="monthly", level=org_tree.cs_a1.level, due_day=10, remind_days_before=2
    )
    board = compliance_board(
        org_tree.upper_a, "monthly", Period.parse("2026-10"), now=local(2026, 11, 11)
    )
    assert statuses(board) == {"T01-A-1": Compliance.MISSING, "T01-A-2": Compliance.MISSING}
    assert timezone.localtime(board.rows[0].due_at).day == 10
    assert (
        compliance_board(
            org_tree.province, "monthly", Period.parse("2026-10"), now=local(2026, 11, 11)
        ).rows
        == []
    )


def test_reminders_go_out_before_and_after_the_deadline_once(org_tree: OrgTree) -> None:
    leader_b = org_tree.user("upper_b", Role.LEADER)
    leader_b.email = "lanhdao.b@example.org"
    leader_b.save()
    Schedule.objects.create(report_type="monthly", depth=2)  # monthly only, due the 20th
    submitted(org_tree.upper_a, "2026-09", local(2026, 10, 18, 9))
    submitted(org_tree.upper_b, "2026-09", local(2026, 10, 18, 9))
    submitted(org_tree.upper_a, "2026-10", local(2026, 11, 18, 9))

    before = reminders_send(now=local(2026, 11, 18, 10))
    assert before["before"] == 2  # officer and leader of upper_b; upper_a already sent
    soon = Notification.objects.filter(kind="reporting.due_soon")
    assert {n.recipient.username for n in soon} == {"upper_b_officer", "upper_b_leader"}
    assert "Sắp đến hạn" in soon[0].title and "20/11/2026" in soon[0].title
    assert [m.to for m in mail.outbox] == [["lanhdao.b@example.org"]]
    assert reminders_send(now=local(2026, 11, 18, 11))["before"] == 0

    after = reminders_send(now=local(2026, 11, 22, 10))
    assert after["overdue"] == 2 and after["recipients"] == 2
    late = Notification.objects.filter(kind="reporting.overdue")
    assert {n.recipient.username for n in late} == {"upper_b_officer", "upper_b_leader"}
    told = Notification.objects.filter(kind="reporting.units_late")
    assert {n.recipient.username for n in told} == {"province_officer", "province_leader"}
    assert "1 đơn vị" in told[0].title
    assert reminders_send(now=local(2026, 11, 22, 16))["overdue"] == 0


def test_reminders_run_as_a_command_and_a_task(org_tree: OrgTree) -> None:
    from io import StringIO

    from django.core.management import call_command

    from duluan.reporting.tasks import reminders_send_task

    out = StringIO()
    call_command("reporting", "remind", stdout=out)
    assert "Đã nhắc" in out.getvalue()
    assert set(reminders_send_task.delay().get()) == {"before", "overdue", "recipients"}


def test_board_page_under_a_frozen_clock(
    org_tree: OrgTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    submitted(org_tree.upper_a, "2026-10", local(2026, 11, 19))
    monkeypatch.setattr(timezone, "now", lambda: local(2026, 11, 23))
    client = Client()
    client.force_login(org_tree.user("province", Role.OFFICER))
    page = client.get(reverse("reporting:compliance"), {"unit": org_tree.province.pk})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Kỳ tháng 10/2026" in text  # the period that just fell due
    assert '<option value="2026-10" selected>Tháng 10/2026</option>' in text  # the picker
    assert 'data-unit="T01-A" data-status="on_time"' in text
    assert 'data-unit="T01-B" data-status="missing"' in text
    api = client.get("/api/reporting/compliance", {"unit": org_tree.province.pk})
    assert api.status_code == 401  # the API wants a token, not a session
    outsider = Client()
    outsider.force_login(org_tree.user("upper_b", Role.OFFICER))
    assert (
        outsider.get(reverse("reporting:compliance"), {"unit": org_tree.province.pk}).status_code
        == 404
    )
