from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from duluan.core.calendar import (
    add_working_days,
    deadline_extend,
    due_after_working_days,
    effective_due,
    holiday_name,
    is_working_day,
    working_days_between,
)
from duluan.core.models import HolidayOverride

pytestmark = pytest.mark.django_db


def test_lunar_tet_and_hung_kings_are_days_off() -> None:
    assert not is_working_day(date(2026, 2, 17))  # mùng 1 Tết Bính Ngọ
    assert "Tết" in (holiday_name(date(2026, 2, 17)) or "")
    assert not is_working_day(date(2027, 4, 16))  # Giỗ Tổ Hùng Vương 10/3 âm lịch
    assert not is_working_day(date(2026, 9, 2))
    assert is_working_day(date(2026, 11, 23))  # an ordinary Monday


def test_weekends_are_days_off() -> None:
    assert not is_working_day(date(2026, 11, 21))
    assert not is_working_day(date(2026, 11, 22))


def test_two_working_days_skip_tet() -> None:
    # Friday 13/02/2026, then the Tết break from 16 to 20 February.
    assert add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2


def test_announced_overrides_are_data() -> None:
    saturday = date(2026, 12, 5)
    assert not is_working_day(saturday)
    HolidayOverride.objects.create(date=saturday, name="Làm bù", is_day_off=False)
    assert is_working_day(saturday)
    extra = date(2026, 12, 7)
    HolidayOverride.objects.create(date=extra, name="Nghỉ bù theo thông báo", is_day_off=True)
    assert not is_working_day(extra)
    assert add_working_days(date(2026, 12, 4), 1) == saturday


def test_due_date_is_end_of_local_working_day() -> None:
    received = timezone.make_aware(datetime(2026, 11, 20, 16, 30))  # Friday
    due = due_after_working_days(received, 2)
    assert timezone.localtime(due).date() == date(2026, 11, 25)  # 24/11 is Vietnam Cultural Day
    assert timezone.localtime(due).hour == 23


def test_extension_is_recorded_with_who_granted_it(org_tree) -> None:
    leader = org_tree.user("province", "leader")
    computed = timezone.make_aware(datetime(2026, 12, 1, 23, 59))
    item = org_tree.cs_a1
    assert effective_due(item, computed) == computed
    later = timezone.make_aware(datetime(2026, 12, 10, 23, 59))
    extension = deadline_extend(
        item=item, new_due=later, reason="Chờ kết quả xác minh", granted_by=leader
    )
    assert extension.granted_by == leader
    assert effective_due(item, computed) == later
