"""The roster as dated events (appointments, transfers, departures) and media groups;
the roster and coverage on a day are read in :mod:`duluan.network.selectors.roster`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ValidationFailed
from duluan.core.text import nfc
from duluan.org.models import Unit, User
from duluan.org.scope import access_unit_in_reach, recorded_account
from duluan.org.types import Actor

from ..choices import EventKind, RosterStatus
from ..models import MediaGroup, NetworkMember, RosterEvent
from ..permissions import MANAGE
from ..selectors.roster import access_member


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
    actor: Actor,
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
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
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
    actor: Actor, member: NetworkMember, kind: str, unit: Unit, status: str, data: Appointment
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
        recorded_by=recorded_account(actor),
    )
    _clean(event, "Diễn biến nhân sự chưa hợp lệ.")
    event.save()
    return event


@transaction.atomic
def member_event_add(
    *,
    actor: Actor,
    member_id: int,
    kind: str,
    data: Appointment,
    status: str | None = None,
    unit_id: int | None = None,
) -> RosterEvent:
    """A status change, transfer, departure or re-appointment, dated ``data.on``."""
    member = access_member(actor, member_id, MANAGE, own=False, for_update=True)
    unit = member.unit if unit_id is None else access_unit_in_reach(actor, unit_id, MANAGE)
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


@transaction.atomic
def media_group_add(
    *,
    actor: Actor,
    unit_id: int,
    platform: str,
    name: str,
    opened_on: date,
    members: int = 0,
    closed_on: date | None = None,
) -> MediaGroup:
    """Record a unit's media group (Zalo group, fanpage, website), dated for coverage."""
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
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
