"""The report filters and the unit tree: HTMX in the browser, plain GET without JavaScript."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from duluan.conftest import OrgTree

from .conftest import NewContext, PageAs
from .support import needs_chromium, report_make, sign_in

pytestmark = [pytest.mark.browser, needs_chromium]

HOT = "Công nhân ngừng việc tập thể vì nợ lương"
CALM = "Giáo viên hỏi lịch nghỉ hè"


@pytest.fixture
def two_reports(org_tree: OrgTree) -> None:
    officer = org_tree.user("upper_a")
    report_make(officer, org_tree.cs_a1, subject=HOT, urgency="diem_nong")
    report_make(officer, org_tree.cs_a2, subject=CALM, kind="cau_hoi", mood="trung_lap")


def rows(page: Page) -> list[str]:
    return page.locator("#report-rows tbody td[data-label='Tiêu đề']").all_inner_texts()


@pytest.mark.usefixtures("two_reports")
def test_filters_swap_the_rows_in_place_and_push_the_url(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    page = page_as(org_tree.user("upper_a"))
    page.goto("/phan-anh/")
    assert sorted(rows(page)) == sorted([HOT, CALM])
    page.evaluate("() => { window.__samePage = true; }")

    page.get_by_label("Mức độ").select_option(label="Điểm nóng")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as sent:
        page.get_by_role("button", name="Lọc").click()
    assert "urgency=diem_nong" in sent.value.url
    # Blank filters stay out of the pushed address.
    expect(page).to_have_url(re.compile(r"/phan-anh/\?urgency=diem_nong$"))
    expect(page.locator("#report-rows tbody tr")).to_have_count(1)
    assert rows(page) == [HOT]
    # Swapped in place: same document, the form and heading were not sent again.
    assert page.evaluate("() => window.__samePage") is True
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.locator("#report-rows-status")).to_have_text("Đã lọc: 1 phản ánh")

    page.get_by_label("Mức độ").select_option("")
    page.get_by_label("Tìm trong nội dung").fill("LICH NGHI HE")  # no diacritics, upper case
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"/phan-anh/\?q=LICH(\+|%20)NGHI(\+|%20)HE$"))
    expect(page.locator("#report-rows tbody tr")).to_have_count(1)
    assert rows(page) == [CALM]

    # The pushed address, opened afresh, renders the whole page with the filter applied.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phản ánh của đơn vị")
    expect(page.get_by_label("Tìm trong nội dung")).to_have_value("LICH NGHI HE")
    assert rows(page) == [CALM]


@pytest.mark.usefixtures("two_reports")
def test_back_button_after_lost_history_cache_reloads_the_whole_page(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    page = page_as(org_tree.user("upper_a"))
    page.goto("/phan-anh/")
    page.get_by_label("Mức độ").select_option("diem_nong")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"urgency=diem_nong"))
    page.get_by_label("Mức độ").select_option("binh_thuong")
    page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"urgency=binh_thuong"))

    # htmx keeps up to ten snapshots in sessionStorage. Without one it used to
    # fetch the address with HX-Request and paint the bare rows as the whole
    # page; now it reloads the page (refreshOnHistoryMiss in base.html).
    page.evaluate(
        "() => { sessionStorage.removeItem('htmx-history-cache'); window.__beforeBack = true; }"
    )
    page.go_back()
    page.wait_for_function("() => window.__beforeBack === undefined")
    expect(page).to_have_url(re.compile(r"urgency=diem_nong"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Phản ánh của đơn vị")
    expect(page.get_by_role("button", name="Lọc")).to_be_visible()
    expect(page.get_by_label("Mức độ")).to_have_value("diem_nong")
    assert rows(page) == [HOT]


@pytest.mark.usefixtures("two_reports")
def test_filters_work_without_javascript(
    new_context: NewContext, live_server: Any, org_tree: OrgTree
) -> None:
    context = new_context(java_script_enabled=False)
    sign_in(context, org_tree.user("upper_a"), live_server.url)
    page = context.new_page()
    page.goto("/phan-anh/")
    page.get_by_label("Mức độ").select_option("diem_nong")
    with page.expect_navigation():
        page.get_by_role("button", name="Lọc").click()
    expect(page).to_have_url(re.compile(r"/phan-anh/\?.*urgency=diem_nong"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Phản ánh của đơn vị")
    assert rows(page) == [HOT]


def test_tree_expands_children_on_demand(page_as: PageAs, org_tree: OrgTree) -> None:
    page = page_as(org_tree.user("province"))
    page.goto("/don-vi/")
    tree = page.locator(".tree")
    expect(tree.get_by_role("link", name=org_tree.province.display_name)).to_be_visible()
    expect(tree.get_by_role("link", name=org_tree.upper_a.display_name)).to_have_count(0)

    with page.expect_response(re.compile(rf"/don-vi/{org_tree.province.pk}/con/$")):
        tree.locator("summary").first.click()
    expect(tree.get_by_role("link", name=org_tree.upper_a.display_name)).to_be_visible()
    expect(tree.get_by_role("link", name=org_tree.upper_b.display_name)).to_be_visible()

    # One level further, by keyboard: the summary is a real control.
    tree.locator("summary", has_text=f"của {org_tree.upper_a.display_name}").focus()
    page.keyboard.press("Enter")
    expect(tree.get_by_role("link", name=org_tree.cs_a1.display_name)).to_be_visible()
    expect(tree.get_by_role("link", name=org_tree.cs_a2.display_name)).to_be_visible()
    expect(tree.get_by_role("link", name=org_tree.cs_b1.display_name)).to_have_count(0)

    # Closing and opening again does not ask the server twice ("toggle once").
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    tree.locator("summary").first.click()
    tree.locator("summary").first.click()
    expect(tree.get_by_role("link", name=org_tree.upper_a.display_name)).to_be_visible()
    assert not [u for u in requests if "/con/" in u]
