"""Reading the fact tables: any date range as whole months plus edge days.

A range ``[start, end)`` is answered from :class:`FactMonth` for its whole
months and from :class:`FactDay` for the days at either end, so even a year
reads a few hundred rows per subtree, whatever the number of reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.db import connections, router

from .filters import Filters
from .models import TOPIC_ALL, FactDay, FactMonth, SlimDay, SlimMonth
from .services import month_start, next_month

Key = tuple[Any, ...]
COLUMNS = {"unit_id", "topic", "sentiment", "channel", "kind"}


def _where(
    unit_ids: Sequence[int], filters: Filters, topic: int | None, by_topic: bool | None
) -> tuple[list[str], list[Any]]:
    """The SQL conditions (and parameters) of a fact query, dates aside."""
    ids = [int(i) for i in unit_ids]
    sql = [f"unit_id IN ({', '.join(['%s'] * len(ids))})"]
    params: list[Any] = list(ids)
    if topic is not None and topic != TOPIC_ALL:
        sql.append("topic = %s")
        params.append(topic)
    elif by_topic is not None:  # None: every row, totals and topics alike
        sql.append("topic <> %s" if by_topic else "topic = %s")
        params.append(TOPIC_ALL)
    for column in ("channel", "kind", "sentiment"):
        value = getattr(filters, column)
        if value:
            sql.append(f"{column} = %s")
            params.append(value)
    return sql, params


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def split_range(start: date, end: date) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """Edge day ranges ``[(a, b))`` and the whole-month range ``(m0, m1)``, ends exclusive."""
    m0 = start if start.day == 1 else next_month(start)
    m1 = month_start(end)
    if m0 >= m1:
        return [(start, end)], None
    edges = [(a, b) for a, b in ((start, m0), (m1, end)) if a < b]
    return edges, (m0, m1)


def fact_sum(
    unit_ids: Sequence[int],
    start: date,
    end: date,
    filters: Filters,
    *,
    topic: int | None = None,
    by_topic: bool | None = False,
    by: Sequence[str] = (),
    bucket: str | None = None,
) -> Counter[Key]:
    """Report counts over ``[start, end)`` grouped by ``by`` fields.

    ``bucket``: ``"day"`` or ``"month"`` adds the day / first-of-month as the
    key's first element (``"day"`` reads day rows only).
    """
    if end <= start or not unit_ids:
        return Counter()
    fields = list(by)
    assert set(fields) <= COLUMNS
    slim = not (filters.channel or filters.kind or {"channel", "kind"} & set(fields))
    day_model, month_model = (SlimDay, SlimMonth) if slim else (FactDay, FactMonth)
    conditions, params = _where(unit_ids, filters, topic, by_topic)
    out: Counter[Key] = Counter()
    if bucket == "day":
        edges, months = [(start, end)], None
    else:
        edges, months = split_range(start, end)
    parts: list[tuple[Any, str, list[tuple[date, date]]]] = []
    if edges:
        parts.append((day_model, "day", edges))
    if months:
        parts.append((month_model, "month", [months]))
    # The replica when the caller reads through duluan.core.replica (the dashboard does).
    with connections[router.db_for_read(day_model)].cursor() as cursor:
        for model, when, ranges in parts:
            group = ([when] if bucket else []) + fields
            dates = " OR ".join([f"({when} >= %s AND {when} < %s)"] * len(ranges))
            date_params = [d.isoformat() for pair in ranges for d in pair]
            select = ", ".join([*group, "SUM(reports)"])
            sql = (
                f"SELECT {select} FROM {model._meta.db_table} "  # noqa: S608 - names are ours
                f"WHERE {' AND '.join(conditions)} AND ({dates})"
                + (f" GROUP BY {', '.join(group)}" if group else "")
            )
            cursor.execute(sql, [*params, *date_params])
            for row in cursor.fetchall():
                if row[-1] is None:
                    continue
                key = tuple(row[:-1])
                if bucket:
                    first = _as_date(key[0])
                    key = (month_start(first) if bucket == "month" else first, *key[1:])
                out[key] += int(row[-1])
    return out


def fact_total(unit_id: int, start: date, end: date, filters: Filters, topic: int | None) -> int:
    return sum(fact_sum([unit_id], start, end, filters, topic=topic).values())


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days)]
