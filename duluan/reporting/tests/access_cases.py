"""Periodic reporting's rows of the access matrix (see duluan/core/tests/matrix.py).

The world's unit ``cs_a1`` holds three reports: a draft, an approved one and a
submitted one. Its own staff see all three; its parent sees only the submitted
one; writes need the role at ``cs_a1`` itself (403 for those who only see).
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from duluan.core.tests.matrix import Case, Reach, World, holds, reaches
from duluan.org.choices import ROLE_PERMS
from duluan.reporting import permissions
from duluan.reporting.choices import ReportType, State
from duluan.reporting.models import PeriodicReport
from duluan.reporting.periods import Period


def at_own_unit(perm: str) -> Reach:
    return lambda role, relation: perm in ROLE_PERMS[role] and relation == "same"


def sees_but_not(perm: str, *, parent_sees: bool) -> Reach:
    """Sees the object (403 instead of 404) but lacks ``perm`` at its unit."""
    relations = {"same", "parent"} if parent_sees else {"same"}

    def reach(role: str, relation: str) -> bool:
        return (
            permissions.VIEW in ROLE_PERMS[role]
            and relation in relations
            and not at_own_unit(perm)(role, relation)
        )

    return reach


def build(world: World) -> None:
    unit = world.unit
    for state, code in (
        (State.DRAFT, "2025-03"),
        (State.APPROVED, "2025-04"),
        (State.SUBMITTED, "2025-05"),
    ):
        period = Period.parse(code)
        span = period.span()
        world.extra[f"periodic_{state}"] = PeriodicReport.objects.create(
            unit=unit,
            report_type=ReportType.MONTHLY,
            period=code,
            span_start=span.start,
            span_end=span.end,
            state=state,
            situation="Tình hình ổn định.",
            submitted_at=timezone.now() - timedelta(days=1) if state == State.SUBMITTED else None,
        )


def _pk(world: World, state: str) -> int:
    return int(world.extra[f"periodic_{state}"].pk)


def submitted_linked(world: World, text: str) -> bool:
    return f'href="/bao-cao-dinh-ky/{_pk(world, State.SUBMITTED)}/"' in text


def submitted_item(world: World, text: str) -> bool:
    return _pk(world, State.SUBMITTED) in [item["id"] for item in json.loads(text)["items"]]


VIEW = permissions.VIEW

PAGES: dict[str, Case] = {
    "reporting:period_list": Case(
        lambda w: reverse("reporting:period_list"),
        holds(VIEW),
        shows=(submitted_linked, reaches(VIEW)),
    ),
    "reporting:report_create": Case(
        lambda w: reverse("reporting:report_create"),
        at_own_unit(permissions.EDIT),
        method="POST",
        ok=302,
        body=lambda w, a: {"unit": w.unit.pk, "type": "monthly", "period": "2025-01"},
        forbidden=sees_but_not(permissions.EDIT, parent_sees=True),
    ),
    "reporting:compliance": Case(lambda w: reverse("reporting:compliance"), holds(VIEW)),
    "reporting:report_detail": Case(
        lambda w: reverse("reporting:report_detail", args=[_pk(w, State.SUBMITTED)]),
        reaches(VIEW),
    ),
    "reporting:report_approve": Case(
        lambda w: reverse("reporting:report_approve", args=[_pk(w, State.DRAFT)]),
        at_own_unit(permissions.APPROVE),
        method="POST",
        ok=302,
        forbidden=sees_but_not(permissions.APPROVE, parent_sees=False),
    ),
    "reporting:report_reopen": Case(
        lambda w: reverse("reporting:report_reopen", args=[_pk(w, State.APPROVED)]),
        at_own_unit(permissions.APPROVE),
        method="POST",
        ok=302,
        forbidden=sees_but_not(permissions.APPROVE, parent_sees=False),
    ),
    "reporting:report_submit": Case(
        lambda w: reverse("reporting:report_submit", args=[_pk(w, State.APPROVED)]),
        at_own_unit(permissions.SUBMIT),
        method="POST",
        ok=302,
        forbidden=sees_but_not(permissions.SUBMIT, parent_sees=False),
    ),
    "reporting:report_download": Case(
        lambda w: reverse("reporting:report_download", args=[_pk(w, State.SUBMITTED), "xlsx"]),
        reaches(VIEW),
    ),
    "reporting:report_build": Case(
        lambda w: reverse("reporting:report_build", args=[_pk(w, State.SUBMITTED), "docx"]),
        reaches(VIEW),
        method="POST",
        ok=302,
    ),
}

API: dict[tuple[str, str], Case] = {
    ("GET", "/api/periodic-reports"): Case(
        lambda w: "/api/periodic-reports?limit=200",
        lambda role, relation: True,
        shows=(submitted_item, reaches(VIEW)),
    ),
    ("POST", "/api/periodic-reports"): Case(
        lambda w: "/api/periodic-reports",
        at_own_unit(permissions.EDIT),
        method="POST",
        ok=201,
        body=lambda w, a: {"unit_id": w.unit.pk, "report_type": "monthly", "period": "2025-02"},
        forbidden=sees_but_not(permissions.EDIT, parent_sees=True),
    ),
    ("GET", "/api/periodic-reports/{report_id}"): Case(
        lambda w: f"/api/periodic-reports/{_pk(w, State.SUBMITTED)}", reaches(VIEW)
    ),
    ("PATCH", "/api/periodic-reports/{report_id}"): Case(
        lambda w: f"/api/periodic-reports/{_pk(w, State.DRAFT)}",
        at_own_unit(permissions.EDIT),
        method="PATCH",
        body=lambda w, a: {"forecast": "Tâm trạng ổn định trong tháng tới."},
        forbidden=sees_but_not(permissions.EDIT, parent_sees=False),
    ),
    ("POST", "/api/periodic-reports/{report_id}/approve"): Case(
        lambda w: f"/api/periodic-reports/{_pk(w, State.DRAFT)}/approve",
        at_own_unit(permissions.APPROVE),
        method="POST",
        forbidden=sees_but_not(permissions.APPROVE, parent_sees=False),
    ),
    ("POST", "/api/periodic-reports/{report_id}/submit"): Case(
        lambda w: f"/api/periodic-reports/{_pk(w, State.APPROVED)}/submit",
        at_own_unit(permissions.SUBMIT),
        method="POST",
        forbidden=sees_but_not(permissions.SUBMIT, parent_sees=False),
    ),
    ("GET", "/api/periodic-reports/{report_id}/document"): Case(
        lambda w: f"/api/periodic-reports/{_pk(w, State.SUBMITTED)}/document?format=xlsx",
        reaches(VIEW),
    ),
    ("GET", "/api/reporting/compliance"): Case(
        lambda w: f"/api/reporting/compliance?unit={w.unit.pk}", reaches(VIEW)
    ),
}
