"""What the dashboard shows, for one actor and one set of filters.

Starts from the actor's reach (``report.view``): the chosen subtree must lie
in it (404 otherwise, as for a unit that does not exist). Every count comes
from the fact tables (:mod:`.facts`) and goes through :mod:`duluan.core.suppression`
before it leaves this module.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from duluan.core.errors import NotFoundError
from duluan.core.extensions import DASHBOARD_PANELS, Block, Span
from duluan.core.replica import reads_from_replica
from duluan.core.suppression import min_cell, protect, protect_linked, shown
from duluan.intake.choices import Channel, Mood
from duluan.nlp.models import Topic
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import root_paths, unit_in_scope
from duluan.org.types import Actor

from .facts import days_between, fact_sum
from .filters import NO_TOPIC, SENTIMENTS, Filters
from .forecast import forecast_next
from .models import TOPIC_ALL, TOPIC_NONE
from .panel_cache import panels_cached
from .presenters import (
    ChildRow,
    Dashboard,
    TopicForecast,
    chart_of,
    columns_of,
    tables_of,
    topics_ranked,
)
from .services import day_start, month_start, next_month

logger = logging.getLogger(__name__)

PERM = Perm.REPORT_VIEW
NO_TOPIC_LABEL = "Chưa phân tích"
FORECAST_MONTHS = 36


def dashboard_roots(actor: Actor) -> list[Unit]:
    paths = root_paths(actor, PERM)
    if not paths:
        return []
    if paths == [""]:
        return list(Unit.get_root_nodes())
    return list(Unit.objects.filter(path__in=paths).order_by("path"))


def dashboard_unit(actor: Actor, unit_id: int | None, roots: list[Unit] | None = None) -> Unit:
    """The subtree to show: the one asked for (if in reach), else the actor's first."""
    if unit_id is None:
        roots = dashboard_roots(actor) if roots is None else roots
        if not roots:
            raise NotFoundError("Không tìm thấy đơn vị.")
        return roots[0]
    unit: Unit | None = Unit.objects.select_related("level").filter(pk=unit_id).first()
    if unit is None or not unit_in_scope(actor, PERM, unit):
        raise NotFoundError("Không tìm thấy đơn vị.")
    return unit


def _topic_names() -> dict[int, tuple[str, str]]:
    names = {t.pk: (t.code, t.name) for t in Topic.objects.order_by("order", "code")}
    names[TOPIC_NONE] = (NO_TOPIC, NO_TOPIC_LABEL)
    return names


def _topic_filter(filters: Filters, names: dict[int, tuple[str, str]]) -> int | None:
    if not filters.topic:
        return None
    for pk, (code, _) in names.items():
        if code == filters.topic:
            return pk
    raise NotFoundError("Không tìm thấy chủ đề.")


def _buckets(start: date, end: date, kind: str) -> tuple[str, list[date], list[str]]:
    """The chart's time buckets: days for a month, weeks for a quarter, months for a year."""
    if kind == "month":
        days = days_between(start, end)
        return "day", days, [f"{d:%d/%m}" for d in days]
    if kind == "quarter":
        weeks = [start + timedelta(days=7 * i) for i in range(((end - start).days + 6) // 7)]
        return "week", weeks, [f"{d:%d/%m}" for d in weeks]
    months = []
    month = start
    while month < end:
        months.append(month)
        month = next_month(month)
    return "month", months, [f"{m:%m/%Y}" for m in months]


def _bucket_of(mode: str, start: date, day: date) -> date:
    if mode == "week":
        return start + timedelta(days=7 * ((day - start).days // 7))
    return day


@reads_from_replica
def dashboard_get(
    actor: Actor, filters: Filters, *, today: date | None = None, panels: bool = True
) -> Dashboard:
    today = today or timezone.localdate()
    roots = dashboard_roots(actor)
    unit = dashboard_unit(actor, filters.unit, roots)
    names = _topic_names()
    topic = _topic_filter(filters, names)
    period = filters.period
    start = period.start
    end = min(period.end, today + timedelta(days=1))
    partial = end < period.end
    if end <= start:  # a period still to come
        end = start
    public = not filters.narrowed
    k = min_cell()

    children = list(unit.get_children().filter(is_active=True).order_by("path"))
    ids = [unit.pk] + [c.pk for c in children]
    sent_codes = [code for code, _ in SENTIMENTS]

    # The whole subtree and each child, by sentiment: the total, the share negative, the table.
    by_unit = fact_sum(ids, start, end, filters, topic=topic, by=("unit_id", "sentiment"))
    own = [by_unit[(unit.pk, s)] - sum(by_unit[(c.pk, s)] for c in children) for s in sent_codes]
    unit_rows = [[by_unit[(c.pk, s)] for s in sent_codes] for c in children]
    if any(own):
        unit_rows.append(own)

    mode, buckets, labels = _buckets(start, max(end, start + timedelta(days=1)), period.kind)
    fetch = "month" if mode == "month" else "day"
    raw = fact_sum([unit.pk], start, end, filters, topic=topic, by=("sentiment",), bucket=fetch)
    series = [[0] * len(sent_codes) for _ in buckets]
    index = {b: i for i, b in enumerate(buckets)}
    for (day, sentiment), n in raw.items():
        i = index.get(_bucket_of(mode, start, day))
        if i is not None and sentiment in sent_codes:
            series[i][sent_codes.index(sentiment)] += n
    raw_topics = fact_sum(
        [unit.pk], start, end, filters, topic=topic, by_topic=True, by=("topic",), bucket=fetch
    )
    topic_ids = sorted({t for (_, t) in raw_topics}, key=lambda t: (t == TOPIC_NONE, t))
    topic_ids = [t for t in topic_ids if t in names]
    by_topic = [[0] * len(topic_ids) for _ in buckets]
    for (day, t), n in raw_topics.items():
        i = index.get(_bucket_of(mode, start, day))
        if i is not None and t in topic_ids:
            by_topic[i][topic_ids.index(t)] += n

    p_series, p_topics, p_units = protect_linked(
        series, by_topic, unit_rows, total_public=public, k=k
    )
    total = sum(sum(r) for r in series)
    shown_total = total if public else shown(total, k)

    raw_channels = fact_sum([unit.pk], start, end, filters, topic=topic, by=("channel",))
    channel_codes = [c for c in Channel.values if raw_channels[(c,)]]
    p_channels = protect([[raw_channels[(c,)] for c in channel_codes]], k=k, total_public=public)

    # One rule with the briefing and the documents (core.periods.comparison): the
    # previous calendar period, cut to as many days only while this one runs.
    compared = period.comparison(today)
    previous = sum(fact_sum([unit.pk], *compared.previous, filters, topic=topic).values())
    last_year = sum(fact_sum([unit.pk], *compared.last_year, filters, topic=topic).values())

    negative_index = sent_codes.index("tieu_cuc")
    # "Trái chiều" exists only as a reporter's mood, so only reports not yet analysed
    # carry it: a line of zeros says nothing, and is left out when empty.
    divided = sent_codes.index(Mood.DIVIDED.value)
    keep = [j for j in range(len(sent_codes)) if j != divided or any(r[j] for r in series)]
    charts = [
        chart_of(
            "sentiment",
            "Xu hướng cảm xúc",
            labels,
            columns_of(p_series, keep),
            [SENTIMENTS[j] for j in keep],
        ),
        topics_ranked(
            "topics",
            "Phản ánh theo chủ đề (xếp theo số phản ánh)",
            p_topics,
            [names[t] for t in topic_ids],
        ),
        chart_of(
            "channels",
            "Kênh tiếp nhận",
            ["Số phản ánh"],
            p_channels,
            [(c, str(Channel(c).label)) for c in channel_codes],
        ),
    ]
    child_rows = [
        ChildRow(unit=c, total=p_units.row_totals[i], negative=p_units.cells[i][negative_index])
        for i, c in enumerate(children)
    ]
    if any(own):
        last = len(children)
        child_rows.append(
            ChildRow(
                unit=None,
                total=p_units.row_totals[last],
                negative=p_units.cells[last][negative_index],
            )
        )
    forecast_month, forecasts = _forecasts(unit, filters, topic, names, today, k)
    span = Span(day_start(start), day_start(max(end, start + timedelta(days=1))), period.label)
    board = Dashboard(
        filters=filters,
        unit=unit,
        crumbs=dashboard_crumbs(actor, unit),
        roots=roots,
        start=start,
        end=end,
        partial=partial,
        total=shown_total,
        previous=previous if public else shown(previous, k),
        last_year=last_year if public else shown(last_year, k),
        negative=p_series.col_totals[negative_index],
        charts=charts,
        children=child_rows,
        forecast_month=forecast_month,
        forecasts=forecasts,
        panels=_panels(actor, unit, span) if panels else [],
        topics=[names[t] for t in names if t != TOPIC_NONE] + [names[TOPIC_NONE]],
    )
    board.tables = tables_of(board)
    return board


def dashboard_crumbs(actor: Actor, unit: Unit) -> list[Unit]:
    """The unit's ancestors in the actor's reach, top first, then the unit."""
    step = Unit.steplen
    prefixes = [unit.path[:i] for i in range(step, len(unit.path), step)]
    above = Unit.objects.filter(path__in=prefixes).order_by("path")
    return [u for u in above if unit_in_scope(actor, PERM, u)] + [unit]


def _forecasts(
    unit: Unit,
    filters: Filters,
    topic: int | None,
    names: dict[int, tuple[str, str]],
    today: date,
    k: int,
) -> tuple[date, list[TopicForecast]]:
    """Next month's volume, total and per topic, from the complete months before this one."""
    this_month = month_start(today)
    target = next_month(this_month)
    first = this_month
    for _ in range(FORECAST_MONTHS):
        first = month_start(first - timedelta(days=1))
    # One query: the totals' rows and the topics' rows, by month.
    rows = fact_sum(
        [unit.pk],
        first,
        this_month,
        filters,
        topic=topic,
        by_topic=None,
        by=("topic",),
        bucket="month",
    )
    total_code = TOPIC_ALL if topic is None else topic
    totals: Counter[tuple[Any, ...]] = Counter(
        {(m,): n for (m, t), n in rows.items() if t == total_code}
    )
    per_topic: Counter[tuple[Any, ...]] = Counter(
        {(m, t): n for (m, t), n in rows.items() if t != TOPIC_ALL}
    )
    known = [m for (m,) in totals if totals[(m,)]]
    if not known:
        return target, []
    months = []
    month = min(known)
    while month < this_month:
        months.append(month)
        month = next_month(month)
    out: list[TopicForecast] = []
    candidates: list[tuple[int, str, str]] = [(TOPIC_ALL, "", "Tổng số phản ánh")]
    if topic is None:
        seen = sorted({t for (_, t) in per_topic if t in names})
        candidates += [(t, *names[t]) for t in seen]
    for t, code, name in candidates:
        source = totals if t == TOPIC_ALL else per_topic
        values = [float(source[(m,)] if t == TOPIC_ALL else source[(m, t)]) for m in months]
        if sum(values[-12:]) < k:  # a small group: no figure, not even a forecast
            continue
        result = forecast_next(values, horizon=2)
        if result is not None:
            out.append(TopicForecast(code=code, name=name, forecast=result))
    return target, out


@dataclass(frozen=True)
class Panels:
    unit: Unit
    blocks: list[Block]
    # When they were computed, if kept a few seconds in the cache (panel_cache).
    computed_at: datetime | None = None


def dashboard_panels_get(actor: Actor, filters: Filters, *, today: date | None = None) -> Panels:
    """Only the other apps' panels, for the subtree and period of ``filters``.

    The page loads them apart from its own figures, so a slow panel delays
    only itself (each app's selectors apply their own access rules). Kept a few
    seconds per reader (:mod:`.panel_cache`).
    """
    today = today or timezone.localdate()
    unit = dashboard_unit(actor, filters.unit)
    start = filters.period.start
    end = max(min(filters.period.end, today + timedelta(days=1)), start + timedelta(days=1))
    span = Span(day_start(start), day_start(end), filters.period.label)
    blocks, computed_at = panels_cached(actor, unit, span, lambda: _panels(actor, unit, span))
    return Panels(unit=unit, blocks=blocks, computed_at=computed_at)


def _panels(actor: Actor, unit: Unit, span: Span) -> list[Block]:
    blocks = []
    for entry in DASHBOARD_PANELS.entries():
        try:
            block = entry.build(actor, unit, span)
        except Exception:  # one app's broken panel must not take the dashboard down
            logger.exception("dashboard panel %s failed", entry.key)
            continue
        if block is not None:
            blocks.append(block)
    return blocks
