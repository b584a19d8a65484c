"""Zalo Official Account: the webhook adapter (user-message events).

Signature (``X-ZEvent-Signature``): ``mac=`` + hex SHA-256 of
``app_id + raw body + timestamp + OA secret key``, where ``app_id`` and
``timestamp`` are read from the JSON body. Sources in docs/channels.md.
The client that answers and sends (tokens, quotas) is :mod:`.zalo_client`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings

from duluan.intake.choices import Channel

from .base import BadPayload, InboundAttachment, InboundMessage
from .choices import ChannelKind

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import ChannelMessage

SIGNATURE_HEADER = "X-ZEvent-Signature"
USER_EVENTS = {"user_send_text", "user_send_image", "user_send_file", "user_send_link"}
ANONYMOUS_EVENTS = {"anonymous_send_text", "anonymous_send_image", "anonymous_send_file"}
# "#CDCS-XYZ …" at the start of a message names the follower's union.
UNIT_TAG = re.compile(r"^\s*#([A-Za-z0-9._-]{2,40})\b\s*")
ATTACHMENT_LABELS = {"image": "ảnh", "file": "tệp", "link": "liên kết"}


def zalo_signature(*, app_id: str, body: bytes, timestamp: str, secret: str) -> str:
    digest = hashlib.sha256(
        app_id.encode() + body + timestamp.encode() + secret.encode()
    ).hexdigest()
    return f"mac={digest}"


def _event(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadPayload("not JSON") from exc
    if not isinstance(data, dict):
        raise BadPayload("not a JSON object")
    return data


class ZaloAdapter:
    kind = ChannelKind.ZALO.value
    channel = Channel.ZALO.value

    def verify(self, request: HttpRequest) -> bool:
        secret = settings.ZALO_OA_SECRET_KEY
        supplied = request.headers.get(SIGNATURE_HEADER, "")
        if not secret or not supplied:
            return False
        try:
            event = _event(request.body)
        except BadPayload:
            return False
        app_id = str(event.get("app_id", ""))
        if settings.ZALO_APP_ID and app_id != settings.ZALO_APP_ID:
            return False
        expected = zalo_signature(
            app_id=app_id,
            body=request.body,
            timestamp=str(event.get("timestamp", "")),
            secret=secret,
        )
        return hmac.compare_digest(supplied.strip().lower(), expected)

    def sign(self, raw: bytes) -> dict[str, str]:
        event = _event(raw)
        return {
            SIGNATURE_HEADER: zalo_signature(
                app_id=str(event.get("app_id", "")),
                body=raw,
                timestamp=str(event.get("timestamp", "")),
                secret=settings.ZALO_OA_SECRET_KEY,
            )
        }

    def parse(self, raw: bytes) -> list[InboundMessage]:
        event = _event(raw)
        name = str(event.get("event_name", ""))
        if name not in USER_EVENTS | ANONYMOUS_EVENTS:
            return []  # follow, seen, OA's own messages …: nothing to file
        message = event.get("message") or {}
        msg_id = str(message.get("msg_id", ""))
        sender = str((event.get("sender") or {}).get("id", ""))
        if not msg_id or not sender:
            raise BadPayload("a user message without msg_id or sender")
        text = str(message.get("text", "") or "")
        unit_code = ""
        tagged = UNIT_TAG.match(text)
        if tagged:
            unit_code, text = tagged.group(1), text[tagged.end() :]
        attachments = []
        for item in message.get("attachments") or []:
            payload = item.get("payload") or {}
            kind = str(item.get("type", ""))
            label = payload.get("name") or ATTACHMENT_LABELS.get(kind, kind)
            if kind == "link":
                text = "\n".join(
                    filter(
                        None, [text, str(payload.get("description", "")), payload.get("url", "")]
                    )
                )
                continue
            attachments.append(InboundAttachment(name=str(label), url=str(payload.get("url", ""))))
        try:
            sent_at = datetime.fromtimestamp(int(event.get("timestamp", 0)) / 1000, tz=UTC)
        except (TypeError, ValueError) as exc:
            raise BadPayload("bad timestamp") from exc
        return [
            InboundMessage(
                message_id=msg_id,
                sender=sender,
                text=text,
                sent_at=sent_at,
                address=str((event.get("recipient") or {}).get("id", "")),
                unit_code=unit_code,
                attachments=tuple(attachments),
                anonymous=name in ANONYMOUS_EVENTS,
            )
        ]

    def reply(self, message: ChannelMessage, inbound: InboundMessage, text: str) -> bool:
        from .zalo_client import ZaloClient

        if not inbound.address:
            return False
        return ZaloClient(oa_id=inbound.address).send_cs_text(
            user_id=inbound.sender,
            text=text,
            anonymous=inbound.anonymous,
            message_id=inbound.message_id,
        )
