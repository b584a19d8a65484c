"""The seed topics (the codes of the project's seed labels), for code that must find them.

A migration writes them; a test database flushed by a browser test (transactional
tests empty every table) loses them, so the demo and the test fixtures call
:func:`ensure_topics` before relying on them.
"""

from __future__ import annotations

from importlib import import_module

from .models import Topic


def seed_topics() -> list[tuple[str, str, str]]:
    """(code, name, covers) as the seeding migration writes them."""
    migration = import_module("duluan.nlp.migrations.0002_seed_topics")
    return list(migration.TOPICS)


def ensure_topics() -> int:
    """Write the seed topics when the table is empty; how many were written."""
    if Topic.objects.exists():
        return 0
    rows = [
        Topic(code=code, name=name, covers=covers, order=order * 10)
        for order, (code, name, covers) in enumerate(seed_topics(), start=1)
    ]
    Topic.objects.bulk_create(rows)
    return len(rows)
