"""E-mail: a mailbox per unit, or one shared with plus-addressing (``gopy+<unit code>@``).

Mail enters :func:`~duluan.channels.services.channel_receive` two ways, never
over HTTP: IMAP polling (:func:`mail_poll`, a periodic job: processed mail is
moved to ``DULUAN_MAIL_IMAP_DONE_FOLDER``, never deleted) and ``duluan
mail-ingest`` reading one message on stdin (a Postfix pipe). Parsing is the
standard library's (``policy.default``); attachments pass intake's upload
guards when the report is filed. Deduplicated on Message-ID.

Loop and bounce safety: mail we sent ourselves (our loop header or our
Message-ID domain) and delivery reports (a bounce, ``multipart/report``,
``MAILER-DAEMON``) are dropped; mail marked automatic (``Auto-Submitted``
other than ``no``, ``Precedence: bulk/list/junk``, a list, ``noreply``) is
filed but never answered, and a sender gets at most one receipt a day.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, make_msgid, parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import strip_tags

from duluan.intake.choices import Channel

from .base import InboundAttachment, InboundMessage
from .choices import ChannelKind

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .models import ChannelMessage

logger = logging.getLogger(__name__)

LOOP_HEADER = "X-Duluan-Loop"
AUTOMATIC_PRECEDENCE = {"bulk", "list", "junk"}
ROBOT_LOCALPARTS = re.compile(
    r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|auto-?reply)([+-].*)?$", re.I
)
REPLY_ONCE_SECONDS = 24 * 3600


def _address(value: str) -> str:
    return value.strip().strip("<>").lower()


def split_plus(address: str) -> tuple[str, str]:
    """``gopy+T01-A@ldld.vn`` → (``gopy@ldld.vn``, ``T01-A``)."""
    local, _, domain = address.partition("@")
    base, plus, code = local.partition("+")
    return (f"{base}@{domain}" if domain else base), (code if plus else "")


def _recipients(msg: EmailMessage) -> list[str]:
    found: list[str] = []
    for header in ("Delivered-To", "X-Original-To", "To", "Cc"):
        for _name, addr in getaddresses([str(v) for v in msg.get_all(header, [])]):
            if addr and _address(addr) not in found:
                found.append(_address(addr))
    return found


def _pick_recipient(recipients: list[str]) -> tuple[str, str]:
    """The first recipient that is one of our mailboxes (plus-code split off)."""
    from .models import ChannelEndpoint

    known = {
        a.lower()
        for a in ChannelEndpoint.objects.filter(kind=ChannelKind.EMAIL, is_active=True)
        .exclude(address="")
        .values_list("address", flat=True)
    }
    for recipient in recipients:
        base, code = split_plus(recipient)
        if base in known:
            return base, code
    return split_plus(recipients[0]) if recipients else ("", "")


def is_ours(msg: EmailMessage) -> bool:
    """Mail we sent (a receipt that came back): never filed."""
    if msg.get(LOOP_HEADER):
        return True
    domain = settings.MAIL_MESSAGE_ID_DOMAIN.lower()
    return f"@{domain}>" in str(msg.get("Message-ID", "")).lower()


def is_bounce(msg: EmailMessage, sender: str) -> bool:
    if msg.get_content_type() == "multipart/report":
        return True
    local = sender.partition("@")[0]
    return bool(re.match(r"^(mailer-daemon|postmaster)$", local, re.I)) or not sender


def is_automatic(msg: EmailMessage, sender: str) -> bool:
    """RFC 3834 ``Auto-Submitted``, ``Precedence``, list mail, robot senders."""
    auto = str(msg.get("Auto-Submitted", "no")).strip().lower()
    if auto and auto != "no":
        return True
    if str(msg.get("Precedence", "")).strip().lower() in AUTOMATIC_PRECEDENCE:
        return True
    if msg.get("List-Id") or msg.get("List-Unsubscribe") or msg.get("X-Autoreply"):
        return True
    return bool(ROBOT_LOCALPARTS.match(sender.partition("@")[0]))


def _body_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, KeyError):  # an unknown charset
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    text = str(content)
    if part.get_content_type() == "text/html":
        text = strip_tags(text)
    return text.strip()


def parse_mail(raw: bytes) -> EmailMessage:
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(parsed, EmailMessage)
    return parsed


class EmailAdapter:
    kind = ChannelKind.EMAIL.value
    channel = Channel.EMAIL.value

    def verify(self, request: HttpRequest) -> bool:
        return False  # no webhook: mail comes by IMAP or the Postfix pipe

    def sign(self, raw: bytes) -> dict[str, str]:
        return {}

    def parse(self, raw: bytes) -> list[InboundMessage]:
        msg = parse_mail(raw)
        _name, sender = getaddresses([str(msg.get("From", ""))])[0] if msg.get("From") else ("", "")
        sender = _address(sender)
        if is_ours(msg) or is_bounce(msg, sender):
            return []
        message_id = _address(str(msg.get("Message-ID", "")))
        if not message_id:  # no id: the content is the id (a re-delivery is the same bytes)
            message_id = "sha256:" + hashlib.sha256(raw).hexdigest()
        try:
            sent_at = parsedate_to_datetime(str(msg["Date"])) if msg.get("Date") else None
        except (TypeError, ValueError):
            sent_at = None
        if sent_at is None or timezone.is_naive(sent_at):
            sent_at = timezone.now() if sent_at is None else sent_at.replace(tzinfo=UTC)
        address, code = _pick_recipient(_recipients(msg))
        attachments = []
        for part in msg.iter_attachments():
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                attachments.append(
                    InboundAttachment(
                        name=part.get_filename() or "tep-dinh-kem",
                        content=payload,
                        content_type=part.get_content_type(),
                    )
                )
        return [
            InboundMessage(
                message_id=message_id,
                sender=sender,
                text=_body_text(msg),
                subject=str(msg.get("Subject", "")),
                sent_at=sent_at,
                address=address,
                unit_code=code,
                attachments=tuple(attachments),
                automatic=is_automatic(msg, sender),
            )
        ]

    def reply(self, message: ChannelMessage, inbound: InboundMessage, text: str) -> bool:
        """One receipt per sender a day (the cache), marked ``Auto-Submitted: auto-replied``
        so well-behaved robots do not answer it, with our loop header."""
        if inbound.automatic or not inbound.sender:
            return False
        if not cache.add(f"channels:mail-reply:{message.sender_key}", 1, REPLY_ONCE_SECONDS):
            return False
        message_id = make_msgid("duluan", domain=settings.MAIL_MESSAGE_ID_DOMAIN)
        return _send_in_thread(
            message, inbound, text, message_id, {"Auto-Submitted": "auto-replied"}
        )

    def send_correction(
        self, message: ChannelMessage, inbound: InboundMessage, text: str, *, key: str
    ) -> bool:
        """An answer in the sender's thread (``In-Reply-To``/``References`` their
        Message-ID), sent by an officer's decision, so neither counted against the
        once-a-day receipt guard nor marked automatic; never to mail that was
        automatic. Its Message-ID comes from ``key``: a resend is the same message."""
        from .corrections import CorrectionRefused

        if inbound.automatic or not inbound.sender:
            raise CorrectionRefused(
                "Thư gốc là thư tự động: không gửi thư trả lời.", permanent=True
            )
        local = re.sub(r"[^A-Za-z0-9.-]", ".", key)
        message_id = f"<duluan.{local}@{settings.MAIL_MESSAGE_ID_DOMAIN}>"
        return _send_in_thread(message, inbound, text, message_id, {})


def _send_in_thread(
    message: ChannelMessage,
    inbound: InboundMessage,
    text: str,
    message_id: str,
    extra: dict[str, str],
) -> bool:
    from django.core.mail import EmailMessage as DjangoEmail

    endpoint = message.endpoint
    sender = endpoint.address if endpoint and endpoint.address else settings.DEFAULT_FROM_EMAIL
    subject = inbound.subject or "Phản ánh của bạn"
    mail = DjangoEmail(
        subject=f"Re: {subject}"[:200],
        body=text,
        from_email=sender,
        to=[inbound.sender],
        headers={
            "Message-ID": message_id,
            "In-Reply-To": f"<{inbound.message_id}>",
            "References": f"<{inbound.message_id}>",
            **extra,
            LOOP_HEADER: "1",
        },
    )
    return bool(mail.send(fail_silently=False))


# ── IMAP polling ─────────────────────────────────────────────────────────────


@dataclass
class PollResult:
    fetched: int = 0
    received: int = 0
    duplicates: int = 0
    moved: int = 0
    failed: int = 0


def _mailbox() -> Any:
    from imap_tools import MailBox

    return MailBox(settings.MAIL_IMAP_HOST, port=settings.MAIL_IMAP_PORT).login(
        settings.MAIL_IMAP_USER,
        settings.MAIL_IMAP_PASSWORD,
        initial_folder=settings.MAIL_IMAP_FOLDER,
    )


def mail_poll(*, mailbox_factory: Any = None, limit: int = 200) -> PollResult:
    """Read up to ``limit`` messages from the IMAP folder, receive each, then move
    them to the done folder (never delete: the mailbox stays the record).

    ``mailbox_factory`` returns an object with imap-tools' ``MailBox`` surface
    (``fetch``, ``move``, ``folder.exists/create``, ``logout``): tests pass a fake."""
    from .services import channel_receive

    result = PollResult()
    if "email" not in settings.CHANNELS or not (mailbox_factory or settings.MAIL_IMAP_HOST):
        return result
    mailbox = (mailbox_factory or _mailbox)()
    try:
        done = settings.MAIL_IMAP_DONE_FOLDER
        if not mailbox.folder.exists(done):
            mailbox.folder.create(done)
        uids = []
        for msg in mailbox.fetch(limit=limit, mark_seen=False, bulk=True):
            result.fetched += 1
            try:
                received = channel_receive(kind="email", raw=msg.obj.as_bytes())
            except Exception:  # one bad mail must not hold up the others: it stays put
                logger.exception("mail uid %s could not be received", msg.uid)
                result.failed += 1
                continue
            result.received += len(received.created)
            result.duplicates += received.duplicates
            uids.append(msg.uid)
        if uids:
            mailbox.move(uids, done)
            result.moved = len(uids)
    finally:
        mailbox.logout()
    return result
