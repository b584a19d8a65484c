"""Reads of matters, scoped to the actor first.

A matter is visible to whoever holds ``matter.view`` over its owning unit or
over any unit it touches (so up the tree, never to siblings). A direction
target is visible to the target unit's own staff (and their ancestors), who
then read the direction, not the matter's reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from duluan.core.errors import NotFoundError
from duluan.core.extensions import MATTER_PANELS, Block
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import own_unit_ids, scope_q, scoped_units, subtree_q, unit_in_scope
from duluan.org.types import Actor

from .choices import CLOSED_STATES, DirectionState, State
from .models import (
    Direction,
    DirectionTarget,
    Escalation,
    Matter,
    direction_target_dues,
    overdue_matter_ids,
)


def _visible_q(actor: Actor, perm: str = Perm.MATTER_VIEW) -> Q:
    units = scoped_units(actor, perm)
    touched = Matter.units.through.objects.filter(unit__in=units).values("matter_id")
    return scope_q(actor, perm, unit_field="owning_unit") | Q(pk__in=touched)


def matter_visible(actor: Actor, matter: Matter) -> bool:
    return Matter.objects.filter(_visible_q(actor), pk=matter.pk).exists()


def matter_list(
    actor: Actor,
    *,
    unit: Unit | None = None,
    state: str | None = None,
    hot: bool | None = None,
    overdue: bool | None = None,
    now: datetime | None = None,
) -> QuerySet[Matter]:
    """Matters the actor may read, newest first.

    ``overdue`` (a step past its due date, or a hot spot without its formal
    report in time) is computed per open matter in Python: due dates come
    from the calendar and are never stored.
    """
    matters = Matter.objects.filter(_visible_q(actor))
    if unit is not None:
        matters = matters.filter(subtree_q(unit, field="owning_unit"))
    if state is not None:
        matters = matters.filter(state=state)
    if hot is not None:
        matters = matters.filter(is_hot_spot=hot)
    if overdue is not None:
        moment = now or timezone.now()
        late = overdue_matter_ids(
            matters.exclude(state__in=CLOSED_STATES).select_related("owning_unit"), moment
        )
        matters = matters.filter(pk__in=late) if overdue else matters.exclude(pk__in=late)
    return matters.select_related("owning_unit", "owner").order_by("-created_at", "-id")


def access_matter(actor: Actor, matter_id: int, *, perm: str = Perm.MATTER_VIEW) -> Matter:
    """The matter if the actor reaches it with ``perm`` (its owning unit or a unit it
    touches); outside that reach, missing.

    Not :func:`duluan.org.scope.access_object`: a matter is reached through either of
    two units, not one unit field.
    """
    try:
        return (
            Matter.objects.filter(_visible_q(actor, perm))
            .select_related("owning_unit", "owning_unit__level", "owner")
            .get(pk=matter_id)
        )
    except (Matter.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotFoundError("Không tìm thấy vấn đề.") from exc


def matter_get(actor: Actor, matter_id: int) -> Matter:
    """One matter in the actor's reach; outside it, missing (:func:`access_matter` for
    reading, kept for the callers in other apps)."""
    return access_matter(actor, matter_id)


def access_escalation(
    actor: Actor, escalation_id: int, *, perm: str = Perm.MATTER_VIEW
) -> Escalation:
    """An escalation of a matter the actor reaches with ``perm``; else missing (the
    matter's own answer, so an escalation out of sight reads like one that never was)."""
    escalation = (
        Escalation.objects.select_related("matter", "from_unit", "to_unit")
        .filter(pk=escalation_id)
        .first()
        if 0 < escalation_id < 2**63
        else None
    )
    if escalation is None:
        raise NotFoundError("Không tìm thấy vấn đề.")
    access_matter(actor, escalation.matter_id, perm=perm)
    return escalation


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # transition, report, verification, escalation, escalation_decision, direction,
    # acknowledgement, direction_draft, direction_returned
    obj: Any


def matter_timeline(actor: Actor, matter: Matter) -> list[TimelineEntry]:
    """Everything that happened to the matter, oldest first."""
    matter = access_matter(actor, matter.pk)
    entries: list[TimelineEntry] = []
    for step in matter.transitions.select_related("actor"):
        entries.append(TimelineEntry(step.at, "transition", step))
    for link in matter.links.select_related("report", "report__unit", "added_by"):
        entries.append(TimelineEntry(link.added_at, "report", link))
    for verification in matter.verifications.select_related("recorded_by"):
        entries.append(TimelineEntry(verification.recorded_at, "verification", verification))
    for escalation in matter.escalations.select_related(
        "from_unit", "to_unit", "sent_by", "decided_by"
    ):
        entries.append(TimelineEntry(escalation.sent_at, "escalation", escalation))
        if escalation.decided_at is not None:
            entries.append(TimelineEntry(escalation.decided_at, "escalation_decision", escalation))
    for direction in issued_directions(matter).prefetch_related(
        "targets__unit", "targets__acknowledged_by"
    ):
        entries.append(TimelineEntry(direction.issued_at, "direction", direction))
        for target in direction.targets.all():
            if target.acknowledged_at is not None:
                entries.append(TimelineEntry(target.acknowledged_at, "acknowledgement", target))
    for draft in matter.directions.filter(drafted_at__isnull=False).select_related(
        "drafted_by", "reviewed_by"
    ):
        entries.append(TimelineEntry(draft.drafted_at, "direction_draft", draft))  # type: ignore[arg-type]
        if draft.state == DirectionState.RETURNED and draft.reviewed_at is not None:
            entries.append(TimelineEntry(draft.reviewed_at, "direction_returned", draft))
    order = {
        "report": 0,
        "verification": 1,
        "escalation": 2,
        "escalation_decision": 3,
        "direction_draft": 4,
        "direction_returned": 4,
        "direction": 5,
        "acknowledgement": 6,
        "transition": 7,
    }
    entries.sort(key=lambda e: (e.at, order[e.kind]))
    return entries


def issued_directions(matter: Matter) -> QuerySet[Direction]:
    """The matter's directions that were issued (not drafts), oldest first."""
    return matter.directions.filter(state=DirectionState.ISSUED).select_related(
        "unit", "issued_by", "drafted_by"
    )


def matter_direction_drafts(matter: Matter) -> QuerySet[Direction]:
    """The matter's drafts (waiting or returned), newest first: for whoever sees the matter."""
    return (
        matter.directions.exclude(state=DirectionState.ISSUED)
        .select_related("unit", "drafted_by", "reviewed_by")
        .order_by("-drafted_at", "-id")
    )


def direction_drafts_pending(actor: Actor) -> QuerySet[Direction]:
    """Drafts waiting for the actor's approval, oldest first: the "chờ duyệt" inbox of the
    issuing unit's own leaders (an ancestor's leader may approve from the matter page,
    but does not get every unit's drafts in their inbox)."""
    return (
        Direction.objects.filter(
            unit_id__in=own_unit_ids(actor, Perm.MATTER_DIRECT), state=DirectionState.DRAFT
        )
        .select_related("unit", "matter", "drafted_by")
        .order_by("drafted_at", "id")
    )


def access_direction_draft(actor: Actor, direction_id: int) -> Direction:
    """A draft (or returned draft) of a matter the actor sees; else missing."""
    direction = (
        Direction.objects.exclude(state=DirectionState.ISSUED)
        .select_related("matter", "unit")
        .filter(pk=direction_id)
        .first()
        if 0 < direction_id < 2**63
        else None
    )
    if direction is None:
        raise NotFoundError("Không tìm thấy dự thảo định hướng.")
    access_matter(actor, direction.matter_id)
    return direction


@dataclass
class DirectionProgress:
    total: int
    acted: int
    late: list[Unit] = field(default_factory=list)
    waiting: list[Unit] = field(default_factory=list)
    closed: list[Unit] = field(default_factory=list)  # closed with the matter, never acted


def _progress(
    targets: list[DirectionTarget], dues: dict[int, datetime], now: datetime
) -> DirectionProgress:
    waiting = [t for t in targets if t.is_open]
    return DirectionProgress(
        total=len(targets),
        acted=sum(1 for t in targets if t.acknowledged_at is not None),
        late=[t.unit for t in waiting if now > dues[t.pk]],
        waiting=[t.unit for t in waiting],
        closed=[t.unit for t in targets if t.closed_at is not None],
    )


def direction_progress(matter: Matter, *, now: datetime | None = None) -> DirectionProgress:
    """How many target units have acted on the matter's directions, which are late, and
    which were closed with the matter without acting."""
    moment = now or timezone.now()
    targets = list(
        DirectionTarget.objects.filter(direction__matter=matter)
        .select_related("unit", "direction")
        .order_by("unit__path")
    )
    return _progress(targets, direction_target_dues(targets), moment)


def direction_inbox(actor: Actor, *, pending: bool | None = None) -> QuerySet[DirectionTarget]:
    """Directions sent down to units in the actor's reach (what an ancestor asks of them).

    ``pending``: still asked (neither acknowledged nor closed with the matter), or not.
    """
    targets = DirectionTarget.objects.filter(scope_q(actor, Perm.MATTER_VIEW))
    open_q = Q(acknowledged_at__isnull=True, closed_at__isnull=True)
    if pending is True:
        targets = targets.filter(open_q)
    elif pending is False:
        targets = targets.exclude(open_q)
    return targets.select_related("unit", "direction", "direction__unit", "direction__matter")


@dataclass
class DirectionCard:
    """One direction on the directions page, with the progress of the targets in reach."""

    direction: Direction
    progress: DirectionProgress
    issuer: bool  # issued by a unit in the actor's reach (else: received by units below)
    matter_visible: bool
    matter_closed: bool


@dataclass
class DirectionBoard:
    todo: list[DirectionTarget]  # asked of the actor's own units, still open
    cards: list[DirectionCard]
    drafts: list[Direction]  # waiting for the actor's approval


def direction_board(
    actor: Actor, *, now: datetime | None = None, limit: int = 50
) -> DirectionBoard:
    """The directions page: a plain to-do for the actor's own units, and ONE card per
    direction (with progress over the targets in reach) for those who issued it or
    follow units below, never one card per target unit. Targets closed with their
    matter are not to-dos. Reads only the direction's own title and text: a target
    unit may not read the matter's reports."""
    moment = now or timezone.now()
    own = own_unit_ids(actor, Perm.MATTER_HANDLE)
    in_reach = DirectionTarget.objects.filter(scope_q(actor, Perm.MATTER_VIEW))
    todo = list(
        in_reach.filter(unit_id__in=own, acknowledged_at__isnull=True, closed_at__isnull=True)
        .select_related("unit", "direction", "direction__unit")
        .order_by("-direction__issued_at", "unit__path")[:200]
    )
    issued_here = Q(scope_q(actor, Perm.MATTER_VIEW))
    below = Q(pk__in=in_reach.exclude(unit_id__in=own).values("direction_id"))
    directions = list(
        Direction.objects.filter(issued_here | below, state=DirectionState.ISSUED)
        .select_related("unit", "matter", "issued_by")
        .order_by("-issued_at", "-id")[:limit]
    )
    targets = list(
        in_reach.filter(direction__in=directions)
        .select_related("unit", "direction")
        .order_by("unit__path")
    )
    dues = direction_target_dues([*todo, *targets])
    for target in todo:
        target.due_at = dues[target.pk]  # type: ignore[attr-defined]
        target.late = moment > dues[target.pk]  # type: ignore[attr-defined]
    by_direction: dict[int, list[DirectionTarget]] = {}
    for target in targets:
        by_direction.setdefault(target.direction_id, []).append(target)
    visible = set(
        Matter.objects.filter(
            _visible_q(actor), pk__in={d.matter_id for d in directions}
        ).values_list("pk", flat=True)
    )
    for target in todo:
        target.matter_visible = target.direction.matter_id in visible  # type: ignore[attr-defined]
    cards = [
        DirectionCard(
            direction=d,
            progress=_progress(by_direction.get(d.pk, []), dues, moment),
            issuer=unit_in_scope(actor, Perm.MATTER_VIEW, d.unit),
            matter_visible=d.matter_id in visible,
            matter_closed=d.matter.state in CLOSED_STATES,
        )
        for d in directions
    ]
    return DirectionBoard(todo=todo, cards=cards, drafts=list(direction_drafts_pending(actor)))


def access_direction_target(actor: Actor, target_id: int) -> DirectionTarget:
    """A direction sent down to a unit in the actor's reach (its inbox); else missing."""
    try:
        return direction_inbox(actor).get(pk=target_id)
    except (DirectionTarget.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotFoundError("Không tìm thấy định hướng.") from exc


def matters_stats() -> dict[str, int]:
    """Counts of matters per state, every state listed (unscoped: for the console)."""
    counts = dict(Matter.objects.values_list("state").annotate(n=Count("id")).order_by())
    return {state: counts.get(state, 0) for state in State.values}


def matter_tab_counts(actor: Actor, *, unit: Unit | None = None) -> dict[str, int]:
    """Matters per state in the actor's reach (the inbox tabs), every state listed."""
    matters = Matter.objects.filter(_visible_q(actor))
    if unit is not None:
        matters = matters.filter(subtree_q(unit, field="owning_unit"))
    counts = dict(matters.values_list("state").annotate(n=Count("id")).order_by())
    return {state: counts.get(state, 0) for state in State.values}


@dataclass(frozen=True)
class MatterReports:
    readable: list[Any]
    hidden: int  # reports of the matter the actor may not read (other branches)


def matter_reports(actor: Actor, matter: Matter) -> MatterReports:
    """The matter's reports the actor may read (subject/text masked as on the report
    pages), and how many others there are."""
    from duluan.intake.selectors import report_list, report_text_for

    ids = list(matter.links.values_list("report_id", flat=True))
    readable = list(
        report_list(actor)
        .filter(pk__in=ids)
        .select_related("unit", "analysis")
        .prefetch_related("topics__topic")
        .order_by("heard_at", "id")
    )
    for report in readable:
        report.subject, report.text = report_text_for(actor, report)
    return MatterReports(readable=readable, hidden=len(ids) - len(readable))


def hot_spot_board(
    actor: Actor, *, unit: Unit | None = None, now: datetime | None = None
) -> list[Matter]:
    """Open hot spots in reach (owned in ``unit``'s subtree when given), the overdue
    formal reports first, then the newest."""
    moment = now or timezone.now()
    found = Matter.objects.filter(_visible_q(actor), is_hot_spot=True)
    if unit is not None:
        found = found.filter(subtree_q(unit, field="owning_unit"))
    matters = list(
        found.exclude(state__in=CLOSED_STATES).select_related("owning_unit", "owning_unit__level")
    )
    for m in matters:
        m.hot_overdue = m.is_hot_overdue(moment)  # type: ignore[attr-defined]
    return sorted(
        matters,
        key=lambda m: (not m.hot_overdue, -(m.hot_since or moment).timestamp()),  # type: ignore[attr-defined]
    )


def directions_issued(actor: Actor) -> QuerySet[Direction]:
    """Directions issued by units in the actor's reach, newest first (with their targets)."""
    return (
        Direction.objects.filter(scope_q(actor, Perm.MATTER_VIEW), state=DirectionState.ISSUED)
        .select_related("unit", "matter")
        .prefetch_related("targets__unit")
        .order_by("-issued_at", "-id")
    )


def matter_panels(actor: Actor, matter: Matter) -> list[Block]:
    """What other apps show on the matter's page (``matter_panels`` modules), in order."""
    blocks = (entry.build(actor, matter) for entry in MATTER_PANELS.entries())
    return [block for block in blocks if block is not None]
