"""What waits for an officer: the navigation's counts and the officer's first screen.

"Waiting at my unit" is narrower than the inbox (everything in reach): the open
matters my own units handle (where I hold ``matter.handle`` directly, not by
descent), less those sent up and waiting for the parent's decision, plus the
matters a child unit sent up to mine; and the directions my own units must pass
on to their members. The counts are one query each (the navigation shows them
on every page); the lists compute due dates in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import own_unit_ids
from duluan.org.types import Actor

from .choices import CLOSED_STATES, EscalationState, State
from .models import (
    DirectionTarget,
    Escalation,
    Matter,
    direction_target_dues,
    matter_step_dues,
)
from .selectors import matter_list

# The steps an officer works through, in order (the two ends are not waiting).
STEPS = [State.TIEP_NHAN, State.SANG_LOC, State.XAC_MINH, State.PHAN_ANH_LEN, State.DINH_HUONG]
# The matter list's ``?cho=`` value for :func:`matters_awaiting_decision`.
AWAITING_DECISION = "quyet-dinh"
# A step's list on the home page stops here; its count and the inbox link give the rest.
PER_STEP = 10


def _waiting_q(unit_ids: set[int]) -> Q:
    pending = Escalation.objects.filter(state=EscalationState.PENDING)
    return (
        Q(owning_unit_id__in=unit_ids)
        & ~Q(state__in=CLOSED_STATES)
        & ~Q(pk__in=pending.values("matter_id"))
    ) | Q(pk__in=pending.filter(to_unit_id__in=unit_ids).values("matter_id"))


def matters_waiting(actor: Actor) -> QuerySet[Matter]:
    """Open matters waiting at the actor's own units (see the module's docstring)."""
    units = own_unit_ids(actor, Perm.MATTER_HANDLE)
    if not units:
        return Matter.objects.none()
    return Matter.objects.filter(_waiting_q(units))


def awaiting_decision_q(unit_ids: set[int]) -> Q:
    """Matters waiting for a decision of these units themselves (not of their
    descendants): sent up to them by a child unit and not yet accepted, returned or
    forwarded; or accepted there (the step "reflected upward", nothing pending
    further up) and waiting for their direction or close. A subset of
    :func:`matters_waiting` for the same units: the step "reflected upward" of it."""
    return _waiting_q(unit_ids) & Q(state=State.PHAN_ANH_LEN)


def matters_awaiting_decision(actor: Actor, unit: Unit | None = None) -> QuerySet[Matter]:
    """The matters waiting for ``unit``'s decision (without one: the actor's own units'),
    among those the actor reads, newest first: the briefing's "Chờ quyết định" and the
    matter list's ``?cho=quyet-dinh`` filter."""
    return matter_list(actor, unit=unit).filter(awaiting_decision_q(decision_unit_ids(actor, unit)))


def decision_unit_ids(actor: Actor, unit: Unit | None) -> set[int]:
    """Whose decision: the unit named, else the actor's own units."""
    return {unit.pk} if unit is not None else own_unit_ids(actor, Perm.MATTER_HANDLE)


def matters_waiting_count(actor: Actor) -> int:
    """The navigation's count beside "Vấn đề": one query (none without the permission)."""
    units = own_unit_ids(actor, Perm.MATTER_HANDLE)
    return Matter.objects.filter(_waiting_q(units)).count() if units else 0


def directions_to_acknowledge(actor: Actor) -> QuerySet[DirectionTarget]:
    """Directions the actor's own units have not yet said they passed on (open matters)."""
    units = own_unit_ids(actor, Perm.MATTER_HANDLE)
    if not units:
        return DirectionTarget.objects.none()
    return DirectionTarget.objects.filter(unit_id__in=units, acknowledged_at__isnull=True).exclude(
        direction__matter__state__in=CLOSED_STATES
    )


def directions_to_acknowledge_count(actor: Actor) -> int:
    """The navigation's count beside "Định hướng": one query (none without the permission)."""
    if not own_unit_ids(actor, Perm.MATTER_HANDLE):
        return 0
    return directions_to_acknowledge(actor).count()


@dataclass
class StepGroup:
    state: str
    label: str
    count: int
    matters: list[Matter]  # overdue first, then by due date (at most PER_STEP)
    overdue: int
    sent_up: int = 0  # at "reflected upward": sent up by a child, waiting for my decision


@dataclass
class OfficerDay:
    steps: list[StepGroup]
    sent_up: list[Matter]  # sent up to my units by a child unit, waiting for our decision
    directions: list[DirectionTarget]  # overdue first, then by due date
    total: int
    overdue: int


def _sort_key(item: Matter | DirectionTarget, far: datetime) -> tuple[bool, datetime]:
    late: bool = getattr(item, "late", False)
    due: datetime | None = getattr(item, "due_at", None)
    return (not late, due or far)


def officer_day(actor: Actor, *, now: datetime | None = None) -> OfficerDay:
    """What the officer does now: the matters waiting at their units, step by step
    with their due dates (overdue first), and the directions to pass on."""
    moment = now or timezone.now()
    far = moment.replace(year=moment.year + 100)
    units = own_unit_ids(actor, Perm.MATTER_HANDLE)
    waiting = list(
        matters_waiting(actor).select_related("owning_unit", "owning_unit__level")[:1000]
    )
    dues = matter_step_dues(waiting)
    for m in waiting:
        m.due_at = dues[m.pk]  # type: ignore[attr-defined]
        m.late = (m.due_at is not None and moment > m.due_at) or m.is_hot_overdue(moment)  # type: ignore[attr-defined]
    mine = [m for m in waiting if m.owning_unit_id in units]
    sent_up = sorted(
        (m for m in waiting if m.owning_unit_id not in units), key=lambda m: _sort_key(m, far)
    )
    steps = []
    for state in STEPS:
        rows = sorted((m for m in mine if m.state == state), key=lambda m: _sort_key(m, far))
        steps.append(
            StepGroup(
                state=state,
                label=str(State(state).label),
                count=len(rows),
                matters=rows[:PER_STEP],
                overdue=sum(1 for m in rows if getattr(m, "late", False)),
                sent_up=len(sent_up) if state == State.PHAN_ANH_LEN else 0,
            )
        )
    targets = list(
        directions_to_acknowledge(actor).select_related(
            "unit", "unit__level", "direction", "direction__unit", "direction__matter"
        )[:200]
    )
    target_dues = direction_target_dues(targets)
    for t in targets:
        t.due_at = target_dues[t.pk]  # type: ignore[attr-defined]
        t.late = moment > t.due_at  # type: ignore[attr-defined]
    targets.sort(key=lambda t: _sort_key(t, far))
    late_matters = sum(1 for m in waiting if getattr(m, "late", False))
    return OfficerDay(
        steps=steps,
        sent_up=sent_up,
        directions=targets,
        total=len(waiting),
        overdue=late_matters + sum(1 for t in targets if getattr(t, "late", False)),
    )
