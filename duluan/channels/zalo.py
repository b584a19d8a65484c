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
from urllib.parse import urlsplit

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


# Tests replace them with an ``httpx.MockTransport``: media links, and the OA API.
MEDIA_TRANSPORT: Any = None
CLIENT_TRANSPORT: Any = None


def media_fetch(url: str) -> bytes | None:
    import httpx

    parsed = urlsplit(url)
    host = (parsed.hostname or "").lower()
    allowed = any(host == h or host.endswith("." + h) for h in settings.ZALO_MEDIA_HOSTS)
    if parsed.scheme != "https" or not allowed:
        return None
    limit = settings.UPLOAD_MAX_BYTES
    try:
        with (
            httpx.Client(timeout=10.0, transport=MEDIA_TRANSPORT, follow_redirects=False) as http,
            http.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                return None
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    return None
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.HTTPError:
        return None


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

    def fetch(self, attachment: InboundAttachment) -> bytes | None:
        """The bytes of an image or file the follower sent (Zalo gives a link):
        https only, Zalo's own hosts only (no request to anywhere a sender names),
        at most the upload limit; ``None`` when it cannot be had."""
        return media_fetch(attachment.url)

    def reply(self, message: ChannelMessage, inbound: InboundMessage, text: str) -> bool:
        from .models import ZaloToken
        from .zalo_client import ZaloClient

        if not inbound.address or not ZaloToken.objects.filter(oa_id=inbound.address).exists():
            return False  # the OA's tokens were never stored: nothing to answer with
        return ZaloClient(oa_id=inbound.address, transport=CLIENT_TRANSPORT).send_cs_text(
            user_id=inbound.sender,
            text=text,
            anonymous=inbound.anonymous,
            message_id=inbound.message_id,
        )

    def send_correction(
        self, message: ChannelMessage, inbound: InboundMessage, text: str, *, key: str
    ) -> bool:
        """Within the reply window (48 hours of the follower's last message, 8 replies),
        a reply quoting their message, under the delivery's own ledger key (the
        receipt that answered the same message does not block it); past it, the
        approved correction template (``DULUAN_ZALO_CORRECTION_TEMPLATE``) within
        the OA's and the follower's quotas. Anonymous senders: Zalo gives the OA no
        API to message them, only its chat screen: refused with that reason."""
        from .corrections import CorrectionRefused
        from .models import ZaloSend, ZaloToken
        from .zalo_client import QuotaExceeded, ZaloClient, ZaloError

        if inbound.anonymous:
            raise CorrectionRefused(
                "Người gửi ẩn danh trên Zalo: OA chỉ trả lời được từ màn hình chat của OA.",
                permanent=True,
            )
        if not inbound.address or not ZaloToken.objects.filter(oa_id=inbound.address).exists():
            raise CorrectionRefused("OA Zalo chưa được kết nối (chưa có khoá truy cập).")
        if ZaloSend.objects.filter(key__in=[f"reply:{key}", f"template:{key}"]).exists():
            return True  # sent under this key before: a retry
        client = ZaloClient(oa_id=inbound.address, transport=CLIENT_TRANSPORT)
        if client.reply_allowed(handle_key=message.sender_key):
            return client.send_cs_text(
                user_id=inbound.sender, text=text, message_id=inbound.message_id, key=key
            )
        template = settings.ZALO_CORRECTION_TEMPLATE
        if not template:
            raise CorrectionRefused(
                "Quá 48 giờ từ tin cuối của người gửi và chưa có mẫu tin đính chính được duyệt."
            )
        try:
            return client.send_template(
                user_id=inbound.sender,
                template_id=template,
                data={settings.ZALO_CORRECTION_TEMPLATE_FIELD: text},
                key=key,
            )
        except QuotaExceeded as exc:
            raise CorrectionRefused(str(exc)) from exc
        except ZaloError as exc:
            raise CorrectionRefused(str(exc)[:200]) from exc
