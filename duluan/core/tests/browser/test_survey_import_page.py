"""The survey import page in a real Chromium: an anonymous survey refuses a photo
question, "Nhập mà bỏ các câu hỏi đó" imports without it; the detail page of a
form only ODK Collect can answer says so. axe on each."""

from __future__ import annotations

from typing import Any

import pytest

from duluan.core.tests.browser.support import (
    axe_violations,
    describe_violations,
    needs_axe,
    needs_chromium,
)
from duluan.surveys import xlsform
from duluan.surveys.models import Survey
from duluan.surveys.tests.support import NAMED, make_survey

from .conftest import PageAs

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_import_without_the_photo_and_the_collect_only_detail(
    page_as: PageAs, org_tree: Any
) -> None:
    from playwright.sync_api import FilePayload, expect

    page = page_as(org_tree.user("upper_a"), axe=True)
    page.goto("/khao-sat/nhap/", timeout=60_000)
    page.get_by_label("Tệp XLSForm (.xlsx)").set_input_files(
        files=[FilePayload(name="f.xlsx", mimeType=XLSX, buffer=xlsform.export_workbook(NAMED))]
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
