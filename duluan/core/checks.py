"""Start-up checks of hostile-input defences that a dependency change could undo."""

from __future__ import annotations

import os
import sys
from importlib.util import find_spec
from typing import Any

from django.core import checks


@checks.register(checks.Tags.security)
def openpyxl_uses_defusedxml(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if not openpyxl_defusedxml():
        return [
            checks.Error(
                "openpyxl is not using defusedxml: spreadsheet XML could expand entities.",
                hint="Install defusedxml in the same environment as openpyxl.",
                id="duluan.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def production_settings(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """``duluan check --deploy`` refuses what must never reach a province's server."""
    from django.conf import settings

    errors: list[checks.CheckMessage] = []

    def error(message: str, hint: str, code: int) -> None:
        errors.append(checks.Error(message, hint=hint, id=f"duluan.E{code:03d}"))

    if settings.DEBUG:
        error(
            "DULUAN_DEBUG is on: error pages would show settings and data.",
            "Set DULUAN_DEBUG=0 in production.",
            10,
        )
    if settings.DEMO_MODE:
        error(
            "DULUAN_DEMO_MODE is on: this is marked as a demo database.",
            "Unset DULUAN_DEMO_MODE in production.",
            11,
        )
    if settings.TWO_FACTOR_WAIVED:
        error(
            "Two-factor sign-in is waived (DULUAN_WAIVE_2FA with DULUAN_DEMO_MODE).",
            "Unset DULUAN_WAIVE_2FA: leaders, analysts and admins must use a second factor.",
            12,
        )
    if "sms" in settings.CHANNELS and not (
        settings.SMS_WEBHOOK_SECRET or settings.ESMS_PRIVATE_KEY
    ):
        error(
            "The SMS channel is on (DULUAN_CHANNELS) without any provider's secret: "
            "every SMS webhook is refused.",
            "Set DULUAN_SMS_WEBHOOK_SECRET (SMS Gateway for Android) or "
            "DULUAN_ESMS_PRIVATE_KEY (eSMS short code), or take sms out of DULUAN_CHANNELS.",
            17,
        )
    database = settings.DATABASES["default"]
    if "postgresql" in database["ENGINE"]:
        if not settings.BROKER_URL:
            error(
                "DULUAN_BROKER_URL is empty on PostgreSQL: every job runs inside the request.",
                "Set DULUAN_BROKER_URL=redis://127.0.0.1:6379/0 and run the Celery worker "
                "and beat (docs/operations.md).",
                13,
            )
        if not settings.CACHE_URL:
            error(
                "DULUAN_CACHE_URL is empty on PostgreSQL: each process keeps its own cache, "
                "so rate limits and sign-in throttling do not hold across workers.",
                "Set DULUAN_CACHE_URL=redis://127.0.0.1:6379/1.",
                14,
            )
        if database.get("CONN_MAX_AGE") == 0:
            error(
                "DULUAN_DATABASE_CONN_MAX_AGE is 0: a new PostgreSQL connection per request.",
                "Unset it (60 s by default on PostgreSQL) or set a number of seconds.",
                15,
            )
        if not database.get("CONN_HEALTH_CHECKS"):
            error(
                "CONN_HEALTH_CHECKS is off: a dropped PostgreSQL connection answers 500.",
                "Keep CONN_HEALTH_CHECKS = True in config/settings.py.",
                16,
            )
    return errors


def openpyxl_defusedxml() -> bool:
    """``openpyxl.xml.DEFUSEDXML``, without importing openpyxl (and the NumPy it
    brings) into every process that runs the checks: openpyxl's own rule is
    "defusedxml importable and OPENPYXL_DEFUSEDXML not turned off"."""
    loaded = sys.modules.get("openpyxl.xml")
    if loaded is not None:
        return bool(getattr(loaded, "DEFUSEDXML", False))
    return (
        find_spec("defusedxml") is not None
        and os.environ.get("OPENPYXL_DEFUSEDXML", "True") == "True"
    )
