"""Retention: erase or anonymise what has outlived its period, per kind of data."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from duluan.core.epochs import PERSONAL_DATA, epoch_bump_on_commit

from .registry import providers


@transaction.atomic
def retention_apply(*, now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Counts per kind of what expired (and was removed unless ``dry_run``). Idempotent."""
    moment = now or timezone.now()
    counts: dict[str, int] = {}
    for provider in providers():
        counts.update(provider.retention_apply(moment, dry_run))
    if not dry_run:
        epoch_bump_on_commit(PERSONAL_DATA)
    return counts
