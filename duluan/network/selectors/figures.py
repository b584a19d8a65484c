"""The figures every section states, computed from the database for a subtree and span.

Shared by ``report_sections`` and the tests that compare a Block with the data.
Dates: a span's local calendar days, ``start`` inclusive, ``end`` exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from duluan.core.extensions import Span
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from ..choices import PetitionState
from ..models import Article, Briefing, BriefingAttendance, BriefingOpinion, Dialogue, Petition
from .petitions import overdue_q, with_effective_due


def span_days(span: Span) -> tuple[date, date]:
    start = timezone.localtime(span.start).date()
    end_local = timezone.localtime(span.end)
    end = (
        end_local.date()
        if end_local.time() == end_local.time().min
        else end_local.date() + timedelta(days=1)
    )
    return start, end


@dataclass(frozen=True)
class BriefingFigures:
    count: int
    attendances: int
    opinions: int


def briefing_figures(root: Unit, span: Span) -> BriefingFigures:
    briefings = Briefing.objects.filter(
        subtree_q(root), held_at__gte=span.start, held_at__lt=span.end
    )
    return BriefingFigures(
        count=briefings.count(),
        attendances=BriefingAttendance.objects.filter(briefing__in=briefings, present=True).count(),
        opinions=BriefingOpinion.objects.filter(briefing__in=briefings).count(),
    )


@dataclass(frozen=True)
class DialogueFigures:
    count: int
    participants: int
    by_kind: dict[str, int]
    petitions: int
    by_state: dict[str, int]
    overdue: int


def dialogue_figures(root: Unit, span: Span) -> DialogueFigures:
    start, end = span_days(span)
    dialogues = Dialogue.objects.filter(subtree_q(root), held_on__gte=start, held_on__lt=end)
    totals = dialogues.aggregate(n=Count("id"), people=Sum("participants"))
    by_kind = dict(dialogues.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    petitions = Petition.objects.filter(dialogue__in=dialogues)
    by_state = dict(
        petitions.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    moment = min(span.end, timezone.now())
    overdue = with_effective_due(petitions).filter(overdue_q(moment)).count()
    return DialogueFigures(
        count=totals["n"] or 0,
        participants=totals["people"] or 0,
        by_kind=by_kind,
        petitions=sum(by_state.values()),
        by_state={state: by_state.get(state, 0) for state in PetitionState.values},
        overdue=overdue,
    )


@dataclass(frozen=True)
class ArticleFigures:
    count: int
    reach: int
    interactions: int
    counter_rumour: int
    answering_matters: int
    by_platform: dict[str, int]


def article_figures(root: Unit, span: Span) -> ArticleFigures:
    start, end = span_days(span)
    articles = Article.objects.filter(
        subtree_q(root), published_on__gte=start, published_on__lt=end
    )
    totals = articles.aggregate(
        n=Count("id"),
        reach=Sum("reach"),
        inter=Sum("interactions"),
        rumour=Count("id", filter=Q(counters_rumour=True)),
        matters=Count("id", filter=Q(matter__isnull=False)),
    )
    by_platform = dict(
        articles.values_list("platform").annotate(n=Count("id")).values_list("platform", "n")
    )
    return ArticleFigures(
        count=totals["n"] or 0,
        reach=totals["reach"] or 0,
        interactions=totals["inter"] or 0,
        counter_rumour=totals["rumour"] or 0,
        answering_matters=totals["matters"] or 0,
        by_platform=by_platform,
    )
