"""The matters section of every periodic synthesis (``core.extensions.REPORT_SECTIONS``).

For a unit's subtree and a span: matters opened, reflected up, directed and
closed; rumours corrected; hot spots and whether their written report came in
time. Titles only; no report text.
"""

from __future__ import annotations

from django.utils import timezone

from duluan.core.extensions import Block, Figure, Span, Table, report_section
from duluan.core.sheets.cells import vn_int
from duluan.org.models import Unit
from duluan.org.scope import scope_filter

from .choices import CLOSED_STATES, DirectionState, Outcome, State
from .models import Direction, Escalation, Matter, Transition, Verification


def _n(figure: Figure) -> str:
    """A count in a sentence, grouped as a Vietnamese reader writes it (1.914)."""
    return "—" if figure.value is None else vn_int(int(figure.value))


def _when(value: object) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""  # type: ignore[arg-type]


@report_section("matters", "Xử lý vấn đề dư luận xã hội", order=40)
def matters_section(unit: Unit, span: Span) -> Block | None:
    mine = Matter.objects.filter(scope_filter(within=unit, unit_field="owning_unit"))
    opened = mine.filter(created_at__gte=span.start, created_at__lt=span.end)
    escalated = Escalation.objects.filter(
        scope_filter(within=unit, unit_field="from_unit"),
        sent_at__gte=span.start,
        sent_at__lt=span.end,
    )
    directions = Direction.objects.filter(
        scope_filter(within=unit),
        state=DirectionState.ISSUED,  # a draft is not a direction yet
        issued_at__gte=span.start,
        issued_at__lt=span.end,
    )
    closed = Transition.objects.filter(
        matter__in=mine, to_state=State.DONG, at__gte=span.start, at__lt=span.end
    ).exclude(matter__merged_into__isnull=False)
    set_aside = Transition.objects.filter(
        matter__in=mine, to_state=State.GHI_NHAN, at__gte=span.start, at__lt=span.end
    )
    rumours = Verification.objects.filter(
        matter__in=mine,
        outcome=Outcome.RUMOUR,
        recorded_at__gte=span.start,
        recorded_at__lt=span.end,
    )
    corrected = directions.exclude(correction="").values("matter_id").distinct().count()
    hot = list(
        mine.filter(is_hot_spot=True, hot_since__gte=span.start, hot_since__lt=span.end)
        .select_related("owning_unit")
        .order_by("hot_since")
    )
    on_time = [
        m
        for m in hot
        if m.hot_reported_at is not None and m.hot_reported_at <= m.hot_report_due  # type: ignore[operator]
    ]
    open_at_end = mine.filter(created_at__lt=span.end).exclude(
        pk__in=Transition.objects.filter(to_state__in=CLOSED_STATES, at__lt=span.end).values(
            "matter_id"
        )
    )
    figures = [
        Figure("matters_opened", "Vấn đề mới", opened.count()),
        Figure("matters_escalated", "Lượt phản ánh lên cấp trên", escalated.count()),
        Figure("matters_directed", "Định hướng đã ban hành", directions.count()),
        Figure("matters_closed", "Vấn đề đã giải quyết xong", closed.count()),
        Figure("matters_set_aside", "Ghi nhận, không cần xử lý", set_aside.count()),
        Figure("matters_open_at_end", "Vấn đề còn đang xử lý cuối kỳ", open_at_end.count()),
        Figure("rumours_found", "Tin đồn được xác minh", rumours.count()),
        Figure("rumours_corrected", "Tin đồn đã định hướng cải chính", corrected),
        Figure("hot_spots", "Điểm nóng", len(hot)),
        Figure("hot_spots_reported_on_time", "Điểm nóng báo cáo đúng hạn", len(on_time)),
    ]
    if all(not f.value for f in figures):
        return None
    tables = []
    if hot:
        tables.append(
            Table(
                "Điểm nóng trong kỳ",
                ["Vấn đề", "Đơn vị", "Từ", "Báo cáo bằng văn bản"],
                [
                    [
                        m.title,
                        m.owning_unit.display_name,
                        _when(m.hot_since),
                        "Đúng hạn"
                        if m in on_time
                        else ("Chậm" if m.hot_reported_at else "Chưa có"),
                    ]
                    for m in hot
                ],
            )
        )
    paragraphs = [
        f"Trong kỳ có {_n(figures[0])} vấn đề mới, {_n(figures[1])} lượt phản ánh lên cấp "
        f"trên, {_n(figures[2])} định hướng được ban hành và {_n(figures[3])} vấn đề đã "
        f"giải quyết xong; {_n(figures[6])} tin đồn được xác minh, {vn_int(corrected)} vấn đề đã "
        "có thông tin cải chính gửi xuống đoàn viên."
    ]
    return Block("matters", "Xử lý vấn đề dư luận xã hội", figures, paragraphs, tables)
