"""Writes of matters. State changes go through :func:`duluan.cases.workflow.matter_transition`."""

from .directions import (
    direction_acknowledge,
    direction_approve,
    direction_draft,
    direction_issue,
    direction_return,
    direction_targets_for,
    matter_close,
)
from .escalation import escalation_conclusion_attach, escalation_decide, matter_escalate
from .matters import (
    matter_attach_report,
    matter_create_from_report,
    matter_hot_report_record,
    matter_mark_hot,
    matter_merge,
    matter_recompute,
    matter_screen,
    matter_split_report,
    on_hot_spot,
    verification_record,
)

__all__ = [
    "direction_acknowledge",
    "direction_approve",
    "direction_draft",
    "direction_issue",
    "direction_return",
    "direction_targets_for",
    "escalation_conclusion_attach",
    "escalation_decide",
    "matter_attach_report",
    "matter_close",
    "matter_create_from_report",
    "matter_escalate",
    "matter_hot_report_record",
    "matter_mark_hot",
    "matter_merge",
    "matter_recompute",
    "matter_screen",
    "matter_split_report",
    "on_hot_spot",
    "verification_record",
]
