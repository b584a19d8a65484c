"""A rumour in a grassroots union, handled in the browser from inbox to closed.

Officer of the grassroots union: opens a matter from the report, screens it
(setting its priority), verifies it as a rumour and reflects it up. The upper
union's officer accepts it, is told only a leader may direct, and drafts the
direction under its own title; the leader approves and signs it from the page,
and it goes down to both grassroots unions (the sibling never reads the report's
subject), each says how it passed it on, and the upper union closes the loop.
axe-core checks each page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from duluan.audit.models import Action, AuditEvent
from duluan.cases.models import Direction, Matter, Transition
from duluan.conftest import OrgTree
from duluan.org.choices import Role

from .conftest import PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium, report_make

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]

SUBJECT = "Tin đồn công ty sắp cắt thưởng Tết năm nay"
TITLE = "Thông tin chính thức về thưởng Tết năm nay"


def no_axe_violations(page: Page, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(label, violations)


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def test_inbox_to_closed_by_browser(page_as: PageAs, org_tree: OrgTree) -> None:
    t = org_tree
    report = report_make(
        t.user("cs_a1", Role.COLLABORATOR), t.cs_a1, subject=SUBJECT, kind="tin_don"
    )

    # ── the grassroots officer ───────────────────────────────────────────────
    cs = page_as(t.user("cs_a1"), axe=True)
    cs.goto(f"/phan-anh/{report.pk}/")
    submit(cs, "Lập vấn đề DLXH từ phản ánh này")
    expect(cs.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    matter = Matter.objects.get()
    cs.goto("/van-de/")
    tab = cs.get_by_role("navigation", name="Các bước xử lý").get_by_role(
        "link", name=re.compile("^Tiếp nhận")
    )
    expect(tab).to_have_attribute("aria-current", "page")
    no_axe_violations(cs, "hộp vấn đề")
    cs.get_by_role("link", name=SUBJECT).click()
    no_axe_violations(cs, "trang vấn đề")
    cs.get_by_label("Mức ưu tiên").select_option(label="Cao")
    submit(cs, "Chọn để xử lý")
    expect(cs.get_by_role("status")).to_contain_text("Sàng lọc")
    expect(cs.get_by_text("Ưu tiên: Cao")).to_be_visible()
    submit(cs, "Chuyển sang xác minh")
    cs.get_by_label("Kết quả").select_option(label="Tin đồn / sai sự thật")
    cs.get_by_label("Nguồn đã kiểm tra").fill("Phòng nhân sự; thông báo của công ty")
    cs.get_by_label("Nội dung tin đồn (nếu là tin đồn)").fill("Công ty cắt thưởng Tết")
    cs.get_by_label("Nơi lan truyền").fill("Nhóm Zalo công nhân xưởng may")
    cs.get_by_label("Sự thật đã xác minh").fill("Công ty vẫn thưởng Tết một tháng lương")
    submit(cs, "Ghi kết quả")
    expect(cs.get_by_role("status")).to_contain_text("Đã ghi kết quả xác minh")
    cs.get_by_label("Đề xuất hướng xử lý").fill("Đề nghị công đoàn KCN định hướng cải chính")
    submit(cs, "Phản ánh lên")
    expect(cs.locator("#matter-state")).to_have_text("Phản ánh lên cấp trên")

    # ── the upper union: accept, then its leader directs ─────────────────────
    upper = page_as(t.user("upper_a"), axe=True)
    upper.goto("/van-de/?state=phan_anh_len")
    upper.get_by_role("link", name=SUBJECT).click()
    upper.get_by_label("Tiếp nhận, cấp này xử lý").check()
    submit(upper, "Ghi quyết định")
    expect(upper.get_by_role("status")).to_contain_text("Đã ghi quyết định")
    matter.refresh_from_db()
    assert matter.owning_unit == t.upper_a

    # The officer may not direct: the page says who may, and offers a draft.
    expect(upper.locator("#waiting-for")).to_contain_text(
        "Chờ Ban Thường vụ của CĐ KCN A ban hành định hướng"
    )
    upper.get_by_label("Tiêu đề định hướng (các đơn vị nhận sẽ đọc)").fill(TITLE)
    upper.get_by_label("Nội dung định hướng").fill("Phổ biến thông tin chính thức về thưởng Tết")
    expect(upper.get_by_label(re.compile("^Thông tin cải chính"))).to_have_value(
        "Công ty vẫn thưởng Tết một tháng lương"
    )
    upper.get_by_role("checkbox", name=re.compile("Gửi mọi đơn vị trực thuộc")).check()
    submit(upper, "Gửi dự thảo để lãnh đạo duyệt")
    expect(upper.get_by_role("status")).to_contain_text("Đã gửi dự thảo định hướng")
    expect(upper.locator("#matter-state")).to_have_text("Phản ánh lên cấp trên")
    no_axe_violations(upper, "dự thảo chờ duyệt")

    leader = page_as(t.user("upper_a", Role.LEADER), axe=True)
    leader.goto("/dinh-huong/")
    expect(leader.get_by_role("heading", name="Dự thảo chờ duyệt (1)")).to_be_visible()
    no_axe_violations(leader, "định hướng chờ duyệt")
    leader.goto(f"/van-de/{matter.pk}/")
    expect(leader.locator("#draft-review")).to_contain_text(TITLE)
    submit(leader, "Duyệt và ban hành")
    expect(leader.locator("#matter-state")).to_have_text("Định hướng, phản hồi xuống")
    expect(leader.get_by_text("0/2 đơn vị đã phổ biến đến đoàn viên")).to_be_visible()
    direction = Direction.objects.get()
    assert (direction.drafted_by, direction.issued_by) == (
        t.user("upper_a"),
        t.user("upper_a", Role.LEADER),
    )
    leader.goto("/dinh-huong/")
    expect(leader.get_by_role("heading", name=TITLE, level=3)).to_have_count(1)  # one card

    # ── each grassroots union passes it on ───────────────────────────────────
    for unit_attr in ("cs_a1", "cs_a2"):
        officer = page_as(t.user(unit_attr), axe=True)
        officer.goto("/dinh-huong/")
        no_axe_violations(officer, "định hướng")
        expect(officer.get_by_text(TITLE, exact=True)).to_be_visible()
        if unit_attr == "cs_a2":  # the sibling reads the direction, never the report
            assert SUBJECT not in officer.content()
        officer.get_by_label("Đơn vị đã làm gì để phổ biến").fill("Thông báo ở giao ban đầu ca")
        submit(officer, f"Báo cáo đã phổ biến «{TITLE}»")
        expect(officer.get_by_role("status")).to_contain_text("Đã báo cáo việc phổ biến")

    # ── the loop closes ──────────────────────────────────────────────────────
    upper.goto(f"/van-de/{matter.pk}/")
    expect(upper.get_by_text("2/2 đơn vị đã phổ biến đến đoàn viên")).to_be_visible()
    submit(upper, "Đóng vấn đề")
    expect(upper.locator("#matter-state")).to_have_text("Đóng")
    timeline = upper.locator("#timeline")
    for text in ("Tiếp nhận → Sàng lọc", "Sàng lọc → Xác minh", "Tin đồn / sai sự thật"):
        expect(timeline).to_contain_text(text)
    expect(timeline.locator("li[data-kind='acknowledgement']")).to_have_count(2)
    no_axe_violations(upper, "vấn đề đã đóng")
    steps = Transition.objects.filter(matter=matter).count()
    audited = AuditEvent.objects.filter(
        action=Action.STATE_CHANGE, object_type="matter", object_ids=[matter.pk]
    )
    assert audited.filter(note__contains="→").count() == steps == 5


def test_hot_spot_board_and_notices_pass_axe(page_as: PageAs, org_tree: OrgTree) -> None:
    t = org_tree
    report_make(
        t.user("cs_a1", Role.COLLABORATOR),
        t.cs_a1,
        subject="Công nhân ngừng việc",
        urgency="diem_nong",
    )
    cs = page_as(t.user("cs_a1"), axe=True)
    cs.goto("/phan-anh/")
    cs.get_by_role("link", name="Công nhân ngừng việc").click()
    submit(cs, "Lập vấn đề DLXH từ phản ánh này")
    province = page_as(t.user("province"), axe=True)
    province.goto("/diem-nong/")
    expect(province.get_by_role("link", name="Công nhân ngừng việc")).to_be_visible()
    no_axe_violations(province, "điểm nóng")
    province.goto("/thong-bao/")
    notice = province.get_by_role("link", name=re.compile(r"\[Điểm nóng\] Công nhân ngừng việc"))
    expect(notice).to_be_visible()
    no_axe_violations(province, "thông báo")
    notice.click()
    expect(province.get_by_role("heading", level=1)).to_have_text("Công nhân ngừng việc")
