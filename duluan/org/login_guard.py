"""Sign-in with throttling, shared by the sign-in page and ``POST /api/auth/token``.

After ``ACCOUNT_LIMIT`` failed attempts for an account within ``WINDOW``, every
further attempt in that window is refused, even with the right password. An IP
address gets ``IP_LIMIT`` failures in the same window, across accounts.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils import timezone

from duluan.core.errors import ApplicationError

from .models import LoginAttempt

WINDOW = timedelta(minutes=30)
ACCOUNT_LIMIT = 5
IP_LIMIT = 50


class LoginThrottled(ApplicationError):
    status = 429


def client_ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a proxy
    # rewrites it, and the proxy set-up is the operator's (docs/security.md).
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _normalise(username: str) -> str:
    return username.strip().lower()[:150]


def _refusal(minutes: int) -> LoginThrottled:
    return LoginThrottled(
        "Đăng nhập sai quá nhiều lần. Tài khoản tạm thời bị khoá đăng nhập, "
        f"vui lòng thử lại sau khoảng {minutes} phút."
    )


def login_check(*, username: str, ip: str | None) -> None:
    """Raise LoginThrottled when the account or the address is over its limit."""
    since = timezone.now() - WINDOW
    failures = LoginAttempt.objects.filter(
        username=_normalise(username), succeeded=False, at__gte=since
    )
    if failures.count() >= ACCOUNT_LIMIT:
        oldest = failures.order_by("at").values_list("at", flat=True)[0]
        minutes = max(1, int((oldest + WINDOW - timezone.now()).total_seconds() // 60) + 1)
        raise _refusal(minutes)
    if ip and (
        LoginAttempt.objects.filter(ip=ip, succeeded=False, at__gte=since).count() >= IP_LIMIT
    ):
        raise _refusal(int(WINDOW.total_seconds() // 60))


def authenticate_guarded(
    request: HttpRequest | None, *, username: str, password: str, channel: str = "web"
) -> Any | None:
    """authenticate() behind the throttle; every attempt is recorded."""
    ip = client_ip(request)
    login_check(username=username, ip=ip)
    user = authenticate(request, username=username[:150], password=password[:500])
    record_attempt(request, username=username, succeeded=user is not None, channel=channel)
    return user


def record_attempt(
    request: HttpRequest | None, *, username: str, succeeded: bool, channel: str
) -> None:
    LoginAttempt.objects.create(
        username=_normalise(username), ip=client_ip(request), succeeded=succeeded, channel=channel
    )
