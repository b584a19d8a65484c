"""The four steps as one table of allowed transitions, and the one function that applies them.

Read the table top to bottom to know what a matter may do next. Escalation,
direction and closing services call :func:`matter_transition`; nothing else
writes ``Matter.state``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from duluan.org.choices import Perm
from duluan.org.scope import acting_account, unit_in_scope
from duluan.org.types import Actor

from .choices import Outcome, State
from .models import DirectionTarget, Matter, Transition


class TransitionRefused(ApplicationError):
    """The table or a guard does not allow this change."""

    status = 409


Guard = Callable[[Actor, Matter, str], None]


def _needs_reason(actor: Actor, matter: Matter, note: str) -> None:
    if not note.strip():
        raise TransitionRefused(_("Cần ghi rõ lý do."))


def _needs_verification(actor: Actor, matter: Matter, note: str) -> None:
    latest = matter.verifications.order_by("-recorded_at", "-id").first()
    if latest is None:
        raise TransitionRefused(_("Cần ghi kết quả xác minh trước khi phản ánh lên cấp trên."))
    if latest.outcome == Outcome.UNVERIFIED and not note.strip():
        raise TransitionRefused(_("Vấn đề chưa kiểm chứng được: cần ghi rõ lý do phản ánh lên."))


def _needs_pending_escalation(actor: Actor, matter: Matter, note: str) -> None:
    if not matter.escalations.filter(state="pending").exists():
        raise TransitionRefused(_("Chỉ chuyển khi có đề xuất phản ánh lên cấp trên."))


def _needs_direction(actor: Actor, matter: Matter, note: str) -> None:
    if not matter.directions.exists():
        raise TransitionRefused(_("Chỉ chuyển khi đã ban hành định hướng."))


def _all_acknowledged_or_leader(actor: Actor, matter: Matter, note: str) -> None:
    """Every target unit has acted; or a leader closes with a reason."""
    waiting = DirectionTarget.objects.filter(
        direction__matter=matter, acknowledged_at__isnull=True
    ).count()
    if waiting == 0:
        return
    if unit_in_scope(actor, Perm.MATTER_DIRECT, matter.owning_unit) and note.strip():
        return
    raise TransitionRefused(
        _(
            "Còn %(n)d đơn vị chưa báo cáo việc phổ biến định hướng. "
            "Chỉ lãnh đạo được đóng trước, và phải ghi rõ lý do."
        )
        % {"n": waiting}
    )


@dataclass(frozen=True)
class Rule:
    perm: str
    guards: tuple[Guard, ...] = ()


TRANSITIONS: dict[tuple[str, str], Rule] = {
    # Step 1: select, analyse, assess.
    (State.TIEP_NHAN, State.SANG_LOC): Rule(Perm.MATTER_HANDLE),
    (State.TIEP_NHAN, State.GHI_NHAN): Rule(Perm.MATTER_HANDLE, (_needs_reason,)),
    (State.SANG_LOC, State.XAC_MINH): Rule(Perm.MATTER_HANDLE),
    (State.SANG_LOC, State.GHI_NHAN): Rule(Perm.MATTER_HANDLE, (_needs_reason,)),
    # Step 2: classify, cross-check, verify.
    (State.XAC_MINH, State.GHI_NHAN): Rule(Perm.MATTER_HANDLE, (_needs_reason,)),
    # Step 3: reflect upward (matter_escalate / escalation_decide).
    (State.XAC_MINH, State.PHAN_ANH_LEN): Rule(
        Perm.MATTER_HANDLE, (_needs_verification, _needs_pending_escalation)
    ),
    (State.PHAN_ANH_LEN, State.PHAN_ANH_LEN): Rule(
        Perm.MATTER_HANDLE, (_needs_pending_escalation,)
    ),
    (State.PHAN_ANH_LEN, State.XAC_MINH): Rule(Perm.MATTER_HANDLE, (_needs_reason,)),
    # Step 4: the deciding level directs downward (direction_issue).
    (State.XAC_MINH, State.DINH_HUONG): Rule(
        Perm.MATTER_DIRECT, (_needs_verification, _needs_direction)
    ),
    (State.PHAN_ANH_LEN, State.DINH_HUONG): Rule(Perm.MATTER_DIRECT, (_needs_direction,)),
    (State.DINH_HUONG, State.DINH_HUONG): Rule(Perm.MATTER_DIRECT, (_needs_direction,)),
    # Close the loop.
    (State.DINH_HUONG, State.DONG): Rule(Perm.MATTER_HANDLE, (_all_acknowledged_or_leader,)),
}
"""(from, to) → the permission over the owning unit and the guards, in order."""


def allowed_next(matter: Matter) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == matter.state]


def state_label(state: str) -> str:
    return str(State(state).label) if state in State.values else state


def check_acts_on(actor: Actor, matter: Matter, perm: str) -> None:
    """Reload the matter (callers may hold a stale copy), then check the actor acts on
    its owning unit. Out of sight answers as missing; in sight but not allowed, as forbidden."""
    matter.refresh_from_db()
    if unit_in_scope(actor, perm, matter.owning_unit):
        return
    from .selectors import matter_visible

    if matter_visible(actor, matter):
        raise PermissionDeniedError(_("Bạn không có quyền thực hiện thao tác này với vấn đề."))
    raise NotFoundError(_("Không tìm thấy vấn đề."))


def record_transition(*, actor: Actor, matter: Matter, to_state: str, note: str = "") -> Transition:
    """Write the state, the timeline row and exactly one audit row. Callers check first."""
    now = timezone.now()
    step = Transition.objects.create(
        matter=matter,
        from_state=matter.state,
        to_state=to_state,
        actor=acting_account(actor) if actor.is_authenticated else None,
        at=now,
        note=note.strip(),
    )
    matter.state = to_state
    matter.state_since = now
    matter.save(update_fields=["state", "state_since"])
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="matter",
        object_ids=[matter.pk],
        unit_id=matter.owning_unit_id,
        note=f"{step.from_state}→{to_state}",
    )
    return step


@transaction.atomic
def matter_transition(*, actor: Actor, matter: Matter, to_state: str, note: str = "") -> Transition:
    """Apply one transition of :data:`TRANSITIONS`.

    Checks, in order: the table, the actor's permission over the owning unit,
    the guards. Writes one :class:`Transition` and one audit row. The matter row
    is locked so two concurrent changes cannot both start from the same state.
    """
    current = Matter.objects.select_for_update().get(pk=matter.pk)
    matter.state, matter.state_since = current.state, current.state_since
    matter.owning_unit_id = current.owning_unit_id
    rule = TRANSITIONS.get((matter.state, to_state))
    if rule is None:
        check_acts_on(actor, matter, Perm.MATTER_HANDLE)  # who may not act hears that first
        raise TransitionRefused(
            _("Không thể chuyển vấn đề từ «%(from)s» sang «%(to)s».")
            % {"from": state_label(matter.state), "to": state_label(to_state)}
        )
    check_acts_on(actor, matter, rule.perm)
    for guard in rule.guards:
        guard(actor, matter, note)
    return record_transition(actor=actor, matter=matter, to_state=to_state, note=note)
