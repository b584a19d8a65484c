from __future__ import annotations

from typing import NamedTuple

from django.http import HttpRequest

from duluan.core.extensions import NAV

from .choices import Perm
from .scope import has_perm


class NavLink(NamedTuple):
    label: str
    url_name: str
    badge: int


def nav(request: HttpRequest) -> dict[str, object]:
    """What the navigation may offer this account (links to pages it can open)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": {}, "nav_links": []}
    return {
        "nav": {
            "can_view_reports": has_perm(user, Perm.REPORT_VIEW),
            "can_import": has_perm(user, Perm.REPORT_IMPORT),
        },
        "nav_links": [
            NavLink(e.label, e.url_name, e.badge(user) if e.badge else 0)
            for e in NAV
            if e.perm is None or has_perm(user, e.perm)
        ],
    }
