"""The dashboard's deferred panels, kept a few seconds per reader.

Ten analysts with the dashboard open ask for the same panels (overdue matters,
late units, the network, emerging issues…) every few seconds; each asking costs
tens of queries. The panels are kept ``DULUAN_DASHBOARD_PANELS_CACHE_SECONDS``
(30) in the shared cache, keyed by what the access rule reads for the reader
(:func:`duluan.org.scope.access_fingerprint`: a granted or withdrawn role is a
new key at once), the unit and the period, and by the personal-data epoch
(:mod:`duluan.core.epochs`): an erasure, restriction or retention run drops
every kept panel once it commits. The page says when they were computed.
Documents and the API never read this cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from duluan.core.epochs import PERSONAL_DATA, epoch
from duluan.core.extensions import Block, Span
from duluan.org.models import Unit
from duluan.org.scope import access_fingerprint
from duluan.org.types import Actor

PREFIX = "duluan:dashboard:panels:"


def _key(actor: Actor, unit: Unit, span: Span) -> str:
    parts = (
        access_fingerprint(actor),
        epoch(PERSONAL_DATA),  # an erasure or anonymisation drops every kept panel
        unit.pk,
        unit.path,
        span.start,
        span.end,
        span.label,
    )
    return PREFIX + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


def panels_cached(
    actor: Actor, unit: Unit, span: Span, build: Callable[[], list[Block]]
) -> tuple[list[Block], datetime | None]:
    """The panels and when they were computed (``None``: computed now, not kept)."""
    seconds = int(settings.DASHBOARD_PANELS_CACHE_SECONDS)
    if seconds <= 0:
        return build(), None
    key = _key(actor, unit, span)
    entry = cache.get(key)
    now = timezone.now()
    if entry is not None:
        computed_at, blocks = entry
        # The age is checked here too: the cache's own expiry is only its clean-up
        # (Redis counts it on its own clock).
        if timedelta(0) <= now - computed_at < timedelta(seconds=seconds):
            return blocks, computed_at
    blocks = build()
    cache.set(key, (now, blocks), seconds)
    return blocks, now
