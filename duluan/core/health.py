"""Health checks for ``/healthz``: a registry any app fills in its ``AppConfig.ready()``.

Core registers the database, the cache and (when a broker is configured) the
broker. Another app adds its own without core importing it::

    from duluan.core.health import HealthResult, register_health_check

    def oldest_job() -> HealthResult:
        return HealthResult(ok=age < 600, detail={"age_s": age})

    register_health_check("jobs", oldest_job, critical=False)

A critical check that fails turns the answer into 503 ("fail"); a non-critical
one only into "degraded" (still 200, so a load balancer keeps the node). A
check must be cheap and must never put personal data in its detail.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_S = 1.0


@dataclass(frozen=True)
class HealthResult:
    """One check's outcome; ``detail`` is merged into the JSON (numbers, short words)."""

    ok: bool
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Check:
    fn: Callable[[], HealthResult]
    critical: bool


_REGISTRY: dict[str, _Check] = {}


def register_health_check(
    name: str, fn: Callable[[], HealthResult], *, critical: bool = True
) -> None:
    """Add (or replace: ``ready()`` may run twice) the check called ``name``."""
    _REGISTRY[name] = _Check(fn=fn, critical=critical)


def unregister_health_check(name: str) -> None:
    _REGISTRY.pop(name, None)


def health_run() -> tuple[str, dict[str, dict[str, Any]]]:
    """Run every check: ``("ok"|"degraded"|"fail", {name: {"ok", "ms", ...}})``.

    A check that raises counts as failed; the exception's class name is shown,
    never its message (it may hold a connection string).
    """
    results: dict[str, dict[str, Any]] = {}
    status = "ok"
    for name, check in list(_REGISTRY.items()):
        started = time.perf_counter()
        try:
            outcome = check.fn()
            ok, detail = bool(outcome.ok), dict(outcome.detail)
        except Exception as exc:
            logger.warning("health check %s failed", name, exc_info=True)
            ok, detail = False, {"error": type(exc).__name__}
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        results[name] = {"ok": ok, "ms": elapsed, "critical": check.critical, **detail}
        if not ok:
            status = "fail" if check.critical else ("degraded" if status == "ok" else status)
    return status, results


# ── the checks core owns ─────────────────────────────────────────────────────
def check_database() -> HealthResult:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    return HealthResult(ok=row is not None and row[0] == 1)


def check_cache() -> HealthResult:
    from django.core.cache import cache

    key = f"duluan:healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return HealthResult(ok=ok)


def check_broker() -> HealthResult:
    """One connection to the broker with a one-second timeout, one attempt."""
    from kombu.connection import Connection

    with Connection(
        settings.BROKER_URL,
        connect_timeout=BROKER_TIMEOUT_S,
        transport_options={"socket_timeout": BROKER_TIMEOUT_S, "max_retries": 0},
    ) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=1)
    return HealthResult(ok=True)


def check_files() -> HealthResult:
    """Uploads can be stored (the media folder, or the S3 bucket); no path in the answer."""
    from .files import files_health

    return HealthResult(ok=files_health() is None)


def register_core_checks() -> None:
    register_health_check("database", check_database)
    register_health_check("cache", check_cache)
    register_health_check("files", check_files, critical=False)
    if settings.BROKER_URL:
        # Not critical: with the broker down, pages still work and jobs wait (or
        # run later); pulling every web node out of the balancer would be worse.
        register_health_check("broker", check_broker, critical=False)
