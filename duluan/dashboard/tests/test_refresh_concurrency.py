"""Overlapping refreshes in parallel on PostgreSQL end equal to a full rebuild, none failing.

SQLite has one writer at a time, so the race this guards against (two
refreshes deleting and rewriting the same day's cells) cannot happen there.
"""

from __future__ import annotations

import random
import threading
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, connections

from duluan.dashboard.models import FactDay, FactMonth, SlimDay, SlimMonth
from duluan.dashboard.services import (
    FULL,
    _insert,
    dashboard_rebuild,
    dashboard_refresh_reports,
    local_day,
)
from duluan.intake.models import Report
from duluan.org.services import unit_create

from .helpers import add_reports

pytestmark = pytest.mark.django_db(transaction=True)

FIRST = date(2026, 10, 27)  # the days cross a month boundary: two transactions per refresh
DAYS = [FIRST + timedelta(days=i) for i in range(10)]
THREADS = 8
ROUNDS = 4
TOPICS = ["tien_luong", "thoi_gio", "an_toan"]
SENTIMENTS = ["tieu_cuc", "tich_cuc", "trung_tinh"]


def fact_rows() -> dict[str, set[tuple[Any, ...]]]:
    """Every row of every fact table, ids aside."""
    out: dict[str, set[tuple[Any, ...]]] = {}
    for model in (FactDay, FactMonth, SlimDay, SlimMonth):
        columns = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        rows = list(model.objects.values_list(*columns))
        assert len(rows) == len(set(rows))
        out[model.__name__] = set(rows)
    return out


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has a single writer")
def test_parallel_overlapping_refreshes_equal_a_rebuild(org_tree: Any) -> None:
    leaves = [org_tree.cs_a1, org_tree.cs_a2, org_tree.cs_b1, org_tree.upper_b]
    seed = random.Random(16)
    for day in DAYS:
        for unit in leaves:
            add_reports(
                unit,
                seed.randint(1, 4),
                day,
                topics=[seed.choice(TOPICS)],
                sentiment=seed.choice(SENTIMENTS),
            )
    by_day: dict[date, list[int]] = {day: [] for day in DAYS}
    for pk, heard_at in Report.objects.values_list("pk", "heard_at"):
        by_day[local_day(heard_at)].append(pk)

    start = threading.Barrier(THREADS + 1)
    errors: list[BaseException] = []

    def refresher(index: int) -> None:
        try:
            rng = random.Random(index)
            start.wait(timeout=60)
            for _ in range(ROUNDS):
                first = rng.randrange(len(DAYS) - 3)
                span = DAYS[first : first + rng.randint(2, 4)]  # overlaps its neighbours'
                dashboard_refresh_reports([pk for day in span for pk in by_day[day]])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    def writer() -> None:
        """More reports arrive meanwhile, each batch refreshed as the intake signal would."""
        try:
            rng = random.Random(99)
            start.wait(timeout=60)
            for _ in range(THREADS * ROUNDS // 2):
                ids = add_reports(
                    rng.choice(leaves),
                    rng.randint(1, 3),
                    rng.choice(DAYS),
                    hour=rng.randint(0, 23),
                    topics=[rng.choice(TOPICS)],
                    sentiment=rng.choice(SENTIMENTS),
                )
                dashboard_refresh_reports(ids)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=refresher, args=(i,)) for i in range(THREADS - 1)]
    threads.append(threading.Thread(target=writer))
    for thread in threads:
        thread.start()
    start.wait(timeout=60)
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []

    refreshed = fact_rows()
    assert refreshed["FactDay"]
    dashboard_rebuild()
    assert refreshed == fact_rows()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_a_copy_that_breaks_a_constraint_raises_djangos_integrity_error() -> None:
    """The retry catches ``django.db.IntegrityError``: the raw COPY must raise that, too."""
    unit = unit_create(code="C1", name="Công đoàn thử", short_name="CĐ thử", level="LĐLĐ tỉnh")
    row = (unit.pk, 0, "tieu_cuc", "truc_tiep", "khieu_nai", 1, FIRST)
    with pytest.raises(IntegrityError, match="dashboard_factday_cell"):
        _insert(FactDay, [*FULL, "day"], [row, row])
