"""Guards of the workflow: refused transitions, who may act, early closing, returns."""

from __future__ import annotations

import pytest

from duluan.audit.models import Action, AuditEvent
from duluan.cases.choices import EscalationState, State
from duluan.cases.services import (
    direction_acknowledge,
    direction_issue,
    escalation_decide,
    matter_close,
    matter_create_from_report,
    matter_escalate,
)
from duluan.cases.workflow import TRANSITIONS, TransitionRefused, matter_transition
from duluan.conftest import OrgTree
from duluan.core.errors import NotFoundError, PermissionDeniedError
from duluan.org.choices import Perm, Role

from .helpers import make_report, verified_matter

pytestmark = pytest.mark.django_db


def test_every_rule_names_a_matter_permission() -> None:
    assert {rule.perm for rule in TRANSITIONS.values()} <= {
        Perm.MATTER_HANDLE,
        Perm.MATTER_DIRECT,
    }


def test_rejects_transition_outside_the_table_in_vietnamese(org_tree: OrgTree) -> None:
    officer = org_tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(org_tree))
    with pytest.raises(TransitionRefused) as err:
        matter_transition(actor=officer, matter=matter, to_state=State.DONG)
    assert err.value.message == "Không thể chuyển vấn đề từ «Tiếp nhận» sang «Đóng»."
    assert not AuditEvent.objects.filter(object_type="matter").exists()


def test_screening_out_needs_a_reason(org_tree: OrgTree) -> None:
    officer = org_tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(org_tree))
    with pytest.raises(TransitionRefused, match="lý do"):
        matter_transition(actor=officer, matter=matter, to_state=State.GHI_NHAN)
    matter_transition(
        actor=officer, matter=matter, to_state=State.GHI_NHAN, note="Trùng ý kiến đã giải đáp"
    )
    with pytest.raises(TransitionRefused, match="«Ghi nhận, không cần xử lý» sang «Xác minh»"):
        matter_transition(actor=officer, matter=matter, to_state=State.XAC_MINH)


def test_rejects_escalation_before_verification(org_tree: OrgTree) -> None:
    officer = org_tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer, report=make_report(org_tree))
    matter_transition(actor=officer, matter=matter, to_state=State.SANG_LOC)
    matter_transition(actor=officer, matter=matter, to_state=State.XAC_MINH)
    with pytest.raises(TransitionRefused, match="kết quả xác minh"):
        matter_escalate(actor=officer, matter=matter, proposal="Đề xuất")
    matter.refresh_from_db()
    assert matter.state == State.XAC_MINH
    assert not matter.escalations.exists()


def test_analyst_reads_but_cannot_act_and_other_units_see_nothing(org_tree: OrgTree) -> None:
    matter = verified_matter(org_tree)
    with pytest.raises(PermissionDeniedError):
        matter_escalate(actor=org_tree.user("cs_a1", Role.ANALYST), matter=matter, proposal="x")
    with pytest.raises(NotFoundError):
        matter_escalate(actor=org_tree.user("cs_b1"), matter=matter, proposal="x")
    with pytest.raises(NotFoundError):
        matter_create_from_report(actor=org_tree.user("cs_a2"), report=make_report(org_tree))


def test_child_cannot_accept_its_own_escalation(org_tree: OrgTree) -> None:
    matter = verified_matter(org_tree)
    escalation = matter_escalate(actor=org_tree.user("cs_a1"), matter=matter, proposal="Đề xuất")
    with pytest.raises(PermissionDeniedError):
        escalation_decide(
            actor=org_tree.user("cs_a1"), escalation=escalation, decision=EscalationState.ACCEPTED
        )
    with pytest.raises(NotFoundError):
        escalation_decide(
            actor=org_tree.user("upper_b"), escalation=escalation, decision=EscalationState.ACCEPTED
        )


def test_returned_escalation_goes_back_to_the_child_for_more_verification(
    org_tree: OrgTree,
) -> None:
    matter = verified_matter(org_tree)
    escalation = matter_escalate(actor=org_tree.user("cs_a1"), matter=matter, proposal="Đề xuất")
    with pytest.raises(Exception, match="bổ sung"):
        escalation_decide(
            actor=org_tree.user("upper_a"), escalation=escalation, decision="returned"
        )
    escalation_decide(
        actor=org_tree.user("upper_a"),
        escalation=escalation,
        decision=EscalationState.RETURNED,
        note="Cần ý kiến của phòng nhân sự",
    )
    matter.refresh_from_db()
    assert (matter.state, matter.owning_unit) == (State.XAC_MINH, org_tree.cs_a1)
    assert matter.transitions.last().note == "Cần ý kiến của phòng nhân sự"  # type: ignore[union-attr]


def test_forwarded_escalation_goes_straight_to_the_next_level(org_tree: OrgTree) -> None:
    matter = verified_matter(org_tree)
    escalation = matter_escalate(actor=org_tree.user("cs_a1"), matter=matter, proposal="Đề xuất")
    escalation_decide(
        actor=org_tree.user("upper_a"), escalation=escalation, decision=EscalationState.FORWARDED
    )
    matter.refresh_from_db()
    assert matter.owning_unit == org_tree.upper_a
    pending = matter.escalations.get(state=EscalationState.PENDING)
    assert (pending.from_unit, pending.to_unit) == (org_tree.upper_a, org_tree.province)
    with pytest.raises(Exception, match="cấp cao nhất"):
        escalation_decide(
            actor=org_tree.user("province"),
            escalation=pending,
            decision=EscalationState.FORWARDED,
        )


def test_closing_waits_for_every_acknowledgement_unless_a_leader_gives_a_reason(
    org_tree: OrgTree,
) -> None:
    t = org_tree
    matter = verified_matter(t)
    escalation = matter_escalate(actor=t.user("cs_a1"), matter=matter, proposal="Đề xuất")
    escalation_decide(actor=t.user("upper_a"), escalation=escalation, decision="accepted")
    direction = direction_issue(
        actor=t.user("upper_a", Role.LEADER),
        matter=matter,
        text="Phổ biến",
        correction="Sự thật",
        whole_subtree=True,
    )
    target = direction.targets.get(unit=t.cs_a1)
    with pytest.raises(PermissionDeniedError):
        direction_acknowledge(actor=t.user("upper_a"), target=target, action_taken="Thay mặt")
    direction_acknowledge(actor=t.user("cs_a1"), target=target, action_taken="Họp tổ")

    with pytest.raises(TransitionRefused, match="Còn 1 đơn vị"):
        matter_close(actor=t.user("upper_a"), matter=matter, note="Đủ rồi")
    with pytest.raises(TransitionRefused, match="Còn 1 đơn vị"):
        matter_close(actor=t.user("upper_a", Role.LEADER), matter=matter)
    matter_close(
        actor=t.user("upper_a", Role.LEADER), matter=matter, note="Công ty đã công bố chính thức"
    )
    matter.refresh_from_db()
    assert matter.state == State.DONG
    assert (
        AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="matter").count()
        == matter.transitions.count()
    )
