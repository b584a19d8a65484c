"""The media page in a real browser after a poll of the recorded feeds: axe-core, the
charts drawn, a spike opened as a matter by keyboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from duluan.conftest import OrgTree
from duluan.media.choices import SourceKind
from duluan.media.models import DailyCount
from duluan.media.services import media_poll_due, media_spikes_detect, source_create
from duluan.nlp.taxonomy import ensure_topics
from duluan.org.choices import Role

from .conftest import PageAs
from .support import axe_violations, describe_violations, needs_axe, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

LONG_ERROR = (
    "Không đọc được tệp xuất: https://fanpage.example/cong-doan-kcn/exports/"
    "bai-dang-va-binh-luan-thang-11-nam-2026-ban-day-du.json trả lời 503 nhiều lần liền"
)


@needs_axe
@pytest.mark.parametrize("mobile", [False, True], ids=["desktop", "mobile"])
def test_media_page_has_no_serious_axe_violations(
    page_as: PageAs, org_tree: OrgTree, settings: object, mobile: bool
) -> None:
    ensure_topics()
    settings.MEDIA_DOMAIN_DELAY_SECONDS = 0  # type: ignore[attr-defined]
    unit = org_tree.upper_a
    for name, kind, url in (
        ("Báo Công Nhân Mẫu", SourceKind.FEED, "https://baocongnhan.example/feeds/baocongnhan.rss"),
        (
            "Tạp chí Lao Động Mẫu",
            SourceKind.FEED,
            "https://laodongmau.example/feeds/laodongmau.atom",
        ),
    ):
        source_create(actor=None, unit=unit, name=name, kind=kind, url=url)
    fanpage = source_create(actor=None, unit=unit, name="Fanpage CĐ KCN", kind=SourceKind.EXPORT)
    media_poll_due()
    today = timezone.localdate()
    DailyCount.objects.bulk_create(
        DailyCount(
            source=fanpage,
            day=today - timedelta(days=d),
            topic="tien_luong",
            sentiment="tieu_cuc",
            articles=3,
        )
        for d in range(3)
    )
    DailyCount.objects.bulk_create(  # a quiet history: one article a week for eight weeks
        DailyCount(
            source=fanpage,
            day=today - timedelta(days=10 + 7 * w),
            topic="tien_luong",
            sentiment="tieu_cuc",
            articles=1,
        )
        for w in range(8)
    )
    media_spikes_detect()
    fanpage.last_error = LONG_ERROR
    fanpage.save(update_fields=["last_error"])
    officer = org_tree.user("upper_a", Role.OFFICER)
    page: Page = page_as(officer, mobile=mobile, axe=True)
    page.goto("/bao-chi-mang-xa-hoi/")
    expect(page.locator("#media-stories tbody tr").first).to_be_visible()
    assert page.evaluate("() => !!Chart.getChart(document.getElementById('chart-topics'))")
    # Nothing scrolls sideways: neither the page nor, at 1280 px, a table in its box
    # (a long fetch error is cut, whole in its title).
    width = 390 if mobile else 1280
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
    if not mobile:
        for table in ("#media-stories", "#media-health"):
            sizes = page.evaluate(
                "(sel) => { const t = document.querySelector(sel);"
                " return [t.scrollWidth, t.parentElement.clientWidth]; }",
                table,
            )
            assert sizes[0] <= sizes[1] + 1, f"{table} is {sizes[0]} px in a {sizes[1]} px box"
    long_error = page.locator("#media-health td.error span[title]")
    expect(long_error.first).to_have_attribute("title", LONG_ERROR)
    violations = axe_violations(page)
    assert not violations, describe_violations("Báo chí, mạng xã hội", violations)
    page.goto("/phan-tich/van-de-noi-len/")
    violations = axe_violations(page)
    assert not violations, describe_violations("Vấn đề nổi lên (báo chí)", violations)
    if not mobile:
        page.goto("/bao-chi-mang-xa-hoi/")
        page.locator("#media-spikes").get_by_role("button", name="Lập vấn đề").first.press("Enter")
        expect(page.get_by_text("Đã lập vấn đề từ cảnh báo báo chí")).to_be_visible()
