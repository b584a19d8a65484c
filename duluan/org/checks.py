from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from duluan.core.env import env_bool


@checks.register(checks.Tags.security, deploy=True)
def two_factor_waiver_only_in_demo(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    if env_bool("WAIVE_2FA", False) and not settings.DEMO_MODE:
        return [
            checks.Error(
                "DULUAN_WAIVE_2FA is set outside demo mode; it is ignored, remove it.",
                id="duluan.E001",
            )
        ]
    return []
