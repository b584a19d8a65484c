"""Writes of the channels app: receive (store once, queue), file (a report), reply.

See :mod:`duluan.channels.base` for the path of a message."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from duluan.core.errors import ApplicationError
from duluan.core.pii import mask_pii
from duluan.core.sheets.system import SYSTEM_ACTOR
from duluan.core.text import nfc
from duluan.intake.attachments import UploadedFile, check_attachment
from duluan.intake.choices import Kind, Mood, Source, Urgency, Verifiability
from duluan.intake.models import Report
from duluan.intake.services import ReportData, report_create
from duluan.jobs.services import job_enqueue
from duluan.org.choices import Perm
from duluan.org.models import Unit
from duluan.org.scope import unit_in_scope
from duluan.org.types import Actor

from .base import BadPayload, Fetcher, InboundMessage, Replier, adapter_get
from .choices import MessageState
from .keys import seal, sender_key, unseal
from .models import ChannelEndpoint, ChannelMessage, ChannelPayload, ChannelSender
from .routing import unit_resolve

logger = logging.getLogger(__name__)

FILE_JOB = "channels.message_file"
REPLY_JOB = "channels.message_reply"
SUBJECT_CHARS = 80


@dataclass
class ReceiveResult:
    """What one inbound body did: new message ids, replays, throttled ones."""

    created: list[int] = field(default_factory=list)
    duplicates: int = 0
    throttled: int = 0


def rate_allows(*, kind: str, key: str) -> bool:
    """At most ``DULUAN_CHANNELS_RATE_PER_HOUR`` messages per sender pseudonym and
    channel in a fixed hour window (Django's cache; shared across workers when the
    cache is Redis)."""
    limit = settings.CHANNELS_RATE_PER_HOUR
    if limit <= 0:
        return True
    bucket = f"channels:rate:{kind}:{key}:{int(time.time() // 3600)}"
    cache.add(bucket, 0, timeout=3700)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, timeout=3700)
        count = 1
    return count <= limit


def channel_receive(*, kind: str, raw: bytes) -> ReceiveResult:
    """Store each message of ``raw`` once and queue its filing.

    Idempotent: a message whose ``(kind, message_id)`` is already stored is
    counted as a duplicate and writes nothing (the unique constraint decides
    when two deliveries race). Raises :class:`BadPayload` for a body the
    channel's parser refuses."""
    adapter = adapter_get(kind)
    if adapter is None:
        raise BadPayload(f"unknown channel {kind!r}")
    result = ReceiveResult()
    for inbound in adapter.parse(raw):
        key = sender_key(kind, inbound.sender)
        if ChannelMessage.objects.filter(kind=kind, message_id=inbound.message_id).exists():
            result.duplicates += 1
            continue
        allowed = rate_allows(kind=kind, key=key)
        try:
            with transaction.atomic():
                message = ChannelMessage.objects.create(
                    kind=kind,
                    message_id=inbound.message_id[:255],
                    sender_key=key,
                    sent_at=inbound.sent_at,
                    automatic=inbound.automatic,
                    state=MessageState.RECEIVED if allowed else MessageState.THROTTLED,
                )
                if allowed:
                    ChannelPayload.objects.create(message=message, sealed=seal(raw))
                    job_enqueue(FILE_JOB, {"message_id": message.pk})
        except IntegrityError:
            result.duplicates += 1
            continue
        if allowed:
            result.created.append(message.pk)
        else:
            result.throttled += 1
    return result


def _inbound_of(message: ChannelMessage) -> InboundMessage | None:
    adapter = adapter_get(message.kind)
    payload = ChannelPayload.objects.filter(message=message).first()
    if adapter is None or payload is None:
        return None
    for inbound in adapter.parse(unseal(payload.sealed)):
        if inbound.message_id[:255] == message.message_id:
            return inbound
    return None


def _report_data(*, message: ChannelMessage, inbound: InboundMessage, unit_id: int) -> ReportData:
    adapter = adapter_get(message.kind)
    assert adapter is not None
    text = mask_pii(nfc(inbound.text).strip())
    uploads: list[UploadedFile] = []
    notes: list[str] = []
    for attachment in inbound.attachments:
        content = attachment.content
        if not content and attachment.url and isinstance(adapter, Fetcher):
            content = adapter.fetch(attachment) or b""
        if content:
            upload = UploadedFile(name=attachment.name, content=content)
            try:
                check_attachment(upload)
            except ApplicationError as exc:  # the guard's refusal, in Vietnamese
                notes.append(f"Tệp bị loại: {exc}")
            else:
                uploads.append(upload)
        else:
            notes.append(f"Tệp đính kèm trên kênh (chưa tải về): {attachment.name or 'tệp'}")
    if notes:
        text = "\n".join([text, "", *notes]).strip()
    subject = mask_pii(nfc(inbound.subject).strip())
    if not subject and text:
        subject = text.splitlines()[0]
    if not subject:
        subject = "Tin nhắn không có nội dung chữ"
    if len(subject) > SUBJECT_CHARS:
        subject = subject[: SUBJECT_CHARS - 1].rstrip() + "…"
    sent_at = min(inbound.sent_at, timezone.now())
    return ReportData(
        unit_id=unit_id,
        channel=adapter.channel,
        heard_at=sent_at,
        subject=subject,
        text=text or subject,
        # "Chờ phân loại": neutral placeholders until an officer classifies it.
        kind=Kind.OPINION,
        mood=Mood.NEUTRAL,
        verifiability=Verifiability.SINGLE,
        urgency=Urgency.NORMAL,
        anonymous=True,
        attachments=uploads,
    )


# Channels whose senders can be written to later (a follower who named a unit).
REGISTERING_KINDS = {"zalo"}


def _names_unit(inbound: InboundMessage, unit: Unit, endpoint: ChannelEndpoint | None) -> bool:
    code = inbound.unit_code.strip().lower()
    if not code or inbound.anonymous:
        return False
    return unit.code.lower() == code or (endpoint is not None and endpoint.code.lower() == code)


def sender_register(*, kind: str, inbound: InboundMessage, unit_id: int) -> ChannelSender:
    """Remember the unit a follower named ("#T01-A-2 …"): later messages without a
    code go there, and directions for that unit reach them. Their handle is kept
    sealed, for sending only."""
    registered, _ = ChannelSender.objects.update_or_create(
        kind=kind,
        sender_key=sender_key(kind, inbound.sender),
        defaults={
            "unit_id": unit_id,
            "address": inbound.address[:150],
            "handle_sealed": seal(inbound.sender.encode()),
        },
    )
    return registered


@transaction.atomic
def message_file(*, message_id: int) -> Report | None:
    """Turn a received message into a report "chờ phân loại" in its unit.

    Claims the message (``RECEIVED`` → ``FILING``) with one conditional
    update, so two runs of the job file it once. ``None`` when there was
    nothing to do or no unit to give it to."""
    claimed = ChannelMessage.objects.filter(pk=message_id, state=MessageState.RECEIVED).update(
        state=MessageState.FILING
    )
    if claimed != 1:
        return None
    message = ChannelMessage.objects.select_for_update().get(pk=message_id)
    inbound = _inbound_of(message)
    if inbound is None:
        message.state = MessageState.FAILED
        message.note = "Không đọc lại được dữ liệu gốc."
        message.save(update_fields=["state", "note"])
        return None
    unit, endpoint = unit_resolve(kind=message.kind, inbound=inbound, sender_key=message.sender_key)
    if unit is None:
        # Not lost: it waits in the inbox ("Chưa xác định đơn vị") of the officers of
        # the root unit, who place it (message_place).
        message.state = MessageState.UNROUTED
        message.unit = Unit.objects.filter(depth=1, is_active=True).order_by("path").first()
        message.save(update_fields=["state", "unit"])
        return None
    return _file_into(message=message, inbound=inbound, unit=unit, endpoint=endpoint)


def _file_into(
    *,
    message: ChannelMessage,
    inbound: InboundMessage,
    unit: Unit,
    endpoint: ChannelEndpoint | None,
) -> Report | None:
    if _names_unit(inbound, unit, endpoint) and message.kind in REGISTERING_KINDS:
        sender_register(kind=message.kind, inbound=inbound, unit_id=unit.pk)
    data = _report_data(message=message, inbound=inbound, unit_id=unit.pk)
    try:
        report = report_create(actor=SYSTEM_ACTOR, data=data, source=Source.CHANNEL)
    except ApplicationError as exc:  # refused for good (say, a date before 2000): no retry
        message.state = MessageState.FAILED
        message.note = str(exc)[:200]
        message.save(update_fields=["state", "note"])
        return None
    message.report = report
    message.unit = unit
    message.endpoint = endpoint
    message.state = MessageState.FILED
    message.save(update_fields=["report", "unit", "endpoint", "state"])
    adapter = adapter_get(message.kind)
    if (
        isinstance(adapter, Replier)
        and endpoint is not None
        and endpoint.replies
        and not inbound.automatic
        and settings.CHANNELS_REPLIES
    ):
        job_enqueue(REPLY_JOB, {"message_id": message.pk})
    return report


@transaction.atomic
def message_place(*, actor: Actor, message_id: int, unit_id: int) -> Report:
    """File a message "chưa xác định đơn vị" as a report in ``unit_id``, chosen by an
    officer who handles matters both where the message waits and in that unit."""
    message = (
        # Lock the message row only: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the join to its unit.
        ChannelMessage.objects.select_for_update(of=("self",))
        .filter(pk=message_id, state=MessageState.UNROUTED)
        .select_related("unit")
        .first()
    )
    if message is None or message.unit is None:
        raise ApplicationError("Tin nhắn này đã được xếp đơn vị hoặc không còn.")
    unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
    if (
        unit is None
        or not unit_in_scope(actor, Perm.MATTER_HANDLE, message.unit)
        or not unit_in_scope(actor, Perm.MATTER_HANDLE, unit)
    ):
        raise ApplicationError("Đơn vị này nằm ngoài phạm vi của bạn.")
    inbound = _inbound_of(message)
    if inbound is None:
        raise ApplicationError("Không đọc lại được dữ liệu gốc của tin nhắn.")
    report = _file_into(message=message, inbound=inbound, unit=unit, endpoint=None)
    if report is None:
        raise ApplicationError(message.note or "Không ghi được thành phản ánh.")
    return report


def receipt_text(report: Report) -> str:
    return f"Đã nhận phản ánh, mã tra cứu {report_code(report)}. Cảm ơn bạn đã gửi ý kiến."


def report_code(report: Report) -> str:
    """The lookup code a sender is told: the report's number, as officers see it."""
    return f"PA-{report.pk}"


def message_reply(*, message_id: int) -> bool:
    """Answer the sender once ("Đã nhận phản ánh, mã tra cứu …"); claims
    ``replied_at`` first so a job run twice sends once."""
    now = timezone.now()
    claimed = ChannelMessage.objects.filter(
        pk=message_id, replied_at__isnull=True, automatic=False, report__isnull=False
    ).update(replied_at=now)
    if claimed != 1:
        return False
    message = ChannelMessage.objects.select_related("report").get(pk=message_id)
    adapter = adapter_get(message.kind)
    inbound = _inbound_of(message)
    if not isinstance(adapter, Replier) or inbound is None or message.report is None:
        return False
    try:
        sent = adapter.reply(message, inbound, receipt_text(message.report))
    except Exception:
        ChannelMessage.objects.filter(pk=message_id).update(replied_at=None)
        raise
    if not sent:
        ChannelMessage.objects.filter(pk=message_id).update(replied_at=None)
    return sent


@transaction.atomic
def message_classify(*, message_id: int) -> int:
    """Mark a filed message as classified (an officer has read and sorted its report)."""
    return ChannelMessage.objects.filter(pk=message_id, state=MessageState.FILED).update(
        state=MessageState.CLASSIFIED
    )


@transaction.atomic
def message_unclassify(*, message_id: int) -> int:
    """Undo :func:`message_classify`: the message waits again."""
    return ChannelMessage.objects.filter(pk=message_id, state=MessageState.CLASSIFIED).update(
        state=MessageState.FILED
    )
