"""Reporting periods: the period values live in :mod:`duluan.core.periods` (one
arithmetic and one label for the dashboard, the briefing and the documents);
this module adds the picker's choices."""

from __future__ import annotations

from datetime import date

from duluan.core.periods import (
    HALF,
    MAX_YEAR,
    MIN_YEAR,
    MONTH,
    QUARTER,
    RANGE,
    ROMAN,
    YEAR,
    Period,
    period_label,
    period_title,
)

__all__ = [
    "HALF",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH",
    "QUARTER",
    "RANGE",
    "ROMAN",
    "YEAR",
    "Period",
    "parse_period",
    "period_choices",
    "period_label",
    "period_title",
]


def parse_period(text: str) -> Period:
    return Period.parse(text)


KIND_LABELS = {
    MONTH: "Tháng",
    QUARTER: "Quý",
    HALF: "6 tháng",
    YEAR: "Năm",
    RANGE: "Nhiều năm (sơ kết, tổng kết)",
}


def period_choices(
    today: date, *, counts: dict[str, int] | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods a picker offers, newest first, grouped by kind: the months,
    quarters, half-years and years up to the one ``today`` falls in, and the
    ten-year spans ending with the last complete years."""
    wanted = {MONTH: 24, QUARTER: 8, HALF: 4, YEAR: 5, RANGE: 3, **(counts or {})}
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for kind in (MONTH, QUARTER, HALF, YEAR):
        period = Period.containing(kind, today)
        options = []
        for _ in range(wanted[kind]):
            if period.year < MIN_YEAR:
                break
            options.append((period.code, period_title(period)))
            period = period.previous()
        groups.append((KIND_LABELS[kind], options))
    ranges = []
    for back in range(wanted[RANGE]):
        last = today.year - 1 - back
        if last - 9 >= MIN_YEAR:
            span = Period(RANGE, last - 9, 0, last)
            ranges.append((span.code, f"10 năm {span.year} - {span.last_year}"))
    groups.append((KIND_LABELS[RANGE], ranges))
    return groups
