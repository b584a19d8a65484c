"""The dashboard's rows of the access matrix (``duluan/core/tests/matrix.py``).

The page and the exports of the owner's subtree (``?unit=`` cs_a1): whoever
reads reports there (same unit, parent) gets 200, everyone else 404. The API
likewise. ``home`` stays in the core table.
"""

from __future__ import annotations

from django.urls import reverse

from duluan.core.tests.matrix import Case, reaches
from duluan.org.choices import Perm

PAGES = {
    "dashboard:briefing": Case(
        lambda w: f"{reverse('dashboard:briefing')}?unit={w.unit.pk}", reaches(Perm.REPORT_VIEW)
    ),
    "dashboard:index": Case(
        lambda w: f"{reverse('dashboard:index')}?unit={w.unit.pk}", reaches(Perm.REPORT_VIEW)
    ),
    "dashboard:panels": Case(
        lambda w: f"{reverse('dashboard:panels')}?unit={w.unit.pk}", reaches(Perm.REPORT_VIEW)
    ),
    "dashboard:export": Case(
        lambda w: f"{reverse('dashboard:export', args=['csv'])}?unit={w.unit.pk}",
        reaches(Perm.REPORT_VIEW),
    ),
}

API = {
    ("GET", "/api/dashboard"): Case(
        lambda w: f"/api/dashboard?unit={w.unit.pk}", reaches(Perm.REPORT_VIEW)
    ),
}
