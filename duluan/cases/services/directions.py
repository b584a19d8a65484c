"""Step 4: the deciding level's direction (issued by a leader, or drafted by an officer
and approved by a leader), sent down, acknowledged unit by unit; closing."""

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

from ..choices import DirectionState, EscalationState, Outcome, State
from ..models import Direction, DirectionTarget, Matter, Transition
from ..reminders import notify_direction, notify_direction_draft, notify_direction_returned
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


def _direction_fields(
    matter: Matter, title: str, text: str, correction: str
) -> tuple[str, str, str]:
    """Check what a direction (issued or drafted) needs; its cleaned title, text and
    correction. Not while an escalation is pending: the upper level decides then."""
    title, text, correction = nfc(title).strip(), nfc(text).strip(), nfc(correction).strip()
    if not title:
        raise ValidationFailed(_("Cần ghi tiêu đề của định hướng (các đơn vị nhận sẽ đọc)."))
    if len(title) > 200:
        raise ValidationFailed(_("Tiêu đề định hướng tối đa 200 ký tự."))
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
    return title, text, correction


def default_direction_title(unit: Unit) -> str:
    """A neutral title for a direction given none (API callers of old): never the
    matter's title, which may be a report's subject the targets cannot read."""
    day = timezone.localtime(timezone.now()).strftime("%d/%m/%Y")
    return f"Định hướng của {unit.display_name} ngày {day}"[:200]


def _send_down(*, actor: Actor, direction: Direction, matter: Matter) -> Direction:
    """Issue: one target per unit from :func:`direction_targets_for`, the matter to
    *Định hướng*, the notices queued."""
    units = direction_targets_for(matter, matter.owning_unit, whole_subtree=direction.whole_subtree)
    DirectionTarget.objects.bulk_create(DirectionTarget(direction=direction, unit=u) for u in units)
    note = f"{direction.title}: {direction.text}"
    matter_transition(actor=actor, matter=matter, to_state=State.DINH_HUONG, note=note[:500])
    notify_direction(direction)
    return direction


@transaction.atomic
def direction_issue(
    *,
    actor: Actor,
    matter: Matter,
    text: str,
    title: str = "",
    correction: str = "",
    whole_subtree: bool = False,
) -> Direction:
    """The owning unit's leaders direct the matter down the tree.

    Creates one :class:`DirectionTarget` per unit from
    :func:`direction_targets_for` and moves the matter to *Định hướng*. A
    rumour needs the correction to spread. Without a title, a neutral one
    (:func:`default_direction_title`).
    """
    check_acts_on(actor, matter, Perm.MATTER_DIRECT)
    Matter.objects.select_for_update().filter(pk=matter.pk).first()  # lock the matter row
    title, text, correction = _direction_fields(
        matter, title or default_direction_title(matter.owning_unit), text, correction
    )
    direction = Direction.objects.create(
        matter=matter,
        unit=matter.owning_unit,
        title=title,
        text=text,
        correction=correction,
        whole_subtree=whole_subtree,
        issued_by=acting_account(actor),
    )
    return _send_down(actor=actor, direction=direction, matter=matter)


def _audit(actor: Actor, direction: Direction, note: str) -> None:
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="direction",
        object_ids=[direction.pk],
        unit_id=direction.unit_id,
        note=note,
    )


@transaction.atomic
def direction_draft(
    *,
    actor: Actor,
    matter: Matter,
    title: str,
    text: str,
    correction: str = "",
    whole_subtree: bool = False,
) -> Direction:
    """An officer of the owning unit drafts a direction for a leader to approve and sign.

    The draft (*dự thảo*) reaches no unit: no targets, no state change. The
    owning unit's leaders are told it waits for them. One draft per matter at a time.
    """
    check_acts_on(actor, matter, Perm.MATTER_HANDLE)
    Matter.objects.select_for_update().filter(pk=matter.pk).first()  # lock the matter row
    title, text, correction = _direction_fields(matter, title, text, correction)
    if matter.directions.filter(state=DirectionState.DRAFT).exists():
        raise TransitionRefused(_("Vấn đề đã có một dự thảo định hướng chờ lãnh đạo duyệt."))
    now = timezone.now()
    direction = Direction(
        matter=matter,
        unit=matter.owning_unit,
        title=title,
        text=text,
        correction=correction,
        whole_subtree=whole_subtree,
        state=DirectionState.DRAFT,
        drafted_by=acting_account(actor),
        drafted_at=now,
        issued_at=now,
    )
    direction.full_clean(exclude=["issued_by"])  # signed only when a leader approves
    direction.save()
    _audit(actor, direction, "draft")
    notify_direction_draft(direction)
    return direction


def _lock_draft(actor: Actor, direction: Direction) -> Matter:
    """Lock the draft and its matter; check the actor leads the issuing unit and the
    draft still waits. Out of sight: missing; in sight, not a leader: forbidden."""
    Direction.objects.select_for_update().filter(pk=direction.pk).first()  # lock the row
    direction.refresh_from_db()
    matter = direction.matter
    check_acts_on(actor, matter, Perm.MATTER_VIEW)
    if not unit_in_scope(actor, Perm.MATTER_DIRECT, direction.unit):
        raise PermissionDeniedError(_("Chỉ lãnh đạo đơn vị mới duyệt dự thảo định hướng."))
    Matter.objects.select_for_update().filter(pk=matter.pk).first()  # lock the matter row
    if direction.state != DirectionState.DRAFT:
        raise TransitionRefused(_("Dự thảo này đã được xem xét."))
    return matter


@transaction.atomic
def direction_approve(*, actor: Actor, direction: Direction) -> Direction:
    """A leader of the issuing unit approves a draft: it is issued as drafted, signed
    by that leader (``issued_by``), and sent down as :func:`direction_issue` would."""
    matter = _lock_draft(actor, direction)
    if direction.unit_id != matter.owning_unit_id:
        raise TransitionRefused(_("Vấn đề đã chuyển sang đơn vị khác xử lý; cần soạn lại."))
    _direction_fields(matter, direction.title, direction.text, direction.correction)
    now = timezone.now()
    direction.state = DirectionState.ISSUED
    direction.issued_by = acting_account(actor)
    direction.issued_at = now
    direction.reviewed_by = acting_account(actor)
    direction.reviewed_at = now
    direction.save(update_fields=["state", "issued_by", "issued_at", "reviewed_by", "reviewed_at"])
    _audit(actor, direction, "approve")
    return _send_down(actor=actor, direction=direction, matter=matter)


@transaction.atomic
def direction_return(*, actor: Actor, direction: Direction, note: str) -> Direction:
    """A leader returns a draft with a comment saying what to change; the officer may
    draft again."""
    _lock_draft(actor, direction)
    note = nfc(note).strip()
    if not note:
        raise ValidationFailed(_("Cần ghi ý kiến: dự thảo cần sửa gì."))
    direction.state = DirectionState.RETURNED
    direction.reviewed_by = acting_account(actor)
    direction.reviewed_at = timezone.now()
    direction.review_note = note
    direction.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    _audit(actor, direction, "return")
    notify_direction_returned(direction)
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
    if target.closed_at is not None:
        raise TransitionRefused(_("Vấn đề đã đóng: định hướng này không còn cần báo cáo."))
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
    """Close the loop: every target unit acted, or a leader closes early with a reason.

    What the matter's directions still asked of units that had not acted is closed
    with it (*đã đóng theo vấn đề*, with the note; see ``workflow.record_transition``),
    so no unit keeps it as a to-do."""
    return matter_transition(actor=actor, matter=matter, to_state=State.DONG, note=note)
