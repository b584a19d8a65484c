"""Calendar periods as values: ``2026-10``, ``2026-Q4``, ``2026-H2``, ``2026``, ``2014..2023``.

The one place for period arithmetic and period labels: the dashboard, its API,
the briefing and the periodic documents all read "kỳ trước" (the previous
calendar period of the same kind: October for November, Q3 for Q4), "cùng kỳ
năm trước" (the same calendar period a year before) and the period's name
(:func:`period_label`) from here, so that they state one number for one fact.


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

from .dates import EARLIEST
from .errors import ValidationFailed
from .extensions import Span

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


def period_label(period: Period) -> str:
    """The period's name in Vietnamese official style, as every page, title and
    document of the application writes it: "tháng 9/2026", "quý III/2026",
    "6 tháng đầu năm 2026", "năm 2026"."""
    return period.display


def period_title(period: Period) -> str:
    """:func:`period_label` at the start of a sentence or a choice: "Quý III/2026"."""
    label = period_label(period)
    return label[:1].upper() + label[1:]


@dataclass(frozen=True)
class Comparison:
    """A period as far as ``today`` has reached, and what it is compared with.

    ``start``/``end``: the days counted (``end`` exclusive, cut to today for a
    running period). ``previous``: the previous calendar period of the same kind;
    ``last_year``: the same calendar period a year before. For a running
    (``partial``) period both are cut to as many days as it has had, and
    :attr:`previous_label` says so.
    """

    period: Period
    start: date
    end: date
    partial: bool
    previous: tuple[date, date]
    last_year: tuple[date, date]

    def previous_span(self) -> Span:
        return _span(*self.previous, self.period.previous().label)

    def last_year_span(self) -> Span:
        return _span(*self.last_year, self.period.same_last_year().label)

    @property
    def previous_label(self) -> str:
        return previous_label(self.partial)

    @property
    def last_year_label(self) -> str:
        return last_year_label(self.partial)


def _span(start: date, end: date, label: str) -> Span:
    return Span(
        start=timezone.make_aware(datetime.combine(start, time.min)),
        end=timezone.make_aware(datetime.combine(end, time.min)),
        label=label,
    )


def previous_label(partial: bool) -> str:
    """What "kỳ trước" is: the whole previous period, or as many of its days."""
    return "Kỳ trước (cùng số ngày)" if partial else "Kỳ trước"


def last_year_label(partial: bool) -> str:
    return "Cùng kỳ năm trước (cùng số ngày)" if partial else "Cùng kỳ năm trước"


def comparison(period: Period, today: date | None = None) -> Comparison:
    """The one rule for "kỳ trước" and "cùng kỳ năm trước" (see :class:`Comparison`)."""
    start = period.first_day
    end = period.end_day
    if today is not None:
        end = max(min(end, today + timedelta(days=1)), start)
    partial = end < period.end_day

    def cut(other: Period) -> tuple[date, date]:
        if not partial:
            return other.first_day, other.end_day
        return other.first_day, min(other.end_day, other.first_day + (end - start))

    return Comparison(
        period, start, end, partial, cut(period.previous()), cut(period.same_last_year())
    )
