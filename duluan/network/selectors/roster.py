"""The roster: members in reach, one member's record, the roster and its coverage on
any day, media groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from duluan.core.errors import NotFoundError
from duluan.org.models import Unit, User
from duluan.org.scope import access_object, in_subtree, scope_q, subtree_q
from duluan.org.types import Actor

from ..choices import MemberKind, RosterStatus
from ..models import MediaGroup, NetworkMember, RosterEvent
from ..permissions import MANAGE, NOT_FOUND
from .common import access_own_or_scoped


def access_member(
    actor: Actor, member_id: Any, perm: str = MANAGE, *, own: bool = True, for_update: bool = False
) -> NetworkMember:
    """Staff data: a member whose unit is in the actor's reach for ``perm``, or (``own``)
    the actor's own record; otherwise not found. ``for_update`` locks the row."""
    members = NetworkMember.objects.select_related("unit", "user")
    if for_update:
        members = NetworkMember.objects.select_for_update(of=("self",))
    if not own:
        return access_object(actor, members, member_id, perm, message=NOT_FOUND)
    return access_own_or_scoped(
        actor, members, member_id, perm, unit_field="unit", owner_field="user_id"
    )


def member_list(
    actor: Actor,
    *,
    within: Unit | None = None,
    kind: str | None = None,
    status: str | None = None,
    name: str | None = None,
    with_events: bool = False,
) -> QuerySet[NetworkMember]:
    """Members of units in the actor's MANAGE reach (optionally one subtree), in tree
    order then by name; ``with_events`` brings their roster events along."""
    members = NetworkMember.objects.filter(scope_q(actor, MANAGE))
    if within is not None:
        members = members.filter(subtree_q(within))
    if kind:
        members = members.filter(kind=kind)
    if status:
        members = members.filter(status=status)
    if name:
        members = members.filter(full_name__icontains=name)
    if with_events:
        members = members.prefetch_related("events")
    return members.select_related("unit", "user").order_by("unit__path", "full_name", "id")


def members_in_reach(
    actor: Actor, member_ids: list[int], perm: str = MANAGE
) -> list[NetworkMember]:
    """Exactly these members, every one in reach; otherwise not found."""
    members = list(NetworkMember.objects.filter(scope_q(actor, perm), pk__in=member_ids))
    if len(members) != len(set(member_ids)):
        raise NotFoundError(NOT_FOUND)
    return members


def active_members_under(actor: Actor, unit: Unit, *, limit: int = 300) -> list[NetworkMember]:
    """Active members of ``unit``'s subtree the actor manages (a briefing's roll call)."""
    return list(
        NetworkMember.objects.filter(
            scope_q(actor, MANAGE), subtree_q(unit), status=RosterStatus.ACTIVE
        )
        .select_related("unit")
        .order_by("unit__path", "full_name")[:limit]
    )


def own_member_record(actor: Actor) -> NetworkMember | None:
    """The actor's own active roster entry, if they have one."""
    if not isinstance(actor, User):  # no account, no roster entry
        return None
    return (
        NetworkMember.objects.filter(user=actor, status=RosterStatus.ACTIVE)
        .select_related("unit")
        .first()
    )


def member_events(member: NetworkMember) -> QuerySet[RosterEvent]:
    return member.events.select_related("unit").order_by("on", "id")


@dataclass(frozen=True)
class MemberHistory:
    """What a member's page lists under their details."""

    events: QuerySet[RosterEvent]
    evaluations: QuerySet[Any]
    commendations: QuerySet[Any]
    trainings: QuerySet[Any]


def member_history(member: NetworkMember) -> MemberHistory:
    return MemberHistory(
        events=member_events(member),
        evaluations=member.evaluations.all(),
        commendations=member.commendations.all(),
        trainings=member.trainings.select_related("training").order_by("-training__starts_on"),
    )


# ── the roster on a day, and coverage ────────────────────────────────────────
@dataclass(frozen=True)
class Standing:
    member_id: int
    unit_id: int
    status: str
    kind: str


def roster_on(root: Unit, day: date) -> list[Standing]:
    """Every member's latest event on or before ``day`` that places them in ``root``'s subtree."""
    events = (
        RosterEvent.objects.filter(on__lte=day)
        .order_by("member_id", "on", "id")
        .values_list("member_id", "unit_id", "status", "unit__path", "member__kind")
    )
    latest: dict[int, tuple[int, str, str, str]] = {}
    for member_id, unit_id, status, path, kind in events.iterator(chunk_size=5000):
        latest[member_id] = (unit_id, status, path, kind)
    return [
        Standing(member_id, unit_id, status, kind)
        for member_id, (unit_id, status, path, kind) in latest.items()
        if in_subtree(path, root)
    ]


@dataclass
class LevelCoverage:
    level: str
    units: int = 0
    with_team: int = 0
    with_media: int = 0


@dataclass
class Coverage:
    root: Unit
    day: date
    collaborators: int = 0
    reporters: int = 0
    paused: int = 0
    units: int = 0
    units_with_team: int = 0
    units_with_media: int = 0
    members: int = 0
    levels: list[LevelCoverage] = field(default_factory=list)
    lacking: list[Unit] = field(default_factory=list)

    @property
    def per_1000(self) -> float:
        return round(self.collaborators * 1000 / self.members, 2) if self.members else 0.0


def coverage(root: Unit, day: date) -> Coverage:
    """Coverage of ``root``'s subtree as the roster stood on ``day``.

    A unit "has a collaborator team" when at least one collaborator (not a
    reporter) attached to the unit itself is active that day; a unit "has a
    media group" when one of its groups was open that day. Members per 1,000
    divide by the sum of ``Unit.member_count`` over the subtree's units.
    """
    units = list(
        Unit.objects.filter(subtree_q(root, field=""), is_active=True)
        .select_related("level")
        .order_by("path")
    )
    standing = roster_on(root, day)
    active = [s for s in standing if s.status == RosterStatus.ACTIVE]
    team_units = {s.unit_id for s in active if s.kind == MemberKind.COLLABORATOR}
    media_units = set(
        MediaGroup.objects.filter(subtree_q(root), opened_on__lte=day)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        .values_list("unit_id", flat=True)
    )
    result = Coverage(root=root, day=day)
    result.collaborators = sum(1 for s in active if s.kind == MemberKind.COLLABORATOR)
    result.reporters = sum(1 for s in active if s.kind == MemberKind.REPORTER)
    result.paused = sum(1 for s in standing if s.status == RosterStatus.PAUSED)
    by_level: dict[tuple[int, str], LevelCoverage] = {}
    for unit in units:
        key = (unit.depth, unit.level.name)
        row = by_level.setdefault(key, LevelCoverage(level=unit.level.name))
        row.units += 1
        result.units += 1
        result.members += unit.member_count
        if unit.pk in team_units:
            row.with_team += 1
            result.units_with_team += 1
        else:
            result.lacking.append(unit)
        if unit.pk in media_units:
            row.with_media += 1
            result.units_with_media += 1
    result.levels = [by_level[key] for key in sorted(by_level)]
    return result


def media_group_list(actor: Actor, *, within: Unit | None = None) -> QuerySet[MediaGroup]:
    groups = MediaGroup.objects.filter(scope_q(actor, MANAGE))
    if within is not None:
        groups = groups.filter(subtree_q(within))
    return groups.select_related("unit").order_by("unit__path", "opened_on")
