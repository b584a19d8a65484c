"""The tip page as a channel adapter (kind ``tip``): the page is its only sender.

A tip enters like a message of any other channel, through
:func:`duluan.channels.services.channel_receive`, so it is stored once (the
form's nonce is the message id), known only by a pseudonym (the sender is the
keyed hash of the tip's receipt code, so a follow-up and a correction find the
same sender), kept sealed apart, and filed as a report "chờ phân loại" in the
unit of the tip page's endpoint (``ChannelEndpoint`` of kind ``tip`` whose
``code`` is the key in the page's address).

The raw body is JSON built by :func:`tip_payload` (and by the recorded
fixtures under ``fixtures/tip/``)::

    {"message_id": "...", "receipt": "<hash>", "key": "<endpoint code>",
     "text": "...", "place": "...", "sent_at": "2026-12-04T10:00:00+07:00",
     "files": [{"name": "anh.png", "content": "<base64>"}]}

There is no outside service, so no webhook: ``verify`` refuses every request
(a tip posted to ``/kenh/webhook/tip/`` gets 403) and ``sign`` adds nothing;
``duluan channel simulate tip FILE`` hands the body to ``channel_receive``
like the page does.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from duluan.intake.choices import Channel

from .base import BadPayload, InboundAttachment, InboundMessage

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import ChannelMessage

KIND = "tip"
MAX_TEXT = 5000
MAX_FILES = 3


def tip_payload(
    *,
    message_id: str,
    receipt: str,
    key: str,
    text: str,
    place: str = "",
    sent_at: datetime | None = None,
    files: list[tuple[str, bytes]] | None = None,
) -> bytes:
    """The raw body of one tip, as the page hands it to the ingest."""
    body: dict[str, Any] = {
        "message_id": message_id,
        "receipt": receipt,
        "key": key,
        "text": text,
        "place": place,
        "sent_at": (sent_at or timezone.now()).isoformat(),
        "files": [
            {"name": name, "content": base64.b64encode(content).decode("ascii")}
            for name, content in (files or [])
        ],
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _text(value: Any, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise BadPayload(f"tip: {field} must be text")
    return value[:limit]


class TipAdapter:
    kind = KIND
    channel: str = Channel.TIP_PAGE

    def verify(self, request: HttpRequest) -> bool:
        return False  # tips come only from the page itself, never from a webhook

    def sign(self, raw: bytes) -> dict[str, str]:
        return {}

    def parse(self, raw: bytes) -> list[InboundMessage]:
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadPayload("tip: not JSON") from exc
        if not isinstance(body, dict):
            raise BadPayload("tip: not an object")
        message_id = _text(body.get("message_id"), "message_id", 255)
        receipt = _text(body.get("receipt"), "receipt", 64)
        if not message_id or not receipt:
            raise BadPayload("tip: message_id and receipt are required")
        sent_at = parse_datetime(str(body.get("sent_at", ""))) or timezone.now()
        if timezone.is_naive(sent_at):
            sent_at = timezone.make_aware(sent_at)
        text = _text(body.get("text", ""), "text", MAX_TEXT).strip()
        place = _text(body.get("place", ""), "place", 255).strip()
        files = body.get("files") or []
        if not isinstance(files, list) or len(files) > MAX_FILES:
            raise BadPayload("tip: too many files")
        attachments = []
        for item in files:
            try:
                content = base64.b64decode(str(item["content"]), validate=True)
            except (KeyError, TypeError, binascii.Error) as exc:
                raise BadPayload("tip: bad file") from exc
            attachments.append(
                InboundAttachment(name=str(item.get("name", ""))[:255], content=content)
            )
        if place:
            text = f"{text}\n\nNơi xảy ra: {place}"
        return [
            InboundMessage(
                message_id=message_id,
                sender=receipt,
                text=text,
                sent_at=sent_at,
                unit_code=_text(body.get("key", ""), "key", 40),
                attachments=tuple(attachments),
                anonymous=True,
            )
        ]

    def send_correction(
        self, message: ChannelMessage, inbound: InboundMessage, text: str, *, key: str
    ) -> bool:
        return self.reply(message, inbound, text)

    def reply(self, message: ChannelMessage, inbound: InboundMessage, text: str) -> bool:
        """Nothing leaves the server: the tipster reads the answer on the receipt page
        (``/gop-y/tra-cuu/``), from the correction deliveries recorded for the tip's
        pseudonym. So an answer is "sent" once it is recorded."""
        return True
