"""The live server serves the CSS and scripts the pages ask for, under the real CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from duluan.conftest import OrgTree

from .support import login, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


def test_css_and_scripts_load_and_apply(page: Page, org_tree: OrgTree) -> None:
    statuses: dict[str, int] = {}
    page.on("response", lambda r: statuses.__setitem__(r.url.split("/static/")[-1], r.status))
    login(page, org_tree.user("cs_a1").username)

    assert statuses.get("vendor/pico/pico.min.css") == 200
    assert statuses.get("duluan/app.css") == 200
    assert statuses.get("vendor/htmx/htmx.min.js") == 200
    assert statuses.get("duluan/app.js") == 200
    # Pico's variables and our own rules are in force, htmx is running.
    assert page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--pico-font-family')"
    ).strip()
    assert (
        page.evaluate("() => getComputedStyle(document.querySelector('.skip-link')).left")
        == "-9999px"
    )
    assert page.evaluate("() => typeof window.htmx") == "object"
    assert "script-src 'self'" in (page.context.request.get("/").headers["content-security-policy"])
