"""An upper-level officer's first screen: what waits for their own decision comes first."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from duluan.cases.services.escalation import matter_escalate
from duluan.cases.tests.helpers import verified_matter
from duluan.conftest import OrgTree

from .conftest import PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]
FOLD = 800


@needs_axe
def test_upper_officer_sees_the_escalation_to_decide_above_the_fold(
    page_as: PageAs, org_tree: OrgTree
) -> None:
    matter = verified_matter(org_tree, "cs_a1", subject="Công nhân lo nợ lương")
    matter_escalate(actor=org_tree.user("cs_a1"), matter=matter, proposal="Đề nghị cấp trên")
    page = page_as(org_tree.user("upper_a"), axe=True)
    page.goto("/")
    decide = page.get_by_role("region", name="Chờ đơn vị bạn quyết định", exact=False)
    link = decide.get_by_role("link", name=matter.title)
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= FOLD
    step = page.get_by_role("article", name="4. Phản ánh lên cấp trên")
    expect(step).to_contain_text("0 của đơn vị · 1 cấp dưới gửi lên")
    expect(step).not_to_contain_text("Không có vấn đề nào chờ")
    violations = axe_violations(page)
    assert not violations, "\n" + describe_violations(page.url, violations)
    decide.get_by_role("link", name="Xem mọi vấn đề chờ đơn vị bạn quyết định").click()
    expect(page.get_by_role("link", name=matter.title)).to_be_visible()
    expect(page.locator("#matters-caption")).to_contain_text("1 vấn đề")
