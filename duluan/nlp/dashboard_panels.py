"""Panels the nlp app adds to the leader's dashboard."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from duluan.core.extensions import Block, Cell, Figure, Span, Table, dashboard_panel
from duluan.core.suppression import quote_allowed
from duluan.intake.models import Report
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import has_perm, unit_in_scope
from duluan.org.types import Actor

from .models import ReportTopic
from .selectors import issues_from_reports, subtree_reports, window_cached


def _allowed(actor: Actor, unit: Unit) -> bool:
    return has_perm(actor, Perm.REPORT_VIEW) and unit_in_scope(actor, Perm.REPORT_VIEW, unit)


@dashboard_panel("nlp.issues", "Vấn đề nổi lên", order=20)
def issues_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    if not _allowed(actor, unit):
        return None
    issues = issues_from_reports(
        subtree_reports(unit),
        start=span.start,
        end=span.end,
        limit=5,
        stale_seconds=settings.DASHBOARD_PANEL_STALE_SECONDS,
    )
    if not issues:
        return None
    paragraphs = []
    for issue in issues:
        topic = issue.topics[0][0] if issue.topics else "Khác"
        if issue.quotable and issue.quotes:  # never quote from fewer than 10 reports
            paragraphs.append(f"{topic} ({issue.size} phản ánh): «{issue.quotes[0]}»")
        else:
            paragraphs.append(
                f"{topic} ({issue.size} phản ánh): {', '.join(issue.key_phrases[:4])}"
            )
    return Block(
        key="nlp.issues",
        title="Vấn đề nổi lên",
        figures=[
            Figure("nlp.issues", "Nhóm vấn đề", len(issues)),
            Figure("nlp.issue_reports", "Phản ánh trong các nhóm", sum(i.size for i in issues)),
        ],
        paragraphs=paragraphs,
    )


@dashboard_panel("nlp.key_phrases", "Từ khóa theo chủ đề", order=21)
def key_phrases_panel(actor: Actor, unit: Unit, span: Span) -> Block | None:
    if not _allowed(actor, unit):
        return None
    subtree = subtree_reports(unit)
    rows = window_cached(
        "key_phrases",
        subtree,
        span.start,
        span.end,
        lambda: _key_phrase_rows(subtree, span),
        stale_seconds=settings.DASHBOARD_PANEL_STALE_SECONDS,
    )
    if not rows:
        return None
    return Block(
        key="nlp.key_phrases",
        title="Từ khóa theo chủ đề",
        tables=[
            Table(title="Từ khóa nổi bật", columns=["Chủ đề", "Số phản ánh", "Từ khóa"], rows=rows)
        ],
    )


def _key_phrase_rows(subtree: QuerySet[Report], span: Span) -> list[list[Cell]]:
    """Per topic (the eight largest, groups of at least ten): its key phrases."""
    from .similarity import summarise  # scikit-learn: on use, not at start-up

    reports = subtree.filter(heard_at__gte=span.start, heard_at__lt=span.end)
    links = (
        ReportTopic.objects.filter(report__in=reports)
        .filter(~Q(topic__code="khac"))
        .values_list("topic__name", "report__subject", "report__text")
        .order_by("-report__heard_at")[:5000]
    )
    by_topic: dict[str, list[str]] = {}
    for name, subject, text in links:
        by_topic.setdefault(name, []).append(f"{subject}. {text}")
    rows: list[list[Cell]] = []
    for name, texts in sorted(by_topic.items(), key=lambda kv: -len(kv[1]))[:8]:
        if not quote_allowed(len(texts)):
            continue
        _summary, phrases, _order = summarise(texts[:500])
        rows.append([name, len(texts), ", ".join(phrases[:5])])
    return rows
