"""The acceptance walk: grassroots report → province → direction down three levels → closed."""

from __future__ import annotations

import pytest

from duluan.audit.models import Action, AuditEvent
from duluan.cases.choices import EscalationState, State
from duluan.cases.models import DirectionTarget, Transition
from duluan.cases.selectors import (
    access_matter,
    direction_inbox,
    direction_progress,
    matter_list,
    matter_timeline,
)
from duluan.cases.services import (
    direction_acknowledge,
    direction_issue,
    escalation_conclusion_attach,
    escalation_decide,
    matter_close,
    matter_escalate,
)
from duluan.conftest import OrgTree
from duluan.core.errors import NotFoundError
from duluan.org.choices import Role

from .helpers import verified_matter

pytestmark = pytest.mark.django_db


def test_report_walks_up_to_the_province_and_the_direction_back_down(org_tree: OrgTree) -> None:
    t = org_tree
    matter = verified_matter(t)

    first = matter_escalate(
        actor=t.user("cs_a1"), matter=matter, proposal="Đề nghị công ty thông báo rõ mức thưởng"
    )
    assert first.to_unit == t.upper_a
    escalation_decide(actor=t.user("upper_a"), escalation=first, decision=EscalationState.ACCEPTED)
    matter.refresh_from_db()
    assert matter.owning_unit == t.upper_a

    second = matter_escalate(
        actor=t.user("upper_a"), matter=matter, proposal="Đề nghị tỉnh chỉ đạo cải chính chung"
    )
    assert second.to_unit == t.province
    escalation_decide(
        actor=t.user("province"), escalation=second, decision=EscalationState.ACCEPTED
    )
    escalation_conclusion_attach(
        actor=t.user("province"), escalation=second, note="Thường trực Tỉnh uỷ: cải chính ngay"
    )
    matter.refresh_from_db()
    assert matter.owning_unit == t.province

    direction = direction_issue(
        actor=t.user("province", Role.LEADER),
        matter=matter,
        text="Phổ biến đến đoàn viên thông tin chính thức về thưởng Tết",
        correction="Công ty vẫn thưởng Tết một tháng lương",
    )
    targets = {x.unit for x in direction.targets.all()}
    assert targets == {t.upper_a, t.cs_a1, t.cs_a2}

    for unit_attr in ("cs_a1", "cs_a2", "upper_a"):
        target = direction_inbox(t.user(unit_attr)).get(unit=getattr(t, unit_attr))
        direction_acknowledge(
            actor=t.user(unit_attr), target=target, action_taken="Thông báo tại giao ban tổ"
        )
    progress = direction_progress(matter)
    assert (progress.acted, progress.total) == (3, 3)

    matter_close(actor=t.user("province"), matter=matter)
    matter.refresh_from_db()
    assert matter.state == State.DONG

    steps = [(s.from_state, s.to_state) for s in Transition.objects.filter(matter=matter)]
    assert steps == [
        (State.TIEP_NHAN, State.SANG_LOC),
        (State.SANG_LOC, State.XAC_MINH),
        (State.XAC_MINH, State.PHAN_ANH_LEN),
        (State.PHAN_ANH_LEN, State.PHAN_ANH_LEN),
        (State.PHAN_ANH_LEN, State.DINH_HUONG),
        (State.DINH_HUONG, State.DONG),
    ]
    audits = AuditEvent.objects.filter(action=Action.STATE_CHANGE, object_type="matter")
    assert audits.count() == len(steps)
    assert all(a.object_ids == [matter.pk] for a in audits)

    kinds = [e.kind for e in matter_timeline(t.user("province"), matter)]
    assert kinds == [
        "report",
        "transition",
        "transition",
        "verification",
        "escalation",
        "transition",
        "escalation_decision",
        "escalation",
        "transition",
        "escalation_decision",
        "direction",
        "transition",
        "acknowledgement",
        "acknowledgement",
        "acknowledgement",
        "transition",
    ]


def test_sibling_reads_only_the_direction_sent_to_it(org_tree: OrgTree) -> None:
    t = org_tree
    matter = verified_matter(t)
    sibling = t.user("cs_a2")
    with pytest.raises(NotFoundError):
        access_matter(sibling, matter.pk)
    with pytest.raises(NotFoundError):
        matter_escalate(actor=sibling, matter=matter, proposal="Không phải việc của tôi")
    assert not direction_inbox(sibling).exists()

    escalation = matter_escalate(actor=t.user("cs_a1"), matter=matter, proposal="Đề xuất")
    escalation_decide(
        actor=t.user("upper_a"), escalation=escalation, decision=EscalationState.ACCEPTED
    )
    direction_issue(
        actor=t.user("upper_a", Role.LEADER),
        matter=matter,
        text="Phổ biến thông tin chính thức",
        correction="Công ty vẫn thưởng Tết",
        whole_subtree=True,
    )
    inbox = list(direction_inbox(sibling))
    assert [x.unit for x in inbox] == [t.cs_a2]
    assert inbox[0].direction.correction == "Công ty vẫn thưởng Tết"
    with pytest.raises(NotFoundError):
        access_matter(sibling, matter.pk)
    assert matter not in matter_list(sibling)
    assert matter not in matter_list(t.user("cs_b1"))
    assert matter in matter_list(t.user("cs_a1"))  # it touches cs_a1, now owned by upper_a
    assert matter in matter_list(t.user("cs_a1", Role.ANALYST))
    assert matter not in matter_list(t.user("cs_a1", Role.COLLABORATOR))


def test_direction_from_grassroots_targets_itself(org_tree: OrgTree) -> None:
    t = org_tree
    matter = verified_matter(t)
    direction = direction_issue(
        actor=t.user("cs_a1", Role.LEADER), matter=matter, text="Giải thích", correction="Sự thật"
    )
    assert [x.unit for x in direction.targets.all()] == [t.cs_a1]
    assert DirectionTarget.objects.count() == 1


def test_direction_targets_only_the_branches_the_matter_touches(org_tree: OrgTree) -> None:
    t = org_tree
    matter = verified_matter(t)
    escalation = matter_escalate(actor=t.user("cs_a1"), matter=matter, proposal="Đề xuất")
    escalation_decide(
        actor=t.user("upper_a"), escalation=escalation, decision=EscalationState.ACCEPTED
    )
    direction = direction_issue(
        actor=t.user("upper_a", Role.LEADER), matter=matter, text="Giải thích", correction="Sự thật"
    )
    assert [x.unit for x in direction.targets.all()] == [t.cs_a1]
