"""Test-wide environment, loaded by pytest as a plugin (-p) before Django reads settings.

``DULUAN_TEST_CLOCK_SHIFT_DAYS=N`` runs the whole session under a clock moved
forward by N days (time-machine, ticking): ``time.time``, ``datetime.now``,
``date.today`` and so ``timezone.now``/``localdate`` all read the moved clock in
every xdist worker. A test that pins a date on one side while a service reads
the clock on the other fails under it; ``.ci/run`` runs the date-sensitive tests
this way at +30 days and +1 year (``scripts/test-moved-clock.sh``).
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("DULUAN_HTTPS", "0")
os.environ.setdefault("DULUAN_STATIC_FINDERS", "0")
os.environ.setdefault("DULUAN_TASKS_EAGER", "1")  # tasks run in the test, broker or not
os.environ.setdefault("DULUAN_JOBS_IN_THREADS", "0")  # jobs run in the test's own thread
os.environ.setdefault("DULUAN_VAR_DIR", str(_ROOT / "var" / "test"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests
# The channels' per-sender rate limit lives in the process's cache: the recorded
# senders recur in every demo build and test of a worker, so it is off in tests;
# the tests of the limit set it themselves.
os.environ.setdefault("DULUAN_CHANNELS_RATE_PER_HOUR", "0")
# The dashboard's panels are kept 30 s per reader; rolled-back tests re-use ids, so a
# reader of one test could be served another's. Off in tests; its tests set it.
os.environ.setdefault("DULUAN_DASHBOARD_PANELS_CACHE_SECONDS", "0")


def clock_shift_days() -> int:
    """The days the session's clock is moved forward by (0: the real clock)."""
    raw = os.environ.get("DULUAN_TEST_CLOCK_SHIFT_DAYS", "").strip()
    if not raw:
        return 0
    try:
        return int(raw)
    except ValueError as exc:  # a typo must not silently run on the real clock
        raise SystemExit(
            f"DULUAN_TEST_CLOCK_SHIFT_DAYS must be a whole number, not {raw!r}"
        ) from exc


_SHIFT = clock_shift_days()
if _SHIFT:
    import time_machine

    # Started at import so module- and session-scoped fixtures (the demo province)
    # are built under the moved clock too; never stopped: the process ends with it.
    _TRAVEL = time_machine.travel(datetime.now(UTC) + timedelta(days=_SHIFT), tick=True)
    _TRAVEL.start()


def pytest_report_header(config: Any) -> str | None:
    if _SHIFT:
        moved = datetime.now(UTC).astimezone().date().isoformat()
        return f"duluan: clock moved forward by {_SHIFT} days (today reads {moved})"
    return None


# A test module that reads or pins the calendar: run again under the moved clock. A module
# whose dates only make data (the access matrix, the API fuzzer) says so in a comment
# "duluan: clock-independent" with its reason, and is left out of the moved runs.
_CALENDAR = re.compile(
    r"timezone\.now|localdate|date\.today|datetime\.now|timedelta|\b(?:date|datetime)\(\s*20\d\d"
    r"|\bdemo\b|demo_steps|calendar|deadline|overdue|retention|Period\b"
)
_calendar_modules: dict[str, bool] = {}


def pytest_configure(config: Any) -> None:
    config.addinivalue_line(
        "markers",
        "clock: reads or pins the calendar; CI runs these again with the clock moved forward "
        "(added by itself to every module that names dates, deadlines, periods or the demo)",
    )


# The second database run in CI (PostgreSQL + Redis) only needs the tests that
# touch a database: a test of pure functions (the NLP steps, text utilities,
# parsers) gives the same answer whatever DULUAN_DATABASE_URL says.
_DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


def _uses_database(item: Any) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(_DB_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    import pytest

    if os.environ.get("DULUAN_TEST_DATABASE_ONLY") == "1":
        kept = [item for item in items if _uses_database(item)]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept

    for item in items:
        path = str(item.path)
        if path not in _calendar_modules:
            try:
                source = Path(path).read_text(encoding="utf-8")
            except OSError:
                source = ""
            _calendar_modules[path] = bool(_CALENDAR.search(source)) and (
                "duluan: clock-independent" not in source
            )
        if _calendar_modules[path]:
            item.add_marker(pytest.mark.clock)
