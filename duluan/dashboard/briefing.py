"""The leader's briefing: the picture of one subtree in a minute.

The last complete period by default (the running one is a click away, marked
partial), a handful of headline figures with their change, one sentence read
from the data, the hot spots and the matters waiting for a decision, the
topics that moved most and the child units that need attention. Every figure
comes from the selectors the lists use (report facts, matters, hot spots,
compliance), scoped to the actor, so the count on a panel is the count on the
list it links to; group counts go through :mod:`duluan.core.suppression`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from duluan.cases.choices import EscalationState
from duluan.cases.models import Escalation, Matter
from duluan.cases.selectors import hot_spot_board, matter_list
from duluan.cases.waiting import AWAITING_DECISION, matters_awaiting_decision
from duluan.core.errors import NotFoundError
from duluan.core.replica import reads_from_replica
from duluan.core.suppression import min_cell, shown
from duluan.core.templatetags.vn import vn_percent
from duluan.intake.choices import Mood
from duluan.nlp.models import Topic
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import has_perm, in_subtree, own_unit_ids, unit_in_scope
from duluan.org.types import Actor
from duluan.reporting import permissions as reporting_permissions
from duluan.reporting.choices import Compliance, ReportType
from duluan.reporting.compliance import compliance_board, latest_due_period

from .facts import fact_sum
from .filters import Filters, Period, period_parse
from .selectors import dashboard_crumbs, dashboard_unit

NEGATIVE = Mood.NEGATIVE.value
TOP_TOPICS = 5
LIST_ROWS = 4  # one screen: the rest is one click away, on the list
COMPARED = {"month": "tháng trước", "quarter": "quý trước", "year": "năm trước"}


# ── periods ─────────────────────────────────────────────────────────────────
def running_period(kind: str, today: date) -> Period:
    if kind == "quarter":
        return period_parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}", today)
    if kind == "year":
        return period_parse(f"{today.year}", today)
    return period_parse(f"{today:%Y-%m}", today)


def last_complete_period(kind: str, today: date) -> Period:
    """The latest period of ``kind`` that has ended by today (yesterday's at the latest)."""
    return running_period(kind, today).previous()


def briefing_period(text: str, today: date) -> Period:
    """``?period=`` (a month, quarter or year code), else the last complete month."""
    if not (text or "").strip():
        return last_complete_period("month", today)
    return period_parse(text, today)


@dataclass(frozen=True)
class PeriodChoice:
    code: str
    label: str
    current: bool


def period_choices(period: Period, today: date) -> list[PeriodChoice]:
    """Last month, the running month (partial), last quarter: one click each."""
    options = [
        (last_complete_period("month", today), ""),
        (running_period("month", today), " (đang diễn ra, chưa đủ tháng)"),
        (last_complete_period("quarter", today), ""),
    ]
    choices = [
        PeriodChoice(p.code, p.title + suffix, p.code == period.code) for p, suffix in options
    ]
    if not any(c.current for c in choices):
        choices.append(PeriodChoice(period.code, period.title, True))
    return choices


# ── what the page shows ─────────────────────────────────────────────────────
def percent_change(current: int | None, before: int | None) -> float | None:
    if current is None or before is None or before == 0:
        return None
    return 100 * (current - before) / before


@dataclass(frozen=True)
class Headline:
    """One headline figure; ``code`` is a registered measure (``core.measures``)."""

    code: str
    label: str
    value: int | None  # None: hidden (a small group)
    href: str
    previous: int | None = None
    compared: bool = False  # a figure of the period (else: as of now)
    note: str = ""

    @property
    def change(self) -> float | None:
        return percent_change(self.value, self.previous) if self.compared else None


@dataclass(frozen=True)
class MatterRow:
    matter: Matter
    note: str
    href: str
    mine: bool = False
    late: bool = False


@dataclass(frozen=True)
class TopicMove:
    code: str
    name: str
    current: int | None
    previous: int | None
    href: str
    width: float = 0.0  # the bar, in % of the largest count shown

    @property
    def bar(self) -> int:
        """The bar's length in twentieths (CSS classes ``bar-0`` … ``bar-20``: no inline style)."""
        return round(self.width / 5)

    @property
    def delta(self) -> int | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def change(self) -> float | None:
        return percent_change(self.current, self.previous)


@dataclass
class ChildAttention:
    unit: Unit
    overdue: int
    hot: int
    late: str  # "" when the monthly report is in (or not owed), else its status
    reports: int | None
    negative: int | None
    href: str  # this child's own briefing
    overdue_href: str
    hot_href: str

    @property
    def negative_share(self) -> float | None:
        if self.reports and self.negative is not None:
            return 100 * self.negative / self.reports
        return None

    @property
    def attention(self) -> tuple[int, int, int, float]:
        """What needs the leader first: overdue matters and hot spots, late reports, mood."""
        return (self.overdue + self.hot, self.hot, 1 if self.late else 0, self.negative_share or 0)


@dataclass
class Briefing:
    unit: Unit
    matters: bool  # the actor reads matters (hot spots, overdue, decisions)
    crumbs: list[Unit]
    period: Period
    start: date
    end: date  # exclusive: today + 1 while the period runs
    partial: bool
    compared_with: str
    headlines: list[Headline]
    reading: str
    hot_spots: list[MatterRow]
    hot_total: int
    hot_href: str
    waiting: list[MatterRow]
    waiting_total: int
    waiting_href: str
    topics: list[TopicMove]
    topics_href: str
    children: list[ChildAttention]
    late_period: str
    late_href: str
    dashboard_href: str
    choices: list[PeriodChoice] = field(default_factory=list)

    @property
    def last_day(self) -> date:
        return max(self.start, self.end - timedelta(days=1))

    @property
    def kind_word(self) -> str:
        return {"month": "tháng", "quarter": "quý", "year": "năm"}.get(self.period.kind, "kỳ")

    def headline(self, code: str) -> Headline:
        return next(h for h in self.headlines if h.code == code)


def _url(name: str, params: dict[str, object], *args: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse(name, args=args or None)}{'?' + query if query else ''}"


def reports_href(unit: Unit, start: date, last_day: date, **extra: str) -> str:
    """The report list with the same subtree, days and (optional) sentiment."""
    return _url(
        "intake:report_list",
        {"unit": unit.pk, "date_from": start.isoformat(), "date_to": last_day.isoformat(), **extra},
    )


def briefing_href(unit: Unit, period: Period) -> str:
    return _url("dashboard:briefing", {"unit": unit.pk, "period": period.code})


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def reading_sentence(
    *,
    period: Period,
    compared_with: str,
    total: int | None,
    previous: int | None,
    mover: TopicMove | None,
    where: str = "",
) -> str:
    """One line, in Vietnamese, read from the figures (never a hidden one)."""
    if not total:
        return f"Chưa có phản ánh nào trong {period.label}."
    if mover is not None and mover.change is not None and mover.delta:
        verb = "tăng" if mover.delta > 0 else "giảm"
        sentence = (
            f"Phản ánh về {_first_lower(mover.name)} {verb} "
            f"{vn_percent(abs(mover.change), 0)} so với {compared_with}"
        )
        return sentence + (f", chủ yếu ở {where}." if where else ".")
    if mover is not None and mover.previous == 0 and mover.current:
        sentence = (
            f"Xuất hiện phản ánh mới về {_first_lower(mover.name)} ({mover.current} phản ánh)"
        )
        return sentence + (f", chủ yếu ở {where}." if where else ".")
    change = percent_change(total, previous)
    if change is None or round(change) == 0:
        return f"{total} phản ánh trong {period.label}, tương đương {compared_with}."
    verb = "tăng" if change > 0 else "giảm"
    return f"Số phản ánh {verb} {vn_percent(abs(change), 0)} so với {compared_with}."


def _topic_moves(
    unit: Unit,
    start: date,
    end: date,
    before: tuple[date, date],
    filters: Filters,
    period: Period,
    k: int,
) -> tuple[list[TopicMove], dict[str, int]]:
    """The topics whose count changed most against the period before (small groups
    hidden: a move is ranked only when both of its counts may be shown)."""
    names = {t.pk: (t.code, t.name) for t in Topic.objects.order_by("order", "code")}
    now = fact_sum([unit.pk], start, end, filters, by_topic=True, by=("topic",))
    then = fact_sum([unit.pk], before[0], before[1], filters, by_topic=True, by=("topic",))
    moves: list[tuple[int, int, TopicMove]] = []
    ids: dict[str, int] = {}
    for pk, (code, name) in names.items():
        current, previous = now[(pk,)], then[(pk,)]
        if not current and not previous:
            continue
        shown_now, shown_then = shown(current, k), shown(previous, k)
        if shown_now is None or shown_then is None:
            continue  # ranking by a hidden count would give it away
        href = _url("dashboard:index", {"period": period.code, "unit": unit.pk, "topic": code})
        move = TopicMove(code, name, shown_now, shown_then, href)
        rank = abs(move.delta) if move.delta is not None else -1
        moves.append((rank, shown_now or 0, move))
        ids[code] = pk
    moves.sort(key=lambda m: (-m[0], -m[1], m[2].name))
    top = [m for _, _, m in moves[:TOP_TOPICS]]
    widest = max([max(m.current or 0, m.previous or 0) for m in top] or [0])
    return [
        TopicMove(m.code, m.name, m.current, m.previous, m.href, 100 * (m.current or 0) / widest)
        if widest
        else m
        for m in top
    ], ids


def _mainly_in(
    unit: Unit, children: list[Unit], start: date, end: date, filters: Filters, topic: int, k: int
) -> str:
    """The child unit with most of a topic's reports, when that count may be shown."""
    if not children:
        return ""
    counts = fact_sum([c.pk for c in children], start, end, filters, topic=topic, by=("unit_id",))
    best = max(children, key=lambda c: (counts[(c.pk,)], -c.pk))
    return best.display_name if shown(counts[(best.pk,)], k) else ""


def _waiting(actor: Actor, unit: Unit) -> tuple[list[MatterRow], int]:
    """Matters waiting for this unit's own decision (``cases.waiting``, the same set as
    the matter list's ``?cho=quyet-dinh``): an escalation from a child unit to accept,
    or accepted here and waiting for the direction. The actor's own decisions first."""
    selected = matters_awaiting_decision(actor, unit)
    matters = list(selected[:200])
    pending = {
        e.matter_id: e
        for e in Escalation.objects.filter(
            matter__in=matters, state=EscalationState.PENDING, to_unit=unit
        )
    }
    handles = own_unit_ids(actor, Perm.MATTER_HANDLE)
    directs = own_unit_ids(actor, Perm.MATTER_DIRECT)
    rows = []
    for m in matters:
        if m.pk in pending:
            mine = unit.pk in handles
            note = "Chờ bạn tiếp nhận" if mine else f"Chờ {unit.display_name} tiếp nhận"
        else:
            mine = unit.pk in directs
            note = "Chờ bạn ban hành định hướng" if mine else "Chờ ban hành định hướng"
        rows.append(MatterRow(m, note, _url("cases:matter_detail", {}, m.pk), mine=mine))
    rows.sort(key=lambda r: not r.mine)  # stable: newest first within each group
    total = len(matters) if len(matters) < 200 else selected.count()
    return rows, total


@reads_from_replica
def briefing_get(
    actor: Actor, *, unit_id: int | None, period: Period, today: date | None = None
) -> Briefing:
    """The briefing of ``unit_id`` (the actor's first subtree by default) over ``period``."""
    today = today or timezone.localdate()
    unit = dashboard_unit(actor, unit_id)
    k = min_cell()
    filters = Filters(period=period, unit=unit.pk)
    # One rule with the dashboard and the documents (core.periods.comparison): the
    # previous calendar period; a running one is compared with as many of its days.
    compared = period.comparison(today)
    start, end, partial = compared.start, compared.end, compared.partial
    before_start, before_end = compared.previous
    compared_with = COMPARED.get(period.kind, "kỳ trước")
    if partial:
        compared_with = f"cùng số ngày {compared_with}"
    last_day = max(start, end - timedelta(days=1))

    sentiments = fact_sum([unit.pk], start, end, filters, by=("sentiment",))
    earlier = fact_sum([unit.pk], before_start, before_end, filters, by=("sentiment",))
    total, previous = sum(sentiments.values()), sum(earlier.values())
    negative = shown(sentiments[(NEGATIVE,)], k)
    negative_before = shown(earlier[(NEGATIVE,)], k)
    share = 100 * negative / total if negative is not None and total else None

    children = list(unit.get_children().filter(is_active=True).order_by("path"))
    topics, topic_ids = _topic_moves(
        unit, start, end, (before_start, before_end), filters, period, k
    )
    mover = topics[0] if topics else None
    where = (
        _mainly_in(unit, children, start, end, filters, topic_ids[mover.code], k)
        if mover is not None and mover.delta and mover.delta > 0
        else ""
    )

    # Matters are read with their own permission: an administrator reads reports only.
    matters = has_perm(actor, Perm.MATTER_VIEW)
    board = hot_spot_board(actor, unit=unit) if matters else []
    hot_href = _url("cases:hot_spots", {"unit": unit.pk})
    hot_rows = [
        MatterRow(
            m,
            "Quá hạn báo cáo bằng văn bản"
            if getattr(m, "hot_overdue", False)
            else ("Đã gửi báo cáo" if m.hot_reported_at else "Chưa gửi báo cáo"),
            _url("cases:matter_detail", {}, m.pk),
            late=bool(getattr(m, "hot_overdue", False)),
        )
        for m in board
    ]
    overdue = list(matter_list(actor, unit=unit, overdue=True)) if matters else []
    overdue_href = _url("cases:matter_list", {"state": "all", "overdue": 1, "unit": unit.pk})
    waiting, waiting_total = _waiting(actor, unit) if matters else ([], 0)
    waiting_href = _url("cases:matter_list", {"cho": AWAITING_DECISION, "unit": unit.pk})

    headlines = [
        Headline(
            "reports_total",
            "Số phản ánh",
            total,
            reports_href(unit, start, last_day),
            previous,
            compared=True,
        ),
        Headline(
            "reports_negative",
            "Phản ánh tiêu cực",
            negative,
            reports_href(unit, start, last_day, sentiment=NEGATIVE),
            negative_before,
            compared=True,
            note=f"{vn_percent(share)} tổng số" if share is not None else "",
        ),
    ]
    if matters:
        headlines += [
            Headline("hot_spots_open", "Điểm nóng đang mở", len(board), hot_href),
            Headline("matters_overdue", "Vấn đề quá hạn", len(overdue), overdue_href),
            Headline("matters_awaiting_decision", "Chờ quyết định", waiting_total, waiting_href),
        ]

    late_units, late_period, late_href = _late_units(actor, unit)
    by_child = fact_sum([c.pk for c in children], start, end, filters, by=("unit_id", "sentiment"))
    rows = []
    for child in children:
        reports = sum(n for (uid, _), n in by_child.items() if uid == child.pk)
        child_negative = by_child[(child.pk, NEGATIVE)]
        rows.append(
            ChildAttention(
                unit=child,
                overdue=sum(1 for m in overdue if in_subtree(m.owning_unit, child)),
                hot=sum(1 for m in board if in_subtree(m.owning_unit, child)),
                late=late_units.get(child.pk, ""),
                reports=shown(reports, k),
                # A share of a small group, or of a hidden count, is not shown.
                negative=shown(child_negative, k) if shown(reports, k) is not None else None,
                href=briefing_href(child, period),
                overdue_href=_url(
                    "cases:matter_list", {"state": "all", "overdue": 1, "unit": child.pk}
                ),
                hot_href=_url("cases:hot_spots", {"unit": child.pk}),
            )
        )
    rows.sort(key=lambda r: tuple(-x for x in r.attention))

    return Briefing(
        unit=unit,
        matters=matters,
        crumbs=dashboard_crumbs(actor, unit),
        period=period,
        start=start,
        end=end,
        partial=partial,
        compared_with=compared_with,
        headlines=headlines,
        reading=reading_sentence(
            period=period,
            compared_with=compared_with,
            total=total,
            previous=previous,
            mover=mover,
            where=where,
        ),
        hot_spots=hot_rows[:LIST_ROWS],
        hot_total=len(board),
        hot_href=hot_href,
        waiting=waiting[:LIST_ROWS],
        waiting_total=waiting_total,
        waiting_href=waiting_href,
        topics=topics,
        topics_href=_url("dashboard:index", {"period": period.code, "unit": unit.pk}),
        children=rows,
        late_period=late_period,
        late_href=late_href,
        dashboard_href=_url("dashboard:index", {"period": period.code, "unit": unit.pk}),
        choices=period_choices(period, today),
    )


def _late_units(actor: Actor, unit: Unit) -> tuple[dict[int, str], str, str]:
    """The children late with (or missing) the monthly report that fell due last."""
    if not unit_in_scope(actor, reporting_permissions.VIEW, unit):
        return {}, "", ""
    due = latest_due_period(ReportType.MONTHLY)
    board = compliance_board(unit, ReportType.MONTHLY, due)
    late = {
        row.unit.pk: row.status_label
        for row in board.rows
        if row.status in (Compliance.LATE, Compliance.MISSING)
    }
    href = _url(
        "reporting:compliance",
        {"unit": unit.pk, "type": ReportType.MONTHLY, "period": due.code},
    )
    return late, due.short_label, href


def briefing_for(actor: Actor, params: dict[str, str], today: date | None = None) -> Briefing:
    """Parse ``?unit=&period=`` and build the briefing (``NotFoundError`` when out of reach)."""
    today = today or timezone.localdate()
    unit_text = (params.get("unit") or "").strip()
    if unit_text and not unit_text.isdigit():
        raise NotFoundError("Không tìm thấy đơn vị.")
    return briefing_get(
        actor,
        unit_id=int(unit_text) if unit_text else None,
        period=briefing_period(params.get("period") or "", today),
        today=today,
    )
