"""Step 3: reflecting a matter up the tree, and the parent's decision."""

from __future__ import annotations

from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from duluan.core.files import files_delete_on_commit
from duluan.core.text import nfc
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import acting_account, unit_in_scope
from duluan.org.types import Actor

from ..choices import EscalationState, State
from ..models import Escalation, Matter
from ..reminders import notify_escalation
from ..workflow import TransitionRefused, check_acts_on, matter_transition


def _audit(actor: Actor, escalation: Escalation, note: str) -> None:
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="escalation",
        object_ids=[escalation.pk],
        unit_id=escalation.to_unit_id,
        note=note,
    )


def _parent_of(unit: Unit) -> Unit:
    parent: Unit | None = unit.get_parent()
    if parent is None:
        raise ValidationFailed(_("Đơn vị này là cấp cao nhất, không còn cấp trên để phản ánh lên."))
    return parent


@transaction.atomic
def matter_escalate(*, actor: Actor, matter: Matter, proposal: str) -> Escalation:
    """Reflect the matter from its owning unit to that unit's parent, with a proposal.

    From *Xác minh* (needs a verification) or, once a parent has accepted, from
    *Phản ánh lên* again (further up). The owning unit stays until the parent
    accepts. One pending escalation per matter.
    """
    check_acts_on(actor, matter, Perm.MATTER_HANDLE)
    proposal = nfc(proposal).strip()
    if not proposal:
        raise ValidationFailed(_("Cần ghi đề xuất hướng xử lý."))
    if matter.state not in (State.XAC_MINH, State.PHAN_ANH_LEN):
        raise TransitionRefused(
            _("Không thể chuyển vấn đề từ «%(from)s» sang «%(to)s».")
            % {"from": matter.get_state_display(), "to": State.PHAN_ANH_LEN.label}
        )
    if matter.escalations.filter(state=EscalationState.PENDING).exists():
        raise TransitionRefused(_("Vấn đề đang chờ cấp trên xem xét."))
    escalation = Escalation.objects.create(
        matter=matter,
        from_unit=matter.owning_unit,
        to_unit=_parent_of(matter.owning_unit),
        proposal=proposal,
        sent_by=acting_account(actor),
    )
    matter_transition(actor=actor, matter=matter, to_state=State.PHAN_ANH_LEN, note=proposal)
    notify_escalation(escalation)
    return escalation


def _check_decider(actor: Actor, escalation: Escalation) -> None:
    if unit_in_scope(actor, Perm.MATTER_HANDLE, escalation.to_unit):
        return
    if unit_in_scope(actor, Perm.MATTER_VIEW, escalation.to_unit) or unit_in_scope(
        actor, Perm.MATTER_VIEW, escalation.from_unit
    ):
        raise PermissionDeniedError(_("Chỉ cấp trên nhận phản ánh mới được quyết định."))
    raise NotFoundError(_("Không tìm thấy vấn đề."))


@transaction.atomic
def escalation_decide(
    *, actor: Actor, escalation: Escalation, decision: str, note: str = "", proposal: str = ""
) -> Escalation:
    """The parent's answer to a pending escalation.

    * ``accepted``: the parent becomes the owning unit; the state stays
      *Phản ánh lên* (the parent may direct, or escalate further);
    * ``returned``: back to the child in *Xác minh*, with a note saying what is missing;
    * ``forwarded``: the parent takes it and escalates at once to its own parent.
    """
    Escalation.objects.select_for_update().filter(pk=escalation.pk).first()  # lock the row
    escalation.refresh_from_db()
    _check_decider(actor, escalation)
    if escalation.state != EscalationState.PENDING:
        raise TransitionRefused(_("Đề xuất này đã được xem xét."))
    matter = escalation.matter
    note = nfc(note).strip()
    if decision == EscalationState.RETURNED and not note:
        raise ValidationFailed(_("Cần ghi rõ cần bổ sung thông tin gì."))
    if decision not in (
        EscalationState.ACCEPTED,
        EscalationState.RETURNED,
        EscalationState.FORWARDED,
    ):
        raise ValidationFailed(_("Quyết định không hợp lệ."))
    escalation.state = decision
    escalation.decided_by = acting_account(actor)
    escalation.decided_at = timezone.now()
    escalation.note = note
    escalation.save(update_fields=["state", "decided_by", "decided_at", "note"])
    _audit(actor, escalation, decision)
    if decision == EscalationState.RETURNED:
        matter_transition(actor=actor, matter=matter, to_state=State.XAC_MINH, note=note)
        return escalation
    matter.owning_unit = escalation.to_unit
    matter.save(update_fields=["owning_unit"])
    if decision == EscalationState.FORWARDED:
        matter_escalate(actor=actor, matter=matter, proposal=proposal or escalation.proposal)
    return escalation


@transaction.atomic
def escalation_conclusion_attach(
    *, actor: Actor, escalation: Escalation, note: str, document: File[Any] | None = None
) -> Escalation:
    """The receiving level (the province, typically) records the Party committee's
    conclusion on an accepted escalation, as a summary and optionally a document."""
    escalation.refresh_from_db()
    _check_decider(actor, escalation)
    if escalation.state != EscalationState.ACCEPTED:
        raise TransitionRefused(_("Chỉ đính kèm kết luận cho đề xuất đã được tiếp nhận."))
    if not nfc(note).strip() and document is None:
        raise ValidationFailed(_("Cần ghi tóm tắt kết luận hoặc đính kèm văn bản kết luận."))
    escalation.conclusion_note = nfc(note).strip()
    replaced = escalation.conclusion.name if document is not None else ""
    if document is not None:
        escalation.conclusion.save(document.name or "ket-luan", document, save=False)
    escalation.save(update_fields=["conclusion_note", "conclusion"])
    # The document it replaces leaves the bucket (or disk) once this commits.
    files_delete_on_commit(escalation.conclusion.storage, [replaced] if replaced else [])
    _audit(actor, escalation, "conclusion")
    return escalation
