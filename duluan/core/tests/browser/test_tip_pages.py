"""The anonymous tip page on a 390×844 phone, by keyboard alone: the tipster writes,
sends, gets the receipt code, comes back and reads the correction officers sent; no
page sets a cookie; axe-core finds nothing serious on the tip pages or on the
officers' pages that go with them (the tip pages' list, the correction preview)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from duluan.cases.services import matter_create_from_report
from duluan.cases.tests.helpers import verify_as_rumour
from duluan.channels.models import ChannelEndpoint, CorrectionDelivery
from duluan.conftest import OrgTree
from duluan.intake.models import Report

from .conftest import NewContext, PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]


def tab_to(page: Page, selector: str, limit: int = 30) -> None:
    """Press Tab until ``selector`` has focus; the honeypot is never a stop on the way."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        assert not page.evaluate("() => document.activeElement.closest('.tip-trap') !== null"), (
            "the honeypot took the focus"
        )
        page.keyboard.press("Tab")
    raise AssertionError(f"không tới được {selector} bằng phím Tab")


def check(page: Page, label: str, problems: list[str], *, phone: bool = True) -> None:
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations(f"{label} ({page.url})", violations))
    if phone:  # nothing wider than the phone's screen
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_tip_by_keyboard_on_a_phone_no_cookie_and_the_correction_comes_back(
    new_context: NewContext, page_as: PageAs, org_tree: OrgTree, settings: Any
) -> None:
    settings.CHANNELS = ["tip"]
    settings.TIP_MIN_FILL_SECONDS = 0
    ChannelEndpoint.objects.create(kind="tip", unit=org_tree.cs_a1, code="t01-a-1", replies=False)
    problems: list[str] = []
    context = new_context(mobile=True, axe=True)
    phone = context.new_page()
    # The live server's first request imports the views and warms WhiteNoise: give it time.
    phone.goto("/gop-y/t01-a-1/", timeout=60_000)
    expect(phone.get_by_role("heading", name="Góp ý ẩn danh")).to_be_visible()
    check(phone, "Trang góp ý", problems)

    # Sent empty: the error is announced and linked to the field.
    tab_to(phone, "button[type=submit]")
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("alert")).to_contain_text("Hãy viết điều bạn muốn góp ý.")
    expect(phone.locator("#tip-text")).to_have_attribute("aria-invalid", "true")
    check(phone, "Trang góp ý, có lỗi", problems)

    tab_to(phone, "#tip-text")
    phone.keyboard.type("Nghe nói công ty sắp giải thể, tháng này không trả lương.")
    tab_to(phone, "#tip-place")
    phone.keyboard.type("Xưởng may 2")
    tab_to(phone, "button[type=submit]")
    phone.keyboard.press("Enter")
    # Filing runs the text analytics in-process on the embedded default: seconds, once.
    expect(phone.get_by_role("heading", name="Đã nhận góp ý của bạn")).to_be_visible(timeout=60_000)
    code = phone.locator("#tip-code").inner_text()
    assert len(code) == 19
    check(phone, "Biên nhận", problems)

    # Officers group it, find it is a rumour, and send the correction.
    report = Report.objects.get()
    officer_user = org_tree.user("cs_a1")
    matter = matter_create_from_report(actor=officer_user, report=report)
    verify_as_rumour(
        officer_user,
        matter,
        rumour_claim="Công ty sắp giải thể",
        verified_facts="Công ty vẫn hoạt động, lương trả đúng hạn.",
    )
    desk = page_as(officer_user, axe=True)
    desk.goto("/kenh/gop-y/")
    expect(desk.get_by_role("heading", name="Trang góp ý ẩn danh")).to_be_visible()
    check(desk, "Các trang góp ý", problems, phone=False)
    desk.goto(f"/van-de/{matter.pk}/dinh-chinh/")
    check(desk, "Xem trước đính chính", problems, phone=False)
    desk.get_by_role("button", name="Gửi đính chính tới 1 người").click()
    sent = desk.get_by_text("Đã gửi đính chính tới 1 người qua Trang góp ý ẩn danh.")
    expect(sent).to_be_visible(timeout=30_000)
    assert CorrectionDelivery.objects.get().state == "da_gui"

    # The tipster comes back with the code, typed as people type it.
    phone.goto("/gop-y/tra-cuu/")
    check(phone, "Tra cứu", problems)
    tab_to(phone, "#tip-code-input")
    phone.keyboard.type(code.lower().replace("-", " "))
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", name="Góp ý của bạn")).to_be_visible()
    expect(phone.locator(".tip-answer").first).to_contain_text("đây là tin đồn")
    check(phone, "Trả lời của công đoàn", problems)
    tab_to(phone, "#tip-more")
    phone.keyboard.type("Bổ sung: tin này lan trong nhóm Zalo của xưởng.")
    tab_to(phone, "#add-title ~ form button[type=submit]")
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("status")).to_have_text("Đã gửi thông tin bổ sung.")
    check(phone, "Đã bổ sung", problems)

    assert context.cookies() == [], "the tip pages set no cookie"
    assert not problems, "\n" + "\n".join(problems)
