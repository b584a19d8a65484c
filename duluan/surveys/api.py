"""JSON API of the surveys app (mounted under /api/ by duluan.api.router).

Results come from :mod:`duluan.surveys.results`, under the same anonymity rules as
the pages: a hidden cell has ``count`` and ``share`` null.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from duluan.core.api_schemas import AUTH_ERRORS, ErrorOut, PageIn, paginate
from duluan.org.api import UnitRef

from . import results, selectors

router = Router(tags=["surveys"])


class SurveyOut(Schema):
    id: int
    title: str
    kind: str
    unit: UnitRef
    opens_at: datetime | None
    closes_at: datetime | None
    anonymous: bool
    response_count: int


class SurveyPage(Schema):
    items: list[SurveyOut]
    count: int


class EstimateOut(Schema):
    value: float
    se: float
    low: float
    high: float
    n: int


class CellOut(Schema):
    name: str
    label: str
    count: int | None
    share: EstimateOut | None


class QuestionOut(Schema):
    name: str
    label: str
    type: str
    n: int
    cells: list[CellOut]
    mean: EstimateOut | None


class ResultsOut(Schema):
    survey_id: int
    n: int
    hidden: bool
    min_cell: int
    questions: list[QuestionOut]


def _estimate(est: Any) -> dict[str, Any] | None:
    if est is None:
        return None
    return {"value": est.value, "se": est.se, "low": est.low, "high": est.high, "n": est.n}


@router.get("/surveys", response={200: SurveyPage, **AUTH_ERRORS})
def list_surveys(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Khảo sát, thăm dò của các đơn vị trong phạm vi xem của bạn."""
    return paginate(selectors.survey_list(request.user), page)


@router.get(
    "/surveys/{survey_id}/results", response={200: ResultsOut, 404: ErrorOut, **AUTH_ERRORS}
)
def survey_results(request: HttpRequest, survey_id: int) -> dict[str, Any]:
    """Kết quả gia quyền (khoảng tin cậy 95 %); nhóm, ô dưới ngưỡng ẩn danh là null."""
    survey = selectors.access_survey(request.user, survey_id)
    outcome = results.results_compute(survey)
    return {
        "survey_id": survey.pk,
        "n": outcome.n,
        "hidden": outcome.hidden,
        "min_cell": outcome.k,
        "questions": [
            {
                "name": r.question.name,
                "label": r.question.label,
                "type": r.question.type,
                "n": r.n,
                "cells": [
                    {
                        "name": c.name,
                        "label": c.label,
                        "count": c.count,
                        "share": _estimate(c.share),
                    }
                    for c in r.cells
                ],
                "mean": _estimate(r.mean),
            }
            for r in outcome.questions
        ],
    }
