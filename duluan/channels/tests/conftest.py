"""Fixtures of the channels tests: endpoints in the shared test tree."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from duluan.channels.models import ChannelEndpoint
from duluan.conftest import OrgTree

OA_ID = "3886132808788086451"
SMS_DEVICE = "ffffffffceb0b1db0000018e937c815b"
ESMS_SHORT_CODE = "8077"


@pytest.fixture(autouse=True)
def _clear_rate_limits(settings: Any) -> None:
    """A cache of the test's own for the rate limits, receipt codes and form tokens:
    clearing the shared Redis of the PostgreSQL run would wipe what tests on the
    other workers hold (and theirs would reset these counters mid-test)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "channels-tests",
        }
    }
    cache.clear()


@pytest.fixture(autouse=True)
def _no_network_for_media(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Zalo media links answer 404 here unless a test serves them; nothing leaves."""
    import httpx

    from duluan.channels import zalo

    asked: list[str] = []

    def not_found(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(404)

    monkeypatch.setattr(zalo, "MEDIA_TRANSPORT", httpx.MockTransport(not_found))
    return asked


@pytest.fixture
def endpoints(org_tree: OrgTree, settings: Any) -> OrgTree:
    """The OA of upper_a; a shared mailbox of the province (plus-addressing) and a
    mailbox of upper_b; an SMS gateway of the province, with the keyword of cs_b1;
    eSMS's short code of upper_b, with the same keyword for cs_b1."""
    settings.CHANNELS = []  # off, as on the embedded default: simulate switches one on
    ChannelEndpoint.objects.create(kind="zalo", unit=org_tree.upper_a, address=OA_ID)
    ChannelEndpoint.objects.create(kind="email", unit=org_tree.province, address="gopy@ldld.vn")
    ChannelEndpoint.objects.create(
        kind="email", unit=org_tree.upper_b, address="congdoangd@ldld.vn"
    )
    ChannelEndpoint.objects.create(kind="sms", unit=org_tree.province, address=SMS_DEVICE)
    ChannelEndpoint.objects.create(
        kind="sms", unit=org_tree.cs_b1, address=SMS_DEVICE, code="LELOI"
    )
    ChannelEndpoint.objects.create(kind="sms", unit=org_tree.upper_b, address=ESMS_SHORT_CODE)
    ChannelEndpoint.objects.create(
        kind="sms", unit=org_tree.cs_b1, address=ESMS_SHORT_CODE, code="LELOI"
    )
    return org_tree
