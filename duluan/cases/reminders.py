"""Reminders the periodic job sends: steps past their deadline, late acknowledgements,
and the notices that go with an escalation or a direction.

Each reminder is sent once: its key names the matter's state entry (a matter
that re-enters a step later is reminded again) or the direction target.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from duluan.core.calendar import due_after_working_days
from duluan.notifications.selectors import unit_notified_users
from duluan.notifications.services import Sent, notices_send, one_line
from duluan.org.choices import Perm

from .choices import CLOSED_STATES, State
from .models import (
    Direction,
    DirectionTarget,
    Escalation,
    Matter,
    NotificationKind,
    step_working_days,
)
from .workflow import perm_holders, state_label

DIRECTION_LATE = "direction_late"


def _link(matter_id: int) -> str:
    return f"/van-de/{matter_id}/"


def matters_overdue_check(*, now: datetime | None = None) -> dict[str, int]:
    """Remind the owning unit and its parent of every step past its deadline, and each
    target unit late to acknowledge a direction; once per step entry / target."""
    moment = now or timezone.now()
    counts = {"steps": 0, "targets": 0, "notified": 0, "emails": 0}
    open_matters = (
        Matter.objects.exclude(state__in=CLOSED_STATES).select_related("owning_unit").order_by("pk")
    )
    for matter in open_matters.iterator(chunk_size=500):
        if not matter.is_step_overdue(moment):
            continue
        unit = matter.owning_unit
        units = [unit, *([p] if (p := unit.get_parent()) is not None else [])]
        sent = notices_send(
            unit_notified_users(units),
            kind=NotificationKind.STEP_OVERDUE,
            key=f"step:{matter.pk}:{matter.state}:{matter.state_since.isoformat()}",
            title=f"[Quá hạn] {one_line(matter.title)}: bước «{state_label(matter.state)}»",
            url=_link(matter.pk),
            body=(
                f"Vấn đề «{one_line(matter.title)}» của {unit.display_name} đã quá hạn "
                f"ở bước «{state_label(matter.state)}»."
            ),
            matter=matter,
            now=moment,
        )
        counts["steps"] += 1
        counts["notified"] += sent.notified
        counts["emails"] += sent.emails
    waiting = DirectionTarget.objects.filter(
        acknowledged_at__isnull=True,
        closed_at__isnull=True,
        direction__matter__state=State.DINH_HUONG,
    ).select_related("unit", "direction", "direction__matter")
    for target in waiting.iterator(chunk_size=500):
        if not target.is_late(moment):
            continue
        matter, direction = target.direction.matter, target.direction
        # The direction's own title: the target unit may not read the matter's reports.
        sent = notices_send(
            unit_notified_users([target.unit]),
            kind=DIRECTION_LATE,
            key=f"target:{target.pk}",
            title=f"[Chưa phổ biến định hướng] {one_line(direction.title)}",
            url="/dinh-huong/",
            body=(
                f"{target.unit.display_name} chưa báo cáo việc phổ biến định hướng "
                f"«{one_line(direction.title)}» của {direction.unit.display_name} "
                f"(hạn {timezone.localtime(target.due):%d/%m/%Y})."
            ),
            matter=matter,
            unit_id=target.unit_id,
            now=moment,
        )
        counts["targets"] += 1
        counts["notified"] += sent.notified
        counts["emails"] += sent.emails
    return counts


def notify_escalation(escalation: Escalation) -> None:
    """In the escalation's transaction: queue the notice to the parent unit's officers."""
    from duluan.jobs.services import job_enqueue

    from .jobs import ESCALATION_NOTIFY

    job_enqueue(ESCALATION_NOTIFY, {"escalation_id": escalation.pk})


def escalation_notices(escalation: Escalation) -> Sent:
    """The parent unit's officers learn a matter was reflected up to them (once each)."""
    matter = escalation.matter
    return notices_send(
        unit_notified_users([escalation.to_unit]),
        kind=NotificationKind.ESCALATION,
        key=f"escalation:{escalation.pk}",
        title=f"[Phản ánh lên] {one_line(matter.title)}",
        url=_link(matter.pk),
        body=(
            f"{escalation.from_unit.display_name} phản ánh lên vấn đề "
            f"«{one_line(matter.title)}» kèm đề xuất hướng xử lý."
        ),
        matter=matter,
    )


def notify_direction(direction: Direction) -> None:
    """In the direction's transaction: queue the notices to every target unit."""
    from duluan.jobs.services import job_enqueue

    from .jobs import DIRECTION_NOTIFY

    job_enqueue(DIRECTION_NOTIFY, {"direction_id": direction.pk})


def direction_notices(direction: Direction) -> Sent:
    """Every target unit's officers learn what they must pass on, and by when (once each).

    The notice names the direction's own title, never the matter's: a target unit
    (a sibling of the reporting union) may not read the report the matter came from.
    """
    matter = direction.matter
    units = [t.unit for t in direction.targets.select_related("unit")]
    days = step_working_days(State.DINH_HUONG, None) or 0
    due = timezone.localtime(due_after_working_days(direction.issued_at, days))
    return notices_send(
        unit_notified_users(units),
        kind=NotificationKind.DIRECTION,
        key=f"direction:{direction.pk}",
        title=f"[Định hướng] {one_line(direction.title)}",
        url="/dinh-huong/",
        body=(
            f"{direction.unit.display_name} ban hành định hướng «{one_line(direction.title)}». "
            f"Đơn vị cần phổ biến đến đoàn viên và báo cáo việc đã làm (hạn khoảng "
            f"{due:%d/%m/%Y})."
        ),
        matter=matter,
    )


def _notify_review(direction: Direction, event: str) -> None:
    from duluan.jobs.services import job_enqueue

    from .jobs import DIRECTION_REVIEW_NOTIFY

    job_enqueue(DIRECTION_REVIEW_NOTIFY, {"direction_id": direction.pk, "event": event})


def notify_direction_draft(direction: Direction) -> None:
    """In the draft's transaction: queue the notice to the issuing unit's leaders."""
    _notify_review(direction, "draft")


def notify_direction_returned(direction: Direction) -> None:
    """In the return's transaction: queue the notice to the drafter."""
    _notify_review(direction, "returned")


def direction_draft_notices(direction: Direction) -> Sent:
    """The issuing unit's leaders (the roles granting ``matter.direct``) learn a draft
    direction waits for their approval (once each)."""
    return notices_send(
        unit_notified_users([direction.unit], roles=perm_holders(Perm.MATTER_DIRECT)),
        kind=NotificationKind.DIRECTION_DRAFT,
        key=f"direction_draft:{direction.pk}",
        title=f"[Chờ duyệt] Dự thảo định hướng «{one_line(direction.title)}»",
        url=_link(direction.matter_id),
        body=(
            f"Dự thảo định hướng «{one_line(direction.title)}» về vấn đề "
            f"«{one_line(direction.matter.title)}» chờ lãnh đạo "
            f"{direction.unit.display_name} duyệt và ký ban hành."
        ),
        matter=direction.matter,
    )


def direction_returned_notices(direction: Direction) -> Sent:
    """The officer who drafted learns the leader returned it, and why."""
    recipients = [direction.drafted_by] if direction.drafted_by is not None else []
    return notices_send(
        [u for u in recipients if u.is_active],
        kind=NotificationKind.DIRECTION_RETURNED,
        key=f"direction_returned:{direction.pk}",
        title=f"[Trả lại] Dự thảo định hướng «{one_line(direction.title)}»",
        url=_link(direction.matter_id),
        body=f"Lãnh đạo trả lại dự thảo, ý kiến: {direction.review_note}",
        matter=direction.matter,
    )
