"""Hot-spot notifications: in-app, e-mail and a signed webhook.

A new hot spot tells the officers and leaders of its owning unit and of every
ancestor up to the root (:func:`hot_spot_notify`); a hot spot whose formal
written report is overdue is flagged once and its parent unit is reminded
(:func:`hot_spots_overdue_check`). Each matter is notified at most once per
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
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.org.choices import Role
from duluan.org.models import RoleAssignment, Unit, User

from .choices import CLOSED_STATES
from .models import Matter, Notification, NotificationKind

logger = logging.getLogger(__name__)

NOTIFIED_ROLES = (Role.OFFICER, Role.LEADER)
SIGNATURE_HEADER = "X-Duluan-Signature"
TIMESTAMP_HEADER = "X-Duluan-Timestamp"


@dataclass(frozen=True)
class Sent:
    """What one notification run did: counts only (they go in the audit log)."""

    notified: int = 0
    emails: int = 0
    webhook: str = "off"  # off | ok | failed


def unit_notified_users(units: Iterable[Unit]) -> list[User]:
    """Active users holding an active officer or leader role at one of ``units``."""
    unit_ids = [u.pk for u in units]
    user_ids = (
        RoleAssignment.objects.filter(unit_id__in=unit_ids, role__in=NOTIFIED_ROLES, is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


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


def _one_line(text: str) -> str:
    """A title fit for a mail subject (no header injection through newlines)."""
    return " ".join(text.split())


def _mail(matter: Matter, kind: str, users: list[User]) -> int:
    title = _one_line(matter.title)
    unit = matter.owning_unit.display_name
    local_since = timezone.localtime(matter.hot_since) if matter.hot_since else None
    since = local_since.strftime("%H:%M %d/%m/%Y") if local_since else ""
    if kind == NotificationKind.HOT_SPOT:
        subject = f"[Điểm nóng] {title}"
        body = (
            f"Vấn đề «{title}» của {unit} vừa được đánh dấu là điểm nóng lúc {since}.\n\n"
            f"Báo cáo bằng văn bản phải gửi trong {settings.HOT_SPOT_REPORT_HOURS} giờ.\n"
            f"Xem vấn đề: {matter_link(matter)}\n"
        )
    else:
        subject = f"[Điểm nóng quá hạn] {title}"
        body = (
            f"Điểm nóng «{title}» của {unit} (từ {since}) đã quá "
            f"{settings.HOT_SPOT_REPORT_HOURS} giờ mà chưa có báo cáo bằng văn bản.\n\n"
            f"Đề nghị đôn đốc đơn vị báo cáo.\nXem vấn đề: {matter_link(matter)}\n"
        )
    messages = [(subject, body, None, [u.email]) for u in users if u.email]
    if not messages:
        return 0
    return send_mass_mail(messages, fail_silently=False)


def _notify(matter: Matter, kind: str, users: list[User], now: datetime) -> Sent:
    with transaction.atomic():
        Notification.objects.bulk_create(
            [Notification(recipient=u, kind=kind, matter=matter, created_at=now) for u in users],
            ignore_conflicts=True,
        )
    try:
        emails = _mail(matter, kind, users)
    except Exception:  # a mail server down must not undo the notices
        logger.exception("hot spot %s: e-mail for matter %s failed", kind, matter.pk)
        audit_record(
            actor=None,
            action=Action.STATE_CHANGE,
            object_type="hot_spot_mail_failed",
            object_ids=[matter.pk],
            unit_id=matter.owning_unit_id,
            channel="task",
            note=kind,
        )
        emails = 0
    return Sent(notified=len(users), emails=emails)


def webhook_payload(matter: Matter, timestamp: int) -> bytes:
    payload = {
        "event": "hot_spot",
        "matter_id": matter.pk,
        "title": matter.title,
        "unit_code": matter.owning_unit.code,
        "hot_since": matter.hot_since.isoformat() if matter.hot_since else None,
        "timestamp": timestamp,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def webhook_signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def webhook_send(matter: Matter) -> str:
    """POST the hot spot to ``HOT_SPOT_WEBHOOK_URL``; ``off``, ``ok`` or ``failed``.

    A failure is logged and audited, never raised.
    """
    url = settings.HOT_SPOT_WEBHOOK_URL
    if not url:
        return "off"
    timestamp = int(time.time())
    body = webhook_payload(matter, timestamp)
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
        logger.warning("hot spot webhook for matter %s failed: %s", matter.pk, exc)
        audit_record(
            actor=None,
            action=Action.STATE_CHANGE,
            object_type="hot_spot_webhook_failed",
            object_ids=[matter.pk],
            unit_id=matter.owning_unit_id,
            channel="task",
            note=type(exc).__name__,
        )
        return "failed"
    return "ok"


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
    sent = Sent(notified=sent.notified, emails=sent.emails, webhook=webhook_send(matter))
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
