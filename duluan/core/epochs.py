"""Counters in the shared cache that caches of personal data key on.

A cache that may hold what a person wrote or who they are (the dashboard's panels:
collaborators' names, matters, key phrases of reports) puts
``epoch(PERSONAL_DATA)`` in its key. The privacy app bumps it once an erasure, a
restriction, a retention run or a re-erasure after a restore has committed, so no
such cache serves erased or anonymised data after that moment.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

PERSONAL_DATA = "personal-data"
_PREFIX = "duluan:epoch:"


def epoch(name: str) -> str:
    return str(cache.get(_PREFIX + name) or 0)


def _bump(name: str) -> None:
    key = _PREFIX + name
    if cache.add(key, 1, timeout=None):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired or evicted between add and incr
        cache.set(key, 1, timeout=None)


def epoch_bump_on_commit(name: str) -> None:
    """Bump ``name`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: _bump(name))
