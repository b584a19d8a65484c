"""A periodic report's life as one table, like a matter's (``cases/workflow.py``).

Read the table to know what a report may do next: the officer drafts, the
standing committee approves (or sends it back), the officer sends the approved
report up. :func:`report_transition` is the only writer of
``PeriodicReport.state``; :func:`allowed_next` tells a page which buttons to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ValidationFailed
from duluan.org.scope import own_unit_ids
from duluan.org.types import Actor

from . import permissions
from .choices import State
from .models import PeriodicReport


@dataclass(frozen=True)
class Step:
    """One allowed change: from, to, the permission held at the report's own unit,
    the refusal when the report is not in ``source``, and the audit note."""

    name: str
    source: str
    target: str
    perm: str
    refusal: str


TRANSITIONS: tuple[Step, ...] = (
    Step(
        "approve",
        State.DRAFT,
        State.APPROVED,
        permissions.APPROVE,
        "Chỉ duyệt được báo cáo đang ở dạng dự thảo.",
    ),
    Step(
        "reopen",
        State.APPROVED,
        State.DRAFT,
        permissions.APPROVE,
        "Chỉ trả lại được báo cáo đã duyệt mà chưa gửi.",
    ),
    Step(
        "submit",
        State.APPROVED,
        State.SUBMITTED,
        permissions.SUBMIT,
        "Báo cáo phải được lãnh đạo duyệt trước khi gửi.",
    ),
)
STEPS = {step.name: step for step in TRANSITIONS}


def _holds(actor: Actor, perm: str, report: PeriodicReport) -> bool:
    return actor.is_superuser or report.unit_id in own_unit_ids(actor, perm)


def allowed_next(actor: Actor, report: PeriodicReport) -> set[str]:
    """The steps ``actor`` may take on ``report`` now (names from :data:`TRANSITIONS`)."""
    return {
        step.name
        for step in TRANSITIONS
        if step.source == report.state and _holds(actor, step.perm, report)
    }


def report_transition(
    *, actor: Actor, report: PeriodicReport, step: str, **fields: Any
) -> PeriodicReport:
    """Apply ``step`` (the report already loaded through ``access_periodic_report`` with
    the step's permission), with the other ``fields`` it sets, under a compare-and-set
    on the state; one audit row."""
    rule = STEPS[step]
    if report.state != rule.source:
        raise ValidationFailed(rule.refusal)
    updated = PeriodicReport.objects.filter(pk=report.pk, state=rule.source).update(
        state=rule.target, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise ValidationFailed("Báo cáo vừa được người khác thay đổi; hãy tải lại trang.")
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="periodic_report",
        object_ids=[report.pk],
        unit_id=report.unit_id,
        note=rule.name,
    )
    report.refresh_from_db()
    return report
