"""The webhook outbox: events posted, signed, to the gateway (Zalo, SMS) until taken.

An app registers what an event's payload says (:func:`webhook_event`, from its
``AppConfig.ready``, by dotted path so that nothing is imported at start) and calls :func:`webhook_send` once per matter and event;
a delivery the gateway did not take is tried again with growing pauses by
:func:`webhooks_retry` (beat, ``duluan hot-spots-check``). A failure is logged
and audited, never raised. Settings: ``HOT_SPOT_WEBHOOK_*`` (docs/settings.md).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from duluan.audit.models import Action
from duluan.audit.services import audit_record

from .models import WebhookDelivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Duluan-Signature"
TIMESTAMP_HEADER = "X-Duluan-Timestamp"

# ``(matter) -> fields``: what the payload of an event says besides ``event``,
# ``delivery_id`` and ``timestamp``. Never opinion text or phone numbers.
PayloadFields = Callable[[Any], dict[str, Any]]
_EVENTS: dict[str, PayloadFields | str] = {}


def webhook_event(event: str, fields: PayloadFields | str) -> None:
    """Register what ``event``'s payload says: a function, or its dotted path
    (imported on the first send). Idempotent."""
    _EVENTS[event] = fields


def _fields(event: str) -> PayloadFields:
    fields = _EVENTS[event]
    if isinstance(fields, str):
        fields = _EVENTS[event] = import_string(fields)
    return fields


def webhook_payload(
    matter: Any, timestamp: int, delivery_id: int | None = None, *, event: str = "hot_spot"
) -> bytes:
    payload = {
        "event": event,
        "delivery_id": delivery_id,
        **_fields(event)(matter),
        "timestamp": timestamp,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def webhook_signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _webhook_post(delivery: WebhookDelivery) -> str:
    """One POST to ``HOT_SPOT_WEBHOOK_URL``: ``""`` when taken (2xx), else the error."""
    import urllib.request  # on use: a web process that sends nothing never loads it

    url = settings.HOT_SPOT_WEBHOOK_URL
    timestamp = int(time.time())
    body = webhook_payload(delivery.matter, timestamp, delivery.pk, event=delivery.event)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        TIMESTAMP_HEADER: str(timestamp),
        "User-Agent": "duluan-hot-spot/1",
    }
    secret = settings.HOT_SPOT_WEBHOOK_SECRET
    if secret:
        headers[SIGNATURE_HEADER] = webhook_signature(body, secret)
    try:
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError("webhook URL must be http or https")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            url, data=body, headers=headers, method="POST"
        )
        with urllib.request.urlopen(  # noqa: S310 - scheme checked above
            request, timeout=settings.HOT_SPOT_WEBHOOK_TIMEOUT
        ) as response:
            status = response.status
        if not 200 <= status < 300:
            raise OSError(f"HTTP {status}")
    except Exception as exc:  # a gateway down must not reach the user
        return f"{type(exc).__name__}: {exc}"[:200]
    return ""


def retry_pause(attempts: int) -> timedelta:
    """The pause after the ``attempts``-th failed try: 5, 10, 20, 40 … minutes."""
    return timedelta(minutes=5 * 2 ** max(attempts - 1, 0))


def _attempt(delivery: WebhookDelivery, now: datetime) -> str:
    """Try ``delivery`` once and record the outcome: ``ok`` or ``failed``."""
    error = _webhook_post(delivery)
    delivery.attempts += 1
    if not error:
        delivery.delivered_at, delivery.next_at, delivery.last_error = now, None, ""
        delivery.save(update_fields=["attempts", "delivered_at", "next_at", "last_error"])
        return "ok"
    last = delivery.attempts >= settings.HOT_SPOT_WEBHOOK_ATTEMPTS
    delivery.next_at = None if last else now + retry_pause(delivery.attempts)
    delivery.last_error = error
    delivery.save(update_fields=["attempts", "next_at", "last_error"])
    logger.warning(
        "%s webhook for matter %s failed (try %s): %s",
        delivery.event,
        delivery.matter_id,
        delivery.attempts,
        error,
    )
    audit_record(
        actor=None,
        action=Action.STATE_CHANGE,
        object_type=f"{delivery.event}_webhook_failed",
        object_ids=[delivery.matter_id],
        unit_id=getattr(delivery.matter, "owning_unit_id", None),
        channel="task",
        note=f"try {delivery.attempts}: {error.split(':')[0]}" + ("; given up" if last else ""),
    )
    return "failed"


def webhook_send(matter: Any, *, event: str = "hot_spot", now: datetime | None = None) -> str:
    """Send ``event`` about ``matter`` to the gateway once: ``off``, ``ok`` or ``failed``.

    A failure is logged and audited, never raised, and tried again later by
    :func:`webhooks_retry`.
    """
    if not settings.HOT_SPOT_WEBHOOK_URL:
        return "off"
    moment = now or timezone.now()
    delivery, created = WebhookDelivery.objects.get_or_create(
        matter=matter, event=event, defaults={"created_at": moment}
    )
    if not created:
        return "ok" if delivery.delivered_at else "failed"
    delivery.matter = matter
    return _attempt(delivery, moment)


def webhooks_retry(*, now: datetime | None = None) -> dict[str, int]:
    """Try again every delivery whose pause is over; each is claimed before it is sent."""
    moment = now or timezone.now()
    counts = {"retried": 0, "delivered": 0}
    if not settings.HOT_SPOT_WEBHOOK_URL:
        return counts
    due = WebhookDelivery.objects.filter(delivered_at__isnull=True, next_at__lte=moment)
    for delivery in due.select_related("matter").order_by("next_at"):
        # The claim is a lease: a worker that dies mid-send leaves it due again later.
        claimed = WebhookDelivery.objects.filter(
            pk=delivery.pk, next_at=delivery.next_at, delivered_at__isnull=True
        ).update(next_at=moment + timedelta(minutes=10))
        if claimed != 1:
            continue  # another worker took it
        counts["retried"] += 1
        if _attempt(delivery, moment) == "ok":
            counts["delivered"] += 1
    return counts
