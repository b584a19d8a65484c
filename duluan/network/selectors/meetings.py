"""Training classes and briefings in reach, their attendance, and the counts every
periodic report states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from duluan.org.models import Unit
from duluan.org.scope import access_object, scope_q, subtree_q
from duluan.org.types import Actor

from ..models import (
    Briefing,
    BriefingAttendance,
    BriefingOpinion,
    TrainingAttendance,
    TrainingClass,
)
from ..permissions import NOT_FOUND, VIEW


# ── training ────────────────────────────────────────────────────────────────
def access_training(actor: Actor, training_id: Any, perm: str = VIEW) -> TrainingClass:
    """A class of a unit in the actor's reach for ``perm``; otherwise not found."""
    return access_object(
        actor, TrainingClass.objects.select_related("unit"), training_id, perm, message=NOT_FOUND
    )


def training_by_token(training_id: Any, token: str) -> TrainingClass | None:
    """The class whose QR code carries ``token``: holding the code is the proof of
    being in the room, so this read is not scoped to a unit."""
    training = TrainingClass.objects.filter(pk=training_id).first()
    if training is None or not token or token != training.checkin_token:
        return None
    return training


def training_list(
    actor: Actor, *, within: Unit | None = None, year: int | None = None
) -> QuerySet[TrainingClass]:
    classes = TrainingClass.objects.filter(scope_q(actor, VIEW))
    if within is not None:
        classes = classes.filter(subtree_q(within))
    if year:
        classes = classes.filter(starts_on__year=year)
    return (
        classes.select_related("unit")
        .annotate(present=Count("attendances", filter=Q(attendances__checked_in_at__isnull=False)))
        .order_by("-starts_on", "-id")
    )


def training_attendances(training: TrainingClass) -> QuerySet[TrainingAttendance]:
    return training.attendances.select_related("unit").order_by("full_name", "id")


def training_present_count(training: TrainingClass) -> int:
    return int(training.attendances.filter(checked_in_at__isnull=False).count())


@dataclass(frozen=True)
class TrainingCounts:
    classes: int
    attendances: int  # lượt người: every check-in
    people: int  # người: without repeats


def training_counts(root: Unit, start: date, end: date) -> TrainingCounts:
    classes = TrainingClass.objects.filter(subtree_q(root), starts_on__gte=start, starts_on__lt=end)
    present = TrainingAttendance.objects.filter(training__in=classes, checked_in_at__isnull=False)
    return TrainingCounts(
        classes=classes.count(),
        attendances=present.count(),
        people=present.values("person_key").distinct().count(),
    )


# ── briefings ───────────────────────────────────────────────────────────────
def access_briefing(actor: Actor, briefing_id: Any, perm: str = VIEW) -> Briefing:
    """A briefing of a unit in the actor's reach for ``perm``; otherwise not found."""
    return access_object(
        actor,
        Briefing.objects.select_related("unit", "unit__level"),
        briefing_id,
        perm,
        message=NOT_FOUND,
    )


def briefing_list(
    actor: Actor, *, within: Unit | None = None, year: int | None = None
) -> QuerySet[Briefing]:
    briefings = Briefing.objects.filter(scope_q(actor, VIEW))
    if within is not None:
        briefings = briefings.filter(subtree_q(within))
    if year:
        briefings = briefings.filter(held_at__year=year)
    return (
        briefings.select_related("unit")
        .annotate(opinion_count=Count("opinions", distinct=True))
        .order_by("-held_at", "-id")
    )


def briefing_present(briefing: Briefing) -> QuerySet[BriefingAttendance]:
    """Who was there (roster members and others), in the order they were recorded."""
    return briefing.attendances.filter(present=True)


def briefing_present_member_ids(briefing: Briefing) -> set[int]:
    return set(briefing_present(briefing).values_list("member_id", flat=True))


def briefing_guests(briefing: Briefing) -> QuerySet[BriefingAttendance]:
    """Those recorded by name only (not on the roster)."""
    return briefing.attendances.filter(member__isnull=True)


def briefing_opinions(briefing: Briefing) -> QuerySet[BriefingOpinion]:
    return briefing.opinions.select_related("report")


def briefing_directions(briefing: Briefing) -> QuerySet[Any]:
    """The directions the briefing passed on."""
    return briefing.directions.all()


def briefing_opinion_report_ids(briefing: Briefing) -> list[int]:
    return list(briefing.opinions.values_list("report_id", flat=True))


def directions_in_reach(actor: Actor, direction_ids: list[int]) -> QuerySet[Any]:
    """Of these directions, those addressed to a unit in the actor's reach or issued there
    (what a briefing may say it passed on). A draft not yet signed by a leader was
    never passed on."""
    from duluan.cases.choices import DirectionState
    from duluan.cases.models import Direction

    return (
        Direction.objects.filter(pk__in=direction_ids, state=DirectionState.ISSUED)
        .filter(scope_q(actor, VIEW, unit_field="targets__unit") | scope_q(actor, VIEW))
        .distinct()
    )
