"""The roster read on any date; coverage; inactive collaborators for own-unit officers only."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from duluan.core.errors import NotFoundError
from duluan.intake.services import ReportData, report_create
from duluan.network.choices import EventKind, RosterStatus
from duluan.network.models import MediaGroup
from duluan.network.selectors.activity import inactive_list
from duluan.network.selectors.roster import access_member, coverage, roster_on
from duluan.network.services.roster import Appointment, member_event_add

from .conftest import appoint

pytestmark = pytest.mark.django_db


def test_coverage_on_a_past_date_equals_the_roster_that_day(org_tree: Any) -> None:
    tree = org_tree
    boss = tree.user("province")
    a = appoint(boss, tree.cs_a1, "Nguyễn Văn An", date(2019, 1, 10))
    b = appoint(boss, tree.cs_a2, "Trần Thị Bình", date(2019, 5, 1))
    c = appoint(boss, tree.cs_b1, "Lê Văn Cường", date(2020, 3, 1))
    appoint(boss, tree.upper_a, "Phạm Báo Cáo", date(2018, 1, 1), kind="bcv")
    # Bình pauses in 2020 and leaves in 2021; An moves to cs_b1 in 2022.
    member_event_add(
        actor=boss,
        member_id=b.pk,
        kind=EventKind.STATUS,
        status=RosterStatus.PAUSED,
        data=Appointment(on=date(2020, 6, 1)),
    )
    member_event_add(
        actor=boss,
        member_id=b.pk,
        kind=EventKind.LEFT,
        data=Appointment(on=date(2021, 1, 1), decision_no="12/QĐ"),
    )
    member_event_add(
        actor=boss,
        member_id=a.pk,
        kind=EventKind.TRANSFER,
        unit_id=tree.cs_b1.pk,
        data=Appointment(on=date(2022, 2, 1)),
    )
    MediaGroup.objects.create(
        unit=tree.upper_a, platform="zalo", name="Zalo CĐ KCN A", opened_on=date(2019, 1, 1)
    )
    MediaGroup.objects.create(
        unit=tree.upper_b,
        platform="zalo",
        name="Zalo CĐ GD",
        opened_on=date(2019, 1, 1),
        closed_on=date(2020, 1, 1),
    )

    on_2018 = coverage(tree.province, date(2018, 12, 31))
    assert (on_2018.collaborators, on_2018.reporters, on_2018.units_with_team) == (0, 1, 0)

    mid_2019 = coverage(tree.province, date(2019, 6, 30))
    assert mid_2019.collaborators == 2
    assert mid_2019.units_with_team == 2 and mid_2019.units == 6
    assert {u.pk for u in mid_2019.lacking} == {
        tree.province.pk,
        tree.upper_a.pk,
        tree.upper_b.pk,
        tree.cs_b1.pk,
    }
    assert mid_2019.units_with_media == 2
    members = 1200 + 800 + 60
    assert mid_2019.members == members
    assert mid_2019.per_1000 == round(2 * 1000 / members, 2)
    by_level = {row.level: (row.units, row.with_team, row.with_media) for row in mid_2019.levels}
    assert by_level["Công đoàn cơ sở"] == (3, 2, 0)
    assert by_level["Công đoàn cấp trên trực tiếp cơ sở"] == (2, 0, 2)

    mid_2020 = coverage(tree.province, date(2020, 6, 30))
    assert mid_2020.collaborators == 2 and mid_2020.paused == 1  # An, Cường active; Bình paused
    assert mid_2020.units_with_media == 1  # the education group closed

    after_2022 = coverage(tree.province, date(2022, 12, 31))
    assert after_2022.collaborators == 2
    assert after_2022.units_with_team == 1  # both An and Cường now in cs_b1
    # Read from the subtree: An left upper_a's subtree by transfer.
    assert {s.member_id for s in roster_on(tree.upper_a, date(2022, 12, 31))} == {
        b.pk,
        _reporter(tree),
    }
    assert {
        s.member_id for s in roster_on(tree.upper_a, date(2021, 12, 31)) if s.status == "hoat_dong"
    } == {a.pk, _reporter(tree)}
    assert {s.member_id for s in roster_on(tree.upper_b, date(2022, 12, 31))} == {a.pk, c.pk}
    # The member row mirrors the latest event.
    a.refresh_from_db()
    assert a.unit_id == tree.cs_b1.pk


def _reporter(tree: Any) -> int:
    from duluan.network.models import NetworkMember

    return NetworkMember.objects.get(full_name="Phạm Báo Cáo").pk


def _report(actor: Any, unit: Any, heard_at: datetime) -> None:
    report_create(
        actor=actor,
        data=ReportData(
            unit_id=unit.pk,
            channel="truc_tiep",
            heard_at=heard_at,
            subject="Ý kiến về ca làm đêm",
            text="Công nhân đề nghị thêm phụ cấp ca đêm.",
            kind="kien_nghi",
            mood="trung_lap",
            verifiability="mot_nguon",
        ),
    )


def test_inactive_collaborator_listed_to_own_unit_officers_not_a_siblings(
    org_tree: Any, settings: Any
) -> None:
    settings.NETWORK_INACTIVE_WEEKS = 8
    tree = org_tree
    boss = tree.user("province")
    old = timezone.localdate() - timedelta(days=365)
    quiet_user, busy_user = tree.user("cs_a1", "collaborator"), tree.user("cs_a2", "collaborator")
    quiet = appoint(boss, tree.cs_a1, "Người Im Lặng", old, user=quiet_user)
    busy = appoint(boss, tree.cs_a2, "Người Chăm Chỉ", old, user=busy_user)
    appoint(
        boss,
        tree.cs_a1,
        "Người Mới",
        timezone.localdate() - timedelta(days=10),
        user=tree.user("cs_a1", "reporter"),
    )
    _report(quiet_user, tree.cs_a1, timezone.now() - timedelta(weeks=10))
    _report(busy_user, tree.cs_a2, timezone.now() - timedelta(weeks=1))

    own = [i.member.pk for i in inactive_list(tree.user("cs_a1"))]
    assert own == [quiet.pk]
    assert inactive_list(tree.user("cs_a1"))[0].last_report is not None
    assert [i.member.pk for i in inactive_list(tree.user("cs_a2"))] == []  # sibling: not theirs
    assert (
        inactive_list(tree.user("upper_a")) == []
    )  # an ancestor's officers see their own unit's only
    assert inactive_list(tree.user("cs_a1", "collaborator")) == []
    # The busy one turns inactive when the window is shorter than their silence.
    settings.NETWORK_INACTIVE_WEEKS = 0
    assert busy.pk in [i.member.pk for i in inactive_list(tree.user("cs_a2"))]


def test_staff_data_seen_by_self_own_and_ancestor_officers_only(org_tree: Any) -> None:
    tree = org_tree
    user = tree.user("cs_a1", "collaborator")
    member = appoint(tree.user("cs_a1"), tree.cs_a1, "Hồ Sơ Riêng", date(2024, 1, 1), user=user)
    for actor in (user, tree.user("cs_a1"), tree.user("upper_a"), tree.user("province", "leader")):
        assert access_member(actor, member.pk).pk == member.pk
    for actor in (
        tree.user("cs_a2"),
        tree.user("upper_b"),
        tree.user("cs_a1", "analyst"),
        tree.user("cs_a2", "collaborator"),
    ):
        with pytest.raises(NotFoundError):
            access_member(actor, member.pk)


def test_privacy_export_and_erasure_cover_the_roster_and_declarations(org_tree: Any) -> None:
    from duluan.network.models import Declaration
    from duluan.network.privacy import NetworkProvider
    from duluan.network.services.outreach import PageIn, declaration_submit
    from duluan.privacy.registry import ErasureKeys
    from duluan.privacy.subject import SubjectRef

    user = org_tree.user("cs_a1", "collaborator")
    member = appoint(
        org_tree.user("cs_a1"), org_tree.cs_a1, "Người Muốn Xoá", date(2022, 1, 1), user=user
    )
    declaration_submit(
        actor=user, unit_id=org_tree.cs_a1.pk, pages=[PageIn("facebook", "fb.com/xoa")]
    )
    provider = NetworkProvider()
    exported = provider.export(SubjectRef(user_id=user.pk))
    assert exported["network_members"][0]["full_name"] == "Người Muốn Xoá"
    assert exported["page_declarations"][0]["pages"][0]["address"] == "fb.com/xoa"
    keys = ErasureKeys()
    assert provider.erase(SubjectRef(user_id=user.pk), keys) == 2
    member.refresh_from_db()
    assert member.full_name == "Đã xoá" and member.user_id is None
    assert member.events.count() == 1  # the appointment stays, for the counts
    assert not Declaration.objects.exists()
    assert {e.category for e in provider.register_entries()} >= {
        "Danh sách cộng tác viên, báo cáo viên"
    }
