"""The roster as dated events, and the coverage read off it for any subtree and day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.core.text import nfc
from duluan.org.models import Unit, User
from duluan.org.scope import scope_q, unit_in_scope

from ..access import MANAGE, NOT_FOUND, unit_for
from ..choices import EventKind, MemberKind, RosterStatus
from ..models import MediaGroup, NetworkMember, RosterEvent


def _clean(obj: Any, message: str) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise ValidationFailed(message, extra={"errors": exc.message_dict}) from exc


@dataclass
class Appointment:
    """What an appointment (or a later event) records."""

    on: date
    decision_no: str = ""
    decision_date: date | None = None
    issuer: str = ""
    term_end: date | None = None
    note: str = ""


@transaction.atomic
def member_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    full_name: str,
    appointment: Appointment,
    user: User | None = None,
    position: str = "",
    phone: str = "",
    fields_followed: str = "",
    groups_reached: str = "",
    status: str = RosterStatus.ACTIVE,
) -> NetworkMember:
    """Add a collaborator or reporter with their appointment (the first event)."""
    unit = unit_for(actor, unit_id, MANAGE)
    member = NetworkMember(
        kind=kind,
        full_name=nfc(full_name).strip(),
        user=user,
        unit=unit,
        status=status,
        position=nfc(position).strip(),
        phone=phone.strip(),
        fields_followed=nfc(fields_followed).strip(),
        groups_reached=nfc(groups_reached).strip(),
    )
    _clean(member, "Thông tin cộng tác viên chưa hợp lệ.")
    member.save()
    _event(actor, member, EventKind.APPOINTED, unit, status, appointment)
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="network_member",
        object_ids=[member.pk],
        unit_id=unit.pk,
        note="create",
    )
    return member


def _event(
    actor: Any, member: NetworkMember, kind: str, unit: Unit, status: str, data: Appointment
) -> RosterEvent:
    event = RosterEvent(
        member=member,
        kind=kind,
        on=data.on,
        unit=unit,
        status=status,
        decision_no=nfc(data.decision_no).strip(),
        decision_date=data.decision_date,
        issuer=nfc(data.issuer).strip(),
        term_end=data.term_end,
        note=nfc(data.note).strip()[:500],
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    _clean(event, "Diễn biến nhân sự chưa hợp lệ.")
    event.save()
    return event


def member_get(actor: Any, member_id: int) -> NetworkMember:
    """Staff data: the member themself, or MANAGE on their unit's subtree."""
    member = NetworkMember.objects.select_related("unit", "user").filter(pk=member_id).first()
    if member is None:
        raise NotFoundError(NOT_FOUND)
    if member.user_id == getattr(actor, "pk", None) or unit_in_scope(actor, MANAGE, member.unit):
        return member
    raise NotFoundError(NOT_FOUND)


@transaction.atomic
def member_event_add(
    *,
    actor: Any,
    member_id: int,
    kind: str,
    data: Appointment,
    status: str | None = None,
    unit_id: int | None = None,
) -> RosterEvent:
    """A status change, transfer, departure or re-appointment, dated ``data.on``."""
    member = NetworkMember.objects.select_for_update().filter(pk=member_id).first()
    if member is None or not unit_in_scope(actor, MANAGE, member.unit):
        raise NotFoundError(NOT_FOUND)
    unit = member.unit if unit_id is None else unit_for(actor, unit_id, MANAGE)
    if kind == EventKind.LEFT:
        status = RosterStatus.LEFT
    if status is None:
        status = RosterStatus.ACTIVE
    if status not in RosterStatus.values or kind not in EventKind.values:
        raise ValidationFailed("Sự kiện hoặc trạng thái không hợp lệ.")
    event = _event(actor, member, kind, unit, status, data)
    latest = member.events.order_by("-on", "-id").first()
    if latest is not None:
        member.unit_id, member.status = latest.unit_id, latest.status
        member.save(update_fields=["unit", "status"])
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="network_member",
        object_ids=[member.pk],
        unit_id=unit.pk,
        note=kind,
    )
    return event


def member_list(actor: Any, *, within: Unit | None = None) -> QuerySet[NetworkMember]:
    """Members of units in the actor's MANAGE reach (optionally one subtree)."""
    members = NetworkMember.objects.filter(scope_q(actor, MANAGE))
    if within is not None:
        members = members.filter(unit__path__startswith=within.path)
    return members.select_related("unit", "user")


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
        if path.startswith(root.path)
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
        Unit.objects.filter(path__startswith=root.path, is_active=True)
        .select_related("level")
        .order_by("path")
    )
    standing = roster_on(root, day)
    active = [s for s in standing if s.status == RosterStatus.ACTIVE]
    team_units = {s.unit_id for s in active if s.kind == MemberKind.COLLABORATOR}
    media_units = set(
        MediaGroup.objects.filter(unit__path__startswith=root.path, opened_on__lte=day)
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


def counts_by_unit(standing: list[Standing]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for s in standing:
        if s.status == RosterStatus.ACTIVE:
            counts[s.unit_id] += 1
    return counts


def today() -> date:
    return timezone.localdate()


@transaction.atomic
def media_group_add(
    *,
    actor: Any,
    unit_id: int,
    platform: str,
    name: str,
    opened_on: date,
    members: int = 0,
    closed_on: date | None = None,
) -> MediaGroup:
    """Record a unit's media group (Zalo group, fanpage, website), dated for coverage."""
    unit = unit_for(actor, unit_id, MANAGE)
    group = MediaGroup(
        unit=unit,
        platform=platform,
        name=nfc(name).strip(),
        members=members,
        opened_on=opened_on,
        closed_on=closed_on,
    )
    _clean(group, "Nhóm truyền thông chưa hợp lệ.")
    if closed_on is not None and closed_on < opened_on:
        raise ValidationFailed(
            "Ngày ngừng phải sau ngày lập.",
            extra={"errors": {"closed_on": ["Ngày ngừng phải sau ngày lập."]}},
        )
    group.save()
    return group


def media_group_list(actor: Any, *, within: Unit | None = None) -> QuerySet[MediaGroup]:
    groups = MediaGroup.objects.filter(scope_q(actor, MANAGE))
    if within is not None:
        groups = groups.filter(unit__path__startswith=within.path)
    return groups.select_related("unit").order_by("unit__path", "opened_on")
