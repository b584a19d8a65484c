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
