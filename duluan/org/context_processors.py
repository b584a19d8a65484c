from __future__ import annotations

from django.http import HttpRequest

from .choices import Perm
from .scope import has_perm


def nav(request: HttpRequest) -> dict[str, object]:
    """What the navigation may offer this account (links to pages it can open)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}}
    return {
        "nav": {
            "can_view_reports": has_perm(user, Perm.REPORT_VIEW),
            "can_import": has_perm(user, Perm.REPORT_IMPORT),
        }
    }
