"""The reporting pages in a real browser: axe-core finds nothing serious, the
whole draft → approve → submit cycle works by keyboard, the chart draws.

Here rather than under duluan/reporting/tests: one Chromium per test process
(the session fixture in this folder's conftest); a second Playwright started
from another folder's fixtures fails in the same process."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from duluan.conftest import OrgTree
from duluan.org.choices import Role
from duluan.reporting.choices import ReportType, State
from duluan.reporting.models import PeriodicReport
from duluan.reporting.periods import MONTH, Period
from duluan.reporting.tests.conftest import add_reports

from .conftest import PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


def _audit(page: Page, label: str) -> str:
    violations = axe_violations(page)
    return describe_violations(f"{label} ({page.url})", violations) if violations else ""


@needs_axe
def test_cycle_by_keyboard_and_pages_pass_axe(page_as: PageAs, org_tree: OrgTree) -> None:
    from django.utils import timezone

    last = Period.containing(MONTH, timezone.localdate()).previous()
    add_reports(org_tree.cs_a1, last.span().start + (last.span().end - last.span().start) / 2, 6)
    page = page_as(org_tree.user("upper_a", Role.LEADER), axe=True)
    problems = []
    page.goto("/bao-cao-dinh-ky/")
    problems.append(_audit(page, "Danh sách"))
    # The period is picked from a list in Vietnamese, not typed.
    page.get_by_label("Kỳ").select_option(label=f"Tháng {last.index}/{last.year}")
    page.get_by_role("button", name="Lập dự thảo").focus()
    page.keyboard.press("Enter")  # submits the form from the keyboard
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Báo cáo tháng {last.index}/{last.year}", timeout=20_000
    )
    problems.append(_audit(page, "Dự thảo"))
    # The numbers come from the data (the narrative is the officer's to write).
    expect(page.get_by_text("toàn đơn vị ghi nhận 6 ý kiến")).to_be_visible()
    editor = page.get_by_label("1. Tình hình tư tưởng, dư luận xã hội")
    editor.fill("Tư tưởng đoàn viên ổn định.")
    page.get_by_role("button", name="Lưu dự thảo").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Đã lưu dự thảo.")).to_be_visible()
    page.get_by_role("button", name="Duyệt báo cáo").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Gửi cấp trên")).to_be_visible()
    page.get_by_role("button", name="Gửi cấp trên").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Đã gửi báo cáo lên cấp trên.")).to_be_visible()
    problems.append(_audit(page, "Đã gửi"))
    report = PeriodicReport.objects.get()
    assert report.state == State.SUBMITTED and report.situation == "Tư tưởng đoàn viên ổn định."
    found = "\n".join(p for p in problems if p)
    assert not found, "\n" + found


@needs_axe
def test_compliance_board_passes_axe_and_draws_its_chart(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    from django.utils import timezone

    last = Period.containing(MONTH, timezone.localdate()).previous()
    span = last.span()
    PeriodicReport.objects.create(
        unit=org_tree.upper_a,
        report_type=ReportType.MONTHLY,
        period=last.code,
        span_start=span.start,
        span_end=span.end,
        state=State.SUBMITTED,
        submitted_at=span.end,
    )
    page = page_as(org_tree.user("province", Role.OFFICER), axe=True)
    page.goto("/bao-cao-dinh-ky/tien-do/")
    expect(page.locator('tr[data-unit="T01-A"]')).to_have_attribute("data-status", "on_time")
    expect(page.get_by_role("img", name="Biểu đồ số đơn vị")).to_be_visible()
    page.wait_for_function("window.Chart && Object.keys(window.Chart.instances).length === 1")
    problems = _audit(page, "Tiến độ")
    assert not problems, "\n" + problems
