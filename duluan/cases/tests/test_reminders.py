"""Overdue steps and late acknowledgements are reminded once, under a frozen clock;
the matters section and dashboard panels count what the database holds."""

from __future__ import annotations

from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from duluan.cases.choices import EscalationState, State
from duluan.cases.dashboard_panels import hot_spots_panel, overdue_panel
from duluan.cases.models import NotificationKind, StepDeadline
from duluan.cases.reminders import DIRECTION_LATE, matters_overdue_check
from duluan.cases.report_sections import matters_section
from duluan.cases.services import (
    direction_acknowledge,
    direction_issue,
    escalation_decide,
    matter_close,
    matter_create_from_report,
    matter_escalate,
    matter_mark_hot,
)
from duluan.conftest import OrgTree
from duluan.core.extensions import Span
from duluan.notifications.models import Notification
from duluan.org.choices import Role

from .helpers import make_report, verified_matter

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=TZ)  # 2 March 2026 is a Monday


def frozen(moment: datetime) -> mock._patch[mock.Mock]:
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_step_past_its_deadline_is_reminded_once_to_the_unit_and_its_parent(
    org_tree: OrgTree,
) -> None:
    t = org_tree
    for user in (t.user("cs_a1"), t.user("upper_a")):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    StepDeadline.objects.create(level=None, step=State.TIEP_NHAN, working_days=2)
    with frozen(at(2)):
        matter = matter_create_from_report(
            actor=t.user("cs_a1"), report=make_report(t, heard_at=at(2, 8))
        )
    assert matter.step_due == datetime(2026, 3, 4, 23, 59, 59, tzinfo=TZ)
    assert matters_overdue_check(now=at(4, 23))["steps"] == 0
    first = matters_overdue_check(now=at(5))
    assert first["steps"] == 1 and first["notified"] >= 2
    told = Notification.objects.filter(kind=NotificationKind.STEP_OVERDUE, matter=matter)
    assert {n.recipient for n in told} >= {t.user("cs_a1"), t.user("upper_a")}
    assert not told.filter(recipient=t.user("cs_a2")).exists()
    assert {m.to[0] for m in mail.outbox} >= {"cs_a1_officer@example.org"}
    again = matters_overdue_check(now=at(6))
    assert again["notified"] == 0  # the same overdue step is reminded once


def test_a_unit_late_to_acknowledge_is_reminded_and_a_done_one_is_not(org_tree: OrgTree) -> None:
    t = org_tree
    with frozen(at(2)):
        matter = verified_matter(t)
        escalation = matter_escalate(actor=t.user("cs_a1"), matter=matter, proposal="Đề nghị")
        escalation_decide(
            actor=t.user("upper_a"), escalation=escalation, decision=EscalationState.ACCEPTED
        )
        matter.refresh_from_db()
        direction = direction_issue(
            actor=t.user("upper_a", Role.LEADER),
            matter=matter,
            text="Phổ biến",
            correction="Vẫn thưởng Tết",
            whole_subtree=True,
        )
        done = direction.targets.get(unit=t.cs_a1)
        direction_acknowledge(actor=t.user("cs_a1"), target=done, action_taken="Đã phổ biến")
    counts = matters_overdue_check(now=at(20))
    assert counts["targets"] == 1
    late = Notification.objects.filter(kind=DIRECTION_LATE)
    assert {n.recipient for n in late} == {t.user("cs_a2"), t.user("cs_a2", Role.LEADER)}


def test_section_counts_what_happened_in_the_span(org_tree: OrgTree) -> None:
    t = org_tree
    with frozen(at(2)):
        matter = verified_matter(t)
        hot = matter_create_from_report(actor=t.user("cs_a2"), report=make_report(t, "cs_a2"))
        matter_mark_hot(actor=t.user("cs_a2"), matter=hot)
        escalation = matter_escalate(actor=t.user("cs_a1"), matter=matter, proposal="Đề nghị")
        escalation_decide(
            actor=t.user("upper_a"), escalation=escalation, decision=EscalationState.ACCEPTED
        )
        matter.refresh_from_db()
        direction_issue(
            actor=t.user("upper_a", Role.LEADER), matter=matter, text="Phổ biến", correction="Vẫn"
        )
        for target in matter.directions.get().targets.all():
            direction_acknowledge(
                actor=t.user(next(a for a in ("cs_a1", "cs_a2") if getattr(t, a) == target.unit)),
                target=target,
                action_taken="Đã phổ biến",
            )
        matter_close(actor=t.user("upper_a"), matter=matter)
    march = Span(at(1, 0), at(31, 0), "03/2026")
    block = matters_section(t.upper_a, march)
    assert block is not None
    assert block.figure("matters_opened") == 2
    assert block.figure("matters_escalated") == 1
    assert block.figure("matters_directed") == 1
    assert block.figure("matters_closed") == 1
    assert block.figure("rumours_found") == 1
    assert block.figure("rumours_corrected") == 1
    assert block.figure("hot_spots") == 1
    assert block.figure("matters_open_at_end") == 1
    assert matters_section(t.upper_b, march) is None  # nothing in that branch
    april = Span(at(31, 0), at(31, 0) + timedelta(days=30))
    assert (
        matters_section(t.upper_a, april) is None
        or matters_section(t.upper_a, april).figure(  # type: ignore[union-attr]
            "matters_opened"
        )
        == 0
    )


def test_dashboard_panels_follow_the_actor_and_the_unit(org_tree: OrgTree) -> None:
    t = org_tree
    with frozen(at(2)):
        hot = matter_create_from_report(actor=t.user("cs_a1"), report=make_report(t))
        matter_mark_hot(actor=t.user("cs_a1"), matter=hot)
    span = Span(at(1, 0), at(31, 0))
    with frozen(at(9)):
        panel = hot_spots_panel(t.user("province"), t.province, span)
        assert panel is not None and panel.figure("hot_spots_open") == 1
        assert panel.figure("hot_spots_late") == 1
        sibling = hot_spots_panel(t.user("cs_a2"), t.cs_a2, span)
        assert sibling is not None and sibling.figure("hot_spots_open") == 0
        overdue = overdue_panel(t.user("upper_a"), t.upper_a, span)
        assert overdue is not None and overdue.figure("matters_overdue") == 1
