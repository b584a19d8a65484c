"""The nlp pages in a real browser: axe-core, and a correction by keyboard."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from duluan.conftest import OrgTree
from duluan.nlp.models import Correction
from duluan.nlp.services.analysis import reports_analyse
from duluan.org.choices import Role

from .conftest import PageAs
from .support import (
    axe_violations,
    describe_violations,
    needs_axe,
    needs_chromium,
    report_make,
)

pytestmark = [pytest.mark.browser, needs_chromium]


@needs_axe
def test_nlp_pages_have_no_serious_axe_violations_and_correct_by_keyboard(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    officer = org_tree.user("cs_a1", Role.OFFICER)
    reports = [
        report_make(officer, org_tree.cs_a1, text=f"Công ty nợ lương tháng {m}, công nhân bức xúc")
        for m in range(1, 13)
    ]
    reports_analyse([r.pk for r in reports])
    page: Page = page_as(officer, axe=True)
    page.set_default_timeout(30_000)  # clustering and the model on a loaded CI machine
    found = []
    visits: list[tuple[str, Callable[[], object]]] = [
        ("Vấn đề nổi lên", lambda: page.goto("/phan-tich/van-de-noi-len/")),
        ("Mô hình", lambda: page.goto("/phan-tich/mo-hinh/")),
        ("Phản ánh có phân tích", lambda: page.goto(f"/phan-anh/{reports[0].pk}/")),
    ]
    for label, visit in visits:
        visit()
        violations = axe_violations(page)
        if violations:
            found.append(describe_violations(label, violations))
    assert not found, "\n".join(found)

    # The correction form, by keyboard: open the disclosure, pick a kind, submit.
    summary = page.get_by_text("Hiệu chỉnh kết quả phân tích", exact=True)
    summary.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Loại đúng").select_option("tin_don")
    page.get_by_role("button", name="Lưu hiệu chỉnh").press("Enter")
    expect(page.get_by_text("Đã lưu hiệu chỉnh")).to_be_visible()
    assert Correction.objects.filter(report=reports[0], field="kind", value="tin_don").exists()


@needs_axe
@pytest.mark.parametrize("mobile", [False, True], ids=["desktop-keys", "phone-taps"])
def test_labelling_queue_by_quick_keys_and_by_taps(
    page_as: PageAs, org_tree: OrgTree, mobile: bool
) -> None:
    officer = org_tree.user("cs_a1", Role.OFFICER)
    reports = [
        report_make(officer, org_tree.cs_a1, text=text)
        for text in (
            "Cty nợ lương tháng 10, anh em bức xúc lắm",
            "Cảm ơn công đoàn đã tổ chức Tết Sum vầy cho con em công nhân",
        )
    ]
    reports_analyse([r.pk for r in reports])
    page: Page = page_as(officer, mobile=mobile, axe=True)
    page.set_default_timeout(30_000)
    page.goto("/phan-tich/gan-nhan/")
    violations = axe_violations(page)
    assert not violations, describe_violations("Gán nhãn", violations)
    cards = page.locator("article.label-card")
    expect(cards).to_have_count(2)
    first = cards.first
    first_pk = int((first.get_attribute("id") or "label-0").split("-")[1])
    if mobile:  # one tap per choice, then the button
        first.locator('label:has(input[value="tin_don"])').tap()  # the pill, not the dot
        first.locator('label:has(input[value="diem_nong"])').tap()
        expect(first.locator('input[value="tin_don"]')).to_be_checked()
        first.get_by_role("button", name="Lưu").tap()
    else:  # quick keys on the focused card: y = tin đồn, d = điểm nóng, Enter saves
        first.focus()
        page.keyboard.press("y")
        page.keyboard.press("d")
        page.keyboard.press("Enter")
    expect(page.locator(f"#label-{first_pk}")).to_contain_text("Đã lưu")
    saved = {c.field: c.value for c in Correction.objects.filter(report_id=first_pk)}
    assert saved["kind"] == "tin_don" and saved["urgency"] == "diem_nong"
    assert set(saved) == {"topics", "sentiment", "kind", "urgency"}


LONG_SUBJECT = (
    "Công nhân Cty TNHH May Phúc Thịnh (KCN Tân Phú) phản ánh chậm trả lương tháng 10, "
    "tăng ca liên tục không được trả đủ tiền làm thêm giờ"
)


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop-1280", "phone-390"])
def test_matter_page_with_ungrouped_like_reports_does_not_scroll_sideways(
    page_as: PageAs, org_tree: OrgTree, mobile: bool
) -> None:
    from duluan.cases.services import matter_create_from_report

    officer = org_tree.user("cs_a1", Role.OFFICER)
    texts = [
        "Cty TNHH May Phúc Thịnh chậm trả lương tháng 10 cho 312 công nhân, tăng ca không trả đủ",
        "9h20 chị L. (Cty TNHH May Phúc Thịnh, KCN Tân Phú) gọi: lương tháng 10 chưa trả",
        "cty phuc thinh tre luong thang 10 roi ad oi, hua hoai ma chua thay",
    ]
    reports = [
        report_make(officer, org_tree.cs_a1, subject=LONG_SUBJECT, text=t, place="KCN Tân Phú")
        for t in texts
    ]
    matter = matter_create_from_report(actor=officer, report=reports[0], title="Chậm trả lương")
    page: Page = page_as(org_tree.user("cs_a1", Role.LEADER), mobile=mobile)
    page.set_default_timeout(30_000)
    page.goto(f"/van-de/{matter.pk}/")
    panel = page.get_by_role("region", name="Phản ánh giống vấn đề, chưa gộp")
    expect(panel.get_by_role("link", name=f"#{reports[1].pk}", exact=False)).to_be_visible()
    width = 390 if mobile else 1280
    scrolled = page.evaluate("() => document.documentElement.scrollWidth")
    assert scrolled <= width + 1, f"the matter page is {scrolled} px wide at {width} px"
    if not mobile:  # at 1280 the table fits its box: nothing to scroll inside it either
        sizes = page.evaluate(
            "() => { const t = document.querySelector('#block-nlprelated').closest('section').querySelector('table');"
            " return [t.scrollWidth, t.parentElement.clientWidth]; }"
        )
        assert sizes[0] <= sizes[1] + 1, f"the table is {sizes[0]} px in a {sizes[1]} px box"
