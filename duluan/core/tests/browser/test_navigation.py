"""Navigation by role, on a desktop (1280×800: a sidebar) and a phone (390×844: a menu
button): each role sees only its sections, the menu opens and closes by keyboard, the
current page is marked, axe-core finds nothing serious; each role's first screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from duluan.cases.services import matter_create_from_report
from duluan.conftest import OrgTree
from duluan.org.choices import Role

from .conftest import NewContext, PageAs
from .support import (
    axe_violations,
    describe_violations,
    needs_axe,
    needs_chromium,
    report_make,
    sign_in,
)

pytestmark = [pytest.mark.browser, needs_chromium]

WORK = ["Tiếp nhận", "Xử lý", "Báo cáo", "Khảo sát", "Mạng lưới"]
# role: (its sections, a link it has, a link it must not have: only what the role uses)
ROLES: dict[str, tuple[list[str], str, str]] = {
    Role.COLLABORATOR: (["Tiếp nhận", "Mạng lưới"], "Phản ánh của tôi", "Vấn đề"),
    Role.OFFICER: (WORK, "Nhập bảng tính", "Mô hình phân tích"),
    Role.LEADER: (WORK, "Định hướng", "Gán nhãn"),
    Role.ANALYST: ([*WORK, "Quản trị"], "Bảng điều khiển", "Vấn đề"),
    Role.ADMIN: (["Báo cáo", "Mạng lưới", "Quản trị"], "Cây tổ chức", "Nhập bảng tính"),
}


def open_menu(page: Page, *, mobile: bool) -> None:
    """On a phone: the menu button by keyboard (focus, Enter); on a desktop: nothing to do."""
    button = page.get_by_role("button", name="Danh mục")
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    if not mobile:
        expect(button).to_be_hidden()
        expect(nav).to_be_visible()
        return
    expect(nav).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    # The page's own requests (the briefing's HTMX panels) settle first: under a loaded
    # CI machine a swap landing after the key press left the menu closed once.
    page.wait_for_load_state("networkidle")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link").first).to_be_focused()


@needs_axe
@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_sees_only_its_sections(
    page_as: PageAs, org_tree: OrgTree, role: str, mobile: bool
) -> None:
    sections, has, has_not = ROLES[role]
    page = page_as(org_tree.user("upper_a", role), mobile=mobile, axe=True)
    page.goto("/")
    open_menu(page, mobile=mobile)
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    assert nav.get_by_role("heading").all_text_contents() == sections
    expect(nav.get_by_role("link", name=has, exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name=has_not, exact=True)).to_have_count(0)
    expect(nav.get_by_role("link", name="Trang chủ")).to_have_attribute("aria-current", "page")
    # The name and the sign-out button stay in the top bar, whatever the width.
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, "\n" + describe_violations(f"{role} ({page.url})", violations)
    # Follow a link: the new page is marked as the current one, and passes axe too.
    nav.get_by_role("link", name=has, exact=True).click()
    open_menu(page, mobile=mobile)
    current = page.get_by_role("navigation", name="Điều hướng chính").locator("[aria-current=page]")
    expect(current).to_have_count(1)
    expect(current).to_contain_text(has)
    violations = axe_violations(page)
    assert not violations, "\n" + describe_violations(f"{role} ({page.url})", violations)


def test_phone_menu_closes_with_escape_and_gives_focus_back(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    page = page_as(org_tree.user("cs_a1"), mobile=True)
    page.goto("/phan-anh/cua-toi/")
    open_menu(page, mobile=True)
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    button = page.get_by_role("button", name="Danh mục")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_be_hidden()
    # The page's own heading starts near the top: the top bar is slim.
    box = page.get_by_role("heading", level=1).bounding_box()
    assert box is not None and box["y"] < 160, box


def test_without_scripts_the_phone_shows_the_navigation(
    new_context: NewContext, live_server: Any, org_tree: OrgTree
) -> None:
    context = new_context(mobile=True, java_script_enabled=False)
    sign_in(context, org_tree.user("cs_a1"), live_server.url)
    page = context.new_page()
    page.goto("/phan-anh/cua-toi/")
    expect(page.get_by_role("button", name="Danh mục")).to_be_hidden()  # nothing to press
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    expect(nav.get_by_role("link", name="Vấn đề", exact=True)).to_be_visible()


def test_desktop_sidebar_leaves_the_page_at_the_top(page_as: PageAs, org_tree: OrgTree) -> None:
    page = page_as(org_tree.user("upper_a"))
    page.goto("/phan-anh/")
    sidebar = page.get_by_role("navigation", name="Điều hướng chính").bounding_box()
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert sidebar is not None and heading is not None
    assert sidebar["x"] < heading["x"] and heading["y"] < 130, (sidebar, heading)


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_collaborator_home_is_the_form_and_recent_reports(
    page_as: PageAs, org_tree: OrgTree, mobile: bool
) -> None:
    collaborator = org_tree.user("cs_a1", Role.COLLABORATOR)
    report_make(collaborator, org_tree.cs_a1, subject="Bữa ăn ca thiếu rau")
    page = page_as(collaborator, mobile=mobile)
    page.goto("/")
    form = page.get_by_role("button", name="Gửi phản ánh mới")
    expect(form).to_be_visible()
    box = form.bounding_box()
    assert box is not None and box["y"] + box["height"] < 400, box  # first thing on the screen
    expect(page.get_by_role("link", name="Bữa ăn ca thiếu rau")).to_be_visible()
    form.click()
    expect(page).to_have_url(re.compile(r"/phan-anh/gui/$"))


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_officer_home_is_the_inbox_by_step_with_deadlines(
    page_as: PageAs, org_tree: OrgTree, mobile: bool
) -> None:
    officer = org_tree.user("cs_a1")
    report = report_make(officer, org_tree.cs_a1, subject="Công nhân lo nợ lương")
    matter = matter_create_from_report(actor=officer, report=report)
    page = page_as(officer, mobile=mobile)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc cần làm")
    step = page.get_by_role("article", name="1. Tiếp nhận")
    expect(step.get_by_role("link", name=matter.title)).to_be_visible()
    expect(step).to_contain_text("Hạn ")
    open_menu(page, mobile=mobile)
    waiting = page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Vấn đề"
    )
    expect(waiting.first).to_contain_text("1 chờ xử lý")
    step.get_by_role("link", name=matter.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(matter.title)
