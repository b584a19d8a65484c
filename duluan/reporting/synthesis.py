"""The synthesis of one unit's subtree over one period: built-in sections, the
comparison with the previous period and the same period last year, the
children's submitted reports, then every section other apps registered."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from duluan.core.extensions import REPORT_SECTIONS, Block, Figure, Table
from duluan.core.periods import comparison
from duluan.org.models import Unit

from .choices import ReportType, State
from .models import PeriodicReport
from .periods import RANGE, Period
from .sections import BUILTINS, comparison_block

logger = logging.getLogger(__name__)


@dataclass
class Synthesis:
    unit: Unit
    period: Period
    report_type: str
    blocks: list[Block] = field(default_factory=list)

    def block(self, key: str) -> Block:
        for block in self.blocks:
            if block.key == key:
                return block
        raise KeyError(key)

    def figures(self) -> dict[str, int | float | None]:
        """Every figure by code (a registered section's codes keep their own names)."""
        found: dict[str, int | float | None] = {}
        for block in self.blocks:
            for fig in block.figures:
                found.setdefault(fig.code, fig.value)
        return found


def default_type(period: Period) -> str:
    return {
        "month": ReportType.MONTHLY,
        "quarter": ReportType.QUARTERLY,
        "half": ReportType.HALF_YEARLY,
        "year": ReportType.ANNUAL,
        RANGE: ReportType.REVIEW,
    }[period.kind]


def children_block(unit: Unit, period: Period, report_type: str) -> Block | None:
    """The children's submitted reports for the same period, with their headline figures."""
    children = list(unit.get_children().order_by("code"))
    if not children:
        return None
    submitted = {
        r.unit_id: r
        for r in PeriodicReport.objects.filter(
            unit__in=children, report_type=report_type, period=period.code, state=State.SUBMITTED
        )
    }
    if not submitted:
        return None
    rows: list[list[str | int | float | None]] = []
    for child in children:
        report = submitted.get(child.pk)
        if report is None:
            continue
        total = report.figures.get("reports_total", report.figures.get("reports.total"))
        when = report.submitted_at.strftime("%d/%m/%Y") if report.submitted_at else ""
        timely = {True: "Đúng hạn", False: "Trễ hạn", None: ""}[report.on_time]
        rows.append([child.display_name, when, timely, total])
    return Block(
        key="children",
        title="Báo cáo của các đơn vị trực thuộc",
        figures=[Figure("children_submitted", "Đơn vị trực thuộc đã gửi báo cáo", len(rows))],
        paragraphs=[f"{len(rows)}/{len(children)} đơn vị trực thuộc đã gửi báo cáo kỳ này."],
        tables=[
            Table(
                "Báo cáo của các đơn vị trực thuộc",
                ["Đơn vị", "Ngày gửi", "Thời hạn", "Số phản ánh đơn vị báo cáo"],
                rows,
            )
        ],
    )


def synthesis_build(unit: Unit, period: Period, report_type: str | None = None) -> Synthesis:
    """Every section for ``unit``'s subtree over ``period`` (no access check: callers do it)."""
    kind = report_type or default_type(period)
    span = period.span()
    result = Synthesis(unit=unit, period=period, report_type=kind)
    for builtin in BUILTINS:
        block = builtin.build(unit, span)
        if block is not None:
            result.blocks.append(block)
    # "Kỳ trước" and "cùng kỳ": the dashboard's and the briefing's rule (core.periods).
    compared = comparison(period)
    result.blocks.append(
        comparison_block(unit, span, compared.previous_span(), compared.last_year_span())
    )
    children = children_block(unit, period, kind)
    if children is not None:
        result.blocks.append(children)
    for entry in REPORT_SECTIONS.entries():
        try:
            block = entry.build(unit, span)
        except Exception:  # one app's broken section must not stop the report
            logger.exception("report section %s failed", entry.key)
            block = Block(
                key=entry.key,
                title=entry.title,
                paragraphs=["Không lập được mục này do lỗi hệ thống; đã ghi nhật ký."],
            )
        if block is not None:
            result.blocks.append(block)
    return result
