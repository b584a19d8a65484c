from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"DEMO_MODE": settings.DEMO_MODE, "SITE_NAME": "duluan"}
