"""Keeping the fact tables (:mod:`duluan.dashboard.models`) in step with the reports.

Refreshing is incremental and idempotent: the (subtree, day) cells a set of
reports touches are recomputed from the reports of those days, then the
touched (subtree, month) cells from the day rows. Nothing else is read, so a
new report costs one day of its tree, not a full recomputation. Recomputing a
cell (rather than adding to it) also picks up a report whose analysis changed.

These are system jobs: they take no actor and change no user-visible state;
the dashboard's selectors apply the access scope when reading.

Concurrency (PostgreSQL): refreshes run in parallel Celery workers and may
touch the same days. Each month's transaction first takes a transaction-level
advisory lock per day it rewrites (in day order), counts and rewrites those
days, then takes the month's lock and recomputes the month from the day rows,
so two refreshes never interleave on one cell and the last one to write a
cell has read every report committed before it. SQLite has one writer at a
time and needs none of this. See docs/dashboard.md.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Max, Min, Q, Sum

from duluan.intake.models import Report
from duluan.nlp.models import ReportTopic
from duluan.org.models import Unit

from .models import TOPIC_ALL, TOPIC_NONE, FactDay, FactMonth, SlimDay, SlimMonth

logger = logging.getLogger(__name__)

CellKey = tuple[int, date, int, str, str, str]  # unit, day, topic, sentiment, channel, kind
BATCH = 5000

# ``pg_advisory_xact_lock(namespace, key)``: the namespaces keep these locks
# apart from any other user of advisory locks; the key is the date's ordinal.
LOCK_DAY = 0x4453_4401  # "DSD\x01" (DaShboarD): one dashboard day
LOCK_MONTH = 0x4453_4402  # one dashboard month (its first day's ordinal)


@dataclass(frozen=True)
class RefreshResult:
    reports: int
    days: int
    day_rows: int
    month_rows: int


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_day(moment: datetime) -> date:
    return moment.astimezone(local_zone()).date()


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=local_zone())


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _day_ranges(days: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive days merged: [(first, last)], both inclusive."""
    ranges: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if ranges and ranges[-1][1] + timedelta(days=1) == day:
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def _ancestry() -> dict[int, tuple[int, ...]]:
    """Each unit's id with the ids of all its ancestors (itself first)."""
    by_path = dict(Unit.objects.values_list("path", "id"))
    step = Unit.steplen
    out: dict[int, tuple[int, ...]] = {}
    for path, uid in by_path.items():
        chain = [by_path[path[:i]] for i in range(len(path), 0, -step) if path[:i] in by_path]
        out[uid] = tuple(chain)
    return out


def _count(
    days: list[date], wanted: set[int] | None, ancestry: dict[int, tuple[int, ...]]
) -> tuple[Counter[CellKey], int]:
    """Count the reports heard on ``days`` into every wanted subtree's cells."""
    when = Q()
    for first, last in _day_ranges(days):
        when |= Q(heard_at__gte=day_start(first), heard_at__lt=day_start(last + timedelta(days=1)))
    reports = Report.objects.filter(when).order_by()
    topic_when = Q()
    for first, last in _day_ranges(days):
        topic_when |= Q(
            report__heard_at__gte=day_start(first),
            report__heard_at__lt=day_start(last + timedelta(days=1)),
        )
    topics: dict[int, list[int]] = defaultdict(list)
    for report_id, topic_id in (
        ReportTopic.objects.filter(topic_when).order_by().values_list("report_id", "topic_id")
    ):
        topics[report_id].append(topic_id)
    cells: Counter[CellKey] = Counter()
    seen = 0
    zone = local_zone()
    rows = reports.values_list(
        "id", "unit_id", "heard_at", "mood", "channel", "kind", "analysis__sentiment"
    )
    for rid, unit_id, heard_at, mood, channel, kind, sentiment in rows.iterator(chunk_size=5000):
        seen += 1
        day = heard_at.astimezone(zone).date()
        feel = sentiment or mood
        codes = (TOPIC_ALL, *(topics.get(rid) or (TOPIC_NONE,)))
        for owner in ancestry.get(unit_id, (unit_id,)):
            if wanted is not None and owner not in wanted:
                continue
            for code in codes:
                cells[(owner, day, code, feel, channel, kind)] += 1
    return cells, seen


def _insert(model: type[models.Model], columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """Plain ``INSERT`` in batches: ``bulk_create`` spends most of its time building SQL."""
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: an order of magnitude faster
            table = quote(model._meta.db_table)
            # The raw psycopg cursor bypasses Django's error translation: restore it, so
            # a failure is a django.db.IntegrityError / OperationalError like any other.
            with (
                connection.wrap_database_errors,
                cursor.cursor.copy(
                    f"COPY {table} ({', '.join(map(quote, columns))}) FROM STDIN"
                ) as copy,
            ):
                for row in rows:
                    copy.write_row(row)
            return
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


FULL = ["unit_id", "topic", "sentiment", "channel", "kind", "reports"]
SLIM = ["unit_id", "topic", "sentiment", "reports"]


def _lock(namespace: int, days: Iterable[date]) -> None:
    """Wait for, then hold until commit, the advisory lock of each of ``days`` (PostgreSQL).

    Always taken in ascending order, days before their month, so two refreshes
    cannot wait on each other in a cycle.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for day in sorted(set(days)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, day.toordinal()])


def _write_days(days: list[date], wanted: set[int] | None, cells: Counter[CellKey]) -> int:
    when = Q()
    for first, last in _day_ranges(days):
        when |= Q(day__gte=first, day__lte=last)
    for model in (FactDay, SlimDay):
        stale = model.objects.filter(when)
        if wanted is not None:
            stale = stale.filter(unit_id__in=wanted)
        stale.delete()
    _insert(
        FactDay, [*FULL, "day"], ((u, t, s, c, k, n, d) for (u, d, t, s, c, k), n in cells.items())
    )
    slim: Counter[tuple[int, date, int, str]] = Counter()
    for (u, d, t, s, _, _), n in cells.items():
        slim[(u, d, t, s)] += n
    _insert(SlimDay, [*SLIM, "day"], ((u, t, s, n, d) for (u, d, t, s), n in slim.items()))
    return len(cells)


def _write_month(month: date, wanted: set[int] | None) -> int:
    """Recompute the month rows of ``wanted`` subtrees from their day rows."""
    end = next_month(month)
    written = 0
    for source_model, target, columns in ((FactDay, FactMonth, FULL), (SlimDay, SlimMonth, SLIM)):
        source = source_model.objects.filter(day__gte=month, day__lt=end)
        stale = target.objects.filter(month=month)
        if wanted is not None:
            source = source.filter(unit_id__in=wanted)
            stale = stale.filter(unit_id__in=wanted)
        totals = source.order_by().values_list(*columns[:-1]).annotate(n=Sum("reports"))
        stale.delete()
        rows = [(*row, month) for row in totals]
        _insert(target, [*columns, "month"], rows)
        written += len(rows) if target is FactMonth else 0
    return written


def _refresh(days: set[date], wanted: set[int] | None) -> RefreshResult:
    """Recompute the cells of ``wanted`` subtrees (all when ``None``) on ``days``, month by month."""
    ancestry = _ancestry()
    by_month: dict[date, list[date]] = defaultdict(list)
    for day in days:
        by_month[month_start(day)].append(day)
    reports = day_rows = month_rows = 0
    for month in sorted(by_month):
        chunk = sorted(by_month[month])
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    _lock(LOCK_DAY, chunk)  # before counting: read what was committed before us
                    cells, seen = _count(chunk, wanted, ancestry)
                    written = _write_days(chunk, wanted, cells)
                    _lock(LOCK_MONTH, [month])  # the month is read from every day's rows
                    months = _write_month(month, wanted)
                break
            except IntegrityError:  # the locks rule this out; kept as a safety net: redo
                if attempt == 2:
                    raise
                logger.warning("dashboard refresh of %s raced; retrying", month)
        reports += seen
        day_rows += written
        month_rows += months
    return RefreshResult(reports=reports, days=len(days), day_rows=day_rows, month_rows=month_rows)


def dashboard_refresh_reports(report_ids: Iterable[int]) -> RefreshResult:
    """Bring the aggregates up to date for these (new or re-analysed) reports.

    Recomputes the days they were heard on, in their units and every ancestor.
    Safe to call twice, and with ids that no longer exist.
    """
    ids = list(dict.fromkeys(int(i) for i in report_ids))
    touched: set[tuple[int, date]] = set()
    for start in range(0, len(ids), 900):
        for unit_id, heard_at in Report.objects.filter(pk__in=ids[start : start + 900]).values_list(
            "unit_id", "heard_at"
        ):
            touched.add((unit_id, local_day(heard_at)))
    if not touched:
        return RefreshResult(0, 0, 0, 0)
    ancestry = _ancestry()
    wanted = {owner for unit_id, _ in touched for owner in ancestry.get(unit_id, (unit_id,))}
    return _refresh({day for _, day in touched}, wanted)


def dashboard_refresh_batch(batch_id: int) -> RefreshResult:
    """An import sends its batch, not its ids: refresh the batch's reports."""
    ids = Report.objects.filter(import_batch_id=batch_id).values_list("pk", flat=True)
    return dashboard_refresh_reports(list(ids))


def dashboard_rebuild(*, since: date | None = None) -> RefreshResult:
    """Recompute every cell (from ``since``'s month, else all) from the reports."""
    if since is None:
        with transaction.atomic():
            for model in (FactDay, FactMonth, SlimDay, SlimMonth):
                model.objects.all().delete()
    span = Report.objects.aggregate(first=Min("heard_at"), last=Max("heard_at"))
    ends = [local_day(span["last"])] if span["last"] else []
    if since is not None:
        ends += [d for d in [FactDay.objects.aggregate(d=Max("day"))["d"]] if d]
    if not ends:
        return RefreshResult(0, 0, 0, 0)
    first = month_start(since) if since else month_start(local_day(span["first"]))
    days: set[date] = set()
    day, last = first, max(ends)
    while day <= last:
        days.add(day)
        day += timedelta(days=1)
    return _refresh(days, None)
