"""Core's own pages: only the health endpoint."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import health_run


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache, broker and every registered check; 503 when a critical one fails.

    No sign-in, no session, no personal data: a load balancer and a monitor may
    call it every few seconds.
    """
    status, checks = health_run()
    return JsonResponse(
        {"status": status, "checks": checks},
        status=503 if status == "fail" else 200,
        json_dumps_params={"ensure_ascii": False},
    )
