"""Periods: codes in and out, local-midnight spans, neighbours and due dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from duluan.core.errors import ValidationFailed
from duluan.core.periods import comparison, period_label, period_title
from duluan.dashboard.filters import period_parse
from duluan.reporting.choices import ReportType, report_title
from duluan.reporting.periods import HALF, MONTH, QUARTER, RANGE, YEAR, Period


@pytest.mark.parametrize(
    ("text", "kind", "code", "label"),
    [
        ("2026-10", MONTH, "2026-10", "tháng 10 năm 2026"),
        ("2026-3", MONTH, "2026-03", "tháng 3 năm 2026"),
        ("2026-Q4", QUARTER, "2026-Q4", "quý IV năm 2026"),
        ("2026-q1", QUARTER, "2026-Q1", "quý I năm 2026"),
        ("2026-H2", HALF, "2026-H2", "6 tháng cuối năm 2026"),
        ("2026", YEAR, "2026", "năm 2026"),
        ("2014..2023", RANGE, "2014..2023", "giai đoạn 2014 - 2023"),
    ],
)
def test_parses_and_formats_every_kind(text: str, kind: str, code: str, label: str) -> None:
    period = Period.parse(text)
    assert period.kind == kind
    assert str(period) == code
    assert period.label == label
    assert Period.parse(period.code) == period


@pytest.mark.parametrize(
    "text", ["", "2026-13", "2026-Q5", "2026-H3", "10/2026", "2023..2014", "1800"]
)
def test_rejects_bad_codes_in_vietnamese(text: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        Period.parse(text)
    assert "Kỳ báo cáo" in error.value.message


def test_span_runs_between_local_midnights() -> None:
    span = Period.parse("2026-10").span()
    assert span.start == datetime(2026, 9, 30, 17, 0, tzinfo=UTC)
    assert span.end == datetime(2026, 10, 31, 17, 0, tzinfo=UTC)
    assert timezone.localtime(span.start).hour == 0
    assert span.label == "tháng 10 năm 2026"


@pytest.mark.parametrize(
    ("code", "first", "end"),
    [
        ("2026-12", date(2026, 12, 1), date(2027, 1, 1)),
        ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026-H1", date(2026, 1, 1), date(2026, 7, 1)),
        ("2026", date(2026, 1, 1), date(2027, 1, 1)),
        ("2014..2023", date(2014, 1, 1), date(2024, 1, 1)),
    ],
)
def test_first_and_end_days(code: str, first: date, end: date) -> None:
    period = Period.parse(code)
    assert (period.first_day, period.end_day) == (first, end)


@pytest.mark.parametrize(
    ("code", "previous", "last_year"),
    [
        ("2026-01", "2025-12", "2025-01"),
        ("2026-10", "2026-09", "2025-10"),
        ("2026-Q1", "2025-Q4", "2025-Q1"),
        ("2026-H1", "2025-H2", "2025-H1"),
        ("2026", "2025", "2025"),
        ("2014..2023", "2004..2013", "2004..2013"),
    ],
)
def test_previous_and_same_period_last_year(code: str, previous: str, last_year: str) -> None:
    period = Period.parse(code)
    assert period.previous().code == previous
    assert period.same_last_year().code == last_year
    assert period.previous().next() == period


def test_monthly_report_is_due_by_the_20th_of_the_following_month() -> None:
    due = timezone.localtime(Period.parse("2026-10").due_at())
    assert (due.date(), due.hour, due.minute) == (date(2026, 11, 20), 23, 59)
    assert timezone.localtime(Period.parse("2026-12").due_at()).date() == date(2027, 1, 20)
    assert timezone.localtime(Period.parse("2026-Q4").due_at(day=15)).date() == date(2027, 1, 15)
    # A day past the month's end falls back to its last day.
    assert timezone.localtime(Period.parse("2026-01").due_at(day=31)).date() == date(2026, 2, 28)


def test_containing_and_contains() -> None:
    moment = timezone.make_aware(datetime(2026, 11, 1, 0, 30))  # local, just past midnight
    assert Period.containing(MONTH, moment).code == "2026-11"
    assert Period.containing(QUARTER, moment).code == "2026-Q4"
    assert Period.containing(HALF, moment).code == "2026-H2"
    assert Period.parse("2026-11").contains(moment)
    assert not Period.parse("2026-10").contains(moment)


def test_titles_say_the_period_in_vietnamese() -> None:
    from duluan.reporting.choices import report_title

    assert report_title("monthly", Period.parse("2026-11")) == "Báo cáo tháng 11/2026"
    assert report_title("quarterly", Period.parse("2026-Q4")) == "Báo cáo quý IV/2026"
    assert report_title("half_yearly", Period.parse("2026-H1")) == "Báo cáo 6 tháng đầu năm 2026"
    assert report_title("annual", Period.parse("2026")) == "Báo cáo năm 2026"
    assert (
        report_title("review", Period.parse("2016..2025"))
        == "Báo cáo tổng kết giai đoạn 2016 - 2025"
    )


def test_the_picker_offers_each_kind_newest_first() -> None:
    from datetime import date

    from duluan.reporting.periods import period_choices

    groups = dict(period_choices(date(2026, 12, 4)))
    assert groups["Tháng"][:2] == [("2026-12", "Tháng 12/2026"), ("2026-11", "Tháng 11/2026")]
    assert len(groups["Tháng"]) == 24
    assert groups["Quý"][0] == ("2026-Q4", "Quý IV/2026")
    assert groups["6 tháng"][:2] == [
        ("2026-H2", "6 tháng cuối năm 2026"),
        ("2026-H1", "6 tháng đầu năm 2026"),
    ]
    assert groups["Năm"][0] == ("2026", "Năm 2026")
    assert groups["Nhiều năm (sơ kết, tổng kết)"][0] == ("2016..2025", "10 năm 2016 - 2025")
    for options in groups.values():  # every code parses back to its period
        for code, _ in options:
            assert Period.parse(code).code == code


def test_one_label_for_a_period_everywhere() -> None:
    """The dashboard, the briefing and the documents name a period alike (core.periods)."""
    expected = {
        "2026-09": "tháng 9/2026",
        "2026-Q3": "quý III/2026",
        "2026-H1": "6 tháng đầu năm 2026",
        "2026": "năm 2026",
    }
    for code, label in expected.items():
        assert period_label(Period.parse(code)) == label
    for code in ("2026-09", "2026-Q3", "2026"):
        assert period_parse(code).label == expected[code]
    assert period_title(Period.parse("2026-Q3")) == "Quý III/2026"  # not "Quý iii/2026"
    assert report_title(ReportType.MONTHLY, Period.parse("2026-09")).endswith("tháng 9/2026")


def test_previous_is_the_previous_calendar_period() -> None:
    whole = comparison(Period.parse("2026-11"), date(2026, 12, 4))
    assert not whole.partial
    assert whole.previous == (date(2026, 10, 1), date(2026, 11, 1))
    assert whole.last_year == (date(2025, 11, 1), date(2025, 12, 1))
    quarter = comparison(Period.parse("2026-Q1"), date(2026, 12, 4))
    assert quarter.previous == (date(2025, 10, 1), date(2026, 1, 1))  # all of Q4, 92 days
    running = comparison(Period.parse("2026-12"), date(2026, 12, 4))
    assert running.partial and running.previous == (date(2026, 11, 1), date(2026, 11, 5))
    assert running.previous_label == "Kỳ trước (cùng số ngày)"
