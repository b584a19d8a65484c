"""SMS: one adapter interface, one gateway.

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
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings

from duluan.intake.choices import Channel

from .base import BadPayload, InboundMessage
from .choices import ChannelKind

if TYPE_CHECKING:
    from django.http import HttpRequest

SIGNATURE_HEADER = "X-Signature"
TIMESTAMP_HEADER = "X-Timestamp"
TOLERANCE_SECONDS = 300


def smsgate_signature(*, body: bytes, timestamp: str, secret: str) -> str:
    return hmac.new(secret.encode(), body + timestamp.encode(), hashlib.sha256).hexdigest()


class SmsGateAdapter:
    kind = ChannelKind.SMS.value
    channel = Channel.SMS.value

    def verify(self, request: HttpRequest) -> bool:
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

    def parse(self, raw: bytes) -> list[InboundMessage]:
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
