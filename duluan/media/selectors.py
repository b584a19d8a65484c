"""Reads of the media app, scoped to the sources of the actor's units (or a unit's subtree)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, FilteredRelation, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from duluan.nlp.models import Topic
from duluan.nlp.taxonomy import seed_topics
from duluan.org.models import Unit
from duluan.org.scope import scope_filter, subtree_q
from duluan.org.types import Actor

from .choices import Health
from .language import VIETNAMESE
from .models import Article, DailyCount, MediaSpike, Source
from .permissions import VIEW

SENTIMENTS = {"tieu_cuc": "Tiêu cực", "trung_lap": "Trung lập", "tich_cuc": "Tích cực", "": "—"}
NO_TOPIC = "Chưa xác định (tiếng nước ngoài)"


def topic_names() -> dict[str, str]:
    names = {code: name for code, name, *_ in seed_topics()}
    names.update(dict(Topic.objects.values_list("code", "name")))
    return names


def source_scope(actor: Actor | None = None, *, unit: Unit | None = None) -> Q:
    """Sources of units in the actor's reach (``VIEW``), or of ``unit``'s subtree (by
    path, no query: the dashboard panel and the report sections hold the unit)."""
    if unit is not None:
        return subtree_q(unit, field="unit")
    return scope_filter(actor, VIEW, unit_field="unit")


def source_list(actor: Actor, *, scope: Q | None = None) -> QuerySet[Source]:
    """``scope``: :func:`source_scope` of the actor, when the caller already has it."""
    scope = source_scope(actor) if scope is None else scope
    return Source.objects.filter(scope).select_related("unit").order_by("name", "pk")


def access_source(actor: Actor, source_id: int, *, perm: str = VIEW) -> Source | None:
    return (
        Source.objects.filter(scope_filter(actor, perm, unit_field="unit"), pk=source_id)
        .select_related("unit")
        .first()
    )


def source_health(
    sources: QuerySet[Source], *, now: datetime | None = None
) -> list[dict[str, Any]]:
    """Per source: status, last success, articles seen in the last 24 hours and 7 days."""
    now = now or timezone.now()
    counted = sources.annotate(
        day=Count("articles", filter=Q(articles__created_at__gte=now - timedelta(days=1))),
        week=Count("articles", filter=Q(articles__created_at__gte=now - timedelta(days=7))),
    )
    return [
        {
            "source": s,
            "status": s.health,
            "status_label": Health(s.health).label,
            "last_success": s.last_success_at,
            "items_24h": s.day,
            "items_7d": s.week,
        }
        for s in counted
    ]


@dataclass(frozen=True)
class MediaSummary:
    articles: int
    comments: int
    stories: int
    negative: int
    sources: int
    by_topic: list[tuple[str, int, int]]  # name, articles + comments, negative


def media_summary(
    scope: Q, start: date, end: date, *, names: dict[str, str] | None = None
) -> MediaSummary:
    """Totals over ``[start, end)`` for the sources matching ``scope``.

    Two queries (the dashboard panel pins its count): the sources and the stories
    their articles make (a folded story once, an article not folded yet as its own),
    then the daily counts by topic, with the topic's name when ``names`` is not given,
    the totals summed from those rows. No sources: the first query only."""
    tz = timezone.get_current_timezone()
    # The window goes in the join's ON clause: only the span's articles are joined.
    recent = FilteredRelation(
        "articles",
        condition=Q(
            articles__published_at__gte=datetime.combine(start, datetime.min.time(), tz),
            articles__published_at__lt=datetime.combine(end, datetime.min.time(), tz),
        ),
    )
    heads = (
        Source.objects.filter(scope)
        .annotate(recent=recent)
        .aggregate(
            sources=Count("pk", distinct=True),
            folded=Count("recent__story", distinct=True),
            single=Count("recent", filter=Q(recent__story__isnull=True)),
        )
    )
    if not heads["sources"]:
        return MediaSummary(0, 0, 0, 0, 0, [])
    rows = (
        DailyCount.objects.filter(
            Q(source__in=Source.objects.filter(scope)), day__gte=start, day__lt=end
        )
        .values("topic")
        .annotate(
            a=Sum("articles"),
            c=Sum("comments"),
            na=Sum("articles", filter=Q(sentiment="tieu_cuc")),
            nc=Sum("comments", filter=Q(sentiment="tieu_cuc")),
            name=Subquery(Topic.objects.filter(code=OuterRef("topic")).values("name")[:1]),
        )
        .order_by("topic")
    )
    seeded = {code: name for code, name, *_ in seed_topics()} if names is None else {}
    articles = comments = negative = 0
    by_topic = []
    for r in rows:
        a, c, neg = r["a"] or 0, r["c"] or 0, (r["na"] or 0) + (r["nc"] or 0)
        articles, comments, negative = articles + a, comments + c, negative + neg
        code = r["topic"]
        if not code:
            name = NO_TOPIC
        elif names is not None:
            name = names.get(code, NO_TOPIC)
        else:
            name = r["name"] or seeded.get(code, NO_TOPIC)
        by_topic.append((name, a + c, neg))
    by_topic.sort(key=lambda r: (-r[1], r[0]))
    return MediaSummary(
        articles=articles,
        comments=comments,
        stories=heads["folded"] + heads["single"],
        negative=negative,
        sources=heads["sources"],
        by_topic=by_topic,
    )


def media_series(
    scope: Q, start: date, end: date, *, names: dict[str, str] | None = None
) -> dict[str, Any]:
    """Chart data: per day, one line per topic (articles + comments) and per sentiment;
    and the table per source × topic × sentiment."""
    names = names if names is not None else topic_names()
    days = [start + timedelta(days=i) for i in range((end - start).days)]
    index = {d: i for i, d in enumerate(days)}
    daily = DailyCount.objects.filter(
        Q(source__in=Source.objects.filter(scope)), day__gte=start, day__lt=end
    )
    topics: dict[str, list[int]] = {}
    sentiments: dict[str, list[int]] = {}
    for r in daily.values("day", "topic", "sentiment").annotate(
        n=Sum("articles") + Sum("comments")
    ):
        topics.setdefault(r["topic"], [0] * len(days))[index[r["day"]]] += r["n"]
        sentiments.setdefault(r["sentiment"], [0] * len(days))[index[r["day"]]] += r["n"]
    top = sorted(topics, key=lambda t: -sum(topics[t]))[:6]
    table = [
        [
            r["source__name"],
            names.get(r["topic"], NO_TOPIC) if r["topic"] else NO_TOPIC,
            SENTIMENTS.get(r["sentiment"], r["sentiment"]),
            r["a"],
            r["c"],
        ]
        for r in daily.values("source__name", "topic", "sentiment")
        .annotate(a=Sum("articles"), c=Sum("comments"))
        .order_by("source__name", "-a", "topic", "sentiment")
    ]
    return {
        "labels": [d.strftime("%d/%m") for d in days],
        "topics": [
            {"code": t, "label": names.get(t, NO_TOPIC) if t else NO_TOPIC, "data": topics[t]}
            for t in top
        ],
        "sentiments": [
            {"code": s, "label": SENTIMENTS.get(s, s), "data": sentiments[s]}
            for s in ("tieu_cuc", "trung_lap", "tich_cuc", "")
            if s in sentiments
        ],
        "table": table,
    }


def top_stories(
    scope: Q, *, since: datetime, limit: int = 10, names: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Folded stories with the most articles (reposts) among the scoped sources."""
    rows = (
        Article.objects.filter(
            source__in=Source.objects.filter(scope),
            published_at__gte=since,
            story__isnull=False,
            language=VIETNAMESE,
        )
        .values("story_id")
        .annotate(n=Count("id"), outlets=Count("outlet", distinct=True), first=Min("pk"))
        .annotate(last=Max("published_at"))
        .order_by("-n", "-last")[:limit]
    )
    firsts = Article.objects.in_bulk([r["first"] for r in rows])
    names = names if names is not None else topic_names()
    out = []
    for r in rows:
        a = firsts[r["first"]]
        out.append(
            {
                "title": a.title,
                "outlet": a.outlet,
                "link": a.link if a.link.startswith(("http://", "https://")) else "",
                "reposts": r["n"] - 1,
                "outlets": r["outlets"],
                "topic": names.get(a.topic, NO_TOPIC) if a.topic else NO_TOPIC,
                "sentiment": SENTIMENTS.get(a.sentiment, a.sentiment),
                "published": r["last"],
            }
        )
    return out


def foreign_story_count(scope: Q, *, since: datetime) -> int:
    """Stories in another language among the scoped sources: counted apart from the top list."""
    return (
        Article.objects.filter(
            source__in=Source.objects.filter(scope), published_at__gte=since, story__isnull=False
        )
        .exclude(language=VIETNAMESE)
        .values("story_id")
        .distinct()
        .count()
    )


def spike_list(actor: Actor, *, scope: Q | None = None) -> QuerySet[MediaSpike]:
    scope = source_scope(actor) if scope is None else scope  # the same ``unit`` field
    return (
        MediaSpike.objects.filter(scope)
        .select_related("unit", "matter")
        .order_by("-window_end", "-score")
    )
