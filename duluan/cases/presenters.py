"""How a matter's history reads, in Vietnamese: one line per timeline entry.

Pages and the API share these words. No opinion text from reports: a report
entry names its subject as the actor may see it (personal data masked outside
the report's own unit) only when the actor can read that report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from duluan.intake.models import Report
from duluan.intake.selectors import report_list, report_text_for
from duluan.org.types import Actor

from .choices import EscalationState, Outcome
from .models import Direction, DirectionTarget, Escalation, Matter, Transition, Verification
from .selectors import TimelineEntry, matter_timeline
from .workflow import state_label

if TYPE_CHECKING:
    from duluan.org.models import User

KIND_LABELS = {
    "transition": "Chuyển bước",
    "report": "Phản ánh",
    "verification": "Xác minh",
    "escalation": "Phản ánh lên cấp trên",
    "escalation_decision": "Cấp trên quyết định",
    "direction": "Định hướng",
    "acknowledgement": "Đơn vị đã phổ biến",
    "direction_draft": "Dự thảo định hướng",
    "direction_returned": "Lãnh đạo trả lại dự thảo",
}

DECISION_LABELS: dict[str, str] = {
    EscalationState.ACCEPTED: "tiếp nhận",
    EscalationState.RETURNED: "trả lại, cần bổ sung",
    EscalationState.FORWARDED: "chuyển tiếp lên cấp trên",
}


@dataclass(frozen=True)
class TimelineLine:
    at: datetime
    kind: str
    kind_label: str
    summary: str
    note: str
    actor: str


def _name(user: User | None) -> str:
    if user is None:
        return "Hệ thống"
    return str(getattr(user, "full_name", "") or user.get_username())


def _line(actor: Actor, entry: TimelineEntry, readable: set[int]) -> TimelineLine:
    obj = entry.obj
    summary, note, who = "", "", "Hệ thống"
    if entry.kind == "transition":
        step: Transition = obj
        summary = f"{state_label(step.from_state)} → {state_label(step.to_state)}"
        note, who = step.note, _name(step.actor)
    elif entry.kind == "report":
        report: Report = obj.report
        if report.pk in readable:
            subject, _ = report_text_for(actor, report)
            summary = f"#{report.pk} «{subject}» ({report.unit.display_name})"
        else:
            summary = f"Phản ánh của {report.unit.display_name} (ngoài phạm vi xem của bạn)"
        who = _name(obj.added_by)
    elif entry.kind == "verification":
        v: Verification = obj
        summary = str(Outcome(v.outcome).label)
        parts = [f"Nguồn đã kiểm tra: {v.sources_checked}" if v.sources_checked else ""]
        if v.outcome == Outcome.RUMOUR:
            parts += [f"Tin đồn: {v.rumour_claim}", f"Nơi lan truyền: {v.rumour_where}"]
        parts.append(f"Sự thật: {v.verified_facts}" if v.verified_facts else "")
        note, who = "\n".join(p for p in parts if p), _name(v.recorded_by)
    elif entry.kind == "escalation":
        e: Escalation = obj
        summary = f"{e.from_unit.display_name} → {e.to_unit.display_name}"
        note, who = e.proposal, _name(e.sent_by)
    elif entry.kind == "escalation_decision":
        e = obj
        summary = f"{e.to_unit.display_name}: {DECISION_LABELS.get(e.state, e.state)}"
        note, who = e.note, _name(e.decided_by)
        if e.conclusion_note:
            note = f"{note}\nKết luận: {e.conclusion_note}".strip()
    elif entry.kind == "direction":
        d: Direction = obj
        summary = f"«{d.title}»: {d.unit.display_name} gửi {len(d.targets.all())} đơn vị"
        note = d.text + (f"\nThông tin cải chính: {d.correction}" if d.correction else "")
        who = _name(d.issued_by)
        if d.drafted_by_id is not None:  # drafted by an officer, approved and signed by a leader
            who = f"{_name(d.drafted_by)} soạn, {who} duyệt"
    elif entry.kind == "direction_draft":
        d = obj
        summary, note, who = f"«{d.title}», chờ lãnh đạo duyệt", d.text, _name(d.drafted_by)
    elif entry.kind == "direction_returned":
        d = obj
        summary, note, who = f"«{d.title}»", d.review_note, _name(d.reviewed_by)
    elif entry.kind == "acknowledgement":
        t: DirectionTarget = obj
        summary = t.unit.display_name
        note, who = t.action_taken, _name(t.acknowledged_by)
    return TimelineLine(entry.at, entry.kind, KIND_LABELS[entry.kind], summary, note, who)


def matter_history(actor: Actor, matter: Matter) -> list[TimelineLine]:
    """The matter's timeline as lines the actor may read, oldest first."""
    entries = matter_timeline(actor, matter)
    report_ids = [e.obj.report_id for e in entries if e.kind == "report"]
    readable = set(report_list(actor).filter(pk__in=report_ids).values_list("pk", flat=True))
    lines = [_line(actor, entry, readable) for entry in entries]
    # Lines of the apps above cases (a correction sent through the channels).
    from duluan.core.extensions import MATTER_TIMELINE

    extra = [line for e in MATTER_TIMELINE.entries() for line in e.build(actor, matter)]
    if extra:
        lines = sorted([*lines, *extra], key=lambda line: line.at)
    return lines
