"""``GET /api/dashboard``: the dashboard's figures and tables, as on the page.

The same selector as the page: the actor's reach first, then the filters; every
count passes the small-group suppression (hidden numbers are ``null``).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from duluan.core.api_schemas import AUTH_ERRORS, ErrorOut
from duluan.core.errors import NotFoundError
from duluan.core.periods import last_year_label, previous_label
from duluan.intake.choices import Channel, Kind
from duluan.org.scope import has_perm

from .filters import SENTIMENT_CODES, filters_parse
from .selectors import PERM, dashboard_get

router = Router(tags=["dashboard"])
Sentiment = Enum("DashboardSentiment", {code: code for code in SENTIMENT_CODES}, type=str)  # type: ignore[misc]


class DashboardQuery(Schema):
    period: str = Field(
        "",
        pattern=r"^((20[0-9]{2}|2100)(-(0[1-9]|1[0-2]|[Qq][1-4]))?)?$",
        description="2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm); trống: tháng trước (tháng đủ gần nhất)",
    )
    unit: int | None = Field(None, ge=1, description="Đơn vị gốc của cây con (trong phạm vi)")
    topic: str = Field(
        "", pattern=r"^[a-z0-9_-]{0,40}$", description="Mã chủ đề, hoặc chua_phan_tich"
    )
    channel: Channel | None = None
    kind: Kind | None = None
    sentiment: Sentiment | None = None
    panels: bool = Field(
        False, description="Kèm các mục của ứng dụng khác (điểm nóng, vấn đề quá hạn...)"
    )


class FigureOut(Schema):
    code: str
    label: str
    value: float | None


class TableOut(Schema):
    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""


class ForecastOut(Schema):
    topic: str
    name: str
    model: str
    value: float
    low: float
    high: float
    level: int


class DashboardOut(Schema):
    unit_id: int
    unit_name: str
    period: str
    start: date
    end: date
    figures: list[FigureOut]
    tables: list[TableOut]
    forecast_month: date
    forecasts: list[ForecastOut]
    panels: list[dict[str, Any]]


@router.get(
    "/dashboard",
    response={200: DashboardOut, 404: ErrorOut, **AUTH_ERRORS},
    summary="Số liệu bảng điều khiển của một cây đơn vị",
)
def dashboard_read(request: HttpRequest, query: Query[DashboardQuery]) -> Any:
    """Số liệu chính, các bảng (như trang và tệp xuất), dự báo và mục của ứng dụng khác."""
    if not has_perm(request.user, PERM):
        raise NotFoundError("Không tìm thấy đơn vị.")
    params = {
        k: str(getattr(v, "value", v))
        for k, v in query.dict().items()
        if v not in (None, "") and k != "panels"
    }
    board = dashboard_get(request.user, filters_parse(params), panels=query.panels)
    figures = [
        ("reports_total", "Số phản ánh", board.total),
        ("reports_previous", previous_label(board.partial), board.previous),
        ("reports_last_year", last_year_label(board.partial), board.last_year),
        ("reports_negative", "Số phản ánh tiêu cực", board.negative),
        ("negative_share", "Tỷ lệ tiêu cực (%)", board.negative_share),
    ]
    return {
        "unit_id": board.unit.pk,
        "unit_name": board.unit.name,
        "period": board.filters.period.code,
        "start": board.start,
        "end": board.end,
        "figures": [{"code": c, "label": lbl, "value": v} for c, lbl, v in figures],
        "tables": [t.__dict__ for t in board.tables],
        "forecast_month": board.forecast_month,
        "forecasts": [
            {
                "topic": f.code,
                "name": f.name,
                "model": f.forecast.model,
                "value": round(f.forecast.value, 1),
                "low": round(f.forecast.low, 1),
                "high": round(f.forecast.high, 1),
                "level": f.forecast.level,
            }
            for f in board.forecasts
        ],
        "panels": [
            {
                "key": b.key,
                "title": b.title,
                "figures": [f.__dict__ for f in b.figures],
                "paragraphs": b.paragraphs,
                "tables": [t.__dict__ for t in b.tables],
            }
            for b in board.panels
        ],
    }
