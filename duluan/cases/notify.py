"""Hot-spot notifications: in-app, e-mail and a signed webhook.

A new hot spot tells the officers and leaders of its owning unit and of every
ancestor up to the root (:func:`hot_spot_notify`); a hot spot whose formal
written report is overdue is flagged once and its parent unit is reminded
(:func:`hot_spots_overdue_check`); a webhook the gateway did not take is
tried again with growing pauses (:func:`webhooks_retry`). Each matter is notified at most once per
kind: the work is claimed with a conditional ``UPDATE`` on the matter
(``hot_notified_at``, ``hot_overdue_flagged_at``) before anything is sent.

Nothing here holds opinion text or phone numbers: the matter's title, its
unit and a link are all a notice carries.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.request
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.org.models import User

from .choices import CLOSED_STATES
from .models import Matter, NotificationKind, WebhookDelivery
from .notices import Sent, notices_send, one_line, unit_notified_users

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Duluan-Signature"
TIMESTAMP_HEADER = "X-Duluan-Timestamp"


def hot_spot_recipients(matter: Matter) -> list[User]:
    """Officers and leaders of the owning unit and of every ancestor up to the root."""
    unit = matter.owning_unit
    return unit_notified_users([*unit.get_ancestors(), unit])


def overdue_recipients(matter: Matter) -> list[User]:
    """Officers and leaders of the owning unit's parent (the root's own, at the top)."""
    unit = matter.owning_unit
    return unit_notified_users([unit.get_parent() or unit])


def matter_link(matter: Matter) -> str:
    return f"{settings.SITE_URL}/van-de/{matter.pk}/"


def _notify(matter: Matter, kind: str, users: list[User], now: datetime) -> Sent:
    """One notice per user and kind for this matter, with its e-mail."""
    title = one_line(matter.title)
    unit = matter.owning_unit.display_name
    local_since = timezone.localtime(matter.hot_since) if matter.hot_since else None
    since = local_since.strftime("%H:%M %d/%m/%Y") if local_since else ""
    hours = settings.HOT_SPOT_REPORT_HOURS
    if kind == NotificationKind.HOT_SPOT:
        subject = f"[Điểm nóng] {title}"
        body = (
            f"Vấn đề «{title}» của {unit} vừa được đánh dấu là điểm nóng lúc {since}.\n\n"
            f"Báo cáo bằng văn bản phải gửi trong {hours} giờ."
        )
    else:
        subject = f"[Điểm nóng quá hạn] {title}"
        body = (
            f"Điểm nóng «{title}» của {unit} (từ {since}) đã quá {hours} giờ mà chưa có "
            "báo cáo bằng văn bản.\n\nĐề nghị đôn đốc đơn vị báo cáo."
        )
    return notices_send(
        users,
        kind=kind,
        key=f"matter:{matter.pk}",
        title=subject,
        url=f"/van-de/{matter.pk}/",
        body=body,
        matter=matter,
        now=now,
    )


def webhook_payload(matter: Matter, timestamp: int, delivery_id: int | None = None) -> bytes:
    payload = {
        "event": "hot_spot",
        "delivery_id": delivery_id,
        "matter_id": matter.pk,
        "title": matter.title,
        "unit_code": matter.owning_unit.code,
        "hot_since": matter.hot_since.isoformat() if matter.hot_since else None,
        "timestamp": timestamp,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def webhook_signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _webhook_post(matter: Matter, delivery_id: int) -> str:
    """One POST to ``HOT_SPOT_WEBHOOK_URL``: ``""`` when taken (2xx), else the error."""
    url = settings.HOT_SPOT_WEBHOOK_URL
    timestamp = int(time.time())
    body = webhook_payload(matter, timestamp, delivery_id)
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
    matter = delivery.matter
    error = _webhook_post(matter, delivery.pk)
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
        "hot spot webhook for matter %s failed (try %s): %s", matter.pk, delivery.attempts, error
    )
    audit_record(
        actor=None,
        action=Action.STATE_CHANGE,
        object_type="hot_spot_webhook_failed",
        object_ids=[matter.pk],
        unit_id=matter.owning_unit_id,
        channel="task",
        note=f"try {delivery.attempts}: {error.split(':')[0]}" + ("; given up" if last else ""),
    )
    return "failed"


def webhook_send(matter: Matter, *, now: datetime | None = None) -> str:
    """Send the hot spot to the gateway once per matter: ``off``, ``ok`` or ``failed``.

    A failure is logged and audited, never raised, and tried again later by
    :func:`webhooks_retry`.
    """
    if not settings.HOT_SPOT_WEBHOOK_URL:
        return "off"
    moment = now or timezone.now()
    delivery, created = WebhookDelivery.objects.get_or_create(
        matter=matter, event="hot_spot", defaults={"created_at": moment}
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
    for delivery in due.select_related("matter", "matter__owning_unit").order_by("next_at"):
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


def hot_spot_notify(matter_id: int, *, now: datetime | None = None) -> Sent:
    """Tell every ancestor's officers of a new hot spot, once per matter."""
    moment = now or timezone.now()
    claimed = Matter.objects.filter(
        pk=matter_id, is_hot_spot=True, hot_notified_at__isnull=True
    ).update(hot_notified_at=moment)
    if claimed != 1:
        return Sent()
    matter = Matter.objects.select_related("owning_unit").get(pk=matter_id)
    sent = _notify(matter, NotificationKind.HOT_SPOT, hot_spot_recipients(matter), moment)
    webhook = webhook_send(matter, now=moment)
    sent = Sent(notified=sent.notified, emails=sent.emails, webhook=webhook)
    audit_record(
        actor=None,
        action=Action.STATE_CHANGE,
        object_type="hot_spot_notify",
        object_ids=[matter.pk],
        unit_id=matter.owning_unit_id,
        channel="task",
        note=f"notified={sent.notified} emails={sent.emails} webhook={sent.webhook}",
    )
    return sent


def hot_spots_overdue_check(*, now: datetime | None = None) -> dict[str, int]:
    """Flag hot spots whose written report is overdue; remind each parent unit once."""
    moment = now or timezone.now()
    cutoff = moment - timedelta(hours=settings.HOT_SPOT_REPORT_HOURS)
    candidates = (
        Matter.objects.filter(
            is_hot_spot=True,
            hot_reported_at__isnull=True,
            hot_overdue_flagged_at__isnull=True,
            hot_since__lt=cutoff,
        )
        .exclude(state__in=CLOSED_STATES)
        .select_related("owning_unit")
        .order_by("pk")
    )
    counts = {"flagged": 0, "notified": 0, "emails": 0}
    for matter in candidates:
        if not matter.is_hot_overdue(moment):
            continue
        claimed = Matter.objects.filter(pk=matter.pk, hot_overdue_flagged_at__isnull=True).update(
            hot_overdue_flagged_at=moment
        )
        if claimed != 1:
            continue
        matter.hot_overdue_flagged_at = moment
        sent = _notify(
            matter, NotificationKind.HOT_SPOT_OVERDUE, overdue_recipients(matter), moment
        )
        audit_record(
            actor=None,
            action=Action.STATE_CHANGE,
            object_type="hot_spot_overdue",
            object_ids=[matter.pk],
            unit_id=matter.owning_unit_id,
            channel="task",
            note=f"notified={sent.notified} emails={sent.emails}",
        )
        counts["flagged"] += 1
        counts["notified"] += sent.notified
        counts["emails"] += sent.emails
    return counts
