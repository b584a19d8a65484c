"""What the network adds to a matter's page: the articles and posts that answer it."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum

from duluan.core.extensions import Block, Figure, Table, matter_panel
from duluan.org.types import Actor

from .selectors.outreach import article_list

LIMIT = 20


@matter_panel("network.articles", "Bài viết, bài đăng trả lời vấn đề", order=50)
def answering_articles(actor: Actor, matter: Any) -> Block | None:
    """The articles the actor may see that answer ``matter`` (newest first)."""
    articles = article_list(actor, matter_id=matter.pk)
    totals = articles.aggregate(reach=Sum("reach"), interactions=Sum("interactions"))
    shown = list(articles[:LIMIT])
    if not shown:
        return None
    count = articles.count()
    rows: list[list[Any]] = [
        [
            a.title,
            a.get_platform_display(),
            a.unit.display_name,
            a.published_on.strftime("%d/%m/%Y"),
            a.reach,
            a.interactions,
            "Có" if a.counters_rumour else "",
        ]
        for a in shown
    ]
    return Block(
        key="network.articles",
        title="Bài viết, bài đăng trả lời vấn đề",
        figures=[
            Figure("network.articles.count", "Số bài", count),
            Figure("network.articles.reach", "Lượt tiếp cận", totals["reach"] or 0),
            Figure("network.articles.interactions", "Lượt tương tác", totals["interactions"] or 0),
        ],
        tables=[
            Table(
                title=f"{count} bài viết, bài đăng"
                + (f" ({LIMIT} bài mới nhất)" if count > LIMIT else ""),
                columns=[
                    "Tiêu đề",
                    "Nơi đăng",
                    "Đơn vị",
                    "Ngày đăng",
                    "Tiếp cận",
                    "Tương tác",
                    "Cải chính tin đồn",
                ],
                rows=rows,
                links=[a.url for a in shown],
            )
        ],
    )
