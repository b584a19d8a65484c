"""Grouping reports, hot spots, step due dates and the console count."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from duluan.audit.models import AuditEvent
from duluan.cases.choices import State
from duluan.cases.models import Matter, StepDeadline
from duluan.cases.selectors import direction_progress, matter_list, matters_stats
from duluan.cases.services import (
    direction_issue,
    matter_attach_report,
    matter_create_from_report,
    matter_hot_report_record,
    matter_mark_hot,
    matter_merge,
    matter_split_report,
)
from duluan.cases.workflow import matter_transition
from duluan.conftest import OrgTree
from duluan.core.calendar import deadline_extend
from duluan.core.errors import ValidationFailed
from duluan.org.choices import Role

from .helpers import make_report, verified_matter

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=TZ)


def test_merge_keeps_the_older_matter_and_split_takes_a_report_out(org_tree: OrgTree) -> None:
    officer = org_tree.user("upper_a")
    r1 = make_report(org_tree, people=10)
    older = matter_create_from_report(actor=officer, report=r1)
    r2 = make_report(org_tree, "cs_a2", subject="Lo mất thưởng Tết", people=None)
    newer = matter_create_from_report(actor=officer, report=r2)
    kept = matter_merge(actor=officer, matter=newer, other=older, note="Cùng một tin đồn")
    assert kept.pk == older.pk
    kept.refresh_from_db()
    newer.refresh_from_db()
    assert (kept.report_count, kept.people_count) == (2, 11)
    assert set(kept.units.all()) == {org_tree.cs_a1, org_tree.cs_a2}
    assert (newer.state, newer.merged_into_id, newer.report_count) == (State.DONG, kept.pk, 0)
    assert "Gộp vào vấn đề" in newer.transitions.get().note

    split = matter_split_report(actor=officer, matter=kept, report=r2)
    kept.refresh_from_db()
    assert (kept.report_count, split.report_count) == (1, 1)
    assert list(split.units.all()) == [org_tree.cs_a2]
    with pytest.raises(ValidationFailed):
        matter_split_report(actor=officer, matter=kept, report=r1)
    with pytest.raises(ValidationFailed, match="thuộc một vấn đề khác"):
        matter_attach_report(actor=officer, matter=split, report=r2)


def test_hot_report_creates_a_hot_matter_and_fires_the_hook_on_commit(
    org_tree: OrgTree, django_capture_on_commit_callbacks: Any
) -> None:
    report = make_report(org_tree, urgency="diem_nong")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        matter = matter_create_from_report(actor=org_tree.user("cs_a1"), report=report)
    assert matter.is_hot_spot and matter.hot_since is not None
    assert len(callbacks) == 1
    assert AuditEvent.objects.filter(object_type="hot_spot_notify", object_ids=[matter.pk]).exists()


def test_hot_spot_is_overdue_after_the_configured_hours(org_tree: OrgTree, settings: Any) -> None:
    settings.HOT_SPOT_REPORT_HOURS = 6
    officer = org_tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(org_tree))
    with mock.patch("django.utils.timezone.now", return_value=at(2026, 3, 2, 8, 0)):
        matter_mark_hot(actor=officer, matter=matter, note="Công nhân tụ tập")
    assert matter.hot_report_due == at(2026, 3, 2, 14, 0)
    assert not matter.is_hot_overdue(at(2026, 3, 2, 13, 59))
    assert matter.is_hot_overdue(at(2026, 3, 2, 14, 1))
    assert list(matter_list(officer, overdue=True, now=at(2026, 3, 2, 14, 1))) == [matter]
    assert list(matter_list(officer, hot=True)) == [matter]
    matter_hot_report_record(actor=officer, matter=matter)
    assert not matter.is_hot_overdue(at(2026, 3, 3, 0, 0))


def test_step_due_follows_the_calendar_per_level_and_honours_an_extension(
    org_tree: OrgTree,
) -> None:
    officer = org_tree.user("cs_a1")
    # Friday 6 March 2026: two working days of screening end on Tuesday.
    with mock.patch("django.utils.timezone.now", return_value=at(2026, 3, 6, 9, 0)):
        matter = matter_create_from_report(actor=officer, report=make_report(org_tree))
        matter_transition(actor=officer, matter=matter, to_state=State.SANG_LOC)
    assert timezone.localtime(matter.step_due).date() == at(2026, 3, 10, 0).date()  # type: ignore[arg-type]
    StepDeadline.objects.create(level=org_tree.cs_a1.level, step=State.SANG_LOC, working_days=4)
    assert timezone.localtime(matter.step_due).date() == at(2026, 3, 12, 0).date()  # type: ignore[arg-type]
    assert matter.is_step_overdue(at(2026, 3, 13, 0, 1))
    deadline_extend(
        item=matter,
        new_due=at(2026, 3, 20, 23, 59),
        reason="Chờ công ty trả lời",
        granted_by=org_tree.user("cs_a1", Role.LEADER),
    )
    assert matter.step_due == at(2026, 3, 20, 23, 59)
    assert not matter.is_step_overdue(at(2026, 3, 13, 0, 1))


def test_direction_progress_names_late_units(org_tree: OrgTree) -> None:
    matter = verified_matter(org_tree)
    direction_issue(
        actor=org_tree.user("cs_a1", Role.LEADER),
        matter=matter,
        text="Phổ biến",
        correction="Sự thật",
    )
    progress = direction_progress(matter, now=timezone.now() + timedelta(days=30))
    assert (progress.acted, progress.total) == (0, 1)
    assert progress.late == [org_tree.cs_a1]
    assert direction_progress(matter).late == []


def test_matters_stats_counts_every_state(org_tree: OrgTree) -> None:
    officer = org_tree.user("cs_a1")
    matter_create_from_report(actor=officer, report=make_report(org_tree))
    verified_matter(org_tree)
    assert matters_stats()[State.TIEP_NHAN] == 1
    out = StringIO()
    call_command("matters_stats", "--json", stdout=out)
    counts = json.loads(out.getvalue())
    assert set(counts) == set(State.values)
    assert (counts["tiep_nhan"], counts["xac_minh"], counts["dong"]) == (1, 1, 0)
    assert sum(counts.values()) == Matter.objects.count()
