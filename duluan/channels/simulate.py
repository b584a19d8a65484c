"""Replay a recorded payload through the same path a real delivery takes.

Webhook channels: the body is signed with ``DULUAN_CHANNELS_TEST_SECRET`` (as
the channel's secret, for this call only) and posted to the webhook view;
e-mail goes to :func:`~duluan.channels.services.channel_receive`, as
``duluan mail-ingest`` and the IMAP poller do. Jobs run as configured
(in-process on the embedded default)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import reverse

from .base import QueryReceiver, adapter_get
from .services import channel_receive

# The settings each webhook channel signs with: simulate puts the test secret there
# (SMS: the Android gateway's signing key, eSMS's private key).
SECRET_SETTINGS = {
    "zalo": ("ZALO_OA_SECRET_KEY",),
    "sms": ("SMS_WEBHOOK_SECRET", "ESMS_PRIVATE_KEY"),
}
# Checks a recorded payload cannot pass on a configured server (another app's or CP's id).
RELAXED = {"zalo": {"ZALO_APP_ID": ""}, "sms": {"ESMS_CPID": ""}}
DIRECT_KINDS = {"email", "tip"}  # tip: no outside sender, the page calls the ingest


@dataclass
class SimulateResult:
    status: int
    body: dict[str, Any]


def endpoint_ensure(*, kind: str, raw: bytes, unit_code: str) -> str:
    """For the demo: an endpoint of ``unit_code`` at the address the payload was sent
    to, unless one exists. Returns what was done, in Vietnamese."""
    from duluan.org.models import Unit

    from .models import ChannelEndpoint

    adapter = adapter_get(kind)
    unit = Unit.objects.filter(code=unit_code).first()
    if adapter is None or unit is None:
        raise ValueError(f"Không có đơn vị mã «{unit_code}».")
    with override_settings(CHANNELS=[kind]):
        parsed = adapter.parse(raw)
    # Where each message was sent: its address, or, with none (a tip page's key),
    # the code it names.
    places = {(m.address, "") if m.address else ("", m.unit_code) for m in parsed}
    created = []
    for address, code in sorted(places):
        if not address and not code:
            continue
        _, made = ChannelEndpoint.objects.get_or_create(
            kind=kind, address=address, code=code, defaults={"unit": unit}
        )
        if made:
            created.append(address or code)
    return f"Đã tạo điểm tiếp nhận {', '.join(created)} cho {unit.code}." if created else ""


def channel_simulate(*, kind: str, raw: bytes, forge: bool = False) -> SimulateResult:
    """``forge``: sign with a wrong secret (the answer must be 403)."""
    if adapter_get(kind) is None:
        raise ValueError(f"Không có kênh «{kind}».")
    enabled = sorted({*settings.CHANNELS, kind})
    secret = settings.CHANNELS_TEST_SECRET
    overrides: dict[str, Any] = {"CHANNELS": enabled}
    overrides.update({name: secret for name in SECRET_SETTINGS.get(kind, ())})
    overrides.update(RELAXED.get(kind, {}))
    if kind in DIRECT_KINDS:
        with override_settings(**overrides):
            result = channel_receive(kind=kind, raw=raw)
        from .views import receive_answer

        return SimulateResult(200, receive_answer(result))
    from .views import webhook_handle

    adapter = adapter_get(kind)
    assert adapter is not None
    forged = {name: secret + "-sai" for name in SECRET_SETTINGS.get(kind, ())} if forge else {}
    path = reverse("channels:webhook", args=[kind])
    if isinstance(adapter, QueryReceiver) and adapter.is_query(raw):
        with override_settings(**(overrides | forged)):
            query = adapter.signed_query(raw)
        request = RequestFactory().get(f"{path}?{query}")
    else:
        with override_settings(**(overrides | forged)):
            headers = adapter.sign(raw)
        request = RequestFactory().post(
            path,
            data=raw,
            content_type=headers.pop("Content-Type", "application/json"),
            headers=headers,
        )
    with override_settings(**overrides):
        response, answer = webhook_handle(request, kind=kind)
    return SimulateResult(response.status_code, answer)
