"""The survey import page in a real Chromium: an anonymous survey refuses a photo
question, "Nhập mà bỏ các câu hỏi đó" imports without it; the detail page of a
form only ODK Collect can answer says so. axe on each."""

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
from duluan.surveys import xlsform
from duluan.surveys.models import Survey
from duluan.surveys.tests.support import NAMED, make_survey

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def officer_page(browser: Any, live_server: Any, org_tree: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(10_000)
    load_axe(context)
    sign_in(context, org_tree.user("upper_a"), live_server.url)
    page = context.new_page()
    yield page
    context.close()


def test_import_without_the_photo_and_the_collect_only_detail(
    officer_page: Any, org_tree: Any
) -> None:
    from playwright.sync_api import expect

    page = officer_page
    page.goto("/khao-sat/nhap/", timeout=60_000)
    page.get_by_label("Tệp XLSForm (.xlsx)").set_input_files(
        files=[{"name": "f.xlsx", "mimeType": XLSX, "buffer": xlsform.export_workbook(NAMED)}]
    )
    page.get_by_role("button", name="Tạo khảo sát").click()
    expect(page.get_by_role("alert")).to_contain_text("khảo sát ẩn danh không thu ảnh")
    violations = axe_violations(page)
    assert not violations, describe_violations("nhập XLSForm bị từ chối", violations)
    page.get_by_role("button", name="Nhập mà bỏ các câu hỏi đó").click()
    expect(page.get_by_role("heading", name="Khảo sát có danh tính")).to_be_visible()
    assert Survey.objects.get().anonymous

    book = {
        "survey": [
            {"type": "text", "name": "ten", "label": "Tên"},
            {"type": "audio", "name": "giong", "label": "Ghi âm", "required": "yes"},
        ]
    }
    collect_only = make_survey(
        org_tree.user("upper_a"), org_tree.upper_a, book, anonymous=False, title="Chỉ Collect"
    )
    page.goto(f"/khao-sat/{collect_only.pk}/")
    expect(page.get_by_role("note")).to_contain_text("không trả lời được trên web")
    violations = axe_violations(page)
    assert not violations, describe_violations("khảo sát chỉ ODK Collect", violations)
