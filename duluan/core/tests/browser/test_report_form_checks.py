"""The report form checks attachments in the browser before anything is sent (#18):
a 20 MB photo or a file of the wrong type is refused at once, with a Vietnamese
message beside the control, and never uploaded; a good file goes with the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from duluan.conftest import OrgTree
from duluan.intake.models import Report
from duluan.org.choices import Role

from .conftest import PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
SUBJECT = "Công nhân gửi ảnh bảng chấm công"
CHECK = "#id_attachments_check"


def _files(page: Page) -> list[str]:
    names: list[str] = page.evaluate(
        "() => Array.from(document.getElementById('id_attachments').files, f => f.name)"
    )
    return names


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    big = tmp_path / "anh-chup-man-hinh.jpg"
    with big.open("wb") as handle:
        handle.write(b"\xff\xd8\xff\xe0")
        handle.truncate(20 * 1024 * 1024)  # 20 MB, sparse on disk
    text = tmp_path / "ghi-chu.txt"
    text.write_text("Ghi chú buổi giao ban", encoding="utf-8")
    good = tmp_path / "bang-cham-cong.png"
    good.write_bytes(PNG)
    return {"big": big, "text": text, "good": good}


@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "phone"])
def test_big_or_wrong_files_are_refused_at_once_and_never_sent(
    page_as: PageAs, org_tree: OrgTree, files: dict[str, Path], mobile: bool
) -> None:
    page = page_as(org_tree.user("cs_a1", Role.COLLABORATOR), mobile=mobile, axe=True)
    page.goto("/phan-anh/gui/")
    control = page.get_by_label("Tệp đính kèm (ảnh, PDF, DOCX; tối đa 10 MB)")
    expect(control).to_be_visible()
    expect(page.locator("#id_attachments_helptext")).to_contain_text("Mỗi tệp tối đa 10 MB")
    sent: list[Request] = []
    page.on("request", lambda request: sent.append(request))

    control.set_input_files(files["big"])
    message = page.locator(CHECK)
    expect(message).to_have_text(
        "Tệp «anh-chup-man-hinh.jpg» nặng 20 MB, quá mức 10 MB cho mỗi tệp. "
        "Tệp không được gửi: hãy chọn tệp khác (tối đa 10 MB, ảnh (JPG, PNG, WEBP), PDF hoặc DOCX)."
    )
    expect(message).to_have_attribute("aria-live", "polite")
    expect(control).to_have_attribute("aria-invalid", "true")
    assert "id_attachments_check" in (control.get_attribute("aria-describedby") or "")
    assert _files(page) == []
    violations = axe_violations(page)
    assert not violations, describe_violations("biểu mẫu, tệp bị từ chối", violations)

    control.set_input_files(files["text"])
    expect(message).to_contain_text(
        "Tệp «ghi-chu.txt» không phải ảnh (JPG, PNG, WEBP), PDF hoặc DOCX."
    )
    assert _files(page) == []

    control.set_input_files(files["good"])
    expect(message).to_have_text("")
    expect(control).not_to_have_attribute("aria-invalid", "true")
    assert _files(page) == ["bang-cham-cong.png"]

    # Chosen together: the big one is taken out, the good one stays.
    control.set_input_files([files["big"], files["good"]])
    expect(message).to_contain_text("nặng 20 MB")
    expect(message).to_contain_text("1 tệp còn lại vẫn được gửi kèm")
    assert _files(page) == ["bang-cham-cong.png"]
    assert sent == [], f"đã có yêu cầu gửi đi khi chọn tệp: {[r.url for r in sent]}"

    page.get_by_label("Tiêu đề (một dòng)").fill(SUBJECT)
    page.get_by_label("Nội dung phản ánh").fill("Anh chị em gửi kèm ảnh bảng chấm công tháng 11.")
    page.get_by_role("combobox", name="Loại", exact=True).select_option(label="Bức xúc, khiếu nại")
    page.get_by_label("Tâm trạng chung").select_option(label="Tiêu cực")
    with page.expect_request(lambda r: r.method == "POST") as posted:
        page.get_by_role("button", name="Gửi phản ánh").click()
    body = posted.value.post_data_buffer or b""
    assert len(body) < 100_000 and b"anh-chup-man-hinh.jpg" not in body
    expect(page).to_have_url(re.compile(r"/phan-anh/cua-toi/$"))
    report = Report.objects.get(subject=SUBJECT)
    assert [a.original_name for a in report.attachments.all()] == ["bang-cham-cong.png"]
    assert report.mood == "tieu_cuc"


def test_mood_starts_unchosen_and_a_report_without_one_is_refused_clearly(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    page = page_as(org_tree.user("cs_a1", Role.COLLABORATOR), mobile=True, axe=True)
    page.goto("/phan-anh/gui/")
    mood = page.get_by_label("Tâm trạng chung")
    expect(mood).to_have_value("")
    page.get_by_label("Tiêu đề (một dòng)").fill("Chưa chọn tâm trạng")
    page.get_by_label("Nội dung phản ánh").fill("Nội dung đủ, chỉ thiếu tâm trạng.")
    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.locator("#id_mood_error")).to_contain_text("Chưa chọn tâm trạng chung.")
    expect(page.get_by_role("alert")).to_contain_text("Tâm trạng chung")
    assert not Report.objects.filter(subject="Chưa chọn tâm trạng").exists()
    violations = axe_violations(page)
    assert not violations, describe_violations("biểu mẫu thiếu tâm trạng", violations)
