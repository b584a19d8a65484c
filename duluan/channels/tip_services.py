"""Writes and reads of the anonymous tip page (issue #20, item 5).

Nothing here is given the request: the services cannot store an address, an
account or a device, because they never see one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction

from duluan.cases.choices import DirectionState, State
from duluan.cases.models import Direction, MatterReport
from duluan.core.errors import ValidationFailed
from duluan.core.text import nfc
from duluan.intake.attachments import UploadedFile, check_attachment
from duluan.org.models import Unit

from .choices import ChannelKind, MessageState
from .keys import sender_key
from .models import ChannelEndpoint, ChannelMessage
from .models_tip import CorrectionDelivery, DeliveryState, TipFollowUp, TipReceipt
from .services import channel_receive
from .tip import receipt_code_clean, receipt_code_new, receipt_hash, receipt_matches
from .tip_adapter import KIND, MAX_FILES, MAX_TEXT, tip_payload

TIP = str(ChannelKind.TIP)


def tip_enabled() -> bool:
    """The tip page is a channel like the others: on only where ``DULUAN_CHANNELS``
    lists ``tip`` (the embedded default has every channel off)."""
    return TIP in settings.CHANNELS


def tip_endpoint(key: str) -> ChannelEndpoint | None:
    """The active tip page whose address key (the endpoint's ``code``) is ``key``."""
    if not tip_enabled() or not key:
        return None
    return (
        ChannelEndpoint.objects.filter(
            kind=TIP, code__iexact=key, is_active=True, unit__is_active=True
        )
        .select_related("unit")
        .first()
    )


@dataclass(frozen=True)
class TipSubmitted:
    code: str  # shown once; empty when the form had already been sent (a replay)
    unit: Unit
    replayed: bool = False


def _checked(text: str, files: list[UploadedFile]) -> str:
    text = nfc(text).strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Hãy viết điều bạn muốn góp ý."
    elif len(text) > MAX_TEXT:
        errors["text"] = f"Nội dung dài quá {MAX_TEXT} ký tự."
    if len(files) > MAX_FILES:
        errors["files"] = f"Chỉ gửi được tối đa {MAX_FILES} tệp."
    if errors:
        raise ValidationFailed("Góp ý chưa gửi được.", extra={"errors": errors})
    for upload in files:  # the guards of every upload: size, then the type from the bytes
        try:
            check_attachment(upload)
        except ValidationFailed as exc:
            raise ValidationFailed(
                "Góp ý chưa gửi được.", extra={"errors": {"files": exc.message}}
            ) from exc
    return text


@transaction.atomic
def tip_submit(
    *,
    endpoint: ChannelEndpoint,
    text: str,
    place: str = "",
    files: list[UploadedFile] | None = None,
    nonce: str,
) -> TipSubmitted:
    """Hand one tip to the channels ingest (filed as a report "chờ phân loại" in
    the endpoint's unit, after commit) and keep the hash of a fresh receipt code.

    ``nonce`` (from the signed form) is the message id: the same form sent twice
    is stored once and the second answer has no code."""
    files = files or []
    clean = _checked(text, files)
    code = receipt_code_new()
    digest = receipt_hash(code)
    raw = tip_payload(
        message_id=nonce,
        receipt=digest,
        key=endpoint.code,
        text=clean,
        place=nfc(place).strip()[:255],
        files=[(f.name, f.content) for f in files],
    )
    result = channel_receive(kind=KIND, raw=raw)
    if not result.created:
        return TipSubmitted(code="", unit=endpoint.unit, replayed=True)
    message = ChannelMessage.objects.get(pk=result.created[0])
    TipReceipt.objects.create(code_hash=digest, message=message, unit=endpoint.unit)
    return TipSubmitted(code=code, unit=endpoint.unit)


# ── coming back with the code ────────────────────────────────────────────────
def receipt_find(code: str) -> TipReceipt | None:
    """The receipt of ``code``, or ``None``. The code is hashed with the site's key
    before the look-up and compared again in constant time."""
    if receipt_code_clean(code) is None:
        return None
    receipt = (
        TipReceipt.objects.select_related("message", "message__report", "unit")
        .filter(code_hash=receipt_hash(code))
        .first()
    )
    if receipt is None or not receipt_matches(receipt.code_hash, code):
        return None
    return receipt


# What a tipster is told of the work on their tip: the step, never a note.
PUBLIC_STATE = {
    State.TIEP_NHAN: "Cán bộ công đoàn đã tiếp nhận, đang xem xét",
    State.SANG_LOC: "Cán bộ công đoàn đang xem xét",
    State.XAC_MINH: "Đang xác minh thông tin",
    State.PHAN_ANH_LEN: "Đã báo cáo lên công đoàn cấp trên",
    State.DINH_HUONG: "Đã có kết luận, đang thông tin lại",
    State.DONG: "Đã xử lý xong",
    State.GHI_NHAN: "Đã ghi nhận",
}


@dataclass(frozen=True)
class Answer:
    at: datetime
    label: str
    text: str


@dataclass
class TipView:
    unit_name: str
    sent_at: datetime
    state: str
    answers: list[Answer] = field(default_factory=list)
    follow_ups: list[TipFollowUp] = field(default_factory=list)


def tip_view(receipt: TipReceipt) -> TipView:
    """What the receipt page shows: the unit, the public state of the work, the
    corrections sent to this tip and the corrections its matter's directions ask
    to spread. Never a verification note, an officer's name or another report."""
    message = receipt.message
    state = "Đã nhận, đang chuyển tới cán bộ công đoàn"
    answers: list[Answer] = []
    link = (
        MatterReport.objects.select_related("matter").filter(report_id=message.report_id).first()
        if message.report_id
        else None
    )
    if link is not None:
        matter = link.matter
        state = PUBLIC_STATE.get(State(matter.state), state)
        directions = Direction.objects.filter(matter=matter, state=DirectionState.ISSUED).exclude(
            correction=""
        )
        answers += [Answer(d.issued_at, "Thông tin cải chính", d.correction) for d in directions]
    elif message.state in (MessageState.FILED, MessageState.CLASSIFIED):
        state = "Cán bộ công đoàn đã nhận, đang phân loại"
    deliveries = CorrectionDelivery.objects.filter(
        kind=TIP, sender_key=message.sender_key, state=DeliveryState.SENT
    ).select_related("correction")
    answers += [
        Answer(d.sent_at or d.correction.created_at, "Đính chính", d.correction.text)
        for d in deliveries
    ]
    answers.sort(key=lambda a: a.at)
    return TipView(
        unit_name=receipt.unit.name,
        sent_at=message.sent_at,
        state=state,
        answers=answers,
        follow_ups=list(receipt.follow_ups.all()),
    )


@transaction.atomic
def tip_follow_up(*, receipt: TipReceipt, text: str) -> TipFollowUp:
    """Add details to the same report (shown with it to officers)."""
    clean = nfc(text).strip()
    if not clean:
        raise ValidationFailed("Hãy viết điều bạn muốn bổ sung.")
    if len(clean) > MAX_TEXT:
        raise ValidationFailed(f"Nội dung dài quá {MAX_TEXT} ký tự.")
    if receipt.follow_ups.count() >= settings.TIP_FOLLOW_UPS_MAX:
        raise ValidationFailed(
            "Góp ý này đã được bổ sung nhiều lần. Hãy gửi một góp ý mới nếu có chuyện khác."
        )
    return TipFollowUp.objects.create(receipt=receipt, text=clean)


def tip_sender_key(code: str) -> str:
    """The pseudonym a tip's messages and corrections carry (tests, the simulator)."""
    return sender_key(TIP, receipt_hash(code))
