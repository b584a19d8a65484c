"""The leader's dashboard panel: units late with their periodic reports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from duluan.core.extensions import Block, Figure, Span, Table, dashboard_panel
from duluan.core.periods import period_label
from duluan.org.models import Unit
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from . import permissions
from .choices import Compliance, ReportType
from .compliance import compliance_board, compliance_history, latest_due_period


@dashboard_panel("reporting.late_units", "Đơn vị chậm gửi báo cáo định kỳ", order=60)
def late_units_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    """The monthly report that fell due last: who is late or missing, and each one's
    on-time rate over twelve months. ``span`` is not used: deadlines have their own clock."""
    if not unit_in_scope(actor, permissions.VIEW, unit):
        return None
    now = timezone.now()
    period = latest_due_period(ReportType.MONTHLY, now)
    board = compliance_board(unit, ReportType.MONTHLY, period, now=now)
    if not board.rows:
        return None
    _, history = compliance_history(unit, ReportType.MONTHLY, period, count=12, now=now)
    rates = {row.unit.pk: row.on_time_rate for row in history}
    late = [row for row in board.rows if row.status in (Compliance.LATE, Compliance.MISSING)]
    counts = board.counts
    rows: list[list[str | int | float | None]] = [
        [
            row.unit.display_name,
            row.status_label,
            timezone.localtime(row.submitted_at).strftime("%d/%m/%Y") if row.submitted_at else "",
            rates.get(row.unit.pk),
        ]
        for row in late
    ]
    return Block(
        key="reporting.late_units",
        title=f"Báo cáo {period_label(period)}: đơn vị chậm gửi",
        figures=[
            Figure("reporting.on_time", "Đúng hạn", counts[Compliance.ON_TIME]),
            Figure("reporting.late", "Trễ hạn", counts[Compliance.LATE]),
            Figure("reporting.missing", "Chưa gửi", counts[Compliance.MISSING]),
        ],
        paragraphs=[] if late else ["Mọi đơn vị đã gửi báo cáo đúng hạn."],
        link=reverse("reporting:compliance")
        + "?"
        + urlencode({"unit": unit.pk, "type": ReportType.MONTHLY, "period": period.code}),
        tables=[
            Table(
                "Đơn vị trễ hạn hoặc chưa gửi",
                ["Đơn vị", "Tình trạng", "Gửi ngày", "Tỷ lệ đúng hạn 12 tháng (%)"],
                rows,
            )
        ]
        if rows
        else [],
    )
