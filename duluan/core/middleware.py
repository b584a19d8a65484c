"""Security headers Django 5.2 does not set itself (CSP, permissions policy)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI (django-ninja's /api/docs) loads its own inline bootstrap script.
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = DOCS_CSP if request.path.startswith("/api/docs") else CSP
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class SessionTimeoutMiddleware:
    """Sign out after 30 minutes idle or 12 hours since sign-in, whichever comes first."""

    STARTED = "duluan_started"
    SEEN = "duluan_seen"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            started = request.session.get(self.STARTED)
            seen = request.session.get(self.SEEN, started)
            if started is None:
                request.session[self.STARTED] = now
                request.session[self.SEEN] = now
            elif (
                now - int(seen or now) > settings.SESSION_IDLE_SECONDS
                or now - int(started) > settings.SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
                messages.info(request, "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.")
                if not request.path.startswith("/api/"):
                    return redirect_to_login(request.get_full_path())
            elif now - int(seen or 0) > 60:
                request.session[self.SEEN] = now
        return self.get_response(request)
