"""Polling sources: one source (:func:`source_poll`), every due one (:func:`media_poll_due`),
and the backfill of a sitemap's past articles (:func:`media_backfill`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from ..choices import SourceKind
from ..models import Source
from ..parse import Item, parse_feed, parse_sitemap
from ..state import STATE_FIELDS, record_failure, record_success
from .ingest import items_store

if TYPE_CHECKING:
    from ..fetch import Fetcher

logger = logging.getLogger(__name__)
MAX_CHILD_SITEMAPS = 20
LIVE_ITEMS = 100  # a live poll of a sitemap reads its newest entries only; backfill reads all


@dataclass
class PollResult:
    sources: int = 0
    not_modified: int = 0
    failed: int = 0
    articles: int = 0
    folded: int = 0
    errors: dict[str, str] = field(default_factory=dict)

    def add(self, counts: dict[str, int]) -> None:
        self.articles += counts.get("articles", 0)
        self.folded += counts.get("folded", 0)


def _sitemap_items(fetcher: Fetcher, body: bytes) -> list[Item]:
    items, children = parse_sitemap(body)
    for child in children[:MAX_CHILD_SITEMAPS]:
        more, _ = parse_sitemap(fetcher.get(child).body)
        items.extend(more)
    return items


def source_poll(
    source: Source,
    fetcher: Fetcher,
    *,
    now: datetime | None = None,
    result: PollResult | None = None,
    backfill: bool = False,
) -> PollResult:
    """Fetch one source (conditionally), store what is new, record the state."""
    from ..fetch import FetchError  # httpx: only when a poll runs

    now = now or timezone.now()
    result = result or PollResult()
    result.sources += 1
    try:
        fetched = fetcher.get(
            source.url,
            etag="" if backfill else source.etag,
            last_modified="" if backfill else source.last_modified,
        )
        if fetched.not_modified:
            result.not_modified += 1
        else:
            if source.kind == SourceKind.SITEMAP:
                items = _sitemap_items(fetcher, fetched.body)
                items.sort(key=lambda i: i.published or now, reverse=True)
                items = items if backfill else items[:LIVE_ITEMS]
            else:
                items = parse_feed(fetched.body)
            result.add(items_store(source, items, fetcher=fetcher))
        record_success(source, now=now, etag=fetched.etag, last_modified=fetched.last_modified)
    except (FetchError, ValueError, SyntaxError) as exc:
        soft = isinstance(exc, FetchError) and exc.soft
        record_failure(source, now=now, error=str(exc) or type(exc).__name__, soft=soft)
        result.failed += 1
        result.errors[source.name] = source.last_error
    fields = [*STATE_FIELDS, "backfilled_at"] if backfill else STATE_FIELDS
    if backfill:
        source.backfilled_at = now
    source.save(update_fields=fields)
    return result


def due_sources(now: datetime) -> list[Source]:
    return list(
        Source.objects.filter(is_active=True, disabled_at__isnull=True)
        .exclude(kind=SourceKind.EXPORT)
        .filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
        .order_by("next_fetch_at", "pk")
    )


def media_poll_due(
    *, now: datetime | None = None, fetcher: Fetcher | None = None, limit: int = 200
) -> PollResult:
    """Poll every source that is due, once (``duluan media poll --once``, the periodic job)."""
    now = now or timezone.now()
    result = PollResult()
    from ..fetch import Fetcher

    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for source in due_sources(now)[:limit]:
            source_poll(source, fetcher, now=now, result=result)
    finally:
        if own:
            fetcher.close()
    return result


def media_backfill(source_id: int, *, fetcher: Fetcher | None = None) -> PollResult:
    """Read a sitemap source in full (past articles): its own job kind and queue."""
    from ..fetch import Fetcher

    source = Source.objects.get(pk=source_id)
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        return source_poll(source, fetcher, backfill=True)
    finally:
        if own:
            fetcher.close()
