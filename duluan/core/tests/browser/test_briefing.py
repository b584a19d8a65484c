"""The leader's briefing in a real browser (issue #18): the province leader's home on a
desktop (1280×800) and a phone (390×844): the headline figures and the hot spots are on
the first screen, every panel link lands on a filtered list with the same count, and
axe-core finds no serious or critical violation."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from duluan.cases.choices import EscalationState, State
from duluan.cases.models import Escalation, Matter
from duluan.core.tests.browser.support import axe_violations, describe_violations
from duluan.dashboard.briefing import last_complete_period
from duluan.dashboard.services import dashboard_rebuild
from duluan.dashboard.tests.helpers import add_reports
from duluan.org.choices import Role
from duluan.org.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(settings.BASE_DIR) / "bench" / "screenshots"
FOLD = 800

# Where each list page says how many rows it holds.
LIST_COUNTS = {
    "/phan-anh/": ".result-count",
    "/diem-nong/": ".result-count",
    "/van-de/": "#matters-caption strong",
    "/bang-dieu-khien/": "[data-code=reports_total] .big",
}


def _matter(unit: Any, title: str, **fields: Any) -> Matter:
    matter = Matter.objects.create(title=title, owning_unit=unit, **fields)
    matter.units.add(unit)
    return matter


@pytest.fixture
def tree(org_tree: Any) -> Any:
    month = last_complete_period("month", timezone.localdate())
    before = month.previous()
    add_reports(org_tree.cs_a1, 27, month.start + timedelta(days=9), topics=["tien_luong"])
    add_reports(org_tree.cs_a2, 9, month.start + timedelta(days=11), topics=["tien_luong"])
    add_reports(org_tree.cs_a1, 20, before.start + timedelta(days=9), topics=["tien_luong"])
    add_reports(
        org_tree.cs_b1, 11, month.start + timedelta(days=4), topics=["bao_hiem"], mood="tich_cuc"
    )
    add_reports(
        org_tree.cs_b1, 14, before.start + timedelta(days=4), topics=["bao_hiem"], mood="tich_cuc"
    )
    dashboard_rebuild()
    now = timezone.now()
    _matter(org_tree.cs_a1, "Ngừng việc tại May Sông Xanh", is_hot_spot=True, hot_since=now)
    _matter(
        org_tree.cs_b1,
        "Giáo viên chưa nhận lương tháng 11",
        is_hot_spot=True,
        hot_since=now - timedelta(days=3),
    )
    _matter(
        org_tree.cs_a2, "Bữa ăn ca kém", state=State.SANG_LOC, state_since=now - timedelta(days=40)
    )
    up = _matter(org_tree.upper_a, "Tăng ca quá giờ", state=State.PHAN_ANH_LEN, state_since=now)
    Escalation.objects.create(
        matter=up,
        from_unit=org_tree.upper_a,
        to_unit=org_tree.province,
        proposal="Đề nghị LĐLĐ tỉnh làm việc với doanh nghiệp.",
        state=EscalationState.PENDING,
    )
    return org_tree


def _bottom(page: Any, selector: str) -> float:
    """The lowest edge of the matched elements, in page coordinates."""
    boxes = [
        page.locator(selector).nth(i).bounding_box() for i in range(page.locator(selector).count())
    ]
    assert boxes, selector
    scroll = page.evaluate("() => window.scrollY")
    return max(b["y"] + b["height"] for b in boxes if b) + scroll


def _changes_shown_whole(page: Any) -> None:
    """Each figure card's change line shows its baseline ("kỳ trước 1.791"), not cut."""
    cut = page.evaluate(
        """() => [...document.querySelectorAll('.brief-change')]
            .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
            .map(e => e.textContent)"""
    )
    assert not cut, cut
    changes = page.locator("[data-code=reports_total] .brief-change").inner_text()
    assert "kỳ trước" in changes, changes


def _count_on(page: Any, path: str) -> int:
    selector = LIST_COUNTS[path]
    page.locator(selector).first.wait_for()
    text = page.locator(selector).first.inner_text()
    found = re.search(r"\d[\d.]*", text)
    assert found, f"{path}: {text}"
    return int(found.group(0).replace(".", ""))


def _open_briefing(page: Any) -> None:
    page.goto("/")
    page.get_by_role("heading", level=1, name="Tóm tắt tình hình: LĐLĐ tỉnh").wait_for()


def _links(page: Any) -> list[tuple[str, int, str]]:
    """(what, the count it shows, where it leads) for every counted panel of the page."""
    links: list[tuple[str, int, str]] = []
    for figure in page.locator(".brief-figure").all():
        text = figure.locator("[data-value]").inner_text()
        if text.replace(".", "").isdigit():  # a hidden (small) figure links to nothing counted
            links.append(
                (
                    figure.get_attribute("data-code") or "",
                    int(text.replace(".", "")),
                    figure.get_attribute("href") or "",
                )
            )
    for panel in ("hot_spots_open", "matters_awaiting_decision"):
        heading = page.locator(f"[data-panel={panel}] h2 a")
        links.append(
            (
                panel,
                int(heading.locator("[data-count]").inner_text()),
                heading.get_attribute("href") or "",
            )
        )
    for row in page.locator("[data-topic]").all():
        text = row.locator("[data-value]").inner_text()
        if text.replace(".", "").isdigit():
            links.append(
                (
                    row.get_attribute("data-topic") or "",
                    int(text.replace(".", "")),
                    row.locator("a").get_attribute("href") or "",
                )
            )
    return links


def _follow(page: Any, links: list[tuple[str, int, str]]) -> None:
    for code, value, href in links:
        page.goto(href)
        path = next(p for p in LIST_COUNTS if href.startswith(p))
        assert _count_on(page, path) == value, f"{code}: {href}"
        assert "unit=" in href, f"{code}: the list must be filtered to the unit"


def test_province_leader_sees_the_minute_on_one_desktop_screen(tree: Any, page_as: Any) -> None:
    page = page_as(tree.user("province", Role.LEADER), axe=True)
    page.set_default_timeout(30_000)
    _open_briefing(page)
    assert page.locator("[data-code]").count() == 5
    assert (
        "Phản ánh về tiền lương, thu nhập tăng 80 %" in page.locator("[data-reading]").inner_text()
    )
    assert _bottom(page, ".brief-figure") <= FOLD, "headline figures below the fold"
    assert _bottom(page, "[data-panel=hot_spots_open]") <= FOLD, "hot spots below the fold"
    assert _bottom(page, "[data-panel=matters_awaiting_decision]") <= FOLD
    _changes_shown_whole(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "briefing-desktop.png"))
    violations = axe_violations(page)
    assert not violations, describe_violations("tóm tắt tình hình (máy tính)", violations)

    # Every panel: the count it shows is the count of the list it opens.
    links = _links(page)
    assert {code for code, _, _ in links} >= {
        "reports_total",
        "reports_negative",
        "hot_spots_open",
        "matters_overdue",
        "matters_awaiting_decision",
        "tien_luong",
    }
    _follow(page, links)

    # A matter from the briefing, and the drill-down to a child unit's briefing.
    _open_briefing(page)
    page.locator("[data-panel=hot_spots_open] li a").first.click()
    page.wait_for_url("**/van-de/*/")
    _open_briefing(page)
    page.locator(f"[data-drill='{tree.upper_a.pk}']").click()
    page.get_by_role("heading", level=1, name="Tóm tắt tình hình: CĐ KCN A").wait_for()
    assert page.url.count("unit=") == 1
    page.get_by_role("link", name="Xem bảng điều khiển đầy đủ").click()
    page.get_by_role("heading", level=1, name="Bảng điều khiển: CĐ KCN A").wait_for()


def test_province_leader_on_a_phone_in_two_screens(tree: Any, page_as: Any) -> None:
    page = page_as(tree.user("province", Role.LEADER), mobile=True, axe=True)
    page.set_default_timeout(30_000)
    _open_briefing(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390 + 1, "the page must not scroll sideways on a phone"
    # Figures and hot spots within two screens of the top of the briefing itself.
    top = page.locator(".brief").bounding_box()["y"]
    assert _bottom(page, ".brief-figure") - top <= 844
    assert _bottom(page, "[data-panel=hot_spots_open]") - top <= 2 * 844
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "briefing-phone.png"), full_page=True)
    violations = axe_violations(page)
    assert not violations, describe_violations("tóm tắt tình hình (điện thoại)", violations)
    # The running month is one click away, and says it is partial.
    page.get_by_role("link", name=re.compile("đang diễn ra, chưa đủ tháng")).click()
    page.get_by_text("đang diễn ra, chưa đủ tháng").first.wait_for()
    assert "chưa đủ tháng" in page.locator(".brief-span").inner_text()


@pytest.fixture
def demo_leader(transactional_db: Any, tmp_path: Path, settings: Any) -> User:
    """The demo province (2,000 reports), and its province leader."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    path = tmp_path / "accounts.json"
    call_command(
        "demo",
        "--reports",
        "2000",
        "--seed",
        "7",
        "--accounts-json",
        str(path),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    accounts = json.loads(path.read_text(encoding="utf-8"))
    leader = next(a for a in accounts if a["role"] == Role.LEADER and not a["parent_unit_code"])
    return User.objects.get(username=leader["username"])


def test_demo_province_leader_first_screen_and_links(demo_leader: User, page_as: Any) -> None:
    page = page_as(demo_leader, axe=True)
    page.set_default_timeout(30_000)
    page.goto("/")
    page.get_by_role("heading", level=1, name=re.compile("^Tóm tắt tình hình: ")).wait_for()
    assert _bottom(page, ".brief-figure") <= FOLD, "headline figures below the fold"
    assert _bottom(page, "[data-panel=hot_spots_open]") <= FOLD, "hot spots below the fold"
    assert int(page.locator("[data-panel=hot_spots_open] [data-count]").inner_text()) > 0
    _changes_shown_whole(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "briefing-demo-desktop.png"))
    violations = axe_violations(page)
    assert not violations, describe_violations("tóm tắt tình hình (dữ liệu mẫu)", violations)
    _follow(page, _links(page))
