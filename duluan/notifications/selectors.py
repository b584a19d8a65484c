"""Reads: who is told of a unit's business, and one's own notices."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from duluan.org.choices import Role
from duluan.org.models import RoleAssignment, Unit, User

from .models import Notification

NOTIFIED_ROLES = (Role.OFFICER, Role.LEADER)


def unit_notified_users(units: Iterable[Unit], roles: Iterable[str] = NOTIFIED_ROLES) -> list[User]:
    """Active users holding an active role of ``roles`` at one of ``units``."""
    unit_ids = [u.pk for u in units]
    user_ids = (
        RoleAssignment.objects.filter(unit_id__in=unit_ids, role__in=list(roles), is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def notification_list(user: Any, *, unread: bool | None = None) -> QuerySet[Notification]:
    """The user's own notices, newest first."""
    notices = Notification.objects.filter(recipient_id=user.pk)
    if unread is not None:
        notices = notices.filter(read_at__isnull=unread)
    return notices.order_by("-created_at", "-id")


def notices_unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
