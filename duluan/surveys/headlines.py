"""The survey figures a unit's periodic report and the dashboard show."""

from __future__ import annotations

from django.db.models import Count, Q

from duluan.core.extensions import Block, Figure, Span, Table
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from . import results
from .models import Response, Survey


def headline_block(key: str, title: str, unit: Unit, span: Span) -> Block | None:
    k = results.min_cell()
    start, end = span.start.date(), span.end.date()
    surveys = (
        Survey.objects.filter(subtree_q(unit) | Q(unit__path__in=_ancestors(unit)))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gte=span.start))
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lt=span.end))
        .order_by("-created_at")
    )
    rows: list[list[str | int | float | None]] = []
    total = 0
    for survey in surveys[:20]:
        n = Response.objects.filter(
            subtree_q(unit),
            survey=survey,
            submitted_on__gte=start,
            submitted_on__lt=end,
        ).count()
        total += n
        rows.append([survey.title, survey.get_kind_display(), n if n >= k else f"<{k}"])
    if not rows:
        return None
    figures = [
        Figure("surveys.count", "Khảo sát, thăm dò trong kỳ", len(rows)),
        Figure(
            "surveys.responses", "Phiếu trả lời trong kỳ", total if total >= k else None, "phiếu"
        ),
    ]
    table = Table(
        "Khảo sát và số phiếu",
        ["Khảo sát", "Loại", "Số phiếu"],
        rows,
        note=f"Nhóm dưới {k} phiếu không hiển thị số.",
    )
    return Block(key, title, figures=figures, tables=[table])


def _ancestors(unit: Unit) -> list[str]:
    step = Unit.steplen
    return [unit.path[:i] for i in range(step, len(unit.path), step)]


def counts_by_survey(unit: Unit) -> dict[int, int]:
    return dict(
        Response.objects.filter(subtree_q(unit)).values_list("survey_id").annotate(c=Count("id"))
    )
