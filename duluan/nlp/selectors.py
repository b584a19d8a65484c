"""Reads of the nlp app, scoped to the actor first (report.view on the unit subtree)."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from duluan.core.pii import mask_pii
from duluan.core.suppression import quote_allowed
from duluan.intake.models import Report
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import scope_filter, subtree_q, unit_in_scope
from duluan.org.types import Actor

from .models import Correction, ModelVersion, ReportAnalysis, ReportTopic, SpikeAlert, Topic
from .services.analysis import report_text

T = TypeVar("T")
ISSUE_MAX_REPORTS = 3000  # the most recent reports clustered at once
QUOTE_CHARS = 220


@dataclass
class Issue:
    size: int
    units: int
    report_ids: list[int]
    topics: list[tuple[str, int]]  # (topic name, count)
    key_phrases: list[str]
    negative_share: float
    recent_share: float  # share of the group in the most recent third of the window
    summary: str = ""  # empty when the group is too small to quote
    quotes: list[str] = field(default_factory=list)
    duplicates: int = 0  # reports that repeat another one of the group (several units, reposts)

    @property
    def quotable(self) -> bool:
        return quote_allowed(self.size)  # never from a small group (DULUAN_DASHBOARD_MIN_QUOTE)


def _clip(text: str) -> str:
    text = " ".join(mask_pii(text).split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class _Stamp:
    """What a cached window value was computed from."""

    n: int  # reports in the window
    last: int  # the newest id
    edited: str  # last edit (creation included) and anonymisation
    analysed: str  # last analysis


def _stamp(window: QuerySet[Report]) -> _Stamp:
    row = window.aggregate(
        n=Count("id"),
        last=Max("id"),
        edited=Max("updated_at"),
        anonymised=Max("text_anonymised_at"),  # set without touching updated_at
    )
    analysed = ReportAnalysis.objects.filter(report__in=window.values("pk")).aggregate(
        at=Max("analysed_at")
    )["at"]
    return _Stamp(
        int(row["n"] or 0),
        int(row["last"] or 0),
        f"{row['edited']}|{row['anonymised']}",
        str(analysed),
    )


def _window_key(
    name: str, reports: QuerySet[Report], start: datetime, end: datetime, parts: tuple[Any, ...]
) -> str:
    """The reader's scope (the SQL of ``reports``), the window (its start to the hour,
    so a sliding window recomputes hourly) and the last staff correction."""
    corrected = Correction.objects.aggregate(at=Max("created_at"))["at"]
    key_parts = [
        name,
        str(reports.query),
        start.strftime("%Y%m%d%H"),
        str(round((end - start).total_seconds() / 3600)),
        *(str(p) for p in parts),
        str(corrected),
    ]
    return "nlp:window:" + hashlib.sha256("\x1f".join(key_parts).encode()).hexdigest()


def _only_grown(window: QuerySet[Report], old: _Stamp, new: _Stamp) -> bool:
    """Reports were only added since ``old``: the reports it counted are all still
    there, unedited and not anonymised (what must never be served stale)."""
    if new.n < old.n or new.last < old.last:
        return False
    then = _stamp(window.filter(id__lte=old.last))
    return (then.n, then.last, then.edited) == (old.n, old.last, old.edited)


def window_cached(
    name: str,
    reports: QuerySet[Report],
    start: datetime,
    end: datetime,
    compute: Callable[[], T],
    *parts: Any,
    stale_seconds: int = 0,
) -> T:
    """``compute()`` over the reports heard in [start, end), cached until they change
    (``DULUAN_NLP_ISSUES_CACHE_SECONDS``; 0 turns the cache off).

    A new, edited, anonymised, erased, re-analysed or corrected report is seen at
    once. With ``stale_seconds`` (the dashboard), a value computed less than that
    long ago is still served while reports were only added; once it is older, one
    reader recomputes while the others are served the last value, so a busy
    dashboard clusters once per window, not on every view. An edit, an
    anonymisation, an erasure or a correction is never served stale.
    """
    seconds = int(settings.NLP_ISSUES_CACHE_SECONDS)
    if seconds <= 0 or reports.query.is_empty():
        return compute()
    key = _window_key(name, reports, start, end, parts)
    window = reports.filter(heard_at__gte=start, heard_at__lt=end)
    stamp = _stamp(window)
    entry = cache.get(key)
    now = time.time()
    holding = False
    if entry is not None:
        old, computed_at, value = entry
        if old == stamp:
            return cast(T, value)
        if stale_seconds > 0 and _only_grown(window, old, stamp):
            if now - computed_at < stale_seconds:
                return cast(T, value)
            holding = cache.add(key + ":busy", 1, timeout=max(stale_seconds, 60))
            if not holding:
                return cast(T, value)  # another reader is recomputing it
    try:
        value = compute()
        cache.set(key, (stamp, now, value), seconds)
    finally:
        if holding:
            cache.delete(key + ":busy")
    return value


def issues_from_reports(
    reports: QuerySet[Report],
    *,
    start: datetime,
    end: datetime,
    min_size: int = 3,
    limit: int = 10,
    stale_seconds: int = 0,
) -> list[Issue]:
    """Emerging issues among ``reports`` heard in [start, end): clusters with a summary.

    Clustering a few thousand texts takes seconds, so the result is cached
    (:func:`window_cached`) under a key that changes with the data.
    """
    if reports.query.is_empty():
        return []
    return list(
        window_cached(
            "issues",
            reports,
            start,
            end,
            lambda: _issues_uncached(reports, start=start, end=end, min_size=min_size, limit=limit),
            min_size,
            limit,
            stale_seconds=stale_seconds,
        )
    )


def _issues_uncached(
    reports: QuerySet[Report], *, start: datetime, end: datetime, min_size: int, limit: int
) -> list[Issue]:
    rows = list(
        reports.filter(heard_at__gte=start, heard_at__lt=end)
        .order_by("-heard_at", "-id")
        .values_list("pk", "subject", "text", "unit_id", "heard_at")[:ISSUE_MAX_REPORTS]
    )
    if len(rows) < min_size:
        return []
    from .similarity import cluster_texts, near_duplicate_groups  # scikit-learn: on use

    texts = [report_text(s, t) for _, s, t, _, _ in rows]
    clusters = cluster_texts(texts, min_size=min_size, limit=limit)
    ids_all = [r[0] for r in rows]
    wanted = {ids_all[i] for c in clusters for i in c.members}
    topic_rows = ReportTopic.objects.filter(report_id__in=wanted).values_list(
        "report_id", "topic__name"
    )
    topics_of: dict[int, list[str]] = {}
    for report_id, name in topic_rows:
        topics_of.setdefault(report_id, []).append(name)
    negative = set(
        ReportAnalysis.objects.filter(report_id__in=wanted, sentiment="tieu_cuc").values_list(
            "report_id", flat=True
        )
    )
    recent_from = end - (end - start) / 3
    issues: list[Issue] = []
    for cluster in clusters:
        members = [rows[i] for i in cluster.members]
        ids = [m[0] for m in members]
        counter: Counter[str] = Counter(name for i in ids for name in topics_of.get(i, []))
        dup_groups = near_duplicate_groups([texts[i] for i in cluster.members])
        issue = Issue(
            size=len(ids),
            units=len({m[3] for m in members}),
            report_ids=ids,
            topics=counter.most_common(3),
            key_phrases=cluster.key_phrases,
            negative_share=round(sum(1 for i in ids if i in negative) / len(ids), 3),
            recent_share=round(sum(1 for m in members if m[4] >= recent_from) / len(ids), 3),
            duplicates=sum(len(g) - 1 for g in dup_groups),
        )
        if issue.quotable:
            issue.summary = _clip(cluster.summary)
            seen: set[str] = set()
            for i in cluster.members[:12]:
                quote = _clip(texts[i])
                if quote not in seen:
                    seen.add(quote)
                    issue.quotes.append(quote)
                if len(issue.quotes) == 3:
                    break
        issues.append(issue)
    return issues


def scoped_reports(actor: Actor, unit: Unit | None = None) -> QuerySet[Report]:
    if unit is not None and not unit_in_scope(actor, Perm.REPORT_VIEW, unit):
        return Report.objects.none()
    return Report.objects.filter(scope_filter(actor, Perm.REPORT_VIEW, within=unit))


def subtree_reports(unit: Unit) -> QuerySet[Report]:
    return Report.objects.filter(subtree_q(unit))


def emerging_issues(
    actor: Actor, *, unit: Unit | None = None, days: int = 14, now: datetime | None = None
) -> list[Issue]:
    end = now or timezone.now()
    return issues_from_reports(
        scoped_reports(actor, unit), start=end - timedelta(days=days), end=end
    )


def duplicate_groups(
    reports: QuerySet[Report], *, start: datetime, end: datetime
) -> list[list[int]]:
    """Report ids that say the same thing (sent by several units, reposts), largest first."""
    rows = list(
        reports.filter(heard_at__gte=start, heard_at__lt=end)
        .order_by("-heard_at", "-id")
        .values_list("pk", "subject", "text")[:ISSUE_MAX_REPORTS]
    )
    from .similarity import near_duplicate_groups  # scikit-learn: on use

    groups = near_duplicate_groups([report_text(s, t) for _, s, t in rows])
    return [[rows[i][0] for i in g] for g in groups]


def topic_breakdown(reports: QuerySet[Report]) -> list[dict[str, Any]]:
    """Per topic: reports, negative ones, share of all analysed reports."""
    total = ReportAnalysis.objects.filter(report__in=reports).count()
    rows = (
        ReportTopic.objects.filter(report__in=reports)
        .values("topic__code", "topic__name")
        .annotate(
            n=Count("id"),
            negative=Count("id", filter=Q(report__analysis__sentiment="tieu_cuc")),
        )
        .order_by("-n", "topic__code")
    )
    return [
        {
            "code": r["topic__code"],
            "name": r["topic__name"],
            "count": r["n"],
            "negative": r["negative"],
            "share": round(r["n"] / total, 4) if total else 0.0,
        }
        for r in rows
    ]


def sentiment_breakdown(reports: QuerySet[Report]) -> dict[str, int]:
    return dict(
        ReportAnalysis.objects.filter(report__in=reports)
        .values_list("sentiment")
        .annotate(n=Count("id"))
        .values_list("sentiment", "n")
    )


def report_analysis(report: Report) -> dict[str, Any] | None:
    """What the report page shows: predictions with confidence, and corrections."""
    analysis = ReportAnalysis.objects.filter(report=report).first()
    if analysis is None:
        return None
    topics = list(
        ReportTopic.objects.filter(report=report)
        .select_related("topic")
        .order_by("-confidence", "topic__order")
    )
    corrections = list(Correction.objects.filter(report=report).select_related("created_by")[:10])
    return {
        "analysis": analysis,
        "topics": topics,
        "topic_codes": [t.topic.code for t in topics],
        "signals": [s for s in analysis.urgency_signals.split(";") if s],
        "corrections": corrections,
    }


def model_versions() -> QuerySet[ModelVersion]:
    return ModelVersion.objects.all()


def spike_list(actor: Actor) -> QuerySet[SpikeAlert]:
    return (
        SpikeAlert.objects.filter(scope_filter(actor, Perm.REPORT_VIEW))
        .select_related("topic", "unit")
        .order_by("-window_end", "-score")
    )


def active_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(is_active=True)


LABEL_QUEUE_DAYS = 180  # the queue offers reports heard in the last six months


def label_queue(
    actor: Actor, *, limit: int = 10, skip: tuple[int, ...] = ()
) -> list[dict[str, Any]]:
    """Reports in the actor's reach that no person has judged yet, the least certain first.

    Certainty is the lowest of the model's confidences in the report's sentiment,
    kind, urgency and main topic: the reports a person's answer teaches most
    (uncertainty sampling). Reports heard more than six months ago are left out.
    """
    from django.db.models import F, OuterRef, Subquery
    from django.db.models.functions import Coalesce, Least

    since = timezone.now() - timedelta(days=LABEL_QUEUE_DAYS)
    top_topic = Subquery(
        ReportTopic.objects.filter(report=OuterRef("report"))
        .order_by("-confidence")
        .values("confidence")[:1]
    )
    rows = (
        ReportAnalysis.objects.filter(
            scope_filter(actor, Perm.REPORT_VIEW, unit_field="report__unit"),
            scope_filter(actor, Perm.MATTER_VIEW, unit_field="report__unit"),
            report__heard_at__gte=since,
            report__nlp_corrections__isnull=True,
        )
        .exclude(report_id__in=skip)
        .annotate(
            certainty=Least(
                F("sentiment_confidence"),
                F("kind_confidence"),
                F("urgency_confidence"),
                Coalesce(top_topic, 0.0),
            )
        )
        .select_related("report", "report__unit")
        .order_by("certainty", "-report__heard_at", "report_id")[:limit]
    )
    analyses = list(rows)
    topics: dict[int, list[str]] = {}
    for report_id, code in (
        ReportTopic.objects.filter(report_id__in=[a.report_id for a in analyses])
        .order_by("report_id", "-confidence", "id")
        .values_list("report_id", "topic__code")
    ):
        topics.setdefault(report_id, []).append(code)
    return [
        {
            "report": a.report,
            "analysis": a,
            "text": report_text(a.report.subject, a.report.text),
            "topics": topics.get(a.report_id, []),
            "certainty": a.certainty,
        }
        for a in analyses
    ]


def label_queue_size(actor: Actor) -> int:
    since = timezone.now() - timedelta(days=LABEL_QUEUE_DAYS)
    return ReportAnalysis.objects.filter(
        scope_filter(actor, Perm.REPORT_VIEW, unit_field="report__unit"),
        scope_filter(actor, Perm.MATTER_VIEW, unit_field="report__unit"),
        report__heard_at__gte=since,
        report__nlp_corrections__isnull=True,
    ).count()


RELATED_MAX_CANDIDATES = 1500  # the newest candidates in the window are compared


@dataclass(frozen=True)
class RelatedReport:
    report_id: int
    score: float
    shared: tuple[str, ...]  # companies, parks, places both name
    same_unit: bool


def _vectors(texts: list[str]) -> Any:
    from .bundle import active_bundle
    from .learn_base import prepare

    return active_bundle().features.transform([prepare(t) for t in texts])


def nearest_reports(
    candidates: QuerySet[Report],
    *,
    text: str,
    heard_at: datetime,
    unit_id: int | None,
    place: str = "",
    exclude: tuple[int, ...] = (),
    limit: int = 5,
    min_score: float | None = None,
) -> list[RelatedReport]:
    """The reports among ``candidates`` (already scoped) nearest to a text heard at
    ``heard_at``: :mod:`duluan.nlp.related` over the active model's features."""
    from . import related

    window = timedelta(days=related.WINDOW_DAYS)
    rows = list(
        candidates.filter(heard_at__gte=heard_at - window, heard_at__lte=heard_at + window)
        .exclude(pk__in=exclude)
        .order_by("-heard_at", "-id")
        .values_list("pk", "subject", "text", "unit_id", "heard_at", "place")[
            :RELATED_MAX_CANDIDATES
        ]
    )
    if not rows:
        return []
    texts = [report_text(s, t) for _, s, t, *_ in rows]
    matrix = _vectors([text, *texts])
    me = related.Candidate(-1, heard_at, unit_id, related.entity_keys(text, place))
    pool = [
        related.Candidate(pk, at, uid, related.entity_keys(t, pl))
        for (pk, _s, _t, uid, at, pl), t in zip(rows, texts, strict=True)
    ]
    found = related.rank(
        matrix[0],
        matrix[1:],
        me,
        pool,
        limit=limit,
        min_score=related.MIN_SCORE if min_score is None else min_score,
    )
    return [RelatedReport(n.key, n.score, n.shared, n.same_unit) for n in found]


def related_reports(actor: Actor, report: Report, *, limit: int = 5) -> list[RelatedReport]:
    """The reports in the actor's reach most like ``report`` (within a month of it)."""
    from . import related

    scoped = Report.objects.filter(scope_filter(actor, Perm.REPORT_VIEW))
    window = timedelta(days=related.WINDOW_DAYS)
    return window_cached(
        "related",
        scoped,
        report.heard_at - window,
        report.heard_at + window,
        lambda: nearest_reports(
            scoped,
            text=report_text(report.subject, report.text),
            heard_at=report.heard_at,
            unit_id=report.unit_id,
            place=report.place,
            exclude=(report.pk,),
            limit=limit,
        ),
        report.pk,
        limit,
    )
