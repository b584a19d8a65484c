"""Dialogues and petitions in reach, petitions' effective due dates and overdue state
(computed in the database), carried-over items and the yearly obligation."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from duluan.core.models import DeadlineExtension
from duluan.org.models import Unit
from duluan.org.scope import access_object, scope_q, subtree_q
from duluan.org.types import Actor

from ..choices import OPEN_PETITION_STATES, DialogueKind
from ..models import Dialogue, DialogueObligation, Petition
from ..permissions import NOT_FOUND, VIEW


# ── dialogues ───────────────────────────────────────────────────────────────
def access_dialogue(actor: Actor, dialogue_id: Any, perm: str = VIEW) -> Dialogue:
    """A dialogue of a unit in the actor's reach for ``perm``; otherwise not found."""
    return access_object(
        actor, Dialogue.objects.select_related("unit"), dialogue_id, perm, message=NOT_FOUND
    )


def dialogue_list(
    actor: Actor, *, within: Unit | None = None, year: int | None = None
) -> QuerySet[Dialogue]:
    dialogues = Dialogue.objects.filter(scope_q(actor, VIEW))
    if within is not None:
        dialogues = dialogues.filter(subtree_q(within))
    if year:
        dialogues = dialogues.filter(held_on__year=year)
    return dialogues.select_related("unit").order_by("-held_on", "-id")


def dialogue_petitions(dialogue: Dialogue, *, with_updates: bool = False) -> QuerySet[Petition]:
    """The dialogue's petitions with their effective due dates, in the order raised."""
    petitions = with_effective_due(dialogue.petitions.all()).order_by("id")
    return petitions.prefetch_related("updates") if with_updates else petitions


def dialogue_carried_over(dialogue: Dialogue) -> QuerySet[Petition]:
    """Petitions still open from earlier dialogues of the subtree (for its agenda)."""
    start = timezone.make_aware(datetime.combine(dialogue.held_on, time.min))
    return open_items_before(dialogue.unit, start).exclude(dialogue=dialogue)


# ── petitions: effective due date and overdue in the database ─────────────────
def with_effective_due(petitions: QuerySet[Petition]) -> QuerySet[Petition]:
    """Annotate ``extended_due``: the latest extension's new due date, if any."""
    content_type = ContentType.objects.get_for_model(Petition)
    latest = (
        DeadlineExtension.objects.filter(content_type=content_type, object_id=OuterRef("pk"))
        .order_by("-new_due")
        .values("new_due")[:1]
    )
    return petitions.annotate(extended_due=Subquery(latest))


def overdue_q(now: datetime) -> Q:
    """Open, past the due date, and not extended beyond ``now``."""
    return Q(state__in=OPEN_PETITION_STATES, due_at__lt=now) & (
        Q(extended_due__isnull=True) | Q(extended_due__lt=now)
    )


def is_overdue(petition: Petition, now: datetime | None = None) -> bool:
    moment = now or timezone.now()
    due = max(petition.due_at, getattr(petition, "extended_due", None) or petition.due_at)
    return petition.state in OPEN_PETITION_STATES and due < moment


def effective_due_of(petition: Petition) -> datetime:
    return max(petition.due_at, getattr(petition, "extended_due", None) or petition.due_at)


def access_petition(actor: Actor, petition_id: Any, perm: str = VIEW) -> Petition:
    """A petition of a unit in the actor's reach for ``perm`` (with ``extended_due``);
    otherwise not found."""
    petitions = with_effective_due(Petition.objects.select_related("unit", "dialogue"))
    return access_object(actor, petitions, petition_id, perm, message=NOT_FOUND)


def petition_list(
    actor: Actor,
    *,
    within: Unit | None = None,
    state: str | None = None,
    overdue: bool = False,
    year: int | None = None,
    now: datetime | None = None,
) -> QuerySet[Petition]:
    """Petitions in the actor's reach, soonest due first; ``year`` is the dialogue's."""
    petitions = with_effective_due(Petition.objects.filter(scope_q(actor, VIEW)))
    if within is not None:
        petitions = petitions.filter(subtree_q(within))
    if state:
        petitions = petitions.filter(state=state)
    if overdue:
        petitions = petitions.filter(overdue_q(now or timezone.now()))
    if year:
        petitions = petitions.filter(dialogue__held_on__year=year)
    return petitions.select_related("unit", "dialogue").order_by("due_at", "id")


def petitions_overdue(moment: datetime) -> list[Petition]:
    """Every overdue petition at ``moment``, all units (the reminder job's read)."""
    return list(
        with_effective_due(Petition.objects.all())
        .filter(overdue_q(moment))
        .select_related("unit", "dialogue")
    )


# ── carry-over and the yearly obligation ─────────────────────────────────────
def open_items_before(unit: Unit, moment: datetime) -> QuerySet[Petition]:
    """Petitions of ``unit``'s subtree raised at dialogues up to ``moment``'s day, still open:
    they go on the agenda of the unit's next briefing or dialogue."""
    return (
        Petition.objects.filter(
            subtree_q(unit),
            state__in=OPEN_PETITION_STATES,
            dialogue__held_on__lte=timezone.localtime(moment).date(),
        )
        .select_related("unit", "dialogue")
        .order_by("due_at", "id")
    )


OBLIGATION_KINDS = (DialogueKind.DIALOGUE, DialogueKind.WORKERS, DialogueKind.OFFICIALS)


def obligations_missing(root: Unit, year: int) -> list[DialogueObligation]:
    """Enterprises of ``root``'s subtree that owe a dialogue in ``year`` and have not held one."""
    held = Dialogue.objects.filter(
        subtree_q(root), held_on__year=year, kind__in=OBLIGATION_KINDS
    ).values_list("unit_id", flat=True)
    return list(
        DialogueObligation.objects.filter(
            subtree_q(root), since_year__lte=year, unit__is_active=True
        )
        .exclude(unit_id__in=held)
        .select_related("unit")
        .order_by("unit__path")
    )
