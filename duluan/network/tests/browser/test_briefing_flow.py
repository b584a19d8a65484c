"""An officer records a briefing with attendance and two opinions collected;
both appear in the report list with channel "giao ban"; the minutes download as DOCX."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from duluan.conftest import OrgTree
from duluan.core.tests.browser.support import (
    axe_violations,
    describe_violations,
    needs_axe,
    needs_chromium,
)
from duluan.intake.models import Report
from duluan.network.models import Briefing

from ..conftest import appoint
from .conftest import PageAs

pytestmark = [pytest.mark.browser, needs_chromium]

OPINIONS = (
    ("Công nhân lo thưởng Tết năm nay giảm", "Nhiều người ở xưởng may hỏi về mức thưởng Tết."),
    ("Đề nghị thêm chuyến xe đưa đón ca đêm", "Công nhân ca đêm đi về muộn, đường tối."),
)


@needs_axe
def test_officer_records_a_briefing_and_its_opinions_become_giao_ban_reports(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    officer = org_tree.user("upper_a")
    present = appoint(officer, org_tree.cs_a1, "Nguyễn Thị Có Mặt", date(2024, 1, 1))
    appoint(officer, org_tree.cs_a2, "Trần Văn Vắng Mặt", date(2024, 1, 1))
    page = page_as(officer, axe=True)
    page.set_default_navigation_timeout(
        30_000
    )  # the server's first answer may be slow on a busy machine

    page.goto("/mang-luoi/giao-ban/them/")
    page.get_by_label("Đơn vị").select_option(label="CĐ KCN A")
    page.get_by_label("Loại").select_option(label="Giao ban cộng tác viên hằng tháng")
    page.get_by_label("Tên cuộc giao ban").fill("Giao ban cộng tác viên tháng 11")
    held = timezone.localtime() - timedelta(hours=2)
    page.get_by_label("Thời gian").fill(held.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Chủ trì").fill("Nguyễn Chủ Trì")
    page.get_by_label("Chương trình (mỗi mục một dòng)").fill(
        "Tình hình tư tưởng công nhân\nPhổ biến chính sách BHXH"
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page).to_have_url(re.compile(r"/mang-luoi/giao-ban/\d+/$"))
    briefing = Briefing.objects.get()

    page.get_by_label("Nguyễn Thị Có Mặt").check()
    page.get_by_label("Người khác có mặt (mỗi người một dòng)").fill("Khách mời Sở LĐTBXH")
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi 2 người có mặt")

    for subject, text in OPINIONS:
        form = page.get_by_role("form", name="Ghi ý kiến")
        form.get_by_label("Tiêu đề ý kiến").fill(subject)
        form.get_by_label("Nội dung").fill(text)
        form.get_by_role("combobox", name="Loại", exact=True).select_option(
            label="Kiến nghị, đề xuất, nguyện vọng"
        )
        form.get_by_role("button", name="Ghi ý kiến").click()
        expect(page.get_by_role("status")).to_contain_text(f"Đã ghi ý kiến «{subject}»")
    violations = axe_violations(page)
    assert not violations, describe_violations("chi tiết giao ban", violations)

    assert set(briefing.attendances.values_list("full_name", flat=True)) == {
        present.full_name,
        "Khách mời Sở LĐTBXH",
    }
    assert Report.objects.filter(channel="giao_ban").count() == 2

    page.goto("/phan-anh/?channel=giao_ban")
    for subject, _ in OPINIONS:
        row = page.get_by_role("row").filter(has=page.get_by_role("link", name=subject))
        expect(row).to_contain_text("Giao ban")

    page.goto(f"/mang-luoi/giao-ban/{briefing.pk}/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Tải biên bản (DOCX)").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    path = download.path()
    document = Document(io.BytesIO(open(path, "rb").read()))  # noqa: SIM115
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BIÊN BẢN" in text and OPINIONS[0][0] in text and OPINIONS[1][0] in text
    assert "2 đồng chí có mặt" in text

    page.goto("/mang-luoi/giao-ban/")
    expect(page.get_by_role("link", name="Giao ban cộng tác viên tháng 11")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe_violations("danh sách giao ban", violations)
