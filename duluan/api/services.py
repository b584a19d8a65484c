"""Issuing, checking and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from duluan.core.errors import ApplicationError

from .models import ApiToken

if TYPE_CHECKING:
    from duluan.org.models import User

TOKEN_TTL = timedelta(days=30)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class TokenLimitReached(ApplicationError):
    """The account already holds as many live tokens as it may."""

    status = 409


@transaction.atomic
def token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored.

    An account holds at most ``API_TOKENS_PER_ACCOUNT`` live (not revoked, not
    expired) tokens, so the per-token rate limit cannot be multiplied. The
    account's row is locked first: two mints at once count one after the other.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    cap = settings.API_TOKENS_PER_ACCOUNT
    live = ApiToken.objects.filter(
        user_id=user.pk, revoked_at__isnull=True, expires_at__gt=now
    ).count()
    if live >= cap:
        raise TokenLimitReached(
            f"Tài khoản đã có tối đa {cap} mã truy cập còn hiệu lực. "
            "Hãy thu hồi một mã không dùng nữa (DELETE /api/tokens/{id}) rồi thử lại."
        )
    raw = "dl_" + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name[:100],
        prefix=raw[:11],
        key_hash=_hash(raw),
        expires_at=now + TOKEN_TTL,
    )
    token.full_clean()
    token.save()
    return token, raw


def token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, or None."""
    if not raw or len(raw) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(raw), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def token_revoke(*, user: User, token_id: int) -> None:
    ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def rate_allow(raw: str) -> bool:
    """Fixed one-minute window per token, counted in the shared cache."""
    window = int(timezone.now().timestamp() // 60)
    key = f"api-rate:{_hash(raw)[:32]}:{window}"
    if cache.add(key, 1, timeout=90):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=90)
            count = 1
    return count <= settings.API_RATE_PER_MINUTE
