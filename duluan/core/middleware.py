"""Request guards: security headers Django 5.2 does not set itself, idle sign-out,
and the refusal of NUL characters that PostgreSQL text cannot hold."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

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


NUL_MESSAGE = (
    "Dữ liệu gửi lên chứa ký tự NUL (mã 0), không phải chữ. "
    "Hãy xoá ký tự đó (thường do sao chép từ tệp nhị phân) rồi gửi lại."
)
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)


def _json_nul_field(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string holding a NUL, or ``None``."""
    if isinstance(value, str):
        return path or "body" if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in str(key):
                return path or "body"
            found = _json_nul_field(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _json_nul_field(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


def request_has_nul(request: HttpRequest) -> str | None:
    """The name of the first field holding a NUL character, or ``None``.

    PostgreSQL text cannot store NUL and answers with an error, so such input is
    refused at the door. Uploaded files may hold any bytes and are not looked at.
    """
    if "\x00" in request.path:
        return "path"
    sources = [request.GET]
    # Multipart bodies are left to the view: it may set its own upload handlers
    # (size limits) before they are read, and Django's form fields refuse NUL.
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        sources.append(request.POST)
    for source in sources:
        for key, values in source.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key.replace("\x00", "")
    if (request.content_type or "").endswith("json") and request.body:
        if b"\x00" in request.body:
            return "body"
        if _JSON_NUL.search(request.body):
            try:
                return _json_nul_field(json.loads(request.body)) or None
            except ValueError:
                return None  # unreadable JSON: the API answers it with its own 400
    return None


class RefuseNulMiddleware:
    """Refuse input holding NUL characters: a 422 for the API, a 400 page elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = request_has_nul(request)
        if field is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": NUL_MESSAGE, "errors": {field: [NUL_MESSAGE]}}, status=422
            )
        return render(request, "400.html", {"message": NUL_MESSAGE}, status=400)


API_PREFIX = "/api/"
API_TOO_LARGE = "Nội dung yêu cầu quá lớn: tối đa {size}."
# What an API client reads for an error Django answered before (or around) ninja.
API_ERROR_DETAILS: dict[int, str] = {
    400: "Không đọc được nội dung yêu cầu.",
    401: "Chưa xác thực: thiếu mã truy cập (Bearer token) hoặc mã đã hết hiệu lực.",
    403: "Không có quyền thực hiện yêu cầu này.",
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ cho địa chỉ này.",
    413: API_TOO_LARGE,
    415: "Kiểu nội dung không được hỗ trợ; hãy gửi JSON (Content-Type: application/json).",
    500: "Lỗi máy chủ. Yêu cầu chưa được thực hiện; vui lòng thử lại sau.",
}
_KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")


def api_too_large_detail() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    if limit >= 1024 * 1024:
        size = f"{limit / (1024 * 1024):g} MB".replace(".", ",")
    else:
        size = f"{max(1, limit // 1024)} KB"
    return API_TOO_LARGE.format(size=size)


def api_error_detail(status: int) -> str:
    if status == 413:
        return api_too_large_detail()
    if status in API_ERROR_DETAILS:
        return API_ERROR_DETAILS[status]
    if status >= 500:
        return API_ERROR_DETAILS[500]
    return API_ERROR_DETAILS[400]


class ApiJsonErrorsMiddleware:
    """Every error under ``/api/`` is JSON ``{"detail": ...}`` in Vietnamese.

    Ninja answers the errors it sees in JSON itself (``duluan.api.router``); this
    catches the rest, which Django answers with HTML pages: a body over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (refused here from its declared length, with
    413, before anything reads it), an unknown ``/api/`` path, a method the
    route lacks, a CSRF failure, and an unexpected exception anywhere (500,
    logged by Django as usual; the traceback never reaches the client).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if _declared_too_large(request):
            return JsonResponse({"detail": api_too_large_detail()}, status=413)
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        replaced = JsonResponse({"detail": api_error_detail(response.status_code)})
        replaced.status_code = response.status_code
        for header in _KEPT_HEADERS:
            if header in response:
                replaced[header] = response[header]
        return replaced


def _declared_too_large(request: HttpRequest) -> bool:
    """A body Django would refuse to read, judged from Content-Length alone.

    Multipart bodies are left alone: their files do not count against
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and their endpoints set their own limits.
    """
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None or (request.content_type or "").startswith("multipart/"):
        return False
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > limit
    except ValueError:
        return False


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _drop_lost_connections() -> bool:
    """Close every database connection that is no longer usable; whether any was."""
    from django.db import connections

    lost = False
    for conn in connections.all(initialized_only=True):
        if conn.connection is None or conn.in_atomic_block:
            continue
        if not conn.is_usable():
            lost = True
            try:
                conn.close()
            except Exception:  # the socket is gone; forget it anyway
                conn.connection = None
    return lost


_LOST_MARK = "_duluan_connection_lost"


def _mark_lost_connection(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """``got_request_exception``: note on the request that a database error ended it
    (the handler turns exceptions into a 500 before any outer middleware sees them)."""
    import sys

    from django.db import InterfaceError, OperationalError

    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        setattr(request, _LOST_MARK, True)


class RetryReadsOnLostConnectionMiddleware:
    """A read whose database connection dropped mid-request runs once more.

    ``CONN_HEALTH_CHECKS`` replaces a connection that died between requests; one
    that dies during a request (a database restart or failover, an operator's
    ``pg_terminate_backend``) answered 500, whether it died in the view or while
    the session and the user were loaded. A GET, HEAD or OPTIONS changes nothing,
    so the whole request (session, sign-in checks, view) runs again on a fresh
    connection, once; a write is never repeated (it may have committed). Placed
    before the session middleware, so the session and the user load again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from django.core.signals import got_request_exception

        got_request_exception.connect(_mark_lost_connection, dispatch_uid="duluan-lost-connection")
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 500
            and request.method in SAFE_METHODS
            and getattr(request, _LOST_MARK, False)
            and _drop_lost_connections()
        ):
            setattr(request, _LOST_MARK, False)
            response = self.get_response(request)  # once: a second loss stays a 500
        return response


def _back(request: HttpRequest) -> str:
    """Where a refused form goes back to: the page it was sent from, if on this site."""
    from django.utils.http import url_has_allowed_host_and_scheme

    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.get_full_path()


class ApplicationErrorMiddleware:
    """One error path for pages, as the API has one (``api/router.py``).

    A view lets a domain refusal (:class:`~duluan.core.errors.ApplicationError`)
    rise; here it becomes what a user should see: not found (the same page for
    missing and out of reach) for :class:`NotFoundError`, forbidden for
    :class:`PermissionDeniedError`; any other refusal of a form is shown as a
    message on the page the form was sent from, and of a read as an error page
    carrying the Vietnamese message with the error's status. The API's paths
    are left to the API.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.core.exceptions import PermissionDenied
        from django.core.handlers.exception import response_for_exception
        from django.http import Http404

        from .errors import ApplicationError, NotFoundError, PermissionDeniedError, refusal_text

        if not isinstance(exception, ApplicationError) or request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotFoundError):
            return response_for_exception(request, Http404(exception.message))
        if isinstance(exception, PermissionDeniedError):
            return response_for_exception(request, PermissionDenied(exception.message))
        text = refusal_text(exception)
        if request.method == "POST":
            messages.error(request, text)
            back = _back(request)
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = back
                return response
            from django.shortcuts import redirect

            return redirect(back)
        return render(request, "refused.html", {"message": text}, status=int(exception.status))
