"""SMS through eSMS.vn's short-code service ("Kết nối đầu số ngắn"), the second SMS
provider of the ``sms`` channel (the first, SMS Gateway for Android, is ``sms.py``).

The format is eSMS's public page
https://developers.esms.vn/esms-api/ket-noi-ma-svoucher/ket-noi-dau-so-ngan
(source: github.com/devesms/gitbook_esms_for_develop_v2,
``esms-api/ket-noi-ma-svoucher/ket-noi-dau-so-ngan.md``):

* for each message sent to the CP's short code, eSMS calls the URL the CP gave it
  with **HTTP GET** and the query ``sender`` (international, ``84…``), ``content``,
  ``serviceNumber`` (the short code, 8041, 8079, 6088 …), ``keyword`` (the first
  word of the syntax), ``cpid``, ``smsid`` (unique per message: "dùng để kiểm tra
  các trường hợp trùng"), ``receiverTime`` (``yyyyMMddHHmmss``) and ``sign``;
* ``sign`` = MD5 over ``cpid + smsid + content + receiverTime + PrivateKey``, the
  digest in Base64 as the page's sample code (.NET, Java, PHP) encodes it (the
  page's prose writes only ``MD5(…)``, so the hex digest is taken too);
* the CP answers ``<ClientResponse><Message>…</Message><Smsid>…</Smsid>
  <Receiver>…</Receiver></ClientResponse>``: the text eSMS sends back to the sender.

Nothing else authenticates a call (no IP list is published): without
``DULUAN_ESMS_PRIVATE_KEY`` every call is refused; with ``DULUAN_ESMS_CPID`` set,
another CP's call is refused too. A replay is caught by ``smsid``.

Routing: the endpoint's address is the short code. The first word is eSMS's
service keyword; a second word in capitals may name a unit's keyword (an endpoint
``code`` on that short code), as the Android gateway's first word does; otherwise
the service keyword itself is tried (a CP may register one keyword per unit).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse

from .base import BadPayload, InboundMessage

if TYPE_CHECKING:
    from .services import ReceiveResult

SOURCE = "https://developers.esms.vn/esms-api/ket-noi-ma-svoucher/ket-noi-dau-so-ngan"
ID_PREFIX = "esms:"
# eSMS gives the time without a zone; it is a Vietnamese service: Vietnam's time.
TIME_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
REQUIRED = ("sender", "smsid", "cpid", "receiverTime")


def esms_sign(*, cpid: str, smsid: str, content: str, receiver_time: str, key: str) -> str:
    """The documented ``sign``: Base64 of MD5(cpid + smsid + content + receiverTime + key)."""
    # MD5 is eSMS's choice, not ours: it is the only check their calls carry.
    text = cpid + smsid + content + receiver_time + key
    digest = hashlib.md5(text.encode()).digest()  # noqa: S324
    return base64.b64encode(digest).decode("ascii")


def is_esms(raw: bytes) -> bool:
    """An eSMS call is stored as its query string; the Android gateway's as a JSON object."""
    return not raw.lstrip().startswith(b"{")


def query_fields(raw: bytes) -> dict[str, str]:
    """The query as one value per name (UTF-8, as eSMS sends Vietnamese text)."""
    try:
        text = raw.strip().decode("utf-8")
        pairs = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadPayload("not a query string") from exc
    return {name: values[-1] for name, values in pairs.items()}


class EsmsProvider:
    """Verify, parse and answer eSMS's short-code calls (the ``sms`` adapter delegates)."""

    def verify(self, raw: bytes) -> bool:
        key = settings.ESMS_PRIVATE_KEY
        try:
            fields = query_fields(raw)
        except BadPayload:
            return False
        supplied = fields.get("sign", "").strip()
        cpid = fields.get("cpid", "")
        if not key or not supplied:
            return False
        if settings.ESMS_CPID and not hmac.compare_digest(cpid, settings.ESMS_CPID):
            return False
        expected = esms_sign(
            cpid=cpid,
            smsid=fields.get("smsid", ""),
            content=fields.get("content", ""),
            receiver_time=fields.get("receiverTime", ""),
            key=key,
        )
        as_hex = base64.b64decode(expected).hex()
        return hmac.compare_digest(supplied, expected) or hmac.compare_digest(
            supplied.lower(), as_hex
        )

    def signed_query(self, raw: bytes) -> str:
        """``raw`` with the ``sign`` a valid call carries (``duluan channel simulate``)."""
        fields = query_fields(raw)
        fields["sign"] = esms_sign(
            cpid=fields.get("cpid", ""),
            smsid=fields.get("smsid", ""),
            content=fields.get("content", ""),
            receiver_time=fields.get("receiverTime", ""),
            key=settings.ESMS_PRIVATE_KEY,
        )
        return urlencode(fields)

    def parse(self, raw: bytes) -> list[InboundMessage]:
        fields = query_fields(raw)
        missing = [name for name in REQUIRED if not fields.get(name, "").strip()]
        if missing:
            raise BadPayload(f"eSMS call without {', '.join(missing)}")
        try:
            sent_at = datetime.strptime(fields["receiverTime"], "%Y%m%d%H%M%S").replace(
                tzinfo=TIME_ZONE
            )
        except ValueError as exc:
            raise BadPayload("bad receiverTime") from exc
        text = fields.get("content", "").strip()
        keyword = fields.get("keyword", "").strip() or text.partition(" ")[0]
        words = text.split()
        second = words[1] if len(words) > 1 and words[0].upper() == keyword.upper() else ""
        unit_code = second if second.isalnum() and second.upper() == second else keyword
        return [
            InboundMessage(
                message_id=ID_PREFIX + fields["smsid"].strip(),
                sender=fields["sender"].strip(),
                text=text,
                sent_at=sent_at,
                address=fields.get("serviceNumber", "").strip(),
                unit_code=unit_code if unit_code.isalnum() else "",
            )
        ]

    def answer(self, raw: bytes, result: ReceiveResult) -> HttpResponse:
        """``<ClientResponse>``: the receipt eSMS sends back to the sender (empty when
        replies are off, the sender is over the rate limit, or the unit answers no one)."""
        [inbound] = self.parse(raw)
        text = reply_text(inbound.message_id) if settings.CHANNELS_REPLIES else ""
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f"<ClientResponse><Message>{escape(text)}</Message>"
            f"<Smsid>{escape(inbound.message_id.removeprefix(ID_PREFIX))}</Smsid>"
            f"<Receiver>{escape(inbound.sender)}</Receiver></ClientResponse>"
        )
        return HttpResponse(body, content_type="text/xml; charset=utf-8")


def reply_text(message_id: str) -> str:
    from .choices import MessageState
    from .models import ChannelMessage
    from .services import receipt_text

    message = (
        ChannelMessage.objects.filter(kind="sms", message_id=message_id)
        .select_related("report", "endpoint")
        .first()
    )
    if message is None or message.state == MessageState.THROTTLED:
        return ""
    if message.endpoint is not None and not message.endpoint.replies:
        return ""
    if message.report is not None:
        return receipt_text(message.report)
    # Not filed yet (a Celery worker files it) or waiting for a unit: no code to give.
    return "Đã nhận phản ánh. Cảm ơn bạn đã gửi ý kiến."
