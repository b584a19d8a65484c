"""Access-matrix rows of the nlp app's pages and API operations."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from duluan.core.tests.matrix import Actor, Case, Reach, World, holds, reaches
from duluan.nlp.permissions import CORRECT, RETRAIN, VIEW_ISSUES, VIEW_MODELS
from duluan.org.choices import Perm


def may_correct(role: str, relation: str) -> bool:
    return reaches(Perm.REPORT_VIEW)(role, relation) and holds(CORRECT)(role, relation)


def correction_form(world: World, actor: Actor) -> dict[str, Any]:
    return {"sentiment": "tieu_cuc", "kind": "khieu_nai"}


def label_form(world: World, actor: Actor) -> dict[str, Any]:
    prefix = f"r{world.report.pk}-"
    return {
        prefix + "main_topic": "tien_luong",
        prefix + "sentiment": "tieu_cuc",
        prefix + "kind": "khieu_nai",
        prefix + "urgency": "can_chu_y",
    }


def correction_json(world: World, actor: Actor) -> dict[str, Any]:
    return {"sentiment": "tieu_cuc"}


def texts(world: World, actor: Actor) -> dict[str, Any]:
    return {"texts": ["Công ty nợ lương hai tháng"]}


CORRECTOR: Reach = may_correct

PAGES: dict[str, Case] = {
    "nlp:issues": Case(lambda w: reverse("nlp:issues"), holds(VIEW_ISSUES)),
    "nlp:models": Case(lambda w: reverse("nlp:models"), holds(VIEW_MODELS)),
    "nlp:retrain": Case(lambda w: reverse("nlp:retrain"), holds(RETRAIN), method="POST", ok=302),
    "nlp:label_queue": Case(lambda w: reverse("nlp:label_queue"), holds(CORRECT)),
    "nlp:label_save": Case(
        lambda w: reverse("nlp:label_save", args=[w.report.pk]),
        CORRECTOR,
        method="POST",
        ok=302,
        body=label_form,
    ),
    "nlp:report_correct": Case(
        lambda w: reverse("nlp:report_correct", args=[w.report.pk]),
        CORRECTOR,
        method="POST",
        ok=302,
        body=correction_form,
    ),
}

API: dict[tuple[str, str], Case] = {
    ("GET", "/api/nlp/topics"): Case(lambda w: "/api/nlp/topics", lambda r, rel: True),
    ("GET", "/api/nlp/reports/{report_id}/analysis"): Case(
        lambda w: f"/api/nlp/reports/{w.report.pk}/analysis", reaches(Perm.REPORT_VIEW)
    ),
    ("POST", "/api/nlp/reports/{report_id}/corrections"): Case(
        lambda w: f"/api/nlp/reports/{w.report.pk}/corrections",
        CORRECTOR,
        method="POST",
        ok=201,
        body=correction_json,
    ),
    ("GET", "/api/nlp/models"): Case(lambda w: "/api/nlp/models", holds(VIEW_MODELS)),
    ("POST", "/api/nlp/models/retrain"): Case(
        lambda w: "/api/nlp/models/retrain", holds(RETRAIN), method="POST", ok=202
    ),
    ("GET", "/api/nlp/issues"): Case(lambda w: "/api/nlp/issues", holds(VIEW_ISSUES)),
    ("GET", "/api/nlp/spikes"): Case(lambda w: "/api/nlp/spikes", holds(VIEW_ISSUES)),
    ("POST", "/api/nlp/analyse"): Case(
        lambda w: "/api/nlp/analyse", holds(Perm.REPORT_VIEW), method="POST", body=texts
    ),
}


def build(world: World) -> None:
    """The world's report is written inside a transaction that never commits, so the
    on-commit analysis does not run: analyse it here."""
    from duluan.nlp.services.analysis import reports_analyse

    reports_analyse([world.report.pk])
