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
from duluan.org.choices import ROLE_PERMS, Perm, Role
from duluan.org.models import Unit
from duluan.org.scope import acting_account, unit_in_scope
from duluan.org.types import Actor

from .choices import CLOSED_STATES, DirectionState, EscalationState, Outcome, State
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
    if not matter.directions.filter(state=DirectionState.ISSUED).exists():
        raise TransitionRefused(_("Chỉ chuyển khi đã ban hành định hướng."))


def _all_acknowledged_or_leader(actor: Actor, matter: Matter, note: str) -> None:
    """Every target unit has acted; or a leader closes with a reason."""
    waiting = DirectionTarget.objects.filter(
        direction__matter=matter, acknowledged_at__isnull=True, closed_at__isnull=True
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


# Guards the service making the move satisfies itself (it writes the escalation or
# the direction first): no reason to tell anyone the move waits on them.
SERVICE_MADE: frozenset[Guard] = frozenset({_needs_pending_escalation, _needs_direction})


def allowed_next(matter: Matter) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == matter.state]


# What taking a transition to each state is called, for "who may do it" hints.
ACTION_WORDS: dict[str, str] = {
    State.SANG_LOC: "sàng lọc",
    State.XAC_MINH: "chuyển xác minh",
    State.PHAN_ANH_LEN: "phản ánh lên cấp trên",
    State.DINH_HUONG: "ban hành định hướng",
    State.DONG: "đóng vấn đề",
    State.GHI_NHAN: "ghi nhận, không cần xử lý",
}


# Where a move reads differently from its target state alone.
MOVE_WORDS: dict[tuple[str, str], str] = {
    (State.PHAN_ANH_LEN, State.XAC_MINH): "trả lại bước xác minh",
}


def _words(frm: str, to: str) -> str:
    return MOVE_WORDS.get((frm, to)) or ACTION_WORDS.get(to) or state_label(to)


def perm_holders(perm: str) -> list[str]:
    """The roles granting ``perm`` (from ``org.choices.ROLE_PERMS``), in role order."""
    return [role for role in Role.values if perm in ROLE_PERMS.get(role, frozenset())]


@dataclass(frozen=True)
class Waiting:
    """A move from the current state the actor may not make, and who may make it.

    ``to_states`` empty: the matter waits for another unit's decision (an
    escalation). ``refusal``: the actor holds the permission but a guard of the
    table refuses (why, in the guard's own words).
    """

    to_states: tuple[str, ...]
    perm: str
    roles: tuple[str, ...]
    unit: Unit
    text: str
    refusal: str = ""


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " hoặc " + words[-1]


def _role_words(role: str) -> str:
    """A role's name mid-sentence: lower case, but the body "Ban Thường vụ" keeps its capital."""
    label = str(Role(role).label)
    return label if role == Role.LEADER else label[:1].lower() + label[1:]


def _holders_text(perm: str) -> str:
    return _join([_role_words(r) for r in perm_holders(perm)])


def waiting_for(actor: Actor, matter: Matter) -> list[Waiting]:
    """Why a move of :data:`TRANSITIONS` from the current state is not offered, and who
    may make it: derived from each rule's permission (and guards), not per page.

    One entry per permission the actor lacks over the owning unit (naming the roles
    that grant it there), one per move a guard refuses to an actor who holds it, and
    one for an escalation pending at the upper unit.
    """
    if matter.state in CLOSED_STATES:
        return []
    unit = matter.owning_unit
    found: list[Waiting] = []
    pending = (
        matter.escalations.filter(state=EscalationState.PENDING).select_related("to_unit").first()
    )
    if pending is not None:  # nothing moves until the upper unit decides
        if unit_in_scope(actor, Perm.MATTER_HANDLE, pending.to_unit):
            return []
        handle: str = Perm.MATTER_HANDLE
        return [
            Waiting(
                (),
                handle,
                tuple(perm_holders(handle)),
                pending.to_unit,
                f"Chờ {_holders_text(handle)} của {pending.to_unit.display_name} xem xét đề xuất "
                "phản ánh lên (tiếp nhận, trả lại hoặc chuyển tiếp lên cấp trên).",
            )
        ]
    missing: dict[str, list[str]] = {}
    for (frm, to), rule in TRANSITIONS.items():
        if frm != matter.state or frm == to:  # a repeat is a service's side effect
            continue
        if not unit_in_scope(actor, rule.perm, unit):
            if to not in missing.setdefault(rule.perm, []):
                missing[rule.perm].append(to)
            continue
        try:  # assume a reason is given: the forms ask for one
            for guard in rule.guards:
                if guard not in SERVICE_MADE:
                    guard(actor, matter, "…")
        except TransitionRefused as exc:
            found.append(
                Waiting(
                    (to,),
                    rule.perm,
                    tuple(perm_holders(rule.perm)),
                    unit,
                    f"Chưa thể {_words(frm, to)}: {exc.message}",
                    refusal=str(exc.message),
                )
            )
    for perm, states in missing.items():
        words = [_words(matter.state, s) for s in states]
        found.append(
            Waiting(
                tuple(states),
                perm,
                tuple(perm_holders(perm)),
                unit,
                f"Chờ {_holders_text(perm)} của {unit.display_name} {_join(words)}.",
            )
        )
    return found


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
    if to_state in CLOSED_STATES:
        _close_open_targets(matter, step)
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="matter",
        object_ids=[matter.pk],
        unit_id=matter.owning_unit_id,
        note=f"{step.from_state}→{to_state}",
    )
    return step


def _close_open_targets(matter: Matter, step: Transition) -> int:
    """Closing a matter closes what its directions still asked of units: each target
    that had not acted becomes *đã đóng theo vấn đề*, with a note (whatever path
    closes the matter: the close service, the table, a merge)."""
    note = "Vấn đề đã đóng" + (f": {step.note}" if step.note else ".")
    return DirectionTarget.objects.filter(
        direction__matter=matter, acknowledged_at__isnull=True, closed_at__isnull=True
    ).update(closed_at=step.at, close_note=note[:2000])


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
