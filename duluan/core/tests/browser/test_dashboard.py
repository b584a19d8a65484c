"""The dashboard in a real browser (issue #6): province analyst and grassroots officer,
drill-down two levels, a filter, CSV and PNG exports, axe; screenshots under
bench/screenshots/ (not committed) for review."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from duluan.core.tests.browser.support import axe_violations, describe_violations
from duluan.dashboard.services import dashboard_rebuild
from duluan.dashboard.tests.helpers import add_reports
from duluan.org.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(settings.BASE_DIR) / "bench" / "screenshots"


@pytest.fixture
def tree(org_tree: Any) -> Any:
    today = timezone.localdate()
    add_reports(org_tree.cs_a1, 24, today, hour=0, topics=["tien_luong"])
    add_reports(
        org_tree.cs_a1,
        11,
        today,
        hour=0,
        channel="email",
        mood="trung_lap",
        topics=["bao_hiem"],
        sentiment="trung_lap",
    )
    add_reports(org_tree.cs_a2, 15, today, hour=0, mood="tich_cuc", kind="khen_ngoi")
    add_reports(org_tree.cs_b1, 9, today, hour=0, channel="dien_thoai")
    for months in range(1, 14):
        day = (today.replace(day=1) - timedelta(days=1)).replace(day=1) - timedelta(
            days=31 * (months - 1)
        )
        add_reports(org_tree.cs_a1, 10 + months % 4 * 3, day.replace(day=10), topics=["tien_luong"])
    dashboard_rebuild()
    return org_tree


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_blocking_axe(page: Any, label: str) -> None:
    violations = axe_violations(page)
    assert not violations, describe_violations(label, violations)


def test_province_analyst_drills_down_filters_and_exports(tree: Any, page_as: Any) -> None:
    page = page_as(tree.user("province", Role.ANALYST), axe=True)
    page.set_default_timeout(30_000)  # a shared, busy test machine
    # The reports are this month's: the running month, asked for (the default is the last
    # complete one; the home of an analyst is the briefing).
    page.goto(f"/bang-dieu-khien/?period={timezone.localdate():%Y-%m}")
    page.get_by_role("heading", level=1, name="Bảng điều khiển: LĐLĐ tỉnh").wait_for()
    page.wait_for_function("() => document.querySelector('#chart-topics').width > 0")
    assert page.locator("[data-code=reports_total] .big").inner_text() == "59"
    shot(page, "dashboard-province")
    no_blocking_axe(page, "bảng điều khiển tỉnh")

    # Two levels down: the upper union, then its grassroots union.
    page.locator(f"[data-drill='{tree.upper_a.pk}']").click()
    page.get_by_role("heading", level=1, name="Bảng điều khiển: CĐ KCN A").wait_for()
    page.locator(f"[data-drill='{tree.cs_a1.pk}']").click()
    page.get_by_role("heading", level=1, name="Bảng điều khiển: CĐCS May Sông Xanh").wait_for()
    crumbs = page.get_by_role("navigation", name="Vị trí trong cây tổ chức")
    assert crumbs.get_by_role("link").all_inner_texts() == ["LĐLĐ tỉnh", "CĐ KCN A"]
    shot(page, "dashboard-drilled")

    # A filter, kept in the address with the subtree.
    page.get_by_label("Kênh", exact=True).select_option("email")
    page.get_by_role("button", name="Áp dụng").click()
    page.wait_for_url("**channel=email**")
    assert f"unit={tree.cs_a1.pk}" in page.url
    assert page.locator("[data-code=reports_total] .big").inner_text() == "11"
    shot(page, "dashboard-filtered")
    no_blocking_axe(page, "bảng điều khiển đã lọc")

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    csv_text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Số liệu chính" in csv_text and "Số phản ánh,11" in csv_text

    with page.expect_download() as info:
        page.locator("[data-png=topics]").click()
    assert Path(info.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_grassroots_officer_on_a_phone(tree: Any, page_as: Any) -> None:
    page = page_as(tree.user("cs_a1", Role.OFFICER), mobile=True, axe=True)
    page.set_default_timeout(30_000)
    # An officer's home is their inbox by step: the dashboard is one link away.
    page.goto(f"/bang-dieu-khien/?period={timezone.localdate():%Y-%m}")
    page.get_by_role("heading", level=1, name="Bảng điều khiển: CĐCS May Sông Xanh").wait_for()
    assert page.locator("[data-code=reports_total] .big").inner_text() == "35"
    assert page.locator("[data-drill]").count() == 0  # a grassroots union: no child unit
    page.get_by_text("Xem dạng bảng").first.click()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390 + 1, "the page must not scroll sideways on a phone"
    shot(page, "dashboard-grassroots-mobile")
    no_blocking_axe(page, "bảng điều khiển cơ sở (điện thoại)")
    assert page.goto(f"/bang-dieu-khien/?unit={tree.cs_a2.pk}").status == 404
