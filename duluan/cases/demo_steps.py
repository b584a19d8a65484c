"""The demo province's matters: every state, rumours corrected, hot spots on time and late.

Matters are built from the demo's own reports (hot-spot reports, rumour waves,
clusters of complaints) and walked through the real services, with the clock
moved to when each step would have happened, so timelines, deadlines, audit
rows and notices are what the product itself writes. E-mail goes to memory.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

from django.db import transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from duluan.core.extensions import demo_step, demo_wipe_step
from duluan.intake.models import Report
from duluan.notifications.models import Notification
from duluan.org.choices import Role
from duluan.org.demo_context import DemoContext
from duluan.org.models import RoleAssignment, Unit, User
from duluan.org.scope import in_subtree, subtree_q

from .choices import EscalationState, Outcome, Priority, State
from .models import DirectionTarget, Matter
from .notify import hot_spots_overdue_check
from .services import (
    direction_acknowledge,
    direction_issue,
    escalation_conclusion_attach,
    escalation_decide,
    matter_attach_report,
    matter_close,
    matter_create_from_report,
    matter_escalate,
    matter_hot_report_record,
    matter_merge,
    verification_record,
)
from .workflow import matter_transition


class Clock:
    """A movable ``timezone.now`` for the services: never ahead of the demo's present."""

    def __init__(self, present: datetime | None = None) -> None:
        self.real = present or timezone.now()
        self.at = self.real

    def set(self, moment: datetime) -> datetime:
        self.at = min(moment, self.real - timedelta(minutes=1))
        return self.at

    def step(self, rng: random.Random, low_hours: float, high_hours: float) -> datetime:
        return self.set(self.at + timedelta(hours=rng.uniform(low_hours, high_hours)))


@contextmanager
def moved_clock(present: datetime | None = None) -> Iterator[Clock]:
    clock = Clock(present)
    with (
        mock.patch("django.utils.timezone.now", lambda: clock.at),
        override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
    ):
        yield clock


@dataclass
class People:
    """Who acts for a unit: its own staff, else the nearest ancestor's."""

    by_unit: dict[tuple[int, str], User] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Unit) -> People:
        people = cls()
        rows = RoleAssignment.objects.filter(
            subtree_q(root),
            role__in=[Role.OFFICER, Role.LEADER],
            is_active=True,
        ).select_related("user")
        for row in rows.order_by("user__username"):
            people.by_unit.setdefault((row.unit_id, row.role), row.user)
        return people

    def own(self, unit: Unit, role: str = Role.OFFICER) -> User | None:
        return self.by_unit.get((unit.pk, role))

    def acting(self, unit: Unit, role: str = Role.OFFICER) -> User:
        for candidate in [unit, *reversed(unit.get_ancestors())]:
            user = self.own(candidate, role)
            if user is not None:
                return user
        raise LookupError(f"no {role} above {unit.code}")


Group = list[Report]


def _groups(
    root: Unit, query: Q, key: Callable[[Report], Any], size: int, want: int = 0
) -> list[Group]:
    """Reports matching ``query`` grouped by ``key``; groups of at least ``size`` (smaller
    when fewer than ``want`` groups are that big: a small demo), oldest first."""
    found: dict[Any, Group] = defaultdict(list)
    reports = (
        Report.objects.filter(
            query,
            subtree_q(root),
            unit__depth__gt=root.depth,
            matter_link__isnull=True,
        )
        .select_related("unit")
        .order_by("heard_at", "id")
    )
    for report in reports:
        found[key(report)].append(report)
    while True:
        groups = [g for g in found.values() if len(g) >= size]
        if len(groups) >= want or size <= 1:
            return sorted(groups, key=lambda g: g[0].heard_at)
        size -= 1


def _week(report: Report) -> tuple[int, int, int]:
    year, week, _ = timezone.localtime(report.heard_at).isocalendar()
    return report.unit_id, year, week


def _month(report: Report) -> tuple[int, int, int]:
    local = timezone.localtime(report.heard_at)
    return report.unit_id, local.year, local.month


@dataclass
class Walker:
    """Carries one group of reports through the workflow with the clock moved along."""

    clock: Clock
    people: People
    rng: random.Random
    used: set[int] = field(default_factory=set)

    def open(self, group: Group, title: str = "", priority: str = Priority.NORMAL) -> Matter | None:
        group = [r for r in group if r.pk not in self.used]
        if not group:
            return None
        self.used.update(r.pk for r in group[:6])
        first = group[0]
        self.clock.set(first.heard_at + timedelta(hours=self.rng.uniform(2, 20)))
        officer = self.people.acting(first.unit)
        matter = matter_create_from_report(
            actor=officer, report=first, title=title, priority=priority
        )
        for report in group[1:6]:
            self.clock.set(max(self.clock.at, report.heard_at + timedelta(hours=1)))
            matter_attach_report(actor=officer, matter=matter, report=report)
        return matter

    def officer(self, matter: Matter) -> User:
        matter.refresh_from_db()
        return self.people.acting(matter.owning_unit)

    def leader(self, matter: Matter) -> User:
        matter.refresh_from_db()
        return self.people.acting(matter.owning_unit, Role.LEADER)

    def go(self, matter: Matter, state: str, note: str = "") -> None:
        self.clock.step(self.rng, 3, 20)
        matter_transition(actor=self.officer(matter), matter=matter, to_state=state, note=note)

    def verify(self, matter: Matter, rumour: bool) -> None:
        self.go(matter, State.SANG_LOC)
        self.go(matter, State.XAC_MINH)
        self.clock.step(self.rng, 12, 40)
        if rumour:
            verification_record(
                actor=self.officer(matter),
                matter=matter,
                outcome=Outcome.RUMOUR,
                sources_checked="Làm việc với phòng nhân sự; xem thông báo chính thức của doanh nghiệp",
                contacts="Tổ trưởng công đoàn; hai công nhân nghe tin trực tiếp",
                rumour_claim=f"Thông tin lan truyền: {matter.title}",
                rumour_where=self.rng.choice(
                    ["Nhóm Zalo công nhân", "Trang Facebook khu trọ", "Truyền miệng trong ca"]
                ),
                verified_facts="Doanh nghiệp xác nhận không có chủ trương như tin đồn; "
                "đã có văn bản trả lời chính thức.",
            )
        else:
            verification_record(
                actor=self.officer(matter),
                matter=matter,
                outcome=self.rng.choice([Outcome.CONFIRMED, Outcome.CONFIRMED, Outcome.PARTLY]),
                sources_checked="Đối chiếu bảng lương, hợp đồng lao động và ý kiến tổ công đoàn",
                contacts="Ban chấp hành công đoàn cơ sở; đại diện người sử dụng lao động",
                verified_facts="Phản ánh có cơ sở; cần kiến nghị doanh nghiệp giải quyết.",
            )

    def escalate(self, matter: Matter, decision: str = EscalationState.ACCEPTED) -> Any:
        self.clock.step(self.rng, 4, 24)
        escalation = matter_escalate(
            actor=self.officer(matter),
            matter=matter,
            proposal="Đề nghị cấp trên làm việc với doanh nghiệp và định hướng thông tin "
            "thống nhất đến đoàn viên.",
        )
        if decision == EscalationState.PENDING:
            return escalation
        self.clock.step(self.rng, 4, 30)
        decider = self.people.acting(escalation.to_unit)
        note = (
            "Cần bổ sung ý kiến của doanh nghiệp." if decision == EscalationState.RETURNED else ""
        )
        escalation_decide(actor=decider, escalation=escalation, decision=decision, note=note)
        return escalation

    def direct(self, matter: Matter, rumour: bool, whole: bool = False) -> None:
        self.clock.step(self.rng, 4, 24)
        direction_issue(
            actor=self.leader(matter),
            matter=matter,
            # The direction's own title: never the matter's (a report's subject).
            title="Thông tin chính thức, cải chính tin đồn"
            if rumour
            else "Phổ biến thông tin chính thức đến đoàn viên",
            text="Các đơn vị phổ biến đến đoàn viên, người lao động thông tin chính thức; "
            "theo dõi tâm trạng và báo cáo ngay nếu có diễn biến mới.",
            correction="Doanh nghiệp không có chủ trương như tin đồn; mọi chế độ vẫn giữ "
            "nguyên theo thỏa ước lao động tập thể."
            if rumour
            else "",
            whole_subtree=whole,
        )

    def acknowledge(self, matter: Matter, share: float) -> int:
        """Target units with their own officer report, in time order; ``share`` of them."""
        done = 0
        targets = DirectionTarget.objects.filter(
            direction__matter=matter, acknowledged_at__isnull=True
        ).select_related("unit")
        for target in targets.order_by("unit__path"):
            officer = self.people.own(target.unit)
            if officer is None or self.rng.random() > share:
                continue
            self.clock.step(self.rng, 2, 30)
            direction_acknowledge(
                actor=officer,
                target=target,
                action_taken=self.rng.choice(
                    [
                        "Thông báo tại giao ban tổ công đoàn và nhóm Zalo của đơn vị.",
                        "Phổ biến tại họp đầu ca; dán thông báo ở bảng tin nhà ăn.",
                        "Cán bộ công đoàn trao đổi trực tiếp với các tổ sản xuất.",
                    ]
                ),
            )
            done += 1
        return done


PLAN: list[tuple[str, int]] = [
    # (scenario, how many) — enough of each for every tab, board and list to have a story.
    ("closed_rumour", 5),
    ("province_rumour", 1),
    ("directing", 3),
    ("closed_early", 2),
    ("escalated_pending", 3),
    ("escalated_accepted", 2),
    ("returned", 1),
    ("verifying", 4),
    ("screened", 4),
    ("set_aside", 4),
    ("new", 5),
]


def _branch_first(groups: list[Group], prefix: str) -> list[Group]:
    """Groups from the branch with the most officers (for whole walks) first."""
    inside = [g for g in groups if in_subtree(g[0].unit, prefix)]
    return inside + [g for g in groups if not in_subtree(g[0].unit, prefix)]


@demo_step("cases", "Vấn đề DLXH: sàng lọc, xác minh, phản ánh lên, định hướng", order=20)
def demo_matters(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("cases")
    root = ctx.root
    kcn = ctx.units.get("SH-KCN") or root
    people = People.load(root)
    want = {
        kind: sum(n for name, n in PLAN if ("rumour" in name) == kind) for kind in (True, False)
    }
    rumours = _branch_first(_groups(root, Q(kind="tin_don"), _month, 3, want[True]), kcn.path)
    complaints = _groups(root, Q(kind="khieu_nai"), _month, 4, want[False] + 4)
    hot = _groups(root, Q(urgency="diem_nong"), _week, 1)
    # Whole walks need an officer at the unit to say it passed the direction on.
    rumours.sort(key=lambda g: people.own(g[0].unit) is None)
    counts: dict[str, int] = defaultdict(int)
    # One transaction: all or nothing, and one commit instead of hundreds.
    with moved_clock(ctx.now()) as clock, transaction.atomic():
        walk = Walker(clock, people, rng)
        recent_cut = clock.real - timedelta(days=10)
        older = [g for g in complaints if g[-1].heard_at < recent_cut]
        recent = [g for g in complaints if g[-1].heard_at >= recent_cut]
        for scenario, many in PLAN:
            for _ in range(many):
                pool = rumours if "rumour" in scenario else (recent or older)
                if scenario in {"closed_early", "set_aside", "escalated_accepted"}:
                    pool = older or recent
                if not pool:
                    continue
                group = pool.pop(rng.randrange(len(pool)) if "rumour" not in scenario else 0)
                _play(walk, scenario, group)
                counts[scenario] += 1
        counts["hot"] = _hot_spots(walk, hot, rng)
        counts["merged"] = _merge_pair(walk, older or recent)
        clock.set(clock.real)
        hot_spots_overdue_check(now=clock.real)
    counts["matters"] = Matter.objects.filter(subtree_q(root, field="owning_unit")).count()
    return dict(counts)


def _play(walk: Walker, scenario: str, group: Group) -> None:
    rumour = "rumour" in scenario
    matter = walk.open(group, priority=Priority.HIGH if rumour else Priority.NORMAL)
    if matter is None or scenario == "new":
        return
    if scenario == "set_aside":
        walk.go(matter, State.SANG_LOC)
        walk.go(
            matter, State.GHI_NHAN, "Ý kiến cá biệt, đã giải thích trực tiếp cho người phản ánh."
        )
        return
    if scenario == "screened":
        walk.go(matter, State.SANG_LOC)
        return
    if scenario == "verifying":
        walk.go(matter, State.SANG_LOC)
        walk.go(matter, State.XAC_MINH)
        return
    walk.verify(matter, rumour)
    if scenario == "escalated_pending":
        walk.escalate(matter, EscalationState.PENDING)
        return
    if scenario == "returned":
        walk.escalate(matter, EscalationState.RETURNED)
        return
    if scenario == "escalated_accepted":
        walk.escalate(matter)
        return
    if scenario == "closed_early":
        walk.escalate(matter)
        walk.direct(matter, rumour)
        walk.acknowledge(matter, 0.3)
        walk.clock.step(walk.rng, 24, 72)
        matter_close(
            actor=walk.leader(matter),
            matter=matter,
            note="Doanh nghiệp đã giải quyết dứt điểm; các đơn vị còn lại báo cáo miệng.",
        )
        return
    if scenario == "province_rumour":
        first = walk.escalate(matter)
        matter.refresh_from_db()
        second = walk.escalate(matter) if matter.owning_unit.depth > 1 else first
        walk.clock.step(walk.rng, 4, 20)
        escalation_conclusion_attach(
            actor=walk.people.acting(second.to_unit),
            escalation=second,
            note="Thường trực cấp uỷ kết luận: cải chính ngay trên các nhóm mạng xã hội của "
            "công nhân; giao công đoàn các cấp phổ biến.",
        )
        walk.direct(matter, rumour)
        walk.acknowledge(matter, 1.0)
        return
    walk.escalate(matter)
    walk.direct(matter, rumour)
    if scenario == "directing":
        walk.acknowledge(matter, 0.5)
        return
    walk.acknowledge(matter, 1.0)  # closed_rumour
    waiting = DirectionTarget.objects.filter(direction__matter=matter, acknowledged_at__isnull=True)
    walk.clock.step(walk.rng, 6, 30)
    note = "" if not waiting.exists() else "Các đơn vị còn lại đã phổ biến, báo cáo qua điện thoại."
    matter_close(
        actor=walk.leader(matter) if note else walk.officer(matter), matter=matter, note=note
    )


def _hot_spots(walk: Walker, groups: list[Group], rng: random.Random) -> int:
    """Hot-spot reports open hot matters; most are reported in writing in time, some late."""
    made = 0
    for group in groups[-12:]:
        matter = walk.open(group, priority=Priority.URGENT)
        if matter is None or not matter.is_hot_spot:
            continue
        made += 1
        if rng.random() < 0.7:
            walk.clock.step(rng, 2, 20)
            matter_hot_report_record(actor=walk.officer(matter), matter=matter)
            walk.go(matter, State.SANG_LOC)
            walk.go(matter, State.XAC_MINH)
    return made


def _merge_pair(walk: Walker, groups: list[Group]) -> int:
    """Two matters about one issue, opened apart, then merged."""
    if len(groups) < 2:
        return 0
    by_unit: dict[int, list[Group]] = defaultdict(list)
    for group in groups:
        by_unit[group[0].unit_id].append(group)
    pair = next((gs[:2] for gs in by_unit.values() if len(gs) >= 2), groups[:2])
    first = walk.open(pair[0])
    second = walk.open(pair[1])
    if first is None or second is None:
        return 0
    walk.clock.step(walk.rng, 2, 10)
    matter_merge(
        actor=walk.people.acting(_common_unit(first, second)),
        matter=first,
        other=second,
        note="Cùng một nội dung, phản ánh ở hai thời điểm.",
    )
    for group in pair:
        if group in groups:
            groups.remove(group)
    return 1


def _common_unit(first: Matter, second: Matter) -> Unit:
    """The nearest unit above both matters' owners: when no unit had two groups, the pair
    comes from two units and only an officer above both may merge them (a sibling's
    officer does not see the other matter)."""
    first.refresh_from_db()
    second.refresh_from_db()
    a, b = first.owning_unit.path, second.owning_unit.path
    shared = 0
    while shared < min(len(a), len(b)) and a[shared] == b[shared]:
        shared += 1
    shared -= shared % Unit.steplen
    return Unit.objects.get(path=a[:shared]) if shared < len(a) else first.owning_unit


@demo_wipe_step("cases", "Xóa vấn đề DLXH mẫu")
def demo_wipe_matters(root: Unit) -> None:
    Notification.objects.filter(subtree_q(root, field="matter__owning_unit")).delete()
    Matter.objects.filter(
        subtree_q(root, field="owning_unit") | subtree_q(root, field="units")
    ).delete()
