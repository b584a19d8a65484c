"""Demo data: a year of monthly reports from the upper-level unions to the
province, most on time, some late, a few never sent, so the compliance board
has a story to tell."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from duluan.core.extensions import demo_step, demo_wipe_step
from duluan.intake.models import Report
from duluan.org.choices import Role
from duluan.org.demo_context import DemoContext
from duluan.org.models import RoleAssignment, Unit
from duluan.org.scope import subtree_q

from .choices import ReportType, State
from .documents.layout import place_name
from .models import PeriodicReport
from .periods import MONTH, Period

ON_TIME, LATE = 0.75, 0.15  # the rest: never sent
SITUATION = (
    "Tư tưởng đoàn viên, người lao động cơ bản ổn định; quan tâm nhiều đến tiền lương,"
    " thưởng cuối năm, việc làm và bảo hiểm xã hội."
)
FORECAST = "Dự báo tháng tới tâm trạng người lao động tiếp tục ổn định, cần theo dõi việc làm."


@demo_step("reporting.monthly", "Báo cáo tháng của các công đoàn cấp trên cơ sở", order=60)
def monthly_reports(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("reporting.monthly")
    uppers = list(
        Unit.objects.filter(subtree_q(ctx.root, field=""), depth=ctx.root.depth + 1).order_by(
            "code"
        )
    )
    signers = {  # in id order, the last leader signs: the same one on every database
        unit_id: user_id
        for unit_id, user_id in RoleAssignment.objects.filter(
            unit__in=uppers, role=Role.LEADER, is_active=True
        )
        .order_by("pk")
        .values_list("unit_id", "user_id")
    }
    last = Period.containing(MONTH, ctx.today).previous()
    now = timezone.make_aware(datetime.combine(ctx.today, time(12)))
    counts = Counter[str]()
    rows = []
    for period in [last.shifted(-i) for i in range(11, -1, -1)]:
        due = period.due_at()
        if due > now:
            continue
        span = period.span()
        totals: Counter[str] = Counter()
        for row in (
            Report.objects.filter(
                subtree_q(ctx.root),
                heard_at__gte=span.start,
                heard_at__lt=span.end,
            )
            .values("unit__path")
            .annotate(n=Count("id"))
            .order_by()
        ):
            totals[row["unit__path"][: len(ctx.root.path) + Unit.steplen]] += row["n"]
        for unit in uppers:
            draw = rng.random()
            if draw >= ON_TIME + LATE:
                counts["missing"] += 1
                continue
            late = draw >= ON_TIME
            sent = due - timedelta(days=rng.randint(0, 9), hours=rng.randint(1, 12))
            if late:
                sent = due + timedelta(days=rng.randint(1, 12), hours=rng.randint(1, 12))
            if sent > now:  # would come later than today: not sent yet
                counts["missing"] += 1
                continue
            counts["late" if sent > due else "on_time"] += 1
            signer = signers.get(unit.pk)
            rows.append(
                PeriodicReport(
                    unit=unit,
                    report_type=ReportType.MONTHLY,
                    period=period.code,
                    span_start=span.start,
                    span_end=span.end,
                    state=State.SUBMITTED,
                    place=place_name(unit)[:100],
                    situation=SITUATION,
                    forecast=FORECAST,
                    signer_title="Chủ tịch",
                    figures={"reports_total": totals.get(unit.path, 0)},
                    approved_by_id=signer,
                    approved_at=sent - timedelta(hours=2),
                    submitted_by_id=signer,
                    submitted_at=sent,
                )
            )
    PeriodicReport.objects.bulk_create(rows)
    return {"reports": len(rows), **counts}


@demo_wipe_step("reporting.monthly", "Xóa báo cáo định kỳ mẫu")
def wipe_monthly_reports(root: Unit) -> None:
    PeriodicReport.objects.filter(subtree_q(root)).delete()
