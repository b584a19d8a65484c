"""The section "Nắm bắt qua báo chí, mạng xã hội" of every periodic synthesis."""

from __future__ import annotations

from django.utils import timezone

from duluan.core.extensions import Block, Figure, Span, Table, report_section
from duluan.org.models import Unit

from .selectors import media_summary, source_scope

TITLE = "Nắm bắt qua báo chí, mạng xã hội"


def media_block(key: str, title: str, unit: Unit, span: Span, *, link: str = "") -> Block | None:
    """Figures and the topic table for the sources of ``unit``'s subtree over ``span``."""
    summary = media_summary(
        source_scope(unit=unit),
        timezone.localtime(span.start).date(),
        timezone.localtime(span.end).date(),
    )
    if not summary.sources:
        return None
    figures = [
        Figure("media_articles", "Bài báo, bài đăng", summary.articles, "bài"),
        Figure("media_stories", "Tin (đã gộp bài trùng)", summary.stories, "tin"),
        Figure("media_comments", "Bình luận được đếm", summary.comments, "bình luận"),
        Figure("media_negative", "Mang sắc thái tiêu cực", summary.negative, ""),
        Figure("media_sources", "Nguồn theo dõi", summary.sources, "nguồn"),
    ]
    paragraphs = []
    if summary.by_topic:
        main = ", ".join(f"{name} ({count})" for name, count, _neg in summary.by_topic[:3])
        paragraphs.append(
            f"Qua {summary.sources} nguồn báo chí, mạng xã hội: {summary.articles} bài báo, "
            f"bài đăng ({summary.stories} tin sau khi gộp bài đăng lại) và {summary.comments} "
            f"bình luận; nhiều nhất về {main}."
        )
    table = Table(
        title="Theo chủ đề",
        columns=["Chủ đề", "Bài, bình luận", "Tiêu cực"],
        rows=[[name, count, negative] for name, count, negative in summary.by_topic[:10]],
    )
    return Block(
        key=key,
        title=title,
        figures=figures,
        paragraphs=paragraphs,
        tables=[table] if summary.by_topic else [],
        link=link,
    )


@report_section("media", TITLE, order=65)
def media_section(unit: Unit, span: Span) -> Block | None:
    return media_block("media", TITLE, unit, span)
