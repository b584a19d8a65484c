"""The demo's present: steps read one clock, the demo's day, never the wall clock alone."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from duluan.demo.context import DemoContext


def _context(days_back: int) -> DemoContext:
    today = timezone.localdate() - timedelta(days=days_back)
    return DemoContext(
        root=None,  # type: ignore[arg-type]
        units={},
        users={},
        today=today,
        seed=7,
        progress=lambda _m: None,
    )


def test_now_is_the_wall_clock_on_the_real_day() -> None:
    assert abs(_context(0).now() - timezone.now()) < timedelta(seconds=5)


def test_now_falls_on_a_pinned_day() -> None:
    for days_back in (1, 40, 400):
        ctx = _context(days_back)
        assert timezone.localtime(ctx.now()).date() == ctx.today
