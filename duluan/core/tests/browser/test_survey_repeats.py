"""The results page of a form with repeats: a section per repeat, its charts drawn, and
no serious axe-core violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from duluan.conftest import OrgTree
from duluan.surveys import services
from duluan.surveys.tests.support import make_survey
from duluan.surveys.tests.test_repeats import HOUSEHOLDS, TWO_HOUSEHOLDS, instance_xml

from .conftest import PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]


def test_repeat_counts_are_drawn_and_accessible(page_as: PageAs, org_tree: OrgTree) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a, HOUSEHOLDS)
    for _ in range(6):
        services.instance_submit(
            survey=survey,
            unit=org_tree.cs_a1,
            content=instance_xml(survey, TWO_HOUSEHOLDS),
            source="odk",
        )
    page = page_as(officer, axe=True)
    page.goto(f"/khao-sat/{survey.pk}/ket-qua/", timeout=60_000)
    expect(page.get_by_role("heading", name="Nhóm lặp: Thành viên")).to_be_visible()
    expect(page.get_by_text("18 dòng từ 6 phiếu").first).to_be_visible()
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[id^=chart-r]')]"
        ".map(c => Boolean(window.Chart && Chart.getChart(c)))"
    )
    assert drawn and all(drawn)
    violations = axe_violations(page)
    assert not violations, describe_violations("kết quả có nhóm lặp", violations)
