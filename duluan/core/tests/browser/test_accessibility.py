"""axe-core on every page a person sees, and the pages by keyboard alone."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from duluan.cases.services import matter_create_from_report
from duluan.conftest import OrgTree
from duluan.intake.models import Report
from duluan.org.choices import Role

from .conftest import NewContext, PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium, report_make

pytestmark = [pytest.mark.browser, needs_chromium]


def audit(page: Page, pages: list[tuple[str, Callable[[], object]]]) -> str:
    """Visit each page, run axe and measure its width; the readable list of serious or
    critical violations and of pages that scroll sideways."""
    found = []
    for label, visit in pages:
        visit()
        violations = axe_violations(page)
        if violations:
            found.append(describe_violations(f"{label} ({page.url})", violations))
        wide, screen = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        if wide > screen + 1:
            found.append(f"{label} ({page.url}): rộng {wide} px, màn hình {screen} px")
    return "\n".join(found)


@needs_axe
def test_sign_in_pages_have_no_serious_axe_violations(new_context: NewContext) -> None:
    page = new_context(axe=True).new_page()

    def wrong_password() -> None:
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill("khong-ton-tai")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau-roi")
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("alert")).to_be_visible()
        expect(page.get_by_label("Tên đăng nhập")).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_label("Tên đăng nhập")).to_be_focused()

    problems = audit(
        page,
        [
            ("Đăng nhập", lambda: page.goto("/dang-nhap/")),
            ("Đăng nhập sai", wrong_password),
        ],
    )
    assert not problems, "\n" + problems


@needs_axe
@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "mobile"])
def test_signed_in_pages_have_no_serious_axe_violations(
    page_as: PageAs, org_tree: OrgTree, mobile: bool
) -> None:
    officer = org_tree.user("upper_a")
    report_make(officer, org_tree.cs_a1, urgency="diem_nong", anonymous=False)
    report_make(officer, org_tree.cs_a2, subject="Giáo viên hỏi về phụ cấp", kind="cau_hoi")
    report = Report.objects.get(urgency="diem_nong")
    like = report_make(officer, org_tree.cs_a1, subject="Công ty chậm trả lương tháng 10")
    matter = matter_create_from_report(
        actor=org_tree.user("cs_a1", Role.OFFICER), report=like, title="Chậm trả lương"
    )
    page = page_as(officer, mobile=mobile, axe=True)

    def form_with_errors() -> None:
        page.goto("/phan-anh/gui/")
        page.get_by_role("button", name="Gửi phản ánh").click()
        expect(page.locator(".error").first).to_be_visible()

    def filtered_list() -> None:
        page.goto("/phan-anh/")
        page.get_by_label("Mức độ").select_option("diem_nong")
        page.get_by_label("Tìm trong nội dung").fill("no luong")
        page.get_by_role("button", name="Lọc").click()
        expect(page).to_have_url(re.compile(r"urgency=diem_nong"))
        expect(page.locator("#report-rows tbody tr")).to_have_count(1)

    def tree_expanded() -> None:
        page.goto("/don-vi/")
        page.locator("details summary").first.click()
        expect(page.locator("details .children li").first).to_be_visible()

    pages: list[tuple[str, Callable[[], object]]] = [
        ("Gửi phản ánh", lambda: page.goto("/phan-anh/gui/")),
        ("Gửi phản ánh, có lỗi", form_with_errors),
        ("Phản ánh của tôi", lambda: page.goto("/phan-anh/cua-toi/")),
        ("Phản ánh của đơn vị, có lọc", filtered_list),
        ("Phản ánh, không có kết quả", lambda: page.goto("/phan-anh/?q=khongcogi")),
        ("Chi tiết phản ánh", lambda: page.goto(f"/phan-anh/{report.pk}/")),
        ("Chi tiết vấn đề, có phản ánh giống", lambda: page.goto(f"/van-de/{matter.pk}/")),
        ("Cây tổ chức, đã mở", tree_expanded),
    ]
    if not mobile:  # layout-independent pages: once is enough
        pages += [
            ("Trang chủ", lambda: page.goto("/")),
            ("Phản ánh của đơn vị", lambda: page.goto("/phan-anh/")),
            ("Cây tổ chức", lambda: page.goto("/don-vi/")),
            ("Tìm đơn vị", lambda: page.goto("/don-vi/?q=may")),
            ("Chi tiết đơn vị", lambda: page.goto(f"/don-vi/{org_tree.upper_a.pk}/")),
            ("Không tìm thấy", lambda: page.goto("/phan-anh/999999/")),
        ]
    problems = audit(page, pages)
    assert not problems, "\n" + problems


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    page = page_as(org_tree.user("cs_a1"))
    for path in ("/", "/phan-anh/gui/", "/phan-anh/"):
        page.goto(path)
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        expect(skip).to_have_text("Chuyển đến nội dung chính")
        box = skip.bounding_box()
        assert box is not None and box["x"] >= 0 and box["y"] >= 0, "liên kết bị ẩn khi có focus"
        page.keyboard.press("Enter")
        expect(page.locator(":focus")).to_have_id("main")
        # The next Tab continues inside main, not back at the top of the page.
        page.keyboard.press("Tab")
        assert page.evaluate(
            "() => document.querySelector('main').contains(document.activeElement)"
        )


def tab_to(page: Page, selector: str, limit: int = 40) -> None:
    """Press Tab until ``selector`` has focus (a date-time field takes several stops)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"không tới được {selector} bằng phím Tab")


def test_report_form_can_be_completed_by_keyboard_alone(page_as: PageAs, org_tree: OrgTree) -> None:
    page = page_as(org_tree.user("cs_a1", Role.COLLABORATOR), mobile=False)
    page.goto("/phan-anh/gui/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Enter")
    order = []
    for selector, keys in [
        ("#id_channel", ["ArrowDown"]),
        ("#id_place", ["Xưởng dệt số 3"]),
        ("#id_subject", ["Tổ trưởng la mắng công nhân"]),
        ("#id_text", ["Công nhân bức xúc vì bị quát mắng trước mặt mọi người."]),
        ("#id_people_count", ["12"]),
        ("#id_mood", ["ArrowDown", "ArrowDown"]),  # none is preset: "Trung lập"
        ("#id_urgency", ["ArrowDown"]),
        ("#id_anonymous", [" "]),
        ("#id_reporter_contact", ["0912 345 678"]),
        ("button[type=submit]", []),
    ]:
        tab_to(page, selector)
        order.append(selector)
        for key in keys:
            if len(key) > 1 and key[0].isupper() and " " not in key and key.isascii():
                page.keyboard.press(key)
            else:
                page.keyboard.type(key)
    expect(page.locator("#id_channel")).to_have_value("doi_thoai")
    expect(page.locator("#id_mood")).to_have_value("trung_lap")
    expect(page.locator("#id_urgency")).to_have_value("can_chu_y")
    expect(page.locator("#id_anonymous")).not_to_be_checked()
    page.keyboard.press("Enter")

    # The skip link left #main in the address; the redirect keeps it.
    expect(page).to_have_url(re.compile(r"/phan-anh/cua-toi/(#main)?$"))
    report = Report.objects.get()
    assert report.subject == "Tổ trưởng la mắng công nhân"
    assert report.place == "Xưởng dệt số 3"
    assert report.people_count == 12
    assert not report.is_anonymous


def test_validation_errors_are_announced_and_tied_to_their_fields(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    page = page_as(org_tree.user("cs_a1", Role.COLLABORATOR))
    page.goto("/phan-anh/gui/")
    page.get_by_role("button", name="Gửi phản ánh").click()

    subject = page.get_by_role("textbox", name="Tiêu đề (một dòng)")
    expect(subject).to_have_attribute("aria-invalid", "true")
    expect(subject).to_have_accessible_description(re.compile("bắt buộc"))
    # The first field in error has focus, so a screen reader lands on it.
    expect(subject).to_be_focused()
