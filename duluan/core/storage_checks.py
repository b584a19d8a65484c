"""Deployment checks of the file storage (``duluan check --deploy``)."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

from .env import PREFIX
from .storage import FILESYSTEM, S3

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@checks.register(checks.Tags.security, deploy=True)
def storage_deploy_checks(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if getattr(settings, "STORAGE_BACKEND", FILESYSTEM) != S3:
        return []
    found: list[checks.CheckMessage] = []
    for name in ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"):
        if os.environ.get(PREFIX + name) and not os.environ.get(PREFIX + name + "_FILE"):
            found.append(
                checks.Warning(
                    f"{PREFIX}{name} is given in the environment itself.",
                    hint=f"Put it in a file readable only by duluan and set {PREFIX}{name}_FILE.",
                    id="duluan.W160",
                )
            )
    options = settings.STORAGES["default"].get("OPTIONS", {})
    endpoint = urlsplit(options.get("endpoint_url") or "")
    if endpoint.scheme == "http" and endpoint.hostname not in _LOOPBACK:
        found.append(
            checks.Warning(
                f"{PREFIX}S3_ENDPOINT_URL uses plain http to {endpoint.hostname}: "
                "attachments and the bucket's keys cross the network unencrypted.",
                hint="Serve MinIO over TLS (https://) or keep it on loopback.",
                id="duluan.W161",
            )
        )
    return found
