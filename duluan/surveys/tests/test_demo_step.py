"""The demo step on a small tree: a finished survey with thousands of answers, an open one,
a poll; the results compute and the wipe removes them."""

from __future__ import annotations

from datetime import date

import pytest

from duluan.org.demo_context import DemoContext
from duluan.surveys import results
from duluan.surveys.demo_steps import LIVING_TITLE, surveys_demo, surveys_wipe
from duluan.surveys.models import Response, Survey

pytestmark = pytest.mark.django_db


def test_demo_surveys_have_results_and_can_be_wiped(org_tree) -> None:
    officer = org_tree.user("province")
    ctx = DemoContext(root=org_tree.province, units={}, users={officer.username: officer},
                      today=date(2026, 11, 23), seed=7, progress=lambda _m: None)  # fmt: skip
    counts = surveys_demo(ctx)
    assert counts["surveys"] == 3 and counts["responses"] > 3000
    finished = Survey.objects.get(title=LIVING_TITLE)
    assert not finished.is_open() and finished.responses.count() == 3200
    outcome = results.results_compute(finished)
    assert not outcome.hidden
    mood = next(r for r in outcome.questions if r.question.name == "tam_trang")
    assert mood.likert is not None and 1 <= mood.likert["mean"].value <= 5
    assert Survey.objects.filter(kind="poll").get().responses.count() == 260
    surveys_wipe(org_tree.province)
    assert not Survey.objects.exists() and not Response.objects.exists()
