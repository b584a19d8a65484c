"""Reading one's own notices."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ..models import Notification


def notifications_mark_read(*, user: Any, ids: list[int] | None = None) -> int:
    """Mark the user's own notices read (all of them, or ``ids``); others' are untouched."""
    notices = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        notices = notices.filter(pk__in=ids)
    return notices.update(read_at=timezone.now())
