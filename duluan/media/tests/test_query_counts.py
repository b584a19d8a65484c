"""Query counts of the media page do not grow with its sources and articles (5, then 50).

See ``core/tests/query_counts.py``. The ceiling is today's count; raise it in the
commit that adds a query on purpose, and say why. Today 23: the session, the user
and roles, the reach (once), the topic names (once), the figures (totals, negative,
by topic, stories, sources), the chart and its table, the top stories and their
first articles, the health table, the spikes, the navigation's waiting counts (4),
and the officer's forms (units, fanpages, and whether there is one).
"""

from __future__ import annotations

from itertools import count
from typing import Any

from django.test import Client
from django.utils import timezone

from duluan.conftest import OrgTree
from duluan.core.tests.query_counts import assert_rows_add_no_queries
from duluan.media.choices import SourceKind
from duluan.media.models import Article, Story
from duluan.media.services import daily_recompute, source_create


def test_media_page(org_tree: OrgTree, django_assert_num_queries: Any) -> None:
    numbers = count()

    def add(n: int) -> None:
        for _ in range(n):
            i = next(numbers)
            source = source_create(
                actor=None, unit=org_tree.upper_a, name=f"Nguồn thử số {i}", kind=SourceKind.EXPORT
            )
            now = timezone.now()
            article = Article.objects.create(
                source=source,
                link=f"https://bao.example/{i}",
                title=f"Bài thử {i}",
                outlet="Báo thử",
                published_at=now,
                language="vi",
                topic="tien_luong",
                sentiment="tieu_cuc",
            )
            article.story = Story.objects.create(first_article=article, first_seen=now)
            article.save(update_fields=["story"])
            daily_recompute(source, [timezone.localdate()])

    http = Client()
    http.force_login(org_tree.user("upper_a"))
    assert_rows_add_no_queries(
        http,
        "/bao-chi-mang-xa-hoi/",
        add,
        ceiling=CEILING,
        assert_num_queries=django_assert_num_queries,
        row_marker="Nguồn thử số",
    )


CEILING = 23
