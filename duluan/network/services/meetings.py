"""Training classes (registration, QR check-in, counts) and briefings (attendance,
opinions collected as reports with channel "giao ban")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.core.text import fold, nfc
from duluan.intake.choices import Channel
from duluan.intake.models import Report
from duluan.intake.services import ReportData, report_create
from duluan.org.models import Unit
from duluan.org.scope import access_unit_in_reach, acting_account
from duluan.org.types import Actor

from ..choices import AttendanceSource
from ..models import (
    Briefing,
    BriefingAttendance,
    BriefingOpinion,
    NetworkMember,
    TrainingAttendance,
    TrainingClass,
)
from ..permissions import MANAGE
from ..selectors.common import first_role_unit
from ..selectors.meetings import (
    access_briefing,
    access_training,
    directions_in_reach,
    training_by_token,
)
from ..selectors.roster import access_member, members_in_reach, own_member_record
from .roster import _clean


def person_key(member_id: int | None, full_name: str, unit_id: int | None) -> str:
    """One person across classes: the roster id, else the folded name and unit."""
    if member_id is not None:
        return f"m:{member_id}"
    return f"n:{fold(full_name)}|{unit_id or ''}"[:200]


@transaction.atomic
def training_create(
    *,
    actor: Actor,
    unit_id: int,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    topic: str = "",
    place: str = "",
    online: bool = False,
    trainers: str = "",
    invited: str = "",
    materials: str = "",
) -> TrainingClass:
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
    training = TrainingClass(
        unit=unit,
        title=nfc(title).strip(),
        topic=nfc(topic).strip(),
        starts_on=starts_on,
        ends_on=ends_on or starts_on,
        place=nfc(place).strip(),
        online=online,
        trainers=nfc(trainers).strip(),
        invited=nfc(invited).strip(),
        materials=nfc(materials).strip(),
        created_by=acting_account(actor),
    )
    _clean(training, "Lớp tập huấn chưa hợp lệ.")
    training.save()
    return training


def attendance_upsert(
    training: TrainingClass,
    *,
    member: NetworkMember | None,
    full_name: str,
    unit: Unit | None,
    source: str,
    present: bool,
    rating: int | None = None,
    at: datetime | None = None,
) -> TrainingAttendance:
    key = person_key(member.pk if member else None, full_name, unit.pk if unit else None)
    row, _ = TrainingAttendance.objects.get_or_create(
        training=training,
        person_key=key,
        defaults={
            "member": member,
            "full_name": nfc(full_name).strip()[:150],
            "unit": unit,
            "source": source,
            "registered": source == AttendanceSource.REGISTERED,
        },
    )
    if present and row.checked_in_at is None:
        row.checked_in_at = at or timezone.now()
        row.source = source
    if rating is not None:
        row.rating = rating
    row.save()
    return row


@transaction.atomic
def training_register(*, actor: Actor, training_id: int, member_id: int) -> TrainingAttendance:
    training = access_training(actor, training_id, MANAGE)
    member = access_member(actor, member_id, MANAGE, own=False)
    return attendance_upsert(
        training,
        member=member,
        full_name=member.full_name,
        unit=member.unit,
        source=AttendanceSource.REGISTERED,
        present=False,
    )


@transaction.atomic
def training_checkin(*, actor: Actor, training_id: int, token: str) -> TrainingAttendance:
    """The QR code on the day: the signed-in person marks themself present.

    The token printed in the QR is the proof of being in the room; the
    account names the person (their roster entry if they have one)."""
    training = training_by_token(training_id, token)
    if training is None:
        raise NotFoundError("Mã điểm danh không đúng hoặc đã hết hiệu lực.")
    today = timezone.localdate()
    if not training.starts_on <= today <= training.ends_on:
        raise ValidationFailed("Chỉ điểm danh được trong những ngày lớp học diễn ra.")
    user = acting_account(actor)
    member = own_member_record(user)
    unit = member.unit if member else first_role_unit(user)
    name = member.full_name if member else (user.full_name or user.get_username())
    return attendance_upsert(
        training, member=member, full_name=name, unit=unit, source=AttendanceSource.QR, present=True
    )


# ── briefings ────────────────────────────────────────────────────────────────
@transaction.atomic
def briefing_create(
    *,
    actor: Actor,
    unit_id: int,
    kind: str,
    title: str,
    held_at: datetime,
    place: str = "",
    chair: str = "",
    secretary: str = "",
    agenda: str = "",
    info_given: str = "",
    conclusion: str = "",
    direction_ids: list[int] | None = None,
) -> Briefing:
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
    briefing = Briefing(
        unit=unit,
        kind=kind,
        title=nfc(title).strip(),
        held_at=held_at,
        place=nfc(place).strip(),
        chair=nfc(chair).strip(),
        secretary=nfc(secretary).strip(),
        agenda=nfc(agenda).strip(),
        info_given=nfc(info_given).strip(),
        conclusion=nfc(conclusion).strip(),
        created_by=acting_account(actor),
    )
    _clean(briefing, "Cuộc giao ban chưa hợp lệ.")
    briefing.save()
    if direction_ids:
        briefing.directions.set(directions_in_reach(actor, direction_ids))
    return briefing


@transaction.atomic
def briefing_attendance_set(
    *,
    actor: Actor,
    briefing_id: int,
    present_member_ids: list[int],
    others: list[str] = (),  # type: ignore[assignment]
) -> int:
    """Replace the attendance: roster members present, and other names typed in."""
    briefing = access_briefing(actor, briefing_id, MANAGE)
    members = members_in_reach(actor, present_member_ids, MANAGE)
    briefing.attendances.all().delete()
    rows = [BriefingAttendance(briefing=briefing, member=m, full_name=m.full_name) for m in members]
    rows += [
        BriefingAttendance(briefing=briefing, full_name=nfc(name).strip()[:150])
        for name in others or []
        if name.strip()
    ]
    BriefingAttendance.objects.bulk_create(rows)
    return len(rows)


@dataclass
class OpinionIn:
    subject: str
    text: str
    kind: str = "thong_tin"
    mood: str = "trung_lap"
    verifiability: str = "nhieu_nguon"
    urgency: str = "binh_thuong"
    people_count: int | None = None


@transaction.atomic
def briefing_opinion_add(*, actor: Actor, briefing_id: int, opinion: OpinionIn) -> Report:
    """An opinion collected at the briefing becomes a report (channel giao ban),
    filed for the briefing's unit through the one report service, and linked."""
    briefing = access_briefing(actor, briefing_id, MANAGE)
    heard_at = min(briefing.held_at, timezone.now())
    report = report_create(
        actor=actor,
        data=ReportData(
            unit_id=briefing.unit_id,
            channel=Channel.BRIEFING,
            heard_at=heard_at,
            subject=opinion.subject,
            text=opinion.text,
            kind=opinion.kind,
            mood=opinion.mood,
            verifiability=opinion.verifiability,
            urgency=opinion.urgency,
            place=briefing.title[:255],
            people_count=opinion.people_count,
        ),
    )
    BriefingOpinion.objects.create(briefing=briefing, report=report)
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="network_briefing",
        object_ids=[briefing.pk],
        unit_id=briefing.unit_id,
        note="opinion",
    )
    return report


def training_evaluate(*, actor: Actor, training_id: int, evaluation: str) -> TrainingClass:
    """The end-of-class evaluation (học viên ratings are on their attendance rows)."""
    training = access_training(actor, training_id, MANAGE)
    training.evaluation = nfc(evaluation).strip()
    training.save(update_fields=["evaluation"])
    return training
