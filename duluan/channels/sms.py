"""SMS: one adapter interface, two providers.

Calls with HTTP GET are eSMS.vn's short-code service (``sms_esms.py``, its own
format, signature and answer); everything below is about the first provider.

The gateway is *SMS Gateway for Android* (sms-gate.app, open source): an
Android phone with an ordinary Vietnamese SIM forwards each received SMS as a
signed webhook (event ``sms:received``). Its format and signature are public
(docs/channels.md has the source): ``X-Signature`` = hex HMAC-SHA256 over the
raw body followed by ``X-Timestamp`` (Unix seconds), keyed by the signing key
set in the app. We refuse timestamps more than five minutes away (replays are
caught anyway by the message id).

The first word of the text, in capitals, may be a keyword naming a unit (an
endpoint's ``code``): "LELOI Trường chưa trả tiền dạy thêm" goes to the unit
with the keyword ``LELOI`` on that device; otherwise the message goes to the unit of
the device (endpoint ``address`` = the gateway's ``deviceId``).

Out (corrections only, no receipts): the gateway's public send API, ``POST
<DULUAN_SMS_GATEWAY_URL>/messages`` with HTTP Basic auth and ``{"textMessage":
{"text"}, "phoneNumbers": [...], "deviceId"}`` (docs-web of android-sms-gateway,
``docs/features/sending-messages.md``), from the device the SMS came to.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings

from duluan.intake.choices import Channel

from .base import BadPayload, InboundMessage, request_raw
from .choices import ChannelKind
from .sms_esms import ID_PREFIX as ESMS_ID_PREFIX
from .sms_esms import EsmsProvider, is_esms

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from .models import ChannelMessage
    from .services import ReceiveResult

SIGNATURE_HEADER = "X-Signature"
TIMESTAMP_HEADER = "X-Timestamp"
TOLERANCE_SECONDS = 300
# Tests replace it with an ``httpx.MockTransport``.
SEND_TRANSPORT: Any = None
ESMS = EsmsProvider()


def international(phone: str) -> str:
    """``0912…`` (as Vietnamese numbers are written and arrive) → ``+84912…``."""
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    if digits.startswith("+"):
        return digits
    if digits.startswith("84") and len(digits) >= 11:
        return "+" + digits
    return "+84" + digits.removeprefix("0")


def smsgate_signature(*, body: bytes, timestamp: str, secret: str) -> str:
    return hmac.new(secret.encode(), body + timestamp.encode(), hashlib.sha256).hexdigest()


class SmsGateAdapter:
    kind = ChannelKind.SMS.value
    channel = Channel.SMS.value

    def verify(self, request: HttpRequest) -> bool:
        if request.method == "GET":
            return ESMS.verify(request_raw(request))
        secret = settings.SMS_WEBHOOK_SECRET
        supplied = request.headers.get(SIGNATURE_HEADER, "")
        stamp = request.headers.get(TIMESTAMP_HEADER, "")
        if not secret or not supplied or not stamp.isdigit():
            return False
        if abs(time.time() - int(stamp)) > TOLERANCE_SECONDS:
            return False
        expected = smsgate_signature(body=request.body, timestamp=stamp, secret=secret)
        return hmac.compare_digest(supplied.strip().lower(), expected)

    def sign(self, raw: bytes) -> dict[str, str]:
        stamp = str(int(time.time()))
        return {
            TIMESTAMP_HEADER: stamp,
            SIGNATURE_HEADER: smsgate_signature(
                body=raw, timestamp=stamp, secret=settings.SMS_WEBHOOK_SECRET
            ),
        }

    # eSMS (HTTP GET): see sms_esms.py.
    def is_query(self, raw: bytes) -> bool:
        return is_esms(raw)

    def signed_query(self, raw: bytes) -> str:
        return ESMS.signed_query(raw)

    def answer(self, raw: bytes, result: ReceiveResult) -> HttpResponse:
        return ESMS.answer(raw, result)

    def parse(self, raw: bytes) -> list[InboundMessage]:
        if is_esms(raw):
            return ESMS.parse(raw)
        try:
            event: Any = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadPayload("not JSON") from exc
        if not isinstance(event, dict):
            raise BadPayload("not a JSON object")
        if event.get("event") != "sms:received":
            return []  # sent / delivered / failed / ping: nothing to file
        payload = event.get("payload") or {}
        message_id = str(payload.get("messageId") or event.get("id") or "")
        phone = str(payload.get("phoneNumber", ""))
        if not message_id or not phone:
            raise BadPayload("sms:received without messageId or phoneNumber")
        try:
            sent_at = datetime.fromisoformat(str(payload.get("receivedAt", "")))
        except ValueError as exc:
            raise BadPayload("bad receivedAt") from exc
        text = str(payload.get("message", "")).strip()
        keyword = text.partition(" ")[0]
        # Kept in the text too: "BHXH …" is a keyword only if an endpoint has it.
        unit_code = keyword if keyword.isalnum() and keyword.upper() == keyword else ""
        return [
            InboundMessage(
                # The device's id makes the gateway's content-based id unique to it.
                message_id=f"{event.get('deviceId', '')}:{message_id}",
                sender=phone,
                text=text,
                sent_at=sent_at,
                address=str(event.get("deviceId", "")),
                unit_code=unit_code,
            )
        ]

    def send_correction(
        self, message: ChannelMessage, inbound: InboundMessage, text: str, *, key: str
    ) -> bool:
        """The correction by SMS through the gateway's send API, from the device the
        sender wrote to; ``True`` when the gateway accepted it (2xx)."""
        import httpx

        from .corrections import CorrectionRefused

        url = settings.SMS_GATEWAY_URL.rstrip("/")
        if (
            not url
            or not settings.SMS_GATEWAY_USER
            or urlsplit(url).scheme not in {"http", "https"}
        ):
            raise CorrectionRefused("Chưa cấu hình cổng gửi SMS (DULUAN_SMS_GATEWAY_URL, _USER).")
        payload: dict[str, Any] = {
            "textMessage": {"text": text},
            "phoneNumbers": [international(inbound.sender)],
        }
        if inbound.address and not message.message_id.startswith(ESMS_ID_PREFIX):
            payload["deviceId"] = inbound.address  # an eSMS short code is no device
        with httpx.Client(
            timeout=15.0,
            transport=SEND_TRANSPORT,
            auth=(settings.SMS_GATEWAY_USER, settings.SMS_GATEWAY_PASSWORD),
        ) as http:
            response = http.post(f"{url}/messages", json=payload)
        if response.status_code in (401, 403):
            raise CorrectionRefused("Cổng SMS từ chối tài khoản (kiểm tra tên, mật khẩu).")
        return 200 <= response.status_code < 300
