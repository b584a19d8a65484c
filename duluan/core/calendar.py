"""Vietnam's working-day calendar: the one source of every due date.

Public holidays (lunar Tết and Giỗ Tổ Hùng Vương included, with the
compensatory days) come from the ``holidays`` package; what the government
announces later is data in :class:`HolidayOverride`. Saturdays and Sundays are
days off unless an override makes them working days.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import DeadlineExtension, HolidayOverride

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

_WEEKEND = {5, 6}


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> dict[date, str]:
    import holidays  # 25 MB of country tables: loaded when a due date is computed

    return dict(holidays.country_holidays("VN", years=[year], language="vi"))


_overrides: dict[date, HolidayOverride] | None = None


def _override_map() -> dict[date, HolidayOverride]:
    global _overrides
    if _overrides is None:
        _overrides = {o.date: o for o in HolidayOverride.objects.all()}
    return _overrides


def overrides_changed() -> None:
    """Forget the cached overrides (called after they are edited)."""
    global _overrides
    _overrides = None


def holiday_name(day: date) -> str | None:
    override = _override_map().get(day)
    if override is not None:
        return override.name if override.is_day_off else None
    return _public_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    override = _override_map().get(day)
    if override is not None:
        return not override.is_day_off
    return day.weekday() not in _WEEKEND and day not in _public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count


def due_after_working_days(received: datetime, days: int) -> datetime:
    """End of the working day ``days`` working days after ``received`` (local time)."""
    local = timezone.localtime(received)
    due_day = add_working_days(local.date(), days)
    return timezone.make_aware(datetime.combine(due_day, time(23, 59, 59)))


def on_a_working_day(due: datetime) -> datetime:
    """``due``, or the end of the next working day when ``due`` falls on a day off
    (a weekend, a public holiday, an override): a deadline that ends on a day
    off ends with the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5)."""
    local = timezone.localtime(due)
    day = local.date()
    if is_working_day(day):
        return due
    while not is_working_day(day):
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def due_after_calendar_days(received: datetime, days: int) -> datetime:
    local = timezone.localtime(received)
    return timezone.make_aware(
        datetime.combine(local.date() + timedelta(days=days), time(23, 59, 59))
    )


def latest_extension(item: Any) -> DeadlineExtension | None:
    content_type = ContentType.objects.get_for_model(type(item))
    return (
        DeadlineExtension.objects.filter(content_type=content_type, object_id=item.pk)
        .order_by("-new_due", "-granted_at")
        .first()
    )


def effective_due(item: Any, computed: datetime) -> datetime:
    """The due date that counts: the latest recorded extension, else the computed one."""
    extension = latest_extension(item)
    return extension.new_due if extension is not None and extension.new_due > computed else computed


@transaction.atomic
def deadline_extend(
    *, item: Any, new_due: datetime, reason: str, granted_by: AbstractBaseUser
) -> DeadlineExtension:
    extension = DeadlineExtension(
        content_type=ContentType.objects.get_for_model(type(item)),
        object_id=item.pk,
        new_due=new_due,
        reason=reason.strip()[:500],
        granted_by=granted_by,  # type: ignore[misc]  # AUTH_USER_MODEL (org.User); core does not import org
    )
    extension.full_clean()
    extension.save()
    return extension
