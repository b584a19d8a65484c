"""The dashboard's filters, parsed from (and written back to) the URL.

``period``: ``2026-11`` (a month), ``2026-Q4`` (a quarter) or ``2026`` (a
year), the last complete month by default (the running one only when asked:
its figures are partial); ``unit`` (a subtree in reach), ``topic``
(a topic code, or ``chua_phan_tich``), ``channel``, ``kind``, ``sentiment``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import timezone

from duluan.core.errors import ValidationFailed
from duluan.core.periods import Comparison, comparison, period_label, period_title
from duluan.core.periods import Period as CalendarPeriod
from duluan.intake.choices import Channel, Kind, Mood

from .services import next_month

NO_TOPIC = "chua_phan_tich"
SENTIMENTS: list[tuple[str, str]] = [
    (Mood.NEGATIVE.value, "Tiêu cực"),
    (Mood.NEUTRAL.value, "Trung lập"),
    (Mood.POSITIVE.value, "Tích cực"),
    # Only a reporter's own mood can be "divided" (the text analytics knows three
    # sentiments), so it counts only reports not analysed: labelled as such.
    (Mood.DIVIDED.value, "Trái chiều (theo người phản ánh)"),
]
SENTIMENT_CODES = [code for code, _ in SENTIMENTS]


@dataclass(frozen=True)
class Period:
    kind: str  # "month" | "quarter" | "year"
    start: date  # first day
    end: date  # first day after

    @classmethod
    def of(cls, calendar: CalendarPeriod) -> Period:
        return cls(calendar.kind, calendar.first_day, calendar.end_day)

    @property
    def calendar(self) -> CalendarPeriod:
        """The same period as :mod:`duluan.core.periods` knows it: one arithmetic
        and one label for the dashboard, the briefing and the documents."""
        return CalendarPeriod.containing(self.kind, self.start)

    @property
    def code(self) -> str:
        return self.calendar.code

    @property
    def label(self) -> str:
        return period_label(self.calendar)

    @property
    def title(self) -> str:
        """The label at the start of a choice: "Quý III/2026" (not ``capitalize()``)."""
        return period_title(self.calendar)

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods later (negative: earlier)."""
        return Period.of(self.calendar.shifted(steps))

    def previous(self) -> Period:
        return self.shifted(-1)

    def last_year(self) -> Period:
        return Period.of(self.calendar.same_last_year())

    def comparison(self, today: date | None = None) -> Comparison:
        return comparison(self.calendar, today)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_parse(text: str, today: date | None = None) -> Period:
    today = today or timezone.localdate()
    text = (text or "").strip()
    if not text:  # the last complete month, not three days of the running one
        start = _add_months(today.replace(day=1), -1)
        return Period("month", start, next_month(start))
    if match := re.fullmatch(r"(\d{4})-(\d{2})", text):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            start = date(year, month, 1)
            return Period("month", start, next_month(start))
    elif match := re.fullmatch(r"(\d{4})-[Qq]([1-4])", text):
        year, quarter = int(match[1]), int(match[2])
        if 2000 <= year <= 2100:
            start = date(year, 3 * quarter - 2, 1)
            return Period("quarter", start, _add_months(start, 3))
    elif match := re.fullmatch(r"(\d{4})", text):
        year = int(match[1])
        if 2000 <= year <= 2100:
            return Period("year", date(year, 1, 1), date(year + 1, 1, 1))
    raise ValidationFailed("Kỳ không hợp lệ: dùng dạng 2026-11 (tháng), 2026-Q4 (quý) hoặc 2026.")


@dataclass(frozen=True)
class Filters:
    period: Period
    unit: int | None = None
    topic: str = ""  # a Topic code, NO_TOPIC, or "" for all
    channel: str = ""
    kind: str = ""
    sentiment: str = ""

    @property
    def narrowed(self) -> bool:
        """A dimension filter is set: even the total is then a subgroup."""
        return bool(self.topic or self.channel or self.kind or self.sentiment)

    def params(self, **override: object) -> dict[str, str]:
        values = {
            "period": self.period.code,
            "unit": "" if self.unit is None else str(self.unit),
            "topic": self.topic,
            "channel": self.channel,
            "kind": self.kind,
            "sentiment": self.sentiment,
        }
        values.update({k: "" if v is None else str(v) for k, v in override.items()})
        return {k: v for k, v in values.items() if v}

    def query(self, **override: object) -> str:
        return urlencode(self.params(**override))

    def with_unit(self, unit_id: int | None) -> Filters:
        return replace(self, unit=unit_id)


def filters_parse(params: QueryDict | dict[str, str], today: date | None = None) -> Filters:
    """Validate the URL's filters; unknown codes are refused, not ignored."""
    get = params.get
    unit_text = (get("unit") or "").strip()
    if unit_text and not unit_text.isdigit():
        raise ValidationFailed("Đơn vị không hợp lệ.")
    channel = (get("channel") or "").strip()
    if channel and channel not in Channel.values:
        raise ValidationFailed("Kênh không hợp lệ.")
    kind = (get("kind") or "").strip()
    if kind and kind not in Kind.values:
        raise ValidationFailed("Loại phản ánh không hợp lệ.")
    sentiment = (get("sentiment") or "").strip()
    if sentiment and sentiment not in SENTIMENT_CODES:
        raise ValidationFailed("Cảm xúc không hợp lệ.")
    topic = (get("topic") or "").strip()
    if topic and not re.fullmatch(r"[a-z0-9_-]{1,40}", topic):
        raise ValidationFailed("Chủ đề không hợp lệ.")
    return Filters(
        period=period_parse(get("period") or "", today),
        unit=int(unit_text) if unit_text else None,
        topic=topic,
        channel=channel,
        kind=kind,
        sentiment=sentiment,
    )
