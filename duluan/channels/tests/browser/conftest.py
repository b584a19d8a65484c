"""The core browser fixtures (watched contexts, signed-in pages), reused here
(the same arrangement as duluan/network/tests/browser).

One process may hold one Playwright at a time. When the core browser tests
have already started theirs in this process (a session fixture, under
``duluan/core/tests/browser``), these tests use that browser; otherwise they
start their own for the module and stop it at the module's end.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from duluan.core.tests.browser.conftest import (  # noqa: F401
    NewContext,
    PageAs,
    new_context,
    page,
    page_as,
    pytest_runtest_makereport,
)
from duluan.core.tests.browser.support import CHROMIUM, CHROMIUM_MISSING, LAUNCH_ARGS


def _core_browser(request: pytest.FixtureRequest) -> Any:
    manager = request._fixturemanager
    for name in ("_arg2node2fixturedefs", "_arg2nodeid2fixturedefs"):
        table = getattr(manager, name, {})
        for key, definitions in table.get("browser", {}).items():
            for definition in definitions:
                cached = getattr(definition, "cached_result", None)
                where = str(getattr(key, "nodeid", key))
                if "core/tests/browser" in where and cached is not None:
                    return cached[0]
    return None


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Iterator[Any]:
    running = _core_browser(request)
    if running is not None:
        yield running
        return
    if not CHROMIUM.exists():
        pytest.skip(CHROMIUM_MISSING)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        yield chromium
        chromium.close()
