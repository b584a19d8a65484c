"""Bounds on typed-in dates: 01/01/2000 to tomorrow (past), to 10 years ahead (events)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from duluan.core.dates import (
    PAST_MESSAGE,
    EventDate,
    PastDateTime,
    event_date_error,
    past_date_error,
    validate_event_date,
    validate_past_date,
)

# 15/06/2026 23:30 in Hà Nội is 16:30 UTC: "tomorrow" is the 16th in Vietnam.
NOW = datetime(2026, 6, 15, 16, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (date(1, 1, 1), False),
        (date(1999, 12, 31), False),
        (date(2000, 1, 1), True),
        (date(2026, 6, 15), True),
        (date(2026, 6, 16), True),  # tomorrow
        (date(2026, 6, 17), False),  # the day after tomorrow
        (date(9999, 12, 31), False),
    ],
)
def test_past_dates(day: date, ok: bool) -> None:
    assert (past_date_error(day) is None) is ok
    if ok:
        validate_past_date(day)
    else:
        with pytest.raises(ValidationError) as raised:
            validate_past_date(day)
        assert raised.value.messages == ["Ngày phải từ 01/01/2000 đến ngày mai."]


def test_datetimes_are_judged_by_their_day_in_vietnam() -> None:
    # 17/06 01:00 in Hà Nội is still 16/06 18:00 UTC: the day after tomorrow there.
    assert past_date_error(datetime(2026, 6, 16, 18, 0, tzinfo=UTC)) == PAST_MESSAGE
    assert past_date_error(datetime(2026, 6, 16, 16, 59, tzinfo=UTC)) is None  # 23:59 on the 16th
    assert past_date_error(datetime(1999, 12, 31, 17, 0, tzinfo=UTC)) is None  # 00:00 on 1/1/2000
    assert past_date_error(datetime(1999, 12, 31, 16, 59, tzinfo=UTC)) == PAST_MESSAGE


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (date(1999, 12, 31), False),
        (date(2000, 1, 1), True),
        (date(2026, 6, 17), True),
        (date(2036, 6, 15), True),
        (date(2036, 6, 16), False),
    ],
)
def test_event_dates(day: date, ok: bool) -> None:
    assert (event_date_error(day) is None) is ok
    if not ok:
        with pytest.raises(ValidationError) as raised:
            validate_event_date(day)
        assert raised.value.messages == ["Ngày phải từ 01/01/2000 đến 15/06/2036."]


class Payload(BaseModel):
    at: PastDateTime
    due: EventDate | None = None


def test_schema_types_refuse_with_the_message() -> None:
    assert Payload(at=datetime(2000, 1, 1, 8, tzinfo=UTC), due=date(2030, 1, 1))
    with pytest.raises(PydanticError) as raised:
        Payload(at=datetime(1, 1, 1, tzinfo=UTC))
    (error,) = raised.value.errors()
    assert error["type"] == "date_bounds" and error["msg"] == PAST_MESSAGE
    with pytest.raises(PydanticError):
        Payload(at=datetime(2026, 6, 15, tzinfo=UTC), due=date(2040, 1, 1))
    assert Payload(at=NOW - timedelta(days=1)).due is None


def test_the_first_and_last_representable_instants_do_not_crash() -> None:
    from datetime import timezone as tz

    assert past_date_error(datetime(1, 1, 1, 0, 0, tzinfo=tz(timedelta(hours=9)))) == PAST_MESSAGE
    assert past_date_error(datetime.max.replace(tzinfo=tz(timedelta(hours=-5)))) == PAST_MESSAGE
