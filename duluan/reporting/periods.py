"""Reporting periods as values: ``2026-10``, ``2026-Q4``, ``2026-H2``, ``2026``, ``2014..2023``.

A :class:`Period` knows its first day and the day after its last (local
Asia/Ho_Chi_Minh midnights), so its :meth:`Period.span` is the
:class:`~duluan.core.extensions.Span` every report section reads. Periods
compare and hash by value, and ``str(period)`` gives the code back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from duluan.core.dates import EARLIEST
from duluan.core.errors import ValidationFailed
from duluan.core.extensions import Span

MONTH, QUARTER, HALF, YEAR, RANGE = "month", "quarter", "half", "year", "range"
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_PATTERNS = [
    (MONTH, re.compile(r"^(\d{4})-(\d{1,2})$")),
    (QUARTER, re.compile(r"^(\d{4})-[Qq]([1-4])$")),
    (HALF, re.compile(r"^(\d{4})-[Hh]([12])$")),
    (YEAR, re.compile(r"^(\d{4})$")),
    (RANGE, re.compile(r"^(\d{4})\s*\.\.\s*(\d{4})$")),
]
MIN_YEAR, MAX_YEAR = EARLIEST.year, 2100  # core.dates: nothing before 2000


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Period:
    """A calendar period. ``index`` is the month, quarter or half (0 for a year or
    a range); ``last_year`` is the last year of a multi-year range."""

    kind: str
    year: int
    index: int = 0
    last_year: int = 0

    # ── parsing and formatting ──────────────────────────────────────────
    @classmethod
    def parse(cls, text: str) -> Period:
        value = (text or "").strip()
        for kind, pattern in _PATTERNS:
            match = pattern.match(value)
            if not match:
                continue
            year = int(match.group(1))
            second = int(match.group(2)) if match.lastindex and match.lastindex > 1 else 0
            if not MIN_YEAR <= year <= MAX_YEAR:
                break
            if kind == MONTH and not 1 <= second <= 12:
                break
            if kind == RANGE:
                if not year < second <= MAX_YEAR:
                    break
                return cls(RANGE, year, 0, second)
            return cls(kind, year, second if kind in (MONTH, QUARTER, HALF) else 0)
        raise ValidationFailed(
            f"Kỳ báo cáo «{value}» không hợp lệ. Dùng dạng 2026-10 (tháng), 2026-Q4 (quý),"
            " 2026-H2 (6 tháng), 2026 (năm) hoặc 2014..2023 (nhiều năm)."
        )

    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.index}"
        if self.kind == HALF:
            return f"{self.year}-H{self.index}"
        if self.kind == RANGE:
            return f"{self.year}..{self.last_year}"
        return f"{self.year}"

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        """Vietnamese, as a document title says it: "tháng 10 năm 2026"."""
        if self.kind == MONTH:
            return f"tháng {self.index} năm {self.year}"
        if self.kind == QUARTER:
            return f"quý {ROMAN[self.index]} năm {self.year}"
        if self.kind == HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        if self.kind == RANGE:
            return f"giai đoạn {self.year} - {self.last_year}"
        return f"năm {self.year}"

    @property
    def display(self) -> str:
        """Vietnamese, as a page or a title says it: "tháng 11/2026", "quý IV/2026"."""
        if self.kind == MONTH:
            return f"tháng {self.index}/{self.year}"
        if self.kind == QUARTER:
            return f"quý {ROMAN[self.index]}/{self.year}"
        if self.kind == RANGE:
            return f"giai đoạn {self.year} - {self.last_year}"
        return self.label  # "6 tháng đầu năm 2026", "năm 2026"

    @property
    def short_label(self) -> str:
        if self.kind == MONTH:
            return f"{self.index:02d}/{self.year}"
        if self.kind == QUARTER:
            return f"Q{self.index}/{self.year}"
        if self.kind == HALF:
            return f"{'6T đầu' if self.index == 1 else '6T cuối'} {self.year}"
        if self.kind == RANGE:
            return f"{self.year}-{self.last_year}"
        return str(self.year)

    # ── dates ───────────────────────────────────────────────────────────
    @property
    def months(self) -> int:
        return {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}.get(
            self.kind, 12 * (self.last_year - self.year + 1)
        )

    @property
    def first_day(self) -> date:
        if self.kind == MONTH:
            return date(self.year, self.index, 1)
        if self.kind == QUARTER:
            return date(self.year, 3 * self.index - 2, 1)
        if self.kind == HALF:
            return date(self.year, 6 * self.index - 5, 1)
        return date(self.year, 1, 1)

    @property
    def end_day(self) -> date:
        """The day after the last day (exclusive)."""
        return _add_months(self.first_day, self.months)

    @property
    def last_day(self) -> date:
        return self.end_day - timedelta(days=1)

    def span(self) -> Span:
        start = timezone.make_aware(datetime.combine(self.first_day, time.min))
        end = timezone.make_aware(datetime.combine(self.end_day, time.min))
        return Span(start=start, end=end, label=self.label)

    def contains(self, moment: datetime | date) -> bool:
        day = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
        return self.first_day <= day < self.end_day

    def due_at(self, *, day: int = 20, months_after: int = 1) -> datetime:
        """End of ``day`` (local) of the month ``months_after`` the period's last month."""
        month = _add_months(self.end_day, months_after - 1)
        last = (_add_months(month, 1) - timedelta(days=1)).day
        due = date(month.year, month.month, min(max(day, 1), last))
        return timezone.make_aware(datetime.combine(due, time(23, 59, 59)))

    # ── neighbours ──────────────────────────────────────────────────────
    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (earlier when negative), same kind."""
        if self.kind == RANGE:
            width = self.last_year - self.year + 1
            return Period(RANGE, self.year + steps * width, 0, self.last_year + steps * width)
        if self.kind == YEAR:
            return Period(YEAR, self.year + steps)
        per_year = {MONTH: 12, QUARTER: 4, HALF: 2}[self.kind]
        index = self.year * per_year + self.index - 1 + steps
        return Period(self.kind, index // per_year, index % per_year + 1)

    def previous(self) -> Period:
        return self.shifted(-1)

    def next(self) -> Period:
        return self.shifted(1)

    def same_last_year(self) -> Period:
        if self.kind == RANGE:
            return self.previous()
        return Period(self.kind, self.year - 1, self.index)

    @classmethod
    def containing(cls, kind: str, moment: datetime | date) -> Period:
        day = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
        if kind == MONTH:
            return cls(MONTH, day.year, day.month)
        if kind == QUARTER:
            return cls(QUARTER, day.year, (day.month - 1) // 3 + 1)
        if kind == HALF:
            return cls(HALF, day.year, 1 if day.month <= 6 else 2)
        return cls(YEAR, day.year)


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
            options.append((period.code, period.display[:1].upper() + period.display[1:]))
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
