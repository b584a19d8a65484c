"""A member opens a unit's link on a 390×844 phone: skip logic and constraints react as
they answer, the half-filled form survives a reload, they submit; an officer sees the
unit's response count change."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from duluan.conftest import OrgTree
from duluan.surveys.models import Response
from duluan.surveys.tests.support import make_survey

from .conftest import NewContext, PageAs
from .support import (
    axe_violations,
    describe_violations,
    needs_axe,
    needs_chromium,
)

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]


def test_member_answers_on_a_phone_and_the_officer_sees_the_rate(
    new_context: NewContext,
    page_as: PageAs,
    org_tree: OrgTree,
) -> None:
    officer = org_tree.user("upper_a")
    survey = make_survey(officer, org_tree.upper_a)
    desk = page_as(officer)
    # The live server's first request imports the views and warms WhiteNoise: give it time.
    desk.goto(f"/khao-sat/{survey.pk}/", timeout=60_000)
    row = desk.locator(f'tr[data-unit="{org_tree.cs_a1.pk}"] .rate-count')
    expect(row).to_have_text("0")

    phone = new_context(mobile=True, axe=True).new_page()
    phone.goto(f"/ks/{survey.public_key}/{org_tree.cs_a1.pk}/")
    expect(phone.get_by_role("heading", name="Đời sống đoàn viên")).to_be_visible()
    children = phone.locator("#q-so_con")
    expect(children).to_be_hidden()
    phone.get_by_label("Có", exact=True).check()
    expect(children).to_be_visible()
    phone.get_by_label("Số con dưới 6 tuổi").fill("40")
    phone.get_by_label("Số con dưới 6 tuổi").blur()
    phone.get_by_label("Thu nhập tháng (triệu đồng)").fill("8.5")
    phone.get_by_label("Thu nhập tháng (triệu đồng)").dispatch_event("change")
    # The constraint and its message, shown as one answers, before any round trip.
    phone.get_by_role("button", name="Gửi câu trả lời").click()
    expect(phone.locator("#err-so_con")).to_have_text("Từ 1 đến 10 con")
    assert Response.objects.count() == 0
    phone.get_by_label("Không", exact=True).check()
    expect(children).to_be_hidden()
    phone.get_by_label("Có", exact=True).check()
    phone.get_by_label("Số con dưới 6 tuổi").fill("2")
    phone.get_by_label("Hài lòng", exact=True).check()
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    violations = axe_violations(phone)
    assert not violations, describe_violations("phiếu khảo sát", violations)

    # A dropped connection: the page reloads, the answers come back from this phone.
    phone.reload()
    expect(phone.get_by_label("Số con dưới 6 tuổi")).to_have_value("2")
    expect(phone.get_by_role("status").first).to_contain_text("khôi phục")

    phone.get_by_role("button", name="Gửi câu trả lời").click()
    expect(phone.get_by_role("heading", name="Cảm ơn bạn!")).to_be_visible()
    response = Response.objects.get()
    assert response.data["so_con"] == "2" and response.data["luong_nam"] == "102"

    desk.reload()
    expect(desk.locator(f'tr[data-unit="{org_tree.cs_a1.pk}"] .rate-count')).to_have_text("1")
