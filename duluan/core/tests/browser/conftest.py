"""Fixtures for the real-browser tests: one Chromium per session, a fresh context per test.

A context watches its pages: a static file that fails to load, a script error or a
CSP refusal fails the test. A failed test leaves screenshots under test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings

from .support import CHROMIUM, CHROMIUM_MISSING, DESKTOP, LAUNCH_ARGS, MOBILE, load_axe, sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
DEFAULT_TIMEOUT_MS = (
    15_000  # a shared 2-core CI machine: a form that files a report can take seconds
)

NewContext = Callable[..., "BrowserContext"]
PageAs = Callable[..., "Page"]


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the item, so fixtures know whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(CHROMIUM_MISSING)
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        yield chromium
        chromium.close()


class PageWatch:
    """What went wrong in the pages of one test, beyond what it asserts itself."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def attach(self, page: Page) -> None:
        page.on("pageerror", lambda exc: self.problems.append(f"lỗi script: {exc}"))
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        # A 404 page is a 404 on purpose in some tests; failed static files are
        # caught by _response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            if _refused_map_tile(message.text):
                return
            self.problems.append(f"console: {message.text}")

    def _response(self, response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            self.problems.append(f"tệp tĩnh {response.url} trả về {response.status}")


# The web form's map (geopoint/geotrace/geoshape) asks OpenStreetMap for tiles; with
# no DULUAN_SURVEY_MAP_TILES the page's CSP refuses them on purpose (docs/surveys.md),
# and only that refusal is expected.
_MAP_TILE_REFUSED = re.compile(
    r"^Loading the image 'https://tile\.openstreetmap\.org/\d+/\d+/\d+\.png' violates "
    r"the following Content Security Policy directive: \"img-src [^\"]*\"\. "
    r"The action has been blocked\.$"
)


def _refused_map_tile(text: str) -> bool:
    return not settings.SURVEY_MAP_TILES and bool(_MAP_TILE_REFUSED.match(text))


def _slug(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[-150:]


@pytest.fixture
def new_context(
    browser: Browser, live_server: Any, request: pytest.FixtureRequest
) -> Generator[NewContext]:
    """Make a browser context on the live server.

    ``new_context(mobile=True, axe=True, **playwright_options)``: a phone-sized one,
    able to load axe-core.
    """
    contexts: list[BrowserContext] = []
    watch = PageWatch()

    def make(*, mobile: bool = False, axe: bool = False, **options: Any) -> BrowserContext:
        kwargs: dict[str, Any] = {
            "base_url": live_server.url,
            "locale": "vi-VN",
            "timezone_id": "Asia/Ho_Chi_Minh",
            **(MOBILE if mobile else DESKTOP),
            **options,
        }
        context = browser.new_context(**kwargs)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.on("page", watch.attach)
        if axe:
            load_axe(context)
        contexts.append(context)
        return context

    yield make

    report = getattr(request.node, "rep_call", None)
    failed = report is not None and report.failed
    try:
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for n, page in enumerate(p for c in contexts for p in c.pages):
                path = ARTIFACTS / f"{_slug(request.node.nodeid)}-{n}.png"
                page.screenshot(path=str(path), full_page=True)
                print(f"Ảnh chụp màn hình: {path} ({page.url})")
    finally:
        for context in contexts:
            context.close()
    if report is not None and report.passed and watch.problems:
        pytest.fail("Trang có lỗi phía trình duyệt:\n" + "\n".join(watch.problems))


@pytest.fixture
def page(new_context: NewContext) -> Page:
    """A desktop page (1280×800)."""
    return new_context().new_page()


@pytest.fixture
def mobile_page(new_context: NewContext) -> Page:
    """A phone-sized page (390×844, touch)."""
    return new_context(mobile=True).new_page()


@pytest.fixture
def page_as(new_context: NewContext, live_server: Any) -> PageAs:
    """``page_as(user, mobile=False, axe=False)``: a page already signed in as ``user``."""

    def make(user: Any, *, mobile: bool = False, axe: bool = False) -> Page:
        context = new_context(mobile=mobile, axe=axe)
        sign_in(context, user, live_server.url)
        return context.new_page()

    return make
