"""Panels for the leader's dashboard: open hot spots and overdue matters in reach."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from duluan.core.extensions import Block, Figure, Span, Table, dashboard_panel
from duluan.org.models import Unit
from duluan.org.types import Actor

from .models import matter_step_dues
from .selectors import hot_spot_board, matter_list


def _detail(matter: Any) -> str:
    return reverse("cases:matter_detail", args=[matter.pk])


def _list(name: str, **params: Any) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


@dashboard_panel("hot_spots", "Điểm nóng đang mở", order=10)
def hot_spots_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    board = hot_spot_board(actor, unit=unit)  # what the board shows for this subtree
    late = [m for m in board if getattr(m, "hot_overdue", False)]
    return Block(
        "hot_spots",
        "Điểm nóng đang mở",
        [
            Figure("hot_spots_open", "Điểm nóng đang mở", len(board)),
            Figure("hot_spots_late", "Quá hạn báo cáo bằng văn bản", len(late)),
        ],
        tables=[
            Table(
                "Điểm nóng",
                ["Vấn đề", "Đơn vị", "Từ", "Báo cáo"],
                [
                    [
                        m.title,
                        m.owning_unit.display_name,
                        _when(m.hot_since),
                        "Đã gửi" if m.hot_reported_at else ("Quá hạn" if m in late else "Chưa"),
                    ]
                    for m in board[:10]
                ],
                links=[_detail(m) for m in board[:10]],
            )
        ]
        if board
        else [],
        link=_list("cases:hot_spots", unit=unit.pk),
    )


@dashboard_panel("matters_overdue", "Vấn đề quá hạn xử lý", order=11)
def overdue_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    matters = matter_list(actor, unit=unit, overdue=True)
    count = matters.count()
    late = list(matters[:10])
    dues = matter_step_dues(late)  # not a deadline query per row
    return Block(
        "matters_overdue",
        "Vấn đề quá hạn xử lý",
        [Figure("matters_overdue", "Vấn đề quá hạn", count)],
        tables=[
            Table(
                "Vấn đề quá hạn",
                ["Vấn đề", "Đơn vị xử lý", "Bước", "Hạn"],
                [
                    [m.title, m.owning_unit.display_name, m.get_state_display(), _when(dues[m.pk])]
                    for m in late
                ],
                links=[_detail(m) for m in late],
            )
        ]
        if late
        else [],
        link=_list("cases:matter_list", state="all", overdue=1, unit=unit.pk),
    )
