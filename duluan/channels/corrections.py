"""When a rumour is corrected, everyone who reported it hears back (issue #20, item 6).

A matter whose latest verification found a rumour, or any matter with an
issued direction, can send one correction text to every sender whose report
of the matter came in through a channel (Zalo, e-mail, SMS, the tip page),
**once per sender (pseudonym) per matter**: the unique
``(matter, kind, sender_key)`` of :class:`CorrectionDelivery` decides, so a
second trigger, or two officers pressing at once, sends nothing more.

The officer's trigger (:func:`correction_send`) writes the rows and queues
the job ``channels.correction_deliver`` in the same transaction; the job
sends each through the sender's channel adapter, claiming each row with a
conditional update, so a job run twice sends each once:

* an adapter with ``send_correction`` (:class:`CorrectionSender`, defined here
  for the adapters to implement: Zalo, e-mail, SMS and the tip page do) is
  asked to send it; it raises :class:`CorrectionRefused` with the reason when
  the channel cannot reach that sender (recorded on the delivery);
* otherwise its ``reply`` (:class:`~duluan.channels.base.Replier`, the method
  that sends the "Đã nhận phản ánh" receipt) answers the sender's message;
* a channel with neither records the delivery as not sent.

The tip page's adapter sends nothing out: the tipster reads the correction on
the receipt page.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.db import IntegrityError, transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.cases.choices import DirectionState, Outcome
from duluan.cases.models import Direction, Matter, Verification
from duluan.cases.selectors import access_matter
from duluan.core.errors import ValidationFailed
from duluan.core.text import nfc
from duluan.jobs.services import job_enqueue
from duluan.org.choices import Perm
from duluan.org.scope import recorded_account
from duluan.org.types import Actor

from .base import InboundMessage, Replier, adapter_get
from .choices import ChannelKind, MessageState
from .models import ChannelMessage
from .models_tip import Correction, CorrectionDelivery, DeliveryState
from .services import _inbound_of as inbound_of

logger = logging.getLogger(__name__)

DELIVER_JOB = "channels.correction_deliver"
MAX_TEXT = 1000  # an SMS-sized answer would be 160; Zalo and e-mail take this much


class CorrectionRefused(Exception):
    """The channel cannot reach this sender; the message (Vietnamese) says why and is
    recorded on the delivery, which the next trigger offers again, unless
    ``permanent`` (the channel can never reach them: an anonymous Zalo sender)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@runtime_checkable
class CorrectionSender(Protocol):
    """What an adapter implements to send a correction (or a direction's answer) to
    one sender of a matter, apart from its receipt reply (a receipt sent before
    must not block it): ``key`` is unique per delivery, for the channel's own
    idempotency (a send ledger), and ``True`` means sent (or sent before under
    ``key``). Raises :class:`CorrectionRefused` when the channel cannot reach the
    sender. An adapter without it falls back to its ``reply``."""

    def send_correction(
        self, message: ChannelMessage, inbound: InboundMessage, text: str, *, key: str
    ) -> bool: ...


@dataclass(frozen=True)
class Recipient:
    kind: str
    sender_key: str
    message_id: int  # the sender's latest message of the matter


def _latest_verification(matter: Matter) -> Verification | None:
    return matter.verifications.order_by("-recorded_at", "-id").first()


def correction_reason(matter: Matter) -> str:
    """Why a correction may be sent ("" when it may not): a rumour, or a direction."""
    verification = _latest_verification(matter)
    if verification is not None and verification.outcome == Outcome.RUMOUR:
        return "Vấn đề được xác minh là tin đồn."
    if Direction.objects.filter(matter=matter, state=DirectionState.ISSUED).exists():
        return "Vấn đề đã có định hướng."
    return ""


def correction_default_text(matter: Matter) -> str:
    """A first draft the officer edits: the verified facts and what the directions
    ask to spread; the matter's own title (often a report's words) is not used."""
    parts: list[str] = []
    verification = _latest_verification(matter)
    if verification is not None and verification.outcome == Outcome.RUMOUR:
        if verification.rumour_claim:
            parts.append(
                f"Về thông tin «{verification.rumour_claim.strip()}»: đây là tin đồn, không đúng sự thật."
            )
        else:
            parts.append("Thông tin bạn phản ánh đã được xác minh là tin đồn, không đúng sự thật.")
        if verification.verified_facts:
            parts.append(verification.verified_facts.strip())
    for direction in Direction.objects.filter(matter=matter, state=DirectionState.ISSUED).exclude(
        correction=""
    ):
        parts.append(direction.correction.strip())
    if not parts:
        parts.append("Công đoàn đã xem xét phản ánh của bạn và có kết luận.")
    parts.append("Cảm ơn bạn đã phản ánh tới tổ chức công đoàn.")
    return "\n".join(parts)[:MAX_TEXT]


def matter_senders(matter: Matter) -> list[Recipient]:
    """Every sender whose report of ``matter`` came through a channel, once each,
    with their latest message."""
    rows = (
        ChannelMessage.objects.filter(
            report__matter_link__matter=matter,
            state__in=[MessageState.FILED, MessageState.CLASSIFIED],
        )
        .exclude(sender_key="")  # erased at the sender's request: nobody to answer
        .order_by("kind", "sender_key", "-received_at", "-id")
        .values_list("kind", "sender_key", "pk")
    )
    seen: dict[tuple[str, str], int] = {}
    for kind, key, pk in rows:
        seen.setdefault((kind, key), pk)
    return [Recipient(kind=k, sender_key=s, message_id=pk) for (k, s), pk in seen.items()]


@dataclass(frozen=True)
class CorrectionPreview:
    reason: str
    text: str
    new: list[Recipient]
    already: int  # senders told before
    by_kind: dict[str, int]  # new recipients per channel
    unreachable: int = 0  # senders the channel can never reach (not offered again)


def correction_preview(matter: Matter) -> CorrectionPreview:
    # A sender the channel refused before is offered again; one told is not.
    # One the channel can never reach is not offered again either.
    rows = (
        CorrectionDelivery.objects.filter(matter=matter)
        .exclude(state=DeliveryState.FAILED)
        .values_list("kind", "sender_key", "state")
    )
    done = {(kind, key) for kind, key, _ in rows}
    refused = sum(1 for *_, state in rows if state == DeliveryState.REFUSED)
    senders = matter_senders(matter)
    new = [r for r in senders if (r.kind, r.sender_key) not in done]
    return CorrectionPreview(
        reason=correction_reason(matter),
        text=correction_default_text(matter),
        new=new,
        already=len(done) - refused,
        by_kind=dict(Counter(r.kind for r in new)),
        unreachable=refused,
    )


@transaction.atomic
def correction_send(*, actor: Actor, matter_id: int, text: str) -> Correction | None:
    """Record and queue the correction to every sender not told yet. ``None`` when
    every sender has been told already (nothing is written then)."""
    matter = access_matter(actor, matter_id, perm=Perm.MATTER_HANDLE)
    if not correction_reason(matter):
        raise ValidationFailed(
            "Chỉ gửi đính chính khi vấn đề được xác minh là tin đồn hoặc đã có định hướng."
        )
    clean = nfc(text).strip()
    if not clean:
        raise ValidationFailed("Cần nội dung đính chính.", extra={"errors": {"text": "Bắt buộc."}})
    if len(clean) > MAX_TEXT:
        raise ValidationFailed(f"Nội dung đính chính tối đa {MAX_TEXT} ký tự.")
    Matter.objects.select_for_update().filter(pk=matter.pk).first()  # one trigger at a time
    preview = correction_preview(matter)
    if not preview.new:
        return None
    correction = Correction.objects.create(
        matter=matter, text=clean, created_by=recorded_account(actor)
    )
    created = 0
    for r in preview.new:
        retried = CorrectionDelivery.objects.filter(
            matter=matter, kind=r.kind, sender_key=r.sender_key, state=DeliveryState.FAILED
        ).update(
            correction=correction, message_id=r.message_id, state=DeliveryState.PENDING, note=""
        )
        if retried:
            created += 1
            continue
        try:
            with transaction.atomic():
                CorrectionDelivery.objects.create(
                    correction=correction,
                    matter=matter,
                    kind=r.kind,
                    sender_key=r.sender_key,
                    message_id=r.message_id,
                )
        except IntegrityError:  # told by a trigger that committed meanwhile
            continue
        created += 1
    if not created:
        correction.delete()
        return None
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="matter",
        object_ids=[matter.pk],
        unit_id=matter.owning_unit_id,
        note=f"correction {correction.pk}: {created}",
    )
    job_enqueue(DELIVER_JOB, {"correction_id": correction.pk}, created_by=actor)
    return correction


def correction_deliver(*, correction_id: int) -> dict[str, int]:
    """Send each pending delivery of a correction through its channel; idempotent."""
    correction = Correction.objects.filter(pk=correction_id).first()
    counts = {"sent": 0, "failed": 0}
    if correction is None:
        return counts
    pending = CorrectionDelivery.objects.filter(
        correction=correction, state=DeliveryState.PENDING
    ).values_list("pk", flat=True)
    for pk in list(pending):
        claimed = CorrectionDelivery.objects.filter(pk=pk, state=DeliveryState.PENDING).update(
            state=DeliveryState.SENDING
        )
        if claimed != 1:
            continue
        delivery = CorrectionDelivery.objects.select_related("message").get(pk=pk)
        state, note = _deliver_one(delivery, correction.text)
        ok = state == DeliveryState.SENT
        CorrectionDelivery.objects.filter(pk=pk).update(
            state=state,
            sent_at=timezone.now() if ok else None,
            attempts=delivery.attempts + 1,
            note=note[:200],
        )
        counts["sent" if ok else "failed"] += 1
    return counts


def _deliver_one(delivery: CorrectionDelivery, text: str) -> tuple[str, str]:
    """The delivery's new state and the reason when it was not sent."""
    try:
        ok, note = _send_one(delivery, text)
    except CorrectionRefused as refused:
        state = DeliveryState.REFUSED if refused.permanent else DeliveryState.FAILED
        return state, str(refused)
    return (DeliveryState.SENT if ok else DeliveryState.FAILED), note


def _send_one(delivery: CorrectionDelivery, text: str) -> tuple[bool, str]:
    adapter = adapter_get(delivery.kind)
    message = delivery.message
    sender = adapter if isinstance(adapter, CorrectionSender) else None
    replier = adapter if isinstance(adapter, Replier) else None
    if message is None or (sender is None and replier is None):
        return False, "Kênh này chưa gửi được đính chính."
    inbound = inbound_of(message)
    if inbound is None:
        return False, "Dữ liệu gốc đã hết hạn lưu, không còn địa chỉ để trả lời."
    try:
        if sender is not None:
            sent = sender.send_correction(message, inbound, text, key=f"correction:{delivery.pk}")
        else:
            assert replier is not None
            sent = replier.reply(message, inbound, text)
    except CorrectionRefused:
        raise
    except Exception as exc:  # the channel's own error: recorded, not retried blindly
        logger.warning(
            "correction %s via %s failed: %s", delivery.pk, delivery.kind, type(exc).__name__
        )
        return False, f"Lỗi của kênh: {type(exc).__name__}"
    return bool(sent), "" if sent else "Kênh từ chối gửi (ngoài thời hạn trả lời hoặc hạn mức)."


@dataclass(frozen=True)
class CorrectionSummary:
    sent: int
    failed: int
    pending: int
    by_kind: dict[str, int]  # people told, per channel label

    @property
    def channels_label(self) -> str:
        return ", ".join(self.by_kind)


def correction_summary(matter: Matter) -> CorrectionSummary:
    rows = CorrectionDelivery.objects.filter(matter=matter).values_list("kind", "state")
    labels = dict(ChannelKind.choices)
    by_kind: Counter[str] = Counter()
    states: Counter[str] = Counter()
    for kind, state in rows:
        states[state] += 1
        if state == DeliveryState.SENT:
            by_kind[str(labels.get(kind, kind))] += 1
    order = [str(label) for label in labels.values()]  # Zalo, e-mail, SMS, tip page
    return CorrectionSummary(
        sent=states[DeliveryState.SENT],
        failed=states[DeliveryState.FAILED] + states[DeliveryState.REFUSED],
        pending=states[DeliveryState.PENDING] + states[DeliveryState.SENDING],
        by_kind={k: by_kind[k] for k in sorted(by_kind, key=order.index)},
    )


def correction_outcome(correction: Correction) -> str:
    """What really happened to a correction, per channel, in Vietnamese: "Đã gửi tới 2
    người qua Trang góp ý ẩn danh; 2 người qua Zalo OA không nhận được: …", or "đang
    gửi" while its job has not run (then the page shows each delivery)."""
    labels = dict(ChannelKind.choices)
    rows = list(correction.deliveries.values_list("kind", "state", "note"))
    pending = sum(
        1 for _, state, _ in rows if state in (DeliveryState.PENDING, DeliveryState.SENDING)
    )
    sent: Counter[str] = Counter()
    missed: dict[str, list[str]] = {}
    for kind, state, note in rows:
        if state == DeliveryState.SENT:
            sent[kind] += 1
        elif state in (DeliveryState.FAILED, DeliveryState.REFUSED):
            missed.setdefault(kind, []).append(note or "không rõ lý do")
    parts: list[str] = []
    if sent:
        told = ", ".join(f"{n} người qua {labels.get(k, k)}" for k, n in sorted(sent.items()))
        parts.append(f"Đã gửi tới {told}")
    for kind, notes in sorted(missed.items()):
        reasons = "; ".join(sorted(set(notes)))
        parts.append(f"{len(notes)} người qua {labels.get(kind, kind)} không nhận được: {reasons}")
    if pending:
        parts.append(f"đang gửi tới {pending} người (xem bảng từng lượt gửi)")
    text = "; ".join(parts) or "Không có ai để gửi."
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def correction_deliveries(matter: Matter) -> list[CorrectionDelivery]:
    """Each delivery of the matter's corrections, newest first, for the table."""
    return list(
        CorrectionDelivery.objects.filter(matter=matter).order_by("-correction_id", "kind", "pk")
    )
