"""The import page in a real Chromium: HTMX upload under the CSP, result swap, axe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from duluan.core.tests.browser.support import (
    axe_violations,
    describe_violations,
    load_axe,
    needs_axe,
    needs_chromium,
    sign_in,
)
from duluan.intake.models import Report
from duluan.intake.tests.test_import_support import row, xlsx_bytes

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def officer_page(browser: Any, live_server: Any, org_tree: Any) -> Iterator[Any]:
    # The session's one browser (conftest): Playwright's sync API allows one loop.
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(10_000)
    load_axe(context)
    sign_in(context, org_tree.user("upper_a"), live_server.url)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    yield page
    context.close()
    assert not problems, problems  # a CSP refusal of our script shows up here


def test_upload_swaps_in_the_result_and_errors_are_accessible(officer_page: Any) -> None:
    from playwright.sync_api import expect

    page = officer_page
    page.goto("/phan-anh/nhap/")
    assert page.evaluate("() => typeof window.htmx") == "object"
    content = xlsx_bytes([row(), row(kind="abc"), row(subject="Hai")])
    page.get_by_label("Tệp bảng tính (.xlsx hoặc .csv)").set_input_files(
        files=[{"name": "phan-anh.xlsx", "mimeType": XLSX, "buffer": content}]
    )
    page.get_by_role("button", name="Nhập").click()
    alert = page.locator("#import-result [role=alert]")
    expect(alert).to_contain_text("Không ghi dòng nào vì tệp có lỗi")
    expect(page.locator("#import-result table")).to_contain_text("giá trị «abc» không hợp lệ")
    assert page.url.endswith("/phan-anh/nhap/")
    assert Report.objects.count() == 0
    violations = axe_violations(page)
    assert not violations, describe_violations("trang nhập có lỗi", violations)

    page.get_by_label("Chỉ nhập các dòng hợp lệ (bỏ qua dòng lỗi)").check()
    page.get_by_role("button", name="Nhập").click()
    expect(page.locator("#import-result [role=status]")).to_contain_text(
        "Đã nhập 2 dòng, bỏ qua 0 dòng trùng, 1 dòng lỗi"
    )
    assert Report.objects.count() == 2
    expect(page.locator("#import-progress-box")).to_be_hidden()
