"""The built-in sections of every synthesis: counts by topic, kind, channel and
sentiment, hot spots, units, comparisons and notable opinions.

Each builder is ``(unit, span) -> Block | None`` like the sections other apps
register; figure codes are measure codes (``core.measures``: ``reports_total``,
``kind.khieu_nai``, ``topic.tien_luong``...) so a test can compare a document with
the database and the dashboard.

A report's mood is the analysed sentiment where the text analytics ran, else the
reporter's own assessment: the dashboard's definition (its fact tables count
``analysis.sentiment or mood``), used by every count of moods here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from duluan.core.extensions import Block, Figure, Span, Table
from duluan.core.pii import mask_pii
from duluan.core.sheets.cells import vn_int
from duluan.intake.choices import Channel, Kind, Mood, Urgency
from duluan.intake.models import Report
from duluan.nlp.models import ReportTopic, Sentiment, Topic
from duluan.org.models import Unit
from duluan.org.scope import scope_filter

# A quoted opinion must stand for at least this many people, and come from a
# unit with at least this many reports in the period: never a small group.
MIN_GROUP = 5
MAX_QUOTES = 5
QUOTE_CHARS = 300


def reports_in(unit: Unit, span: Span) -> QuerySet[Report]:
    return Report.objects.filter(
        scope_filter(within=unit), heard_at__gte=span.start, heard_at__lt=span.end
    )


def feeling_is(code: str, prefix: str = "") -> Q:
    """Reports whose mood is ``code``: analysed sentiment first, else the reporter's
    (``prefix`` reaches the report from another model: ``"report__"``)."""
    unanalysed = Q(**{f"{prefix}analysis__isnull": True}) | Q(
        **{f"{prefix}analysis__sentiment": ""}
    )
    return Q(**{f"{prefix}analysis__sentiment": code}) | (unanalysed & Q(**{f"{prefix}mood": code}))


NEGATIVE = feeling_is(Mood.NEGATIVE)


def pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def fmt_pct(value: float) -> str:
    return f"{value:.1f} %".replace(".", ",")


def _counted(
    key: str,
    title: str,
    counts: Counter[str],
    labels: dict[str, str],
    total: int,
    column: str,
) -> Block:
    rows: list[list[str | int | float | None]] = []
    figures = []
    for code, label in labels.items():
        n = counts.get(code, 0)
        figures.append(Figure(f"{key}.{code}", label, n))
        rows.append([label, n, pct(n, total)])
    rows.append(["Tổng cộng", total, 100.0 if total else 0.0])
    return Block(
        key=key,
        title=title,
        figures=figures,
        tables=[Table(title=title, columns=[column, "Số phản ánh", "Tỷ lệ (%)"], rows=rows)],
    )


@dataclass(frozen=True)
class Builtin:
    key: str
    title: str
    build: Callable[[Unit, Span], Block | None]


def overview(unit: Unit, span: Span) -> Block:
    base = reports_in(unit, span)
    agg = base.aggregate(total=Count("id"), people=Sum("people_count"))
    total = int(agg["total"] or 0)
    units = base.values("unit_id").distinct().count()
    hot = base.filter(urgency=Urgency.HOT_SPOT).count()
    negative = base.filter(NEGATIVE).count()
    figures = [
        Figure("reports_total", "Tổng số phản ánh ghi nhận", total),
        Figure("reports_people", "Số người liên quan (ước tính)", int(agg["people"] or 0)),
        Figure("reports_units", "Số đơn vị có phản ánh", units),
        Figure("reports_hot_spot", "Phản ánh mức điểm nóng", hot),
        Figure("reports_negative", "Phản ánh có tâm trạng tiêu cực", negative),
    ]
    text = (
        f"Trong kỳ ({span.label}), toàn đơn vị ghi nhận {vn_int(total)} ý kiến, phản ánh từ"
        f" {vn_int(units)} đơn vị, trong đó {vn_int(negative)} phản ánh có tâm trạng tiêu cực"
        f" ({fmt_pct(pct(negative, total))}) và {vn_int(hot)} phản ánh ở mức điểm nóng."
    )
    return Block(key="overview", title="Tổng quan", figures=figures, paragraphs=[text])


def by_topic(unit: Unit, span: Span) -> Block:
    topics = {
        t.code: t.name for t in Topic.objects.filter(is_active=True).order_by("order", "code")
    }
    rows = (
        ReportTopic.objects.filter(
            scope_filter(within=unit, unit_field="report__unit"),
            report__heard_at__gte=span.start,
            report__heard_at__lt=span.end,
        )
        .values("topic__code")
        .annotate(n=Count("report_id", distinct=True))
    )
    counts: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    for row in rows.annotate(
        negative=Count("report_id", distinct=True, filter=feeling_is(Mood.NEGATIVE, "report__"))
    ):
        counts[row["topic__code"]] = row["n"]
        negative[row["topic__code"]] = row["negative"]
    analysed = reports_in(unit, span).filter(topics__isnull=False).values("id").distinct().count()
    figures = [Figure(f"topic.{code}", name, counts.get(code, 0)) for code, name in topics.items()]
    figures.append(Figure("reports_topic_analysed", "Phản ánh đã phân loại chủ đề", analysed))
    table_rows: list[list[str | int | float | None]] = [
        [name, counts.get(code, 0), pct(counts.get(code, 0), analysed), negative.get(code, 0)]
        for code, name in sorted(topics.items(), key=lambda kv: -counts.get(kv[0], 0))
        if counts.get(code, 0)
    ]
    paragraphs = []
    if not analysed:
        paragraphs.append("Chưa có kết quả phân loại chủ đề tự động cho các phản ánh trong kỳ.")
    else:
        paragraphs.append(
            f"{vn_int(analysed)} phản ánh đã được phân loại chủ đề (một phản ánh có thể thuộc nhiều"
            " chủ đề)."
        )
    tables = (
        [
            Table(
                "Phản ánh theo chủ đề",
                ["Chủ đề", "Số phản ánh", "Tỷ lệ (%)", "Tiêu cực"],
                table_rows,
            )
        ]
        if table_rows
        else []
    )
    return Block(
        key="topic", title="Theo chủ đề", figures=figures, paragraphs=paragraphs, tables=tables
    )


def by_kind(unit: Unit, span: Span) -> Block:
    rows = reports_in(unit, span).values("kind").annotate(n=Count("id"))
    counts: Counter[str] = Counter({r["kind"]: r["n"] for r in rows})
    labels = {c.value: str(c.label) for c in Kind}
    return _counted("kind", "Theo loại ý kiến", counts, labels, sum(counts.values()), "Loại")


def by_channel(unit: Unit, span: Span) -> Block:
    rows = reports_in(unit, span).values("channel").annotate(n=Count("id"))
    counts: Counter[str] = Counter({r["channel"]: r["n"] for r in rows})
    labels = {c.value: str(c.label) for c in Channel}
    return _counted("channel", "Theo kênh nắm bắt", counts, labels, sum(counts.values()), "Kênh")


SENTIMENT_LABELS: dict[str, str] = {
    Sentiment.NEGATIVE.value: "Tiêu cực",
    Sentiment.NEUTRAL.value: "Trung lập",
    Sentiment.POSITIVE.value: "Tích cực",
    Mood.DIVIDED.value: "Trái chiều (theo người phản ánh)",
}


def by_sentiment(unit: Unit, span: Span) -> Block:
    """The analysed sentiment where the text analytics ran, else the reporter's mood."""
    rows = reports_in(unit, span).values("analysis__sentiment", "mood").annotate(n=Count("id"))
    counts: Counter[str] = Counter()
    analysed = 0
    for row in rows:
        code = row["analysis__sentiment"] or row["mood"]
        if row["analysis__sentiment"]:
            analysed += row["n"]
        counts[code] += row["n"]
    block = _counted(
        "sentiment",
        "Theo tâm trạng, thái độ",
        counts,
        SENTIMENT_LABELS,
        sum(counts.values()),
        "Tâm trạng",
    )
    note = (
        f"Tâm trạng lấy từ phân tích văn bản cho {vn_int(analysed)} phản ánh; các phản ánh còn lại"
        " theo đánh giá của người ghi nhận."
    )
    return Block(
        key=block.key,
        title=block.title,
        figures=[
            *block.figures,
            Figure("reports_sentiment_analysed", "Phản ánh đã phân tích tâm trạng", analysed),
        ],
        paragraphs=[note],
        tables=block.tables,
    )


def by_unit(unit: Unit, span: Span) -> Block | None:
    """Counts per direct child's subtree (for a province: per upper-level union)."""
    children = list(unit.get_children().order_by("code"))
    if not children:
        return None
    length = len(unit.path) + Unit.steplen
    rows = (
        reports_in(unit, span)
        .values("unit__path", "urgency", "mood", "analysis__sentiment")
        .annotate(n=Count("id"))
        .order_by()
    )
    totals: Counter[str] = Counter()
    hot: Counter[str] = Counter()
    negative: Counter[str] = Counter()
    for row in rows:
        branch = row["unit__path"][:length]
        totals[branch] += row["n"]
        if row["urgency"] == Urgency.HOT_SPOT:
            hot[branch] += row["n"]
        if (row["analysis__sentiment"] or row["mood"]) == Mood.NEGATIVE:
            negative[branch] += row["n"]
    table_rows: list[list[str | int | float | None]] = []
    figures = []
    for child in children:
        n = totals.get(child.path, 0)
        figures.append(Figure(f"unit.{child.code}", child.display_name, n))
        table_rows.append(
            [child.display_name, n, negative.get(child.path, 0), hot.get(child.path, 0)]
        )
    own = totals.get(unit.path, 0)
    if own:
        table_rows.append(
            [
                f"{unit.display_name} (trực tiếp)",
                own,
                negative.get(unit.path, 0),
                hot.get(unit.path, 0),
            ]
        )
    return Block(
        key="unit",
        title="Theo đơn vị trực thuộc",
        figures=figures,
        tables=[
            Table(
                "Phản ánh theo đơn vị trực thuộc",
                ["Đơn vị", "Số phản ánh", "Tiêu cực", "Điểm nóng"],
                table_rows,
            )
        ],
    )


def hot_spots(unit: Unit, span: Span) -> Block:
    base = reports_in(unit, span).filter(urgency=Urgency.HOT_SPOT)
    rows = (
        base.values("unit__short_name", "unit__name", "place")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__name")[:20]
    )
    total = base.count()
    table_rows: list[list[str | int | float | None]] = [
        [r["unit__short_name"] or r["unit__name"], mask_pii(r["place"] or ""), r["n"]] for r in rows
    ]
    paragraphs = (
        [f"Trong kỳ có {vn_int(total)} phản ánh ở mức điểm nóng."]
        if total
        else ["Trong kỳ không ghi nhận điểm nóng."]
    )
    tables = (
        [Table("Điểm nóng trong kỳ", ["Đơn vị", "Nơi xảy ra", "Số phản ánh"], table_rows)]
        if table_rows
        else []
    )
    return Block(
        key="hot_spot",
        title="Điểm nóng",
        figures=[Figure("reports_hot_spot", "Phản ánh mức điểm nóng", total)],
        paragraphs=paragraphs,
        tables=tables,
    )


def _totals(unit: Unit, span: Span) -> dict[str, int]:
    agg = reports_in(unit, span).aggregate(
        total=Count("id"),
        negative=Count("id", filter=NEGATIVE),
        complaints=Count("id", filter=Q(kind=Kind.COMPLAINT)),
        proposals=Count("id", filter=Q(kind=Kind.PROPOSAL)),
        rumours=Count("id", filter=Q(kind=Kind.RUMOUR)),
        hot=Count("id", filter=Q(urgency=Urgency.HOT_SPOT)),
    )
    return {k: int(v or 0) for k, v in agg.items()}


def _change(now: int, before: int) -> str:
    if not before:
        return "—" if not now else "mới"
    delta = 100.0 * (now - before) / before
    return f"{delta:+.1f} %".replace(".", ",")


def comparison_block(unit: Unit, span: Span, previous: Span, last_year: Span) -> Block:
    now, before, year_ago = _totals(unit, span), _totals(unit, previous), _totals(unit, last_year)
    labels = {
        "total": "Tổng số phản ánh",
        "negative": "Tâm trạng tiêu cực",
        "complaints": "Bức xúc, khiếu nại",
        "proposals": "Kiến nghị, đề xuất",
        "rumours": "Tin đồn",
        "hot": "Điểm nóng",
    }
    rows: list[list[str | int | float | None]] = []
    figures = []
    for code, label in labels.items():
        rows.append(
            [
                label,
                now[code],
                before[code],
                _change(now[code], before[code]),
                year_ago[code],
                _change(now[code], year_ago[code]),
            ]
        )
        figures.append(Figure(f"compare.previous.{code}", f"{label} (kỳ trước)", before[code]))
        figures.append(Figure(f"compare.last_year.{code}", f"{label} (cùng kỳ)", year_ago[code]))
    return Block(
        key="compare",
        title="So sánh với kỳ trước và cùng kỳ năm trước",
        figures=figures,
        tables=[
            Table(
                "So sánh với kỳ trước và cùng kỳ năm trước",
                [
                    "Chỉ tiêu",
                    "Kỳ này",
                    f"Kỳ trước ({previous.label})",
                    "Tăng/giảm",
                    f"Cùng kỳ ({last_year.label})",
                    "Tăng/giảm so với cùng kỳ",
                ],
                rows,
            )
        ],
    )


def quotes(unit: Unit, span: Span) -> Block | None:
    """Notable opinions, masked; only those voiced by ≥ MIN_GROUP people, from units
    with ≥ MIN_GROUP reports in the period (a small group could be recognised)."""
    base = reports_in(unit, span)
    big_units = [
        r["unit_id"]
        for r in base.values("unit_id").annotate(n=Count("id")).filter(n__gte=MIN_GROUP)
    ]
    candidates = (
        base.filter(
            unit_id__in=big_units,
            people_count__gte=MIN_GROUP,
            kind__in=[Kind.COMPLAINT, Kind.PROPOSAL, Kind.OPINION],
        )
        .exclude(mood=Mood.POSITIVE)
        .order_by("-people_count", "-heard_at")
        .select_related("unit")
        .only("text", "people_count", "kind", "unit__short_name", "unit__name", "unit__path")[
            : MAX_QUOTES * 4
        ]
    )
    paragraphs: list[str] = []
    seen: set[str] = set()
    branch_len = len(unit.path) + Unit.steplen
    branches = {
        u.path: u.display_name for u in unit.get_children().only("path", "short_name", "name")
    }
    for report in candidates:
        text = mask_pii(" ".join(report.text.split()))
        if len(text) > QUOTE_CHARS:
            text = text[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
        if text in seen:
            continue
        seen.add(text)
        where = branches.get(report.unit.path[:branch_len], unit.display_name)
        paragraphs.append(
            f"«{text}» (ý kiến của khoảng {vn_int(report.people_count or 0)} người, {where})."
        )
        if len(paragraphs) >= MAX_QUOTES:
            break
    if not paragraphs:
        return None
    return Block(key="quotes", title="Một số ý kiến tiêu biểu", paragraphs=paragraphs)


BUILTINS: list[Builtin] = [
    Builtin("overview", "Tổng quan", overview),
    Builtin("topic", "Theo chủ đề", by_topic),
    Builtin("kind", "Theo loại ý kiến", by_kind),
    Builtin("channel", "Theo kênh nắm bắt", by_channel),
    Builtin("sentiment", "Theo tâm trạng, thái độ", by_sentiment),
    Builtin("unit", "Theo đơn vị trực thuộc", by_unit),
    Builtin("hot_spot", "Điểm nóng", hot_spots),
    Builtin("quotes", "Một số ý kiến tiêu biểu", quotes),
]
