"""What the browser tests share: where Chromium and axe-core live, sign-in, axe runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings

from duluan.conftest import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"
# Served to the page from its own origin, so axe runs under the real CSP.
AXE_URL = "/__browser-tests__/axe.min.js"

CHROMIUM_MISSING = (
    f"Chromium không có ở {CHROMIUM}: cài gói Debian chromium để chạy kiểm thử trình duyệt"
)
AXE_MISSING = f"axe-core không có ở {AXE}: chạy `npm ci` để cài node_modules"

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=CHROMIUM_MISSING)
needs_axe = pytest.mark.skipif(not AXE.exists(), reason=AXE_MISSING)

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
MOBILE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}
BLOCKING_IMPACTS = ("serious", "critical")


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, the way a person does."""
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    assert "/dang-nhap/" not in page.url, f"{username} không đăng nhập được"


def serve_axe(context: BrowserContext) -> None:
    context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE))


def axe_violations(page: Page, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict[str, Any]]:
    """Violations of the given impacts on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(url=AXE_URL)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in impacts]


def describe_violations(label: str, violations: list[dict[str, Any]]) -> str:
    """One readable block per page: rule, impact, help link, the offending nodes."""
    lines = [f"== {label}: {len(violations)} vi phạm"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            summary = re.sub(r"\s+", " ", node.get("failureSummary") or "").strip()
            lines.append(f"    - {target}: {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … và {len(v['nodes']) - 5} phần tử khác")
    return "\n".join(lines)
