"""A collaborator files a report from a phone; who can and cannot read it afterwards."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from duluan.conftest import OrgTree
from duluan.intake.models import Report
from duluan.org.choices import Role

from .conftest import NewContext, PageAs
from .support import login, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

SUBJECT = "Công nhân xưởng may lo lắng vì chậm trả lương tháng Mười"
TEXT = (
    "Nhiều anh chị em ở tổ cắt phản ánh công ty đã chậm trả lương hai tuần.\n"
    "Một số người nói sẽ nghỉ việc nếu đến Tết vẫn chưa được thanh toán đủ."
)
PLACE = "Công ty TNHH May Sông Xanh, phân xưởng 2"


def draft_key(page: Page) -> str:
    key = page.locator("#report-form").get_attribute("data-draft-key")
    assert key
    return key


def test_collaborator_reports_from_phone_and_only_their_branch_can_read_it(
    new_context: NewContext, page_as: PageAs, org_tree: OrgTree
) -> None:
    phone = new_context(mobile=True).new_page()
    login(phone, org_tree.user("cs_a1", Role.COLLABORATOR).username)

    phone.get_by_role("button", name="Gửi phản ánh mới").click()
    expect(phone.get_by_role("heading", name="Gửi phản ánh dư luận")).to_be_visible()
    phone.get_by_label("Kênh nắm bắt").select_option(label="Trò chuyện trực tiếp")
    phone.get_by_label("Nơi, doanh nghiệp").fill(PLACE)
    phone.get_by_label("Tiêu đề (một dòng)").fill(SUBJECT)
    phone.get_by_label("Nội dung phản ánh").fill(TEXT)
    phone.get_by_label("Số người liên quan (ước tính)").fill("40")
    phone.get_by_role("combobox", name="Loại", exact=True).select_option(label="Bức xúc, khiếu nại")
    phone.get_by_label("Tâm trạng chung").select_option(label="Tiêu cực")
    phone.get_by_label("Mức độ").select_option(label="Cần chú ý")
    phone.get_by_label("Độ tin cậy của nguồn").select_option(label="Nhiều nguồn")
    # Nothing on the form is wider than the phone.
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    phone.get_by_role("button", name="Gửi phản ánh").click()

    expect(phone).to_have_url(re.compile(r"/phan-anh/cua-toi/$"))
    expect(phone.get_by_role("status")).to_contain_text(f"Đã gửi phản ánh «{SUBJECT}»")
    link = phone.get_by_role("link", name=SUBJECT)
    expect(link).to_be_visible()
    report = Report.objects.get(subject=SUBJECT)
    # Browsers send textarea line breaks as CRLF (HTML spec); the text is kept as sent.
    assert report.text.replace("\r\n", "\n") == TEXT
    assert report.unit_id == org_tree.cs_a1.pk
    assert report.is_anonymous
    assert link.get_attribute("href") == f"/phan-anh/{report.pk}/"
    assert phone.evaluate(f"() => localStorage.getItem({draft_key_for(org_tree)!r})") is None

    sibling = new_context().new_page()
    login(sibling, org_tree.user("cs_a2").username)
    response = sibling.goto(f"/phan-anh/{report.pk}/")
    assert response is not None and response.status == 404
    expect(sibling.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    expect(sibling.get_by_text(SUBJECT)).to_have_count(0)
    sibling.goto("/phan-anh/")
    expect(sibling.locator("#report-rows")).to_contain_text("Không có phản ánh nào")
    expect(sibling.get_by_text(SUBJECT)).to_have_count(0)

    # The unit's own officer and the parent unit's officer (signed in by cookie: the
    # form itself was exercised above).
    for unit in ("cs_a1", "upper_a"):
        officer = page_as(org_tree.user(unit))
        officer.goto("/phan-anh/")
        officer.get_by_role("link", name=SUBJECT).click()
        expect(officer).to_have_url(re.compile(rf"/phan-anh/{report.pk}/$"))
        expect(officer.get_by_role("heading", level=1)).to_have_text(SUBJECT)
        expect(officer.locator(".report-text")).to_contain_text("chưa được thanh toán đủ")


def draft_key_for(org_tree: OrgTree) -> str:
    return f"duluan-draft-{org_tree.user('cs_a1', Role.COLLABORATOR).pk}"


def test_draft_survives_reload_and_is_forgotten_after_sending(
    mobile_page: Page, org_tree: OrgTree
) -> None:
    page = mobile_page
    login(page, org_tree.user("cs_a1", Role.COLLABORATOR).username)
    page.goto("/phan-anh/gui/")
    key = draft_key(page)
    page.get_by_label("Tiêu đề (một dòng)").fill("Người lao động hỏi về bảo hiểm thất nghiệp")
    page.get_by_label("Nội dung phản ánh").fill("Chị Hằng hỏi thủ tục hưởng trợ cấp ở đâu.")
    page.get_by_label("Tâm trạng chung").select_option(label="Trung lập")  # none is preset
    page.get_by_label("Mức độ").select_option(label="Điểm nóng")
    page.get_by_label("Gửi ẩn danh").uncheck()
    expect(page.locator("#draft-status")).to_contain_text("Đã lưu bản nháp")

    page.reload()  # as after a dropped connection: the server saw nothing yet
    expect(page.locator("#draft-status")).to_have_text(
        "Đã khôi phục bản nháp chưa gửi (tệp đính kèm cần chọn lại)."
    )
    expect(page.get_by_label("Tiêu đề (một dòng)")).to_have_value(
        "Người lao động hỏi về bảo hiểm thất nghiệp"
    )
    expect(page.get_by_label("Nội dung phản ánh")).to_have_value(
        "Chị Hằng hỏi thủ tục hưởng trợ cấp ở đâu."
    )
    expect(page.get_by_label("Tâm trạng chung")).to_have_value("trung_lap")
    expect(page.get_by_label("Mức độ")).to_have_value("diem_nong")
    expect(page.get_by_label("Gửi ẩn danh")).not_to_be_checked()
    assert Report.objects.count() == 0

    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page).to_have_url(re.compile(r"/phan-anh/cua-toi/$"))
    assert page.evaluate(f"() => localStorage.getItem({key!r})") is None
    report = Report.objects.get()
    assert report.urgency == "diem_nong"
    assert not report.is_anonymous

    page.goto("/phan-anh/gui/")
    expect(page.get_by_label("Tiêu đề (một dòng)")).to_have_value("")
    expect(page.locator("#draft-status")).to_have_text("")


def test_draft_is_kept_when_the_server_rejects_the_form(
    mobile_page: Page, org_tree: OrgTree
) -> None:
    page = mobile_page
    login(page, org_tree.user("cs_a1", Role.COLLABORATOR).username)
    page.goto("/phan-anh/gui/")
    key = draft_key(page)
    page.get_by_label("Tiêu đề (một dòng)").fill("Chỉ có tiêu đề, chưa có nội dung")
    page.get_by_role("button", name="Gửi phản ánh").click()

    expect(page.locator("#id_text_error")).to_have_text("Trường này là bắt buộc.")
    assert page.evaluate(f"() => localStorage.getItem({key!r})") is not None
    page.goto("/phan-anh/cua-toi/")
    assert page.evaluate(f"() => localStorage.getItem({key!r})") is not None
