"""Helpers of the tip page tests: a tip page at cs_a1, a visitor who fills the form."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.test import Client
from django.urls import reverse

from duluan.channels.models import ChannelEndpoint
from duluan.org.models import Unit

# The test client's address, and one a proxy could have passed on: neither may be stored.
VISITOR_IP = "203.0.113.77"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
CODE = re.compile(r'<p class="tip-code" id="tip-code">([0-9A-Z-]{19})</p>')


def open_tip_page(unit: Unit, code: str = "t01-a-1") -> ChannelEndpoint:
    return ChannelEndpoint.objects.create(kind="tip", unit=unit, code=code, replies=False)


def visitor() -> Client:
    """A phone with no account: every request comes from the same address."""
    return Client(REMOTE_ADDR=VISITOR_IP, HTTP_X_FORWARDED_FOR=VISITOR_IP)


def form_fields(html: str) -> dict[str, str]:
    token = re.search(r'name="token" value="([^"]+)"', html)
    trap = re.search(r'name="(w_[0-9a-f]{8})"', html)
    assert token and trap, "the form has its signed token and its honeypot"
    return {"token": token.group(1), trap.group(1): ""}


def no_cookie(response: Any) -> bool:
    return not response.cookies and "Set-Cookie" not in response.headers


def send_tip(client: Client, key: str = "t01-a-1", text: str = "", **extra: Any) -> Any:
    url = reverse("channels:tip_form", args=[key])
    page = client.get(url)
    assert page.status_code == 200 and no_cookie(page)
    data = {
        **form_fields(page.content.decode()),
        "text": text or "Quản đốc bắt ký cam kết không tham gia công đoàn mới được tăng lương.",
        **extra,
    }
    return client.post(url, data)


def receipt_code(response: Any) -> str:
    found = CODE.search(response.content.decode())
    assert found, "the receipt code is shown once"
    return found.group(1)


def database_text() -> str:
    """Every row of every table, as text: what a copy of the database would give away."""
    parts = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        parts += [repr(row) for row in model._default_manager.all().values()]
    return "\n".join(parts)
