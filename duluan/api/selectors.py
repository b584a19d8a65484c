"""Reads of API tokens: a caller only ever sees their own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from duluan.org.models import User
from duluan.org.types import Actor

from .models import ApiToken


def token_list(user: Actor) -> QuerySet[ApiToken]:
    """The user's tokens that still work (not revoked, not expired), newest first."""
    if not isinstance(user, User):  # no account, no tokens
        return ApiToken.objects.none()
    return ApiToken.objects.filter(
        user_id=user.pk, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at", "-id")
