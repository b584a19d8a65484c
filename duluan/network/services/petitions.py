"""Dialogues, petitions and their follow-up; overdue reminders raised to the parent unit;
the yearly dialogue obligation. Reads: :mod:`duluan.network.selectors.petitions`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.calendar import deadline_extend, due_after_working_days
from duluan.core.errors import ValidationFailed
from duluan.core.text import nfc
from duluan.notifications.selectors import unit_notified_users
from duluan.notifications.services import notices_send
from duluan.org.scope import access_unit_in_reach, acting_account
from duluan.org.types import Actor

from ..choices import PetitionState
from ..models import Dialogue, DialogueObligation, Petition, PetitionUpdate
from ..permissions import MANAGE
from ..selectors.activity import local_start
from ..selectors.petitions import (
    access_dialogue,
    access_petition,
    effective_due_of,
    petitions_overdue,
)
from .roster import _clean

CLOSED = (PetitionState.RESOLVED, PetitionState.REFUSED)


@transaction.atomic
def dialogue_create(
    *,
    actor: Actor,
    unit_id: int,
    kind: str,
    held_on: date,
    enterprise: str = "",
    parties: str = "",
    participants: int = 0,
    summary: str = "",
) -> Dialogue:
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
    dialogue = Dialogue(
        unit=unit,
        kind=kind,
        held_on=held_on,
        enterprise=nfc(enterprise).strip() or unit.name,
        parties=nfc(parties).strip(),
        participants=participants,
        summary=nfc(summary).strip(),
        created_by=acting_account(actor),
    )
    _clean(dialogue, "Cuộc đối thoại chưa hợp lệ.")
    dialogue.save()
    return dialogue


def petition_due_days() -> int:
    return int(settings.NETWORK_PETITION_DAYS)


@transaction.atomic
def petition_add(
    *,
    actor: Actor,
    dialogue_id: int,
    content: str,
    answerer: str,
    due_at: datetime | None = None,
    report_id: int | None = None,
    matter_id: int | None = None,
) -> Petition:
    """Record an issue raised at the dialogue; due by default after
    ``DULUAN_NETWORK_PETITION_DAYS`` working days."""
    dialogue = access_dialogue(actor, dialogue_id, MANAGE)
    if due_at is None:
        due_at = due_after_working_days(local_start(dialogue.held_on), petition_due_days())
    petition = Petition(
        dialogue=dialogue,
        unit=dialogue.unit,
        content=nfc(content).strip(),
        answerer=nfc(answerer).strip(),
        due_at=due_at,
    )
    if report_id is not None:
        from duluan.intake.selectors import report_get

        petition.report = report_get(actor, report_id)
    if matter_id is not None:
        from duluan.cases.selectors import matter_get

        petition.matter = matter_get(actor, matter_id)
    _clean(petition, "Kiến nghị chưa hợp lệ.")
    petition.save()
    PetitionUpdate.objects.create(
        petition=petition, state=petition.state, note="Ghi nhận", by=acting_account(actor)
    )
    return petition


@transaction.atomic
def petition_update(
    *,
    actor: Actor,
    petition_id: int,
    state: str,
    answer: str = "",
    reason: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Petition:
    """Move a petition through its follow-up; refusing one needs a reason."""
    petition = access_petition(actor, petition_id, MANAGE)
    if state not in PetitionState.values:
        raise ValidationFailed(
            "Tình trạng không hợp lệ.", extra={"errors": {"state": ["Chọn một tình trạng."]}}
        )
    reason = nfc(reason).strip()
    if state == PetitionState.REFUSED and not reason:
        raise ValidationFailed(
            "Kiến nghị không giải quyết được phải ghi lý do.",
            extra={"errors": {"reason": ["Hãy ghi lý do không giải quyết được."]}},
        )
    petition.state = state
    if answer.strip():
        petition.answer = nfc(answer).strip()
    petition.reason = reason if state == PetitionState.REFUSED else ""
    petition.closed_at = (now or timezone.now()) if state in CLOSED else None
    _clean(petition, "Kiến nghị chưa hợp lệ.")
    petition.save()
    PetitionUpdate.objects.create(
        petition=petition,
        state=state,
        note=nfc(note or reason).strip()[:500],
        by=acting_account(actor),
        at=now or timezone.now(),
    )
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="network_petition",
        object_ids=[petition.pk],
        unit_id=petition.unit_id,
        note=state,
    )
    return petition


def petition_extend(*, actor: Actor, petition_id: int, new_due: datetime, reason: str) -> Petition:
    petition = access_petition(actor, petition_id, MANAGE)
    if not reason.strip():
        raise ValidationFailed(
            "Gia hạn phải ghi lý do.", extra={"errors": {"reason": ["Bắt buộc."]}}
        )
    if new_due <= petition.due_at:
        raise ValidationFailed(
            "Hạn mới phải sau hạn hiện tại.",
            extra={"errors": {"new_due": ["Hạn mới phải sau hạn hiện tại."]}},
        )
    deadline_extend(
        item=petition, new_due=new_due, reason=nfc(reason), granted_by=acting_account(actor)
    )
    return petition


@dataclass(frozen=True)
class OverdueRun:
    overdue: int = 0
    notified: int = 0
    raised: int = 0


def petitions_overdue_check(*, now: datetime | None = None) -> OverdueRun:
    """Remind the unit's officers of each overdue petition and raise it to the
    parent unit's officers. Idempotent per petition and due date."""
    moment = now or timezone.now()
    late = petitions_overdue(moment)
    notified = raised = 0
    for petition in late:
        due = effective_due_of(petition)
        key = f"petition:{petition.pk}:{due:%Y%m%d}"
        url = (
            reverse("network:dialogue_detail", args=[petition.dialogue_id])
            + f"#kien-nghi-{petition.pk}"
        )
        title = (
            f"Kiến nghị quá hạn trả lời ({timezone.localtime(due):%d/%m/%Y}) tại "
            f"{petition.unit.display_name}"
        )
        body = f"Người trả lời: {petition.answerer}. Hạn: {timezone.localtime(due):%d/%m/%Y}."
        sent = notices_send(
            unit_notified_users([petition.unit]),
            kind="network.petition_overdue",
            key=key,
            title=title,
            url=url,
            body=body,
            unit_id=petition.unit_id,
            now=moment,
        )
        notified += sent.notified
        parent = petition.unit.get_parent()
        if parent is not None:
            up = notices_send(
                unit_notified_users([parent]),
                kind="network.petition_raised",
                key=key,
                title=f"Đơn vị cấp dưới có kiến nghị quá hạn: {petition.unit.display_name}",
                url=url,
                body=body,
                unit_id=parent.pk,
                now=moment,
            )
            raised += up.notified
        if petition.overdue_flagged_at is None:
            Petition.objects.filter(pk=petition.pk).update(overdue_flagged_at=moment)
    return OverdueRun(overdue=len(late), notified=notified, raised=raised)


def obligation_set(
    *, actor: Actor, unit_id: int, since_year: int, note: str = ""
) -> DialogueObligation:
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
    obligation, _ = DialogueObligation.objects.update_or_create(
        unit=unit, defaults={"since_year": since_year, "note": nfc(note).strip()}
    )
    return obligation
