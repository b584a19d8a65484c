"""Screenshots for the README, taken from a running duluan with a real Chromium.

    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000 \\
        --username <tài khoản> [--password-file FILE | env DULUAN_SCREENSHOT_PASSWORD]

The account should be an officer of a unit with reports below it (the demo data's
officers are), so the list and the tree have something to show. Writes PNGs to
docs/screenshots/ (or --out): report-form-mobile.png (390×844), report-list-desktop.png
(1280×800), unit-tree-desktop.png (1280×800), officer-home-desktop.png (the officer's
first screen); with ``--leader NAME`` (same password; two-factor waived as in
``make run``) also briefing-desktop.png and briefing-mobile.png, the leader's first
screen. Uses the Debian chromium by default;
never downloads a browser. Date fields and the file picker follow the browser's own
language, not the page's: with only Chromium's en-US locale installed they read
mm/dd/yyyy and "Choose Files", unlike on a Vietnamese phone.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MOBILE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def _context(browser: Browser, base_url: str, scale: float, **options: object) -> BrowserContext:
    context = browser.new_context(
        base_url=base_url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        device_scale_factor=scale,
        **options,  # type: ignore[arg-type]
    )
    context.set_default_timeout(15_000)
    return context


def _login(page: Page, username: str, password: str) -> None:
    page.goto("/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/dang-nhap/" in page.url:
        raise SystemExit(f"Không đăng nhập được với tài khoản {username!r}.")


def take_screenshots(
    browser: Browser,
    base_url: str,
    username: str,
    password: str,
    out_dir: Path,
    *,
    scale: float = 1,
    leader: str = "",
) -> list[Path]:
    """Sign in and save the README's screenshots; the paths written, in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    phone = _context(browser, base_url, scale, **MOBILE)
    try:
        page = phone.new_page()
        _login(page, username, password)
        page.goto("/phan-anh/gui/")
        page.fill("#id_subject", "Công nhân lo lắng vì chậm trả lương tháng Mười")
        page.fill(
            "#id_text",
            "Nhiều anh chị em ở tổ cắt phản ánh công ty đã chậm trả lương hai tuần; "
            "một số người nói sẽ nghỉ việc nếu đến Tết vẫn chưa được thanh toán đủ.",
        )
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        page.evaluate("() => window.scrollTo(0, 0)")
        path = out_dir / "report-form-mobile.png"
        page.screenshot(path=str(path), animations="disabled")
        written.append(path)
        # The draft saved while typing stays on the machine it was typed on, not here.
        page.evaluate("() => localStorage.clear()")
    finally:
        phone.close()

    desk = _context(browser, base_url, scale, **DESKTOP)
    try:
        page = desk.new_page()
        _login(page, username, password)
        page.goto("/phan-anh/")
        path = out_dir / "report-list-desktop.png"
        page.screenshot(path=str(path), animations="disabled")
        written.append(path)

        page.goto("/don-vi/")
        # Open the first two levels so the picture shows a tree, not one line.
        for _ in range(2):
            closed = page.locator(".tree details:not([open]) > summary")
            if closed.count() == 0:
                break
            with page.expect_response(lambda r: "/con/" in r.url):
                closed.first.click()
            page.wait_for_load_state("networkidle")
        path = out_dir / "unit-tree-desktop.png"
        page.screenshot(path=str(path), animations="disabled")
        written.append(path)

        page.goto("/")  # the officer's first screen: the inbox by step
        path = out_dir / "officer-home-desktop.png"
        page.screenshot(path=str(path), animations="disabled")
        written.append(path)
    finally:
        desk.close()

    if leader:
        for name, options in (("briefing-desktop.png", DESKTOP), ("briefing-mobile.png", MOBILE)):
            context = _context(browser, base_url, scale, **options)
            try:
                page = context.new_page()
                _login(page, leader, password)
                page.goto("/")  # the leader's first screen: the briefing
                path = out_dir / name
                page.screenshot(path=str(path), animations="disabled")
                written.append(path)
            finally:
                context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="địa chỉ duluan đang chạy")
    parser.add_argument("--username", required=True)
    parser.add_argument("--leader", default="", help="tài khoản lãnh đạo (ảnh trang tóm tắt)")
    parser.add_argument(
        "--password-file",
        type=Path,
        help="tệp chứa mật khẩu (hoặc đặt biến môi trường DULUAN_SCREENSHOT_PASSWORD)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default=CHROMIUM, help="đường dẫn Chromium")
    parser.add_argument("--scale", type=float, default=1, help="device scale factor (2: ảnh nét)")
    args = parser.parse_args(argv)

    if args.password_file:
        password = args.password_file.read_text(encoding="utf-8").strip()
    else:
        password = os.environ.get("DULUAN_SCREENSHOT_PASSWORD", "")
    if not password:
        parser.error("cần --password-file hoặc biến môi trường DULUAN_SCREENSHOT_PASSWORD")
    if not Path(args.chromium).exists():
        parser.error(f"không thấy Chromium ở {args.chromium} (cài gói Debian chromium)")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=LAUNCH_ARGS, headless=True
        )
        try:
            paths = take_screenshots(
                browser,
                args.url.rstrip("/"),
                args.username,
                password,
                args.out,
                scale=args.scale,
                leader=args.leader,
            )
        finally:
            browser.close()
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
