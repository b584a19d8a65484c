"""Hot-spot notifications: in-app, e-mail and a signed webhook.

A new hot spot tells the officers and leaders of its owning unit and of every
ancestor up to the root (:func:`hot_spot_notify`); a hot spot whose formal
written report is overdue is flagged once and its parent unit is reminded
(:func:`hot_spots_overdue_check`); the webhook goes through the outbox of
``duluan.notifications.webhooks``, which tries again what the gateway did not
take. Each matter is notified at most once per kind: the work is claimed with a
conditional ``UPDATE`` on the matter (``hot_notified_at``,
``hot_overdue_flagged_at``) before anything is sent.

Nothing here holds opinion text or phone numbers: the matter's title, its
unit and a link are all a notice carries.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.notifications.selectors import unit_notified_users
from duluan.notifications.services import Sent, notices_send, one_line
from duluan.notifications.webhooks import webhook_send
from duluan.org.models import User

from .choices import CLOSED_STATES
from .models import Matter, NotificationKind


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


def hot_spot_webhook_fields(matter: Matter) -> dict[str, Any]:
    """What the ``hot_spot`` webhook says of the matter (registered in ``apps.py``)."""
    return {
        "matter_id": matter.pk,
        "title": matter.title,
        "unit_code": matter.owning_unit.code,
        "hot_since": matter.hot_since.isoformat() if matter.hot_since else None,
    }


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
    webhook = webhook_send(matter, event="hot_spot", now=moment)
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
