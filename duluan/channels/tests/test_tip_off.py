"""While the tip channel is off (the embedded default) nothing offers what cannot be
used: no QR code, no poster, no demo receipt codes; ``make run`` switches it on for
the demo server."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from duluan.channels.models import ChannelEndpoint
from duluan.conftest import OrgTree

ROOT = Path(__file__).resolve().parents[3]
OFF = "Kênh «Trang góp ý ẩn danh» đang tắt"


def test_make_run_switches_the_tip_page_on_for_the_demo_server() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run = re.search(r"^run:.*?(?=^\S)", makefile, re.S | re.M)
    assert run is not None
    server = next(line for line in run.group(0).splitlines() if "runserver" in line)
    demo = next(line for line in run.group(0).splitlines() if " demo " in line)
    assert "DULUAN_CHANNELS=tip" in server
    assert "DULUAN_CHANNELS=tip" in demo
    from django.conf import settings

    assert "tip" not in settings.CHANNELS  # the embedded default stays all off


@pytest.mark.django_db
def test_qr_code_and_poster_are_refused_while_the_tip_channel_is_off(
    org_tree: OrgTree, settings: Any
) -> None:
    page = ChannelEndpoint.objects.create(
        kind="tip", unit=org_tree.cs_a1, code="t01-a-1", replies=False
    )
    officer = Client()
    officer.force_login(org_tree.user("cs_a1"))
    settings.CHANNELS = []
    for url in (f"/kenh/gop-y/{page.pk}/qr.svg", f"/kenh/gop-y/{page.pk}/ap-phich/"):
        response = officer.get(url)
        assert response.status_code == 409
        body = response.content.decode()
        assert OFF in body and "<svg" not in body
    listing = officer.get("/kenh/gop-y/").content.decode()
    assert OFF in listing
    assert f"/kenh/gop-y/{page.pk}/ap-phich/" not in listing
    assert f"/kenh/gop-y/{page.pk}/qr.svg" not in listing

    settings.CHANNELS = ["tip"]
    assert officer.get(f"/kenh/gop-y/{page.pk}/qr.svg").status_code == 200
    poster = officer.get(f"/kenh/gop-y/{page.pk}/ap-phich/")
    assert poster.status_code == 200 and "<svg" in poster.content.decode()
    assert f"/kenh/gop-y/{page.pk}/ap-phich/" in officer.get("/kenh/gop-y/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_demo_prints_receipt_codes_only_when_the_tip_page_is_on(
    org_tree: OrgTree, settings: Any
) -> None:
    from duluan.channels.demo_steps import channels_demo
    from duluan.org.demo_context import DemoContext

    settings.CHANNELS = []
    settings.CHANNELS_REPLIES = False
    officer = org_tree.user("upper_a")
    progress: list[str] = []
    ctx = DemoContext(root=org_tree.province, units={}, users={officer.username: officer},
                      today=timezone.localdate(), seed=7, progress=progress.append)  # fmt: skip
    channels_demo(ctx)
    assert not any("Mã biên nhận mẫu" in line for line in progress)
    assert any("DULUAN_CHANNELS=tip" in line for line in progress), progress
