"""Activity from the data, the evaluation prefilled with its evidence, leader sign-off."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from duluan.core.errors import PermissionDeniedError, ValidationFailed
from duluan.intake.services import ReportData, report_create
from duluan.network.selectors.activity import member_activity, suggested_grade
from duluan.network.services.activity import (
    commendation_add,
    evaluation_prefill,
    evaluation_sign,
)
from duluan.network.services.meetings import (
    attendance_upsert,
    briefing_attendance_set,
    briefing_create,
    training_create,
    training_register,
)

from .conftest import appoint

pytestmark = pytest.mark.django_db


def _working_day() -> datetime:
    """Noon, local time, five days ago: the events of a test fall on one day of one year,
    whatever day the suite runs (the first days of January included)."""
    day = timezone.localdate() - timedelta(days=5)
    return timezone.make_aware(datetime.combine(day, time(12)))


def test_activity_counts_check_ins_not_registrations(org_tree: Any) -> None:
    tree = org_tree
    officer, user = tree.user("cs_a1"), tree.user("cs_a1", "collaborator")
    member = appoint(officer, tree.cs_a1, "Đỗ Thị Hoạt Động", date(2024, 1, 1), user=user)
    noon = _working_day()
    year = noon.year
    for hours in (3, 4, 5):
        report_create(
            actor=user,
            data=ReportData(
                unit_id=tree.cs_a1.pk,
                channel="truc_tiep",
                heard_at=noon - timedelta(hours=hours),
                subject="Lo lắng về hợp đồng",
                text="Nhiều người chưa ký hợp đồng mới.",
                kind="thong_tin",
                mood="tieu_cuc",
                verifiability="nhieu_nguon",
                urgency="diem_nong" if hours == 3 else "binh_thuong",
            ),
        )
    today = noon.date()
    came = training_create(
        actor=officer, unit_id=tree.cs_a1.pk, title="Lớp kỹ năng nắm bắt dư luận", starts_on=today
    )
    missed = training_create(
        actor=officer, unit_id=tree.cs_a1.pk, title="Lớp thứ hai", starts_on=today
    )
    training_register(actor=officer, training_id=came.pk, member_id=member.pk)
    training_register(actor=officer, training_id=missed.pk, member_id=member.pk)
    attendance_upsert(
        came, member=member, full_name=member.full_name, unit=member.unit, source="qr", present=True
    )
    briefing = briefing_create(
        actor=officer,
        unit_id=tree.cs_a1.pk,
        kind="ctv_thang",
        title="Giao ban",
        held_at=noon + timedelta(hours=2),
    )
    briefing_attendance_set(actor=officer, briefing_id=briefing.pk, present_member_ids=[member.pk])
    activity = member_activity(member, date(year, 1, 1), date(year + 1, 1, 1))
    assert activity.reports_sent == 3
    assert activity.hot_spot_reports == 1
    assert activity.trainings_attended == 1  # the registration alone does not count
    assert activity.briefings_attended == 1

    evaluation = evaluation_prefill(actor=officer, member_id=member.pk, year=year)
    assert evaluation.figures["reports_sent"] == 3
    assert evaluation.score == 3 * 2 + 1 * 5 + 1 * 3 + 1 * 5
    assert evaluation.suggested == suggested_grade(evaluation.score) == "khong_hoan_thanh"
    with pytest.raises(PermissionDeniedError):
        evaluation_sign(actor=officer, evaluation_id=evaluation.pk, grade="hoan_thanh")
    signed = evaluation_sign(
        actor=tree.user("cs_a1", "leader"),
        evaluation_id=evaluation.pk,
        grade="hoan_thanh",
        comment="Tích cực",
    )
    assert signed.grade == "hoan_thanh" and signed.signed_at is not None
    with pytest.raises(ValidationFailed):
        evaluation_prefill(actor=officer, member_id=member.pk, year=year)
    reward = commendation_add(
        actor=officer,
        member_id=member.pk,
        kind="khen_thuong",
        form="Giấy khen",
        decision_no="45/QĐ-LĐLĐ",
        decision_date=date(year, 1, 15),
        issuer="LĐLĐ tỉnh",
    )
    assert reward.decision_no == "45/QĐ-LĐLĐ"


def test_grade_thresholds() -> None:
    assert [suggested_grade(s) for s in (100, 80, 79, 60, 35, 34, 0)] == [
        "xuat_sac",
        "xuat_sac",
        "tot",
        "tot",
        "hoan_thanh",
        "khong_hoan_thanh",
        "khong_hoan_thanh",
    ]


def test_batch_activity_equals_one_by_one(org_tree: Any) -> None:
    from duluan.network.selectors.activity import activities_for

    tree = org_tree
    officer = tree.user("cs_a1")
    users = [tree.user("cs_a1", "collaborator"), tree.user("cs_a1", "reporter")]
    members = [
        appoint(officer, tree.cs_a1, f"Người {i}", date(2024, 1, 1), user=u)
        for i, u in enumerate(users)
    ]
    members.append(appoint(officer, tree.cs_a1, "Không tài khoản", date(2024, 1, 1)))
    for days in (1, 2):
        report_create(
            actor=users[0],
            data=ReportData(
                unit_id=tree.cs_a1.pk,
                channel="truc_tiep",
                heard_at=timezone.now() - timedelta(days=days),
                subject="Ý kiến",
                text="Nội dung.",
                kind="thong_tin",
                mood="trung_lap",
                verifiability="mot_nguon",
                urgency="diem_nong",
            ),
        )
    today = timezone.localdate()
    start, end = today - timedelta(days=10), today + timedelta(days=1)
    batch = activities_for(members, start, end)
    for m in members:
        assert batch[m.pk] == member_activity(m, start, end)
    assert batch[members[0].pk].reports_sent == 2


def test_periodic_reports_sent_on_time_count_for_the_member_who_sent_them(org_tree: Any) -> None:
    from duluan.network.selectors.activity import activities_for
    from duluan.reporting.services import (
        periodic_report_approve,
        periodic_report_create,
        periodic_report_submit,
    )

    tree = org_tree
    # District unions owe the province a monthly report by the 20th (the default schedule).
    officer, leader = tree.user("upper_a"), tree.user("upper_a", "leader")
    member = appoint(officer, tree.upper_a, "Lê Văn Báo Cáo", date(2024, 1, 1), user=officer)
    other = appoint(officer, tree.upper_a, "Người Khác", date(2024, 1, 1))
    zone = timezone.get_current_timezone()
    for period, sent in (
        ("2026-01", datetime(2026, 2, 18, 9, tzinfo=zone)),  # due 20/02: on time
        ("2026-02", datetime(2026, 3, 25, 9, tzinfo=zone)),  # due 20/03: late
        ("2026-03", datetime(2026, 4, 20, 23, 30, tzinfo=zone)),  # the last evening: on time
    ):
        report = periodic_report_create(
            actor=officer, unit_id=tree.upper_a.pk, report_type="monthly", period=period
        )
        periodic_report_approve(actor=leader, report_id=report.pk, now=sent)
        periodic_report_submit(actor=officer, report_id=report.pk, now=sent)

    activity = member_activity(member, date(2026, 1, 1), date(2027, 1, 1))
    assert (activity.periodic_on_time, activity.periodic_late) == (2, 1)
    assert activity.score() == 2 * 2
    assert member_activity(member, date(2026, 4, 1), date(2026, 5, 1)).periodic_on_time == 1
    batch = activities_for([member, other], date(2026, 1, 1), date(2027, 1, 1))
    assert batch[member.pk] == activity
    assert batch[other.pk].periodic_on_time == 0
