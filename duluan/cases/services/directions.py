"""Step 4: the deciding level's direction sent down, acknowledged unit by unit; closing."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed
from duluan.core.text import nfc
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import acting_account, in_subtree, own_unit_ids, subtree_q, unit_in_scope
from duluan.org.types import Actor

from ..choices import EscalationState, Outcome, State
from ..models import Direction, DirectionTarget, Matter, Transition
from ..reminders import notify_direction
from ..workflow import TransitionRefused, check_acts_on, matter_transition


def direction_targets_for(matter: Matter, unit: Unit, *, whole_subtree: bool = False) -> list[Unit]:
    """The units that must act on a direction issued by ``unit``.

    Rule: take the branches directly below the deciding unit that contain a unit
    the matter touches, and every active unit in those branches (so the
    direction reaches the touched units, their siblings and every level in
    between: a rumour spreads beyond where it was heard). With
    ``whole_subtree``, or when the matter touches nothing below the deciding
    unit, every branch below it. A unit with nothing below it targets itself.
    """
    below = Unit.objects.filter(subtree_q(unit, field=""), depth__gt=unit.depth, is_active=True)
    if not whole_subtree:
        touched_paths = [
            p
            for p in matter.units.values_list("path", flat=True)
            if in_subtree(p, unit) and len(p) > len(unit.path)
        ]
        branch_len = len(unit.path) + Unit.steplen
        branches = {p[:branch_len] for p in touched_paths}
        if branches:
            below = below.filter(subtree_q(sorted(branches), field=""))
    targets = list(below.order_by("path"))
    return targets or [unit]


@transaction.atomic
def direction_issue(
    *,
    actor: Actor,
    matter: Matter,
    text: str,
    correction: str = "",
    whole_subtree: bool = False,
) -> Direction:
    """The owning unit's leaders direct the matter down the tree.

    Creates one :class:`DirectionTarget` per unit from
    :func:`direction_targets_for` and moves the matter to *Định hướng*. A
    rumour needs the correction to spread. Not while an escalation is pending:
    the upper level decides then.
    """
    check_acts_on(actor, matter, Perm.MATTER_DIRECT)
    text, correction = nfc(text).strip(), nfc(correction).strip()
    if not text:
        raise ValidationFailed(_("Cần ghi nội dung định hướng."))
    if matter.escalations.filter(state=EscalationState.PENDING).exists():
        raise TransitionRefused(_("Vấn đề đang chờ cấp trên xem xét, chưa thể định hướng."))
    latest = matter.verifications.order_by("-recorded_at", "-id").first()
    if latest is not None and latest.outcome == Outcome.RUMOUR and not correction:
        raise ValidationFailed(_("Với tin đồn, cần ghi thông tin cải chính cần lan toả."))
    if matter.state not in (State.XAC_MINH, State.PHAN_ANH_LEN, State.DINH_HUONG):
        raise TransitionRefused(
            _("Không thể chuyển vấn đề từ «%(from)s» sang «%(to)s».")
            % {"from": matter.get_state_display(), "to": State.DINH_HUONG.label}
        )
    direction = Direction.objects.create(
        matter=matter,
        unit=matter.owning_unit,
        text=text,
        correction=correction,
        issued_by=acting_account(actor),
    )
    units = direction_targets_for(matter, matter.owning_unit, whole_subtree=whole_subtree)
    DirectionTarget.objects.bulk_create(DirectionTarget(direction=direction, unit=u) for u in units)
    matter_transition(actor=actor, matter=matter, to_state=State.DINH_HUONG, note=text[:500])
    notify_direction(direction)
    return direction


@transaction.atomic
def direction_acknowledge(
    *, actor: Actor, target: DirectionTarget, action_taken: str
) -> DirectionTarget:
    """An officer (or leader) of the target unit itself says what it did to reach members."""
    DirectionTarget.objects.select_for_update().filter(pk=target.pk).first()  # lock the row
    target.refresh_from_db()
    if not (actor.is_superuser or target.unit_id in own_unit_ids(actor, Perm.MATTER_HANDLE)):
        if unit_in_scope(actor, Perm.MATTER_VIEW, target.unit):
            raise PermissionDeniedError(_("Chỉ cán bộ của đơn vị nhận định hướng mới xác nhận."))
        raise NotFoundError(_("Không tìm thấy định hướng."))
    action_taken = nfc(action_taken).strip()
    if not action_taken:
        raise ValidationFailed(_("Cần ghi đơn vị đã làm gì để phổ biến đến đoàn viên."))
    if target.acknowledged_at is not None:
        raise TransitionRefused(_("Đơn vị đã xác nhận định hướng này."))
    target.acknowledged_at = timezone.now()
    target.acknowledged_by = acting_account(actor)
    target.action_taken = action_taken
    target.save(update_fields=["acknowledged_at", "acknowledged_by", "action_taken"])
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="direction_target",
        object_ids=[target.pk],
        unit_id=target.unit_id,
    )
    return target


def matter_close(*, actor: Actor, matter: Matter, note: str = "") -> Transition:
    """Close the loop: every target unit acted, or a leader closes early with a reason."""
    return matter_transition(actor=actor, matter=matter, to_state=State.DONG, note=note)
