"""The channels inbox passes axe-core (serious and critical) for an officer."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from duluan.channels.models import ChannelEndpoint
from duluan.conftest import OrgTree
from duluan.core.tests.browser.support import (
    axe_violations,
    describe_violations,
    needs_axe,
    needs_chromium,
)

from .conftest import PageAs

pytestmark = [pytest.mark.browser, needs_chromium, needs_axe]
FIXTURES = Path(__file__).resolve().parents[3] / "channels" / "fixtures"


def test_inbox_pages_pass_axe(page_as: PageAs, org_tree: OrgTree) -> None:
    ChannelEndpoint.objects.create(
        kind="sms", unit=org_tree.cs_a1, address="ffffffffceb0b1db0000018e937c815b"
    )
    for name in ("received_plain.json", "received_keyword.json"):
        with contextlib.suppress(SystemExit):
            call_command(
                "channel", "simulate", "sms", str(FIXTURES / "sms" / name), stdout=io.StringIO()
            )
    page = page_as(org_tree.user("cs_a1"), axe=True)
    page.set_default_navigation_timeout(30_000)
    problems = []
    for url in ("/kenh/", "/kenh/?trang_thai=da_phan_loai", "/kenh/?trang_thai="):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        violations = axe_violations(page)
        if violations:
            problems.append(describe_violations(url, violations))
    assert "Tin nhắn SMS" in page.content()

    # At the root: a message that matched no unit waits "Chưa xác định đơn vị"; a
    # classified one offers "Bỏ đánh dấu"; a tip page's poster is refused while the
    # tip channel is off.
    from duluan.channels.models import ChannelMessage
    from duluan.channels.services import message_classify

    with contextlib.suppress(SystemExit):
        call_command(
            "channel",
            "simulate",
            "zalo",
            str(FIXTURES / "zalo" / "user_send_text.json"),
            stdout=io.StringIO(),
        )
    for message in ChannelMessage.objects.filter(kind="sms"):
        message_classify(message_id=message.pk)
    tip_page = ChannelEndpoint.objects.create(
        kind="tip", unit=org_tree.cs_a1, code="t01-a-1", replies=False
    )
    root = page_as(org_tree.user("province"), axe=True)
    root.set_default_navigation_timeout(30_000)
    for url, status in (
        ("/kenh/", 200),
        ("/kenh/?trang_thai=da_phan_loai", 200),
        (f"/kenh/gop-y/{tip_page.pk}/ap-phich/", 409),
    ):
        response = root.goto(url)
        assert response is not None and response.status == status, url
        violations = axe_violations(root)
        if violations:
            problems.append(describe_violations(url, violations))
        if url == "/kenh/":
            assert "Chưa xác định đơn vị" in root.content()
    assert not problems, "\n".join(problems)
