"""What the browser tests share: where Chromium and axe-core live, sign-in, axe runs."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from duluan.conftest import PASSWORD
from duluan.intake.models import Report
from duluan.intake.services import ReportData, report_create

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.NODE_MODULES) / "axe-core" / "axe.min.js"

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


def sign_in(context: BrowserContext, user: Any, base_url: str) -> None:
    """A session cookie for ``user`` without going through the form (faster)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def report_make(actor: Any, unit: Any, **overrides: Any) -> Report:
    """A report filed through the service, as the form would."""
    data: dict[str, Any] = {
        "unit_id": unit.pk,
        "channel": "truc_tiep",
        "heard_at": timezone.now() - timedelta(hours=3),
        "subject": "Công nhân lo nợ lương",
        "text": "Nhiều anh chị em phản ánh công ty chậm trả lương tháng 10.",
        "kind": "khieu_nai",
        "mood": "tieu_cuc",
        "verifiability": "nhieu_nguon",
        **overrides,
    }
    return report_create(actor=actor, data=ReportData(**data))


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, the way a person does."""
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()
    assert "/dang-nhap/" not in page.url, f"{username} không đăng nhập được"


def load_axe(context: BrowserContext) -> None:
    """Put axe-core in every page of the context.

    ``page.add_script_tag`` would add an inline script, which the CSP refuses (rightly);
    an init script goes in through the DevTools protocol, and the page keeps its CSP.
    """
    context.add_init_script(path=AXE)


def axe_violations(page: Page, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict[str, Any]]:
    """Violations of the given impacts on the page as it is now."""
    assert page.evaluate("() => typeof window.axe === 'object'"), "axe-core chưa được nạp"
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
