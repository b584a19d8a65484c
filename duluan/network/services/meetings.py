"""Training classes (registration, QR check-in, counts) and briefings (attendance,
opinions collected as reports with channel "giao ban")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.core.text import fold, nfc
from duluan.intake.choices import Channel
from duluan.intake.models import Report
from duluan.intake.services import ReportData, report_create
from duluan.org.models import Unit
from duluan.org.scope import scope_q

from ..access import MANAGE, NOT_FOUND, VIEW, in_scope, unit_for
from ..choices import AttendanceSource, RosterStatus
from ..models import (
    Briefing,
    BriefingAttendance,
    BriefingOpinion,
    NetworkMember,
    TrainingAttendance,
    TrainingClass,
)
from .roster import _clean


def person_key(member_id: int | None, full_name: str, unit_id: int | None) -> str:
    """One person across classes: the roster id, else the folded name and unit."""
    if member_id is not None:
        return f"m:{member_id}"
    return f"n:{fold(full_name)}|{unit_id or ''}"[:200]


@transaction.atomic
def training_create(
    *,
    actor: Any,
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
    unit = unit_for(actor, unit_id, MANAGE)
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
        created_by=actor,
    )
    _clean(training, "Lớp tập huấn chưa hợp lệ.")
    training.save()
    return training


def training_get(actor: Any, training_id: int, perm: str = VIEW) -> TrainingClass:
    return in_scope(actor, TrainingClass.objects.select_related("unit"), training_id, perm)


def training_list(
    actor: Any, *, within: Unit | None = None, year: int | None = None
) -> QuerySet[TrainingClass]:
    classes = TrainingClass.objects.filter(scope_q(actor, VIEW))
    if within is not None:
        classes = classes.filter(unit__path__startswith=within.path)
    if year:
        classes = classes.filter(starts_on__year=year)
    return (
        classes.select_related("unit")
        .annotate(present=Count("attendances", filter=Q(attendances__checked_in_at__isnull=False)))
        .order_by("-starts_on", "-id")
    )


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
def training_register(*, actor: Any, training_id: int, member_id: int) -> TrainingAttendance:
    training = training_get(actor, training_id, MANAGE)
    member = NetworkMember.objects.filter(pk=member_id).select_related("unit").first()
    if member is None or not member_visible(actor, member):
        raise NotFoundError(NOT_FOUND)
    return attendance_upsert(
        training,
        member=member,
        full_name=member.full_name,
        unit=member.unit,
        source=AttendanceSource.REGISTERED,
        present=False,
    )


def member_visible(actor: Any, member: NetworkMember) -> bool:
    return NetworkMember.objects.filter(scope_q(actor, MANAGE), pk=member.pk).exists()


@transaction.atomic
def training_checkin(*, actor: Any, training_id: int, token: str) -> TrainingAttendance:
    """The QR code on the day: the signed-in person marks themself present.

    The token printed in the QR is the proof of being in the room; the
    account names the person (their roster entry if they have one)."""
    training = TrainingClass.objects.filter(pk=training_id).first()
    if training is None or not token or token != training.checkin_token:
        raise NotFoundError("Mã điểm danh không đúng hoặc đã hết hiệu lực.")
    today = timezone.localdate()
    if not training.starts_on <= today <= training.ends_on:
        raise ValidationFailed("Chỉ điểm danh được trong những ngày lớp học diễn ra.")
    member = (
        NetworkMember.objects.filter(user=actor, status=RosterStatus.ACTIVE)
        .select_related("unit")
        .first()
    )
    unit = member.unit if member else Unit.objects.filter(role_assignments__user=actor).first()
    name = member.full_name if member else (getattr(actor, "full_name", "") or actor.get_username())
    return attendance_upsert(
        training, member=member, full_name=name, unit=unit, source=AttendanceSource.QR, present=True
    )


@dataclass(frozen=True)
class TrainingCounts:
    classes: int
    attendances: int  # lượt người: every check-in
    people: int  # người: without repeats


def training_counts(root: Unit, start: date, end: date) -> TrainingCounts:
    classes = TrainingClass.objects.filter(
        unit__path__startswith=root.path, starts_on__gte=start, starts_on__lt=end
    )
    present = TrainingAttendance.objects.filter(training__in=classes, checked_in_at__isnull=False)
    return TrainingCounts(
        classes=classes.count(),
        attendances=present.count(),
        people=present.values("person_key").distinct().count(),
    )


# ── briefings ────────────────────────────────────────────────────────────────
@transaction.atomic
def briefing_create(
    *,
    actor: Any,
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
    unit = unit_for(actor, unit_id, MANAGE)
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
        created_by=actor,
    )
    _clean(briefing, "Cuộc giao ban chưa hợp lệ.")
    briefing.save()
    if direction_ids:
        from duluan.cases.models import Direction

        # Directions addressed to this unit or issued in the actor's reach.
        directions = (
            Direction.objects.filter(pk__in=direction_ids)
            .filter(scope_q(actor, VIEW, unit_field="targets__unit") | scope_q(actor, VIEW))
            .distinct()
        )
        briefing.directions.set(directions)
    return briefing


def briefing_get(actor: Any, briefing_id: int, perm: str = VIEW) -> Briefing:
    return in_scope(
        actor, Briefing.objects.select_related("unit", "unit__level"), briefing_id, perm
    )


def briefing_list(
    actor: Any, *, within: Unit | None = None, year: int | None = None
) -> QuerySet[Briefing]:
    briefings = Briefing.objects.filter(scope_q(actor, VIEW))
    if within is not None:
        briefings = briefings.filter(unit__path__startswith=within.path)
    if year:
        briefings = briefings.filter(held_at__year=year)
    return (
        briefings.select_related("unit")
        .annotate(opinion_count=Count("opinions", distinct=True))
        .order_by("-held_at", "-id")
    )


@transaction.atomic
def briefing_attendance_set(
    *,
    actor: Any,
    briefing_id: int,
    present_member_ids: list[int],
    others: list[str] = (),  # type: ignore[assignment]
) -> int:
    """Replace the attendance: roster members present, and other names typed in."""
    briefing = briefing_get(actor, briefing_id, MANAGE)
    members = list(NetworkMember.objects.filter(scope_q(actor, MANAGE), pk__in=present_member_ids))
    if len(members) != len(set(present_member_ids)):
        raise NotFoundError(NOT_FOUND)
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
def briefing_opinion_add(*, actor: Any, briefing_id: int, opinion: OpinionIn) -> Report:
    """An opinion collected at the briefing becomes a report (channel giao ban),
    filed for the briefing's unit through the one report service, and linked."""
    briefing = briefing_get(actor, briefing_id, MANAGE)
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


def training_evaluate(*, actor: Any, training_id: int, evaluation: str) -> TrainingClass:
    """The end-of-class evaluation (học viên ratings are on their attendance rows)."""
    training = training_get(actor, training_id, MANAGE)
    training.evaluation = nfc(evaluation).strip()
    training.save(update_fields=["evaluation"])
    return training
