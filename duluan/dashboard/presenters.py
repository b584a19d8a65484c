"""The dashboard's data as shown: charts, child rows, forecasts, and the
tables that the page, the exports and the API all carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from duluan.core.extensions import Block, Table
from duluan.core.periods import last_year_label, previous_label
from duluan.core.suppression import Protected
from duluan.org.models import Unit

from .filters import Filters
from .forecast import Forecast


@dataclass
class Chart:
    """A chart's data: bucket labels, and one dataset per series (``None``: hidden)."""

    key: str
    title: str
    labels: list[str]
    datasets: list[dict[str, Any]]
    table: Table


@dataclass
class ChildRow:
    unit: Unit | None  # None: the unit's own reports (not in a child)
    total: int | None
    negative: int | None

    @property
    def share(self) -> float | None:
        if self.total and self.negative is not None:
            return 100 * self.negative / self.total
        return None


@dataclass
class TopicForecast:
    code: str
    name: str
    forecast: Forecast


@dataclass
class Dashboard:
    filters: Filters
    unit: Unit
    crumbs: list[Unit]
    roots: list[Unit]
    start: date
    end: date  # exclusive; today + 1 while the period runs
    partial: bool
    total: int | None
    previous: int | None
    last_year: int | None
    negative: int | None
    charts: list[Chart]
    children: list[ChildRow]
    forecast_month: date
    forecasts: list[TopicForecast]
    panels: list[Block]
    topics: list[tuple[str, str]]  # (code, name) for the filter
    tables: list[Table] = field(default_factory=list)

    @property
    def has_children(self) -> bool:
        return any(row.unit is not None for row in self.children)

    @property
    def last_day(self) -> date:
        return max(self.start, self.end - timedelta(days=1))

    @property
    def negative_share(self) -> float | None:
        if self.total and self.negative is not None:
            return 100 * self.negative / self.total
        return None

    @staticmethod
    def change(current: int | None, before: int | None) -> float | None:
        if current is None or not before:
            return None
        return 100 * (current - before) / before

    @property
    def change_previous(self) -> float | None:
        return self.change(self.total, self.previous)

    @property
    def change_last_year(self) -> float | None:
        return self.change(self.total, self.last_year)


def chart_of(
    key: str, title: str, labels: list[str], data: Protected, series: list[tuple[str, str]]
) -> Chart:
    datasets = [
        {
            "code": code,
            "label": label,
            "data": [row[j] for row in data.cells],
            "total": data.col_totals[j],
        }
        for j, (code, label) in enumerate(series)
    ]
    columns = ["Thời gian" if key != "channels" else "", *[label for _, label in series], "Tổng"]
    rows: list[list[Any]] = [
        [labels[i], *data.cells[i], data.row_totals[i]] for i in range(len(data.cells))
    ]
    rows.append(["Tổng", *data.col_totals, data.total])
    if key == "channels":  # one row: show it as a column of channels
        columns = ["Kênh", "Số phản ánh"]
        rows = [[label, data.cells[0][j]] for j, (_, label) in enumerate(series)]
        rows.append(["Tổng", data.total])
    return Chart(key, title, labels, datasets, Table(title, columns, rows))


def columns_of(data: Protected, keep: list[int]) -> Protected:
    """The same protected table with only the columns ``keep`` (each dropped one all zero,
    so no hidden number can be recovered from what is left)."""
    return Protected(
        cells=[[row[j] for j in keep] for row in data.cells],
        row_totals=data.row_totals,
        col_totals=[data.col_totals[j] for j in keep],
        total=data.total,
        hidden_rows=data.hidden_rows,
        hidden_cols={keep.index(j) for j in data.hidden_cols if j in keep},
    )


def topics_ranked(key: str, title: str, data: Protected, series: list[tuple[str, str]]) -> Chart:
    """Topics as one ranked bar (their totals over the period, as protected with the
    time series), not one colour per topic per day."""
    order = sorted(
        range(len(series)),
        key=lambda j: (
            data.col_totals[j] is None,
            -(data.col_totals[j] or 0),
            series[j][0] == "chua_phan_tich",
            series[j][1],
        ),
    )
    labels = [series[j][1] for j in order]
    values = [data.col_totals[j] for j in order]
    datasets = [
        {
            "code": "reports",
            "label": "Số phản ánh",
            "data": values,
            "codes": [series[j][0] for j in order],
            "total": data.total,
        }
    ]
    rows: list[list[Any]] = [[label, value] for label, value in zip(labels, values, strict=True)]
    rows.append(["Tổng (một phản ánh có thể thuộc nhiều chủ đề)", data.total])
    return Chart(key, title, labels, datasets, Table(title, ["Chủ đề", "Số phản ánh"], rows))


def tables_of(board: Dashboard) -> list[Table]:
    """The current view as tables: what the CSV / XLSX exports write."""
    f = board.filters
    head = Table(
        "Số liệu chính",
        ["Chỉ tiêu", "Giá trị"],
        [
            ["Đơn vị", board.unit.name],
            ["Kỳ", f.period.label],
            ["Từ ngày", board.start.strftime("%d/%m/%Y")],
            ["Đến hết ngày", (board.end - timedelta(days=1)).strftime("%d/%m/%Y")],
            ["Bộ lọc", f.query() or "không"],
            ["Số phản ánh", board.total],
            [previous_label(board.partial), board.previous],
            [last_year_label(board.partial), board.last_year],
            ["Số phản ánh tiêu cực", board.negative],
        ],
        note="Ô trống: nhóm nhỏ được ẩn để bảo vệ người phản ánh.",
    )
    units = Table(
        "Đơn vị trực thuộc",
        ["Đơn vị", "Số phản ánh", "Tiêu cực"],
        [
            [row.unit.name if row.unit else "Trực tiếp tại đơn vị", row.total, row.negative]
            for row in board.children
        ],
    )
    forecast = Table(
        f"Dự báo tháng {board.forecast_month:%m/%Y}",
        ["Chủ đề", "Dự báo", "Cận dưới", "Cận trên", "Mô hình"],
        [
            [
                t.name,
                round(t.forecast.value),
                round(t.forecast.low),
                round(t.forecast.high),
                t.forecast.model_label,
            ]
            for t in board.forecasts
        ],
        note="Khoảng dự báo 80 %.",
    )
    return [head, *[c.table for c in board.charts], units, forecast]
