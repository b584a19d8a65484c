"""The query-count pin every list page shares (``<app>/tests/test_query_counts.py``).

A list page asked with 5 rows and again with 50 issues the same number of
queries (no query per row: a missing ``select_related``/``prefetch_related``
shows here, listed by ``django_assert_num_queries``), and that number stays
under a ceiling pinned per page. When a change adds a query on purpose, raise
the ceiling in the same commit and say why (as ``intake/tests/test_queries.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

FEW, MANY = 5, 50


def _get(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response


def assert_rows_add_no_queries(
    client: Client,
    url: str,
    add_rows: Callable[[int], object],
    *,
    ceiling: int,
    assert_num_queries: Any,
    row_marker: str | None = None,
) -> int:
    """Add ``FEW`` rows, count ``url``'s queries; add up to ``MANY``, count again.

    ``add_rows(n)`` adds ``n`` more rows the page lists; ``row_marker`` (a text
    each listed row shows once) checks that the rows are on the page, so the
    pin is not vacuous. Returns the count.
    """
    add_rows(FEW)
    _get(client, url)  # warm: session bookkeeping and per-process caches settle first
    with CaptureQueriesContext(connection) as captured:
        response = _get(client, url)
    few = len(captured.captured_queries)
    assert few <= ceiling, f"{url}: {few} queries; the pinned ceiling is {ceiling}"
    shown_few = response.content.decode().count(row_marker) if row_marker else 0
    if row_marker:
        assert shown_few >= FEW, f"{url}: {shown_few} rows shown of {FEW}"
    add_rows(MANY - FEW)
    _get(client, url)
    with assert_num_queries(few):  # lists the queries if it fails
        response = _get(client, url)
    if row_marker:
        shown_many = response.content.decode().count(row_marker)
        assert shown_many > shown_few, f"{url}: {shown_many} rows shown after adding"
    return few
