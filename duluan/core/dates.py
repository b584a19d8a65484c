"""Bounds on the dates people and API clients type in: one rule, one message.

Two kinds of date:

* a **past** date records something that happened (a report heard, a decision
  signed, an article published): from 01/01/2000 to tomorrow, counted in
  ``TIME_ZONE`` (Asia/Ho_Chi_Minh), so a client a few hours ahead is not refused;
* an **event** date may lie ahead (a deadline, a survey's closing time, a term
  of office, a training planned): from 01/01/2000 to 10 years ahead.

Year 1 or 9999 is always a typing slip, and some databases and spreadsheet
programs mishandle it. Forms use :func:`validate_past_date` /
:func:`validate_event_date` as field validators; ninja schemas use the
annotated types :data:`PastDate`, :data:`PastDateTime`, :data:`EventDate`,
:data:`EventDateTime`; import parsers and services call :func:`past_date_error`
/ :func:`event_date_error`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

EARLIEST = date(2000, 1, 1)
EVENT_YEARS_AHEAD = 10
PAST_MESSAGE = "Ngày phải từ 01/01/2000 đến ngày mai."
EVENT_MESSAGE = "Ngày phải từ 01/01/2000 đến {latest}."
# The error type the API's validation handler words with the message itself.
PYDANTIC_ERROR_TYPE = "date_bounds"


def local_day(value: date | datetime) -> date:
    """The calendar day of ``value`` in ``TIME_ZONE`` (a naive datetime is local)."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            try:
                return value.astimezone(timezone.get_default_timezone()).date()
            except OverflowError:  # year 1 or 9999 near the edge: out of bounds anyway
                return value.date()
        return value.date()
    return value


def today() -> date:
    return timezone.localdate(timezone=timezone.get_default_timezone())


def latest_past() -> date:
    return today() + timedelta(days=1)


def latest_event() -> date:
    day = today()
    try:
        return day.replace(year=day.year + EVENT_YEARS_AHEAD)
    except ValueError:  # 29 February
        return day.replace(year=day.year + EVENT_YEARS_AHEAD, day=28)


def past_date_error(value: date | datetime | None) -> str | None:
    """The Vietnamese message when ``value`` is outside 01/01/2000..tomorrow, else None."""
    if value is None:
        return None
    day = local_day(value)
    return PAST_MESSAGE if day < EARLIEST or day > latest_past() else None


def event_date_error(value: date | datetime | None) -> str | None:
    """The Vietnamese message when ``value`` is outside 01/01/2000..10 years ahead, else None."""
    if value is None:
        return None
    day = local_day(value)
    latest = latest_event()
    if day < EARLIEST or day > latest:
        return EVENT_MESSAGE.format(latest=f"{latest:%d/%m/%Y}")
    return None


def validate_past_date(value: date | datetime | None) -> None:
    """A Django validator (forms, model fields) for :func:`past_date_error`."""
    message = past_date_error(value)
    if message:
        raise ValidationError(message, code="date_bounds")


def validate_event_date(value: date | datetime | None) -> None:
    """A Django validator (forms, model fields) for :func:`event_date_error`."""
    message = event_date_error(value)
    if message:
        raise ValidationError(message, code="date_bounds")


def _pydantic(check: Any) -> Any:
    def validate(value: Any) -> Any:
        message = check(value)
        if message:
            raise PydanticCustomError(PYDANTIC_ERROR_TYPE, message)
        return value

    return AfterValidator(validate)


PastDate = Annotated[date, _pydantic(past_date_error)]
PastDateTime = Annotated[datetime, _pydantic(past_date_error)]
EventDate = Annotated[date, _pydantic(event_date_error)]
EventDateTime = Annotated[datetime, _pydantic(event_date_error)]
