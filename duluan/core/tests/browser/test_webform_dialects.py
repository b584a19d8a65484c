"""SurveyCTO's and CHT's functions, rewritten at import (surveys/dialects.py), computed
by ODK's web engine on a phone: a choice's label, seconds since opening, whole months."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from duluan.conftest import OrgTree
from duluan.surveys.tests.support import make_survey

from .conftest import NewContext
from .support import needs_chromium
from .test_webform import needs_bundle, open_form

pytestmark = [pytest.mark.browser, needs_chromium, needs_bundle]

FORM = {
    "survey": [
        {"type": "start", "name": "bat_dau"},
        {"type": "select_one don_vi", "name": "dv", "label": "Đơn vị"},
        {"type": "calculate", "name": "ten", "calculation": "choice-label(${dv}, ${dv})"},
        {"type": "calculate", "name": "giay", "calculation": "duration()"},
        {
            "type": "calculate",
            "name": "thang",
            "calculation": "difference-in-months('2014-10-02', '2015-10-01')",
        },
        {
            "type": "calculate",
            "name": "thang_cuoi",
            "calculation": "difference-in-months('2015-09-01', '2015-10-01')",
        },
        {"type": "note", "name": "n1", "label": "Tên đơn vị: ${ten}."},
        {"type": "note", "name": "n2", "label": "Số giây: ${giay}."},
        {"type": "note", "name": "n3", "label": "Số tháng: ${thang} và ${thang_cuoi}."},
    ],
    "choices": [
        {"list_name": "don_vi", "name": "kg", "label": "Ki-lô-gam"},
        {"list_name": "don_vi", "name": "l", "label": "Lít"},
    ],
}


def test_rewritten_functions_compute_in_the_web_engine(
    new_context: NewContext, org_tree: OrgTree
) -> None:
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, FORM)
    version = survey.current_version
    assert version is not None
    assert version.web_ready, version.web_blockers
    page = new_context(mobile=True).new_page()
    open_form(page, f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
    expect(page.locator(".form-load-failure-dialog")).to_have_count(0)
    expect(page.get_by_text("Số tháng: 11 và 1.")).to_be_visible()
    page.get_by_label("Lít", exact=True).check()
    expect(page.get_by_text("Tên đơn vị: Lít.")).to_be_visible()
    page.get_by_label("Ki-lô-gam", exact=True).check()
    expect(page.get_by_text("Tên đơn vị: Ki-lô-gam.")).to_be_visible()
    # Seconds since the page opened the form: a whole number, a few at most.
    shown = page.get_by_text(re.compile(r"^Số giây: .*\.$")).inner_text()
    seconds = re.fullmatch(r"Số giây: (-?\d+)\.", shown)
    assert seconds is not None, shown
    assert 0 <= int(seconds.group(1)) < 120, shown


AGE_FORM = {
    "survey": [
        {"type": "start", "name": "bat_dau"},
        {"type": "date", "name": "sinh", "label": "Ngày sinh", "default": "2000-01-15"},
        {
            "type": "calculate",
            "name": "tuoi",
            "calculation": "int((decimal-date-time(today()) - decimal-date-time(${sinh}))"
            " div 365.25)",
        },
        {
            "type": "calculate",
            "name": "giay",
            "calculation": "round((decimal-date-time(now()) - decimal-date-time(${bat_dau}))"
            " * 86400)",
        },
        {"type": "note", "name": "n1", "label": "Tuổi: ${tuoi}."},
        {"type": "note", "name": "n2", "label": "Mở được: ${giay} giây."},
    ],
}


def test_decimal_date_time_of_today_now_and_dates_computes_in_the_web_engine(
    new_context: NewContext, org_tree: OrgTree
) -> None:
    """The usual age formula: the engine stops loading it as written; the import's
    ``string()`` around each date lets it open and compute the same number."""
    survey = make_survey(org_tree.user("upper_a"), org_tree.upper_a, AGE_FORM)
    version = survey.current_version
    assert version is not None
    assert version.web_ready, version.web_blockers
    page = new_context(mobile=True).new_page()
    open_form(page, f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
    expect(page.locator(".form-load-failure-dialog")).to_have_count(0)
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    age = int((today - date(2000, 1, 15)).days / 365.25)
    expect(page.get_by_text(f"Tuổi: {age}.")).to_be_visible()
    shown = page.get_by_text(re.compile(r"^Mở được: .* giây\.$")).inner_text()
    seconds = re.fullmatch(r"Mở được: (-?\d+) giây\.", shown)
    assert seconds is not None, shown
    assert 0 <= int(seconds.group(1)) < 120, shown
