"""Writes of periodic reports: create a draft, edit it, approve, submit.

draft ──(leader approves)──► approved ──(unit submits)──► submitted
  ▲                              │
  └──────(leader reopens)────────┘

Each change is one function here, checks the actor first, and writes one
audit row (ids only).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import ValidationFailed
from duluan.org.scope import acting_account
from duluan.org.types import Actor

from . import permissions
from .choices import NARRATIVE_SECTIONS, PERIOD_KIND, ReportType, State
from .documents import default_recipients
from .documents.layout import place_name
from .models import PeriodicReport
from .periods import RANGE, Period
from .selectors import access_periodic_report, access_unit
from .synthesis import synthesis_build
from .workflow import STEPS, report_transition

EDITABLE_FIELDS = (
    *[key for key, _ in NARRATIVE_SECTIONS],
    "title",
    "number",
    "place",
    "recipients",
    "signer_title",
    "signer_name",
)
FIELD_LIMITS = {"title": 255, "number": 60, "place": 100, "signer_title": 100, "signer_name": 150}
TEXT_LIMIT = 50_000


def _check_type(report_type: str, period: Period) -> None:
    if report_type not in ReportType.values:
        raise ValidationFailed(
            "Loại báo cáo không hợp lệ.",
            extra={"errors": {"report_type": ["Loại báo cáo không hợp lệ."]}},
        )
    wanted = PERIOD_KIND.get(report_type)
    if wanted is not None and wanted != period.kind:
        raise ValidationFailed(
            f"Kỳ {period.code} không khớp với loại {ReportType(report_type).label.lower()}.",
            extra={"errors": {"period": ["Kỳ không khớp với loại báo cáo."]}},
        )
    if wanted is None and period.kind == RANGE:
        raise ValidationFailed("Báo cáo đột xuất, điểm nóng không dùng kỳ nhiều năm.")


def _prefill(children: list[PeriodicReport]) -> dict[str, str]:
    """The narrative starts from what the children wrote. The numbers are not copied
    in: the document prints them from the data, so a copy would say them twice (and
    go stale when late reports arrive)."""
    text: dict[str, list[str]] = {key: [] for key, _ in NARRATIVE_SECTIONS}
    for child in children:
        for key, _ in NARRATIVE_SECTIONS:
            value = getattr(child, key).strip()
            if value:
                text[key].append(f"- {child.unit.display_name}: {' '.join(value.split())}")
    return {key: "\n".join(lines) for key, lines in text.items()}


@transaction.atomic
def periodic_report_create(
    *, actor: Actor, unit_id: int, report_type: str, period: str
) -> PeriodicReport:
    """A draft for the actor's own unit, its numbers and narrative prefilled from
    the subtree's reports and the children's submitted reports."""
    unit = access_unit(actor, unit_id, perm=permissions.EDIT)
    parsed = Period.parse(period)
    _check_type(report_type, parsed)
    if (
        report_type in PERIOD_KIND
        and PeriodicReport.objects.filter(
            unit=unit, report_type=report_type, period=parsed.code
        ).exists()
    ):
        raise ValidationFailed("Đơn vị đã có báo cáo loại này cho kỳ này.")
    children = list(
        PeriodicReport.objects.filter(
            unit__in=unit.get_children(),
            report_type=report_type,
            period=parsed.code,
            state=State.SUBMITTED,
        ).select_related("unit")
    )
    span = parsed.span()
    report = PeriodicReport(
        unit=unit,
        report_type=report_type,
        period=parsed.code,
        span_start=span.start,
        span_end=span.end,
        place=place_name(unit)[:100],
        recipients="\n".join(default_recipients(unit)),
        signer_title="Chủ tịch",
        created_by=acting_account(actor),
        **_prefill(children),
    )
    report.full_clean()
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ValidationFailed("Đơn vị đã có báo cáo loại này cho kỳ này.") from exc
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="periodic_report",
        object_ids=[report.pk],
        unit_id=unit.pk,
        channel="web",
        note="create",
    )
    return report


@transaction.atomic
def periodic_report_update(
    *, actor: Actor, report_id: int, data: Mapping[str, Any]
) -> PeriodicReport:
    report = access_periodic_report(actor, report_id, perm=permissions.EDIT)
    if not report.is_editable:
        raise ValidationFailed("Báo cáo đã được duyệt hoặc đã gửi nên không sửa được.")
    errors: dict[str, list[str]] = {}
    for name in EDITABLE_FIELDS:
        if name not in data or data[name] is None:
            continue
        value = str(data[name]).replace("\r\n", "\n").strip()
        limit = FIELD_LIMITS.get(name, TEXT_LIMIT)
        if len(value) > limit:
            errors[name] = [f"Tối đa {limit} ký tự."]
            continue
        setattr(report, name, value)
    if errors:
        raise ValidationFailed("Nội dung chưa hợp lệ.", extra={"errors": errors})
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def periodic_report_approve(
    *, actor: Actor, report_id: int, now: datetime | None = None
) -> PeriodicReport:
    report = access_periodic_report(actor, report_id, perm=STEPS["approve"].perm)
    return report_transition(
        actor=actor,
        report=report,
        step="approve",
        approved_by=acting_account(actor),
        approved_at=now or timezone.now(),
    )


@transaction.atomic
def periodic_report_reopen(*, actor: Actor, report_id: int) -> PeriodicReport:
    report = access_periodic_report(actor, report_id, perm=STEPS["reopen"].perm)
    return report_transition(
        actor=actor,
        report=report,
        step="reopen",
        approved_by=None,
        approved_at=None,
    )


@transaction.atomic
def periodic_report_submit(
    *, actor: Actor, report_id: int, now: datetime | None = None
) -> PeriodicReport:
    """Send the approved report up; its numbers are kept as they were at this moment."""
    report = access_periodic_report(actor, report_id, perm=STEPS["submit"].perm)
    if report.state != STEPS["submit"].source:
        raise ValidationFailed(STEPS["submit"].refusal)  # before the synthesis is built
    synthesis = synthesis_build(report.unit, Period.parse(report.period), report.report_type)
    figures = {
        code: value
        for code, value in synthesis.figures().items()
        if isinstance(value, int | float) or value is None
    }
    return report_transition(
        actor=actor,
        report=report,
        step="submit",
        submitted_by=acting_account(actor),
        submitted_at=now or timezone.now(),
        figures=figures,
    )
