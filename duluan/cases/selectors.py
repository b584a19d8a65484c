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
from duluan.org.scope import scope_q, scoped_units, subtree_q
from duluan.org.types import Actor

from .choices import CLOSED_STATES, State
from .models import Direction, DirectionTarget, Escalation, Matter, overdue_matter_ids


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
    # acknowledgement
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
    for direction in matter.directions.select_related("unit", "issued_by").prefetch_related(
        "targets__unit", "targets__acknowledged_by"
    ):
        entries.append(TimelineEntry(direction.issued_at, "direction", direction))
        for target in direction.targets.all():
            if target.acknowledged_at is not None:
                entries.append(TimelineEntry(target.acknowledged_at, "acknowledgement", target))
    order = {
        "report": 0,
        "verification": 1,
        "escalation": 2,
        "escalation_decision": 3,
        "direction": 4,
        "acknowledgement": 5,
        "transition": 6,
    }
    entries.sort(key=lambda e: (e.at, order[e.kind]))
    return entries


@dataclass
class DirectionProgress:
    total: int
    acted: int
    late: list[Unit] = field(default_factory=list)
    waiting: list[Unit] = field(default_factory=list)


def direction_progress(matter: Matter, *, now: datetime | None = None) -> DirectionProgress:
    """How many target units have acted on the matter's directions, and which are late."""
    moment = now or timezone.now()
    targets = list(
        DirectionTarget.objects.filter(direction__matter=matter)
        .select_related("unit", "direction")
        .order_by("unit__path")
    )
    waiting = [t for t in targets if t.acknowledged_at is None]
    return DirectionProgress(
        total=len(targets),
        acted=len(targets) - len(waiting),
        late=[t.unit for t in waiting if t.is_late(moment)],
        waiting=[t.unit for t in waiting],
    )


def direction_inbox(actor: Actor, *, pending: bool | None = None) -> QuerySet[DirectionTarget]:
    """Directions sent down to units in the actor's reach (what an ancestor asks of them)."""
    targets = DirectionTarget.objects.filter(scope_q(actor, Perm.MATTER_VIEW))
    if pending is not None:
        targets = targets.filter(acknowledged_at__isnull=pending)
    return targets.select_related("unit", "direction", "direction__unit", "direction__matter")


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
        Direction.objects.filter(scope_q(actor, Perm.MATTER_VIEW))
        .select_related("unit", "matter")
        .prefetch_related("targets__unit")
        .order_by("-issued_at", "-id")
    )


def matter_panels(actor: Actor, matter: Matter) -> list[Block]:
    """What other apps show on the matter's page (``matter_panels`` modules), in order."""
    blocks = (entry.build(actor, matter) for entry in MATTER_PANELS.entries())
    return [block for block in blocks if block is not None]
