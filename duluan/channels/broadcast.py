"""A direction sent down to the Zalo OA followers of its target units (issue #20,
item 2): only through the approved template ``DULUAN_ZALO_DIRECTION_TEMPLATE`` and
within the OA's quotas (:func:`~duluan.channels.zalo_client.followers_notify`).

One :class:`DirectionBroadcast` per direction: a second request, or two officers
pressing at once, sends nothing more; the job ``channels.direction_broadcast``
sends each follower once under the key ``direction:<pk>`` and stores the counts.
Cases never imports this module: the matter page learns of it through the
``matter_panels`` registry (``matter_panels.py``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.cases.choices import DirectionState
from duluan.cases.models import Direction, DirectionTarget
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.jobs.services import job_enqueue
from duluan.org.choices import Perm
from duluan.org.scope import recorded_account, unit_in_scope
from duluan.org.types import Actor

from .models import DirectionBroadcast

logger = logging.getLogger(__name__)

BROADCAST_JOB = "channels.direction_broadcast"
# A text parameter of a Zalo OA transaction template takes at most this many characters.
FIELD_MAX = 400
NO_TEMPLATE = (
    "Chưa có mẫu tin định hướng được Zalo duyệt (DULUAN_ZALO_DIRECTION_TEMPLATE): "
    "không gửi định hướng tới người theo dõi."
)
ZALO_OFF = "Kênh Zalo OA đang tắt trên máy chủ này: không gửi định hướng tới người theo dõi."


def broadcast_refusal(actor: Actor, direction: Direction) -> str:
    """Why ``actor`` may not send ``direction`` to the followers ("" when they may)."""
    if not unit_in_scope(actor, Perm.MATTER_HANDLE, direction.unit):
        return "Chỉ người xử lý vấn đề ở đơn vị ban hành định hướng mới gửi được."
    if direction.state != DirectionState.ISSUED:
        return "Định hướng chưa được ban hành."
    if "zalo" not in settings.CHANNELS:
        return ZALO_OFF
    if not settings.ZALO_DIRECTION_TEMPLATE:
        return NO_TEMPLATE
    return ""


def field_text(direction: Direction) -> str:
    """The direction's text, cut to what the template's parameter takes."""
    text = " ".join(direction.text.split())
    return text if len(text) <= FIELD_MAX else text[: FIELD_MAX - 1].rstrip() + "…"


@transaction.atomic
def direction_broadcast(*, actor: Actor, direction: Direction) -> DirectionBroadcast | None:
    """Record and queue the direction to its target units' followers; ``None`` when
    it was requested before (nothing is sent again)."""
    if not unit_in_scope(actor, Perm.MATTER_HANDLE, direction.unit):
        raise NotFoundError("Không tìm thấy định hướng.")
    refusal = broadcast_refusal(actor, direction)
    if refusal:
        raise ValidationFailed(refusal)
    try:
        with transaction.atomic():
            broadcast = DirectionBroadcast.objects.create(
                direction=direction,
                template_id=settings.ZALO_DIRECTION_TEMPLATE,
                requested_by=recorded_account(actor),
            )
    except IntegrityError:  # requested before, or by another officer meanwhile
        return None
    audit_record(
        actor=actor,
        action=Action.STATE_CHANGE,
        object_type="direction",
        object_ids=[direction.pk],
        unit_id=direction.unit_id,
        note=f"zalo broadcast {broadcast.pk}",
    )
    job_enqueue(BROADCAST_JOB, {"broadcast_id": broadcast.pk}, created_by=actor)
    return broadcast


def broadcast_deliver(*, broadcast_id: int) -> dict[str, int]:
    """Send the direction to every follower of its target units, once each (the
    client's ledger keys on the direction and the follower); stores the counts."""
    from . import zalo
    from .zalo_client import ZaloError, followers_notify

    broadcast = DirectionBroadcast.objects.select_related("direction").filter(pk=broadcast_id)
    found = broadcast.first()
    if found is None:
        return {"sent": 0, "skipped_quota": 0, "already": 0}
    direction = found.direction
    unit_ids = list(
        DirectionTarget.objects.filter(direction=direction).values_list("unit_id", flat=True)
    )
    note = ""
    try:
        counts = followers_notify(
            unit_ids=unit_ids,
            template_id=found.template_id,
            data={settings.ZALO_DIRECTION_TEMPLATE_FIELD: field_text(direction)},
            key=f"direction:{direction.pk}",
            transport=zalo.CLIENT_TRANSPORT,
        )
    except ZaloError as exc:  # the template not approved, the OA not connected
        logger.warning("direction broadcast %s refused: %s", found.pk, exc)
        counts = {"sent": 0, "skipped_quota": 0, "already": 0}
        note = str(exc)[:200]
    # A rerun of the job adds what it sent now to what was sent before.
    DirectionBroadcast.objects.filter(pk=found.pk).update(
        sent=found.sent + counts["sent"],
        skipped_quota=counts["skipped_quota"],
        already=counts["already"],
        note=note,
        done_at=timezone.now(),
    )
    return counts


def broadcast_of(direction: Direction) -> DirectionBroadcast | None:
    return DirectionBroadcast.objects.filter(direction=direction).first()


def broadcast_outcome(broadcast: DirectionBroadcast) -> str:
    """ "Đã gửi tới N người theo dõi; M người quá hạn mức", or that it is being sent."""
    if broadcast.done_at is None:
        return "Đang gửi định hướng tới người theo dõi Zalo OA của các đơn vị nhận."
    text = (
        f"Đã gửi tới {broadcast.sent} người theo dõi; {broadcast.skipped_quota} người quá hạn mức."
    )
    if broadcast.note:
        text += f" Zalo từ chối: {broadcast.note}"
    return text
