"""The page that sends a direction to the Zalo OA followers of its target units
(channels/broadcast.py): reached from the matter's panel, one button, and the
counts after sending; axe-core finds nothing serious on it."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from duluan.cases.services import direction_issue, matter_create_from_report
from duluan.cases.tests.helpers import verify_as_rumour
from duluan.channels.models import DirectionBroadcast, ZaloTemplate
from duluan.conftest import OrgTree
from duluan.org.choices import Role

from .conftest import PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium, report_make

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]

ACTION = "Gửi tới người theo dõi Zalo OA của các đơn vị nhận"


@pytest.mark.django_db(transaction=True)
def test_direction_to_zalo_followers_from_the_matter_page(
    page_as: PageAs, org_tree: OrgTree, settings: Any
) -> None:
    settings.CHANNELS = ["zalo"]
    settings.ZALO_DIRECTION_TEMPLATE = "dinh-huong-1"
    ZaloTemplate.objects.create(
        oa_id="1", template_id="dinh-huong-1", name="Định hướng", approved=True
    )
    officer = org_tree.user("upper_a")
    matter = matter_create_from_report(actor=officer, report=report_make(officer, org_tree.upper_a))
    verify_as_rumour(
        officer,
        matter,
        rumour_claim="Công ty nợ lương",
        verified_facts="Lương đã trả.",
    )
    direction_issue(
        actor=org_tree.user("upper_a", Role.LEADER),
        matter=matter,
        text="Phổ biến: công ty trả lương đúng hạn.",
        correction="Lương tháng 10 đã trả.",
    )
    page = page_as(officer, axe=True)
    page.goto(f"/van-de/{matter.pk}/", timeout=60_000)
    page.get_by_role("link", name=ACTION).click()
    expect(page.get_by_role("button", name=ACTION)).to_be_visible()
    problems: list[str] = []
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations(f"Gửi định hướng ({page.url})", violations))
    page.get_by_role("button", name=ACTION).click()
    # Nobody follows the OA here: nothing leaves, and the page says so.
    expect(page.get_by_role("status").first).to_contain_text("Đã gửi tới 0 người theo dõi")
    assert DirectionBroadcast.objects.get().done_at is not None
    violations = axe_violations(page)
    if violations:
        problems.append(describe_violations(f"Đã gửi định hướng ({page.url})", violations))
    assert not problems, "\n" + "\n".join(problems)
