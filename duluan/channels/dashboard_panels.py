"""The channels panel of the leader's dashboard (issue #20, item 8)."""

from __future__ import annotations

from duluan.core.extensions import Block, Figure, Span, Table, dashboard_panel
from duluan.core.suppression import min_cell, suppress_row
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from .figures import ROWS, channel_figures

TITLE = "Tiếp nhận qua Zalo, email, SMS, trang góp ý"


@dashboard_panel("channels", TITLE, order=55)
def channels_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    """Reports filed through each channel; a count under ``DULUAN_MIN_CELL`` is hidden
    (with a second one where the total would give it away), as on every panel."""
    if not unit_in_scope(actor, Perm.REPORT_VIEW, unit):
        return None
    figures = channel_figures(unit, span.start, span.end)
    if not figures.total and not figures.corrections_sent:
        return None
    counts = [figures.by_channel[code] for _c, code, _l in ROWS]
    hidden = suppress_row(counts, min_cell(), figures.total)
    shown = [None if h else n for n, h in zip(counts, hidden, strict=True)]
    return Block(
        key="channels",
        title=TITLE,
        figures=[
            Figure("channels.reports", "Phản ánh tiếp nhận qua các kênh", figures.total),
            *[
                Figure(f"channels.{code}", label, value)
                for (_c, code, label), value in zip(ROWS, shown, strict=True)
            ],
            Figure(
                "channels.corrections",
                "Lượt đính chính đã gửi lại người phản ánh",
                figures.corrections_sent,
            ),
        ],
        tables=[
            Table(
                "Phản ánh theo kênh",
                ["Kênh", "Số phản ánh"],
                [[label, value] for (_c, _code, label), value in zip(ROWS, shown, strict=True)],
                note=f"Ô trống: nhóm dưới {min_cell()} phản ánh không hiển thị."
                if any(hidden)
                else "",
            )
        ],
    )
