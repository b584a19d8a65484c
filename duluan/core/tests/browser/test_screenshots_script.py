"""scripts/screenshots.py runs against a live server and writes its three PNGs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser

from duluan.conftest import PASSWORD, OrgTree
from duluan.org.choices import Role

from .support import needs_chromium, report_make

pytestmark = [pytest.mark.browser, needs_chromium]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def load_script() -> ModuleType:
    path = Path(settings.BASE_DIR) / "scripts" / "screenshots.py"
    spec = importlib.util.spec_from_file_location("duluan_screenshots", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_screenshot_script_writes_the_readme_pictures(
    browser: Browser, live_server: Any, org_tree: OrgTree, tmp_path: Path, settings: Any
) -> None:
    settings.TWO_FACTOR_WAIVED = True  # as `make run` serves the demo: leaders sign in
    officer = org_tree.user("province")
    report_make(officer, org_tree.cs_a1, urgency="diem_nong", subject="Công nhân ngừng việc")
    report_make(officer, org_tree.cs_b1, urgency="can_chu_y", subject="Giáo viên hỏi phụ cấp")

    leader = org_tree.user("province", Role.LEADER)
    written = load_script().take_screenshots(
        browser, live_server.url, officer.username, PASSWORD, tmp_path, leader=leader.username
    )

    assert [p.name for p in written] == [
        "report-form-mobile.png",
        "report-list-desktop.png",
        "unit-tree-desktop.png",
        "officer-home-desktop.png",
        "briefing-desktop.png",
        "briefing-mobile.png",
    ]
    for path in written:
        assert path.read_bytes()[:8] == PNG_MAGIC
