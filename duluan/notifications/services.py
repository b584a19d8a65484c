"""In-app notices and their e-mail, for every app (reminders, hot spots, directions,
petitions, reporting deadlines, polls, spikes).

One call, :func:`notices_send`, writes one :class:`~duluan.notifications.models.Notification`
per recipient (idempotent on ``(recipient, kind, key)``: a second call with the
same key sends nothing to those already told) and mails those with an address.
A mail server that fails is logged and audited, never raised: the in-app
notices stay. Titles and links only; never opinion text or phone numbers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.org.models import User

from .models import Notification

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sent:
    """What one run did: counts only (they go in the audit log)."""

    notified: int = 0
    emails: int = 0
    webhook: str = "off"  # off | ok | failed


def one_line(text: str) -> str:
    """A title fit for a mail subject (no header injection through newlines)."""
    return " ".join(text.split())


def absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def notices_send(
    users: Iterable[User],
    *,
    kind: str,
    key: str,
    title: str,
    url: str = "",
    body: str = "",
    matter: Any = None,
    unit_id: int | None = None,
    now: datetime | None = None,
) -> Sent:
    """Tell ``users`` once per ``(kind, key)``; e-mail only those newly told.

    ``body`` is the e-mail text (the link is appended); the in-app notice shows
    ``title`` and links to ``url``. ``matter`` (a ``cases.Matter``) is what the
    notice is about, if anything; its owning unit is the audit row's unit when
    ``unit_id`` is not given.
    """
    moment = now or timezone.now()
    users = list(users)
    title = one_line(title)[:255]
    with transaction.atomic():
        already = set(
            Notification.objects.filter(
                kind=kind, key=key, recipient__in=[u.pk for u in users]
            ).values_list("recipient_id", flat=True)
        )
        fresh = [u for u in users if u.pk not in already]
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=u,
                    kind=kind,
                    key=key,
                    title=title,
                    url=url,
                    matter=matter,
                    created_at=moment,
                )
                for u in fresh
            ],
            ignore_conflicts=True,
        )
    text = f"{body.strip()}\n\nXem: {absolute(url)}\n" if url else body
    messages = [(title, text or title, None, [u.email]) for u in fresh if u.email]
    emails = 0
    if messages:
        try:
            emails = send_mass_mail(messages, fail_silently=False)
        except Exception:  # a mail server down must not undo the notices
            logger.exception("notice %s/%s: e-mail failed", kind, key)
            audit_record(
                actor=None,
                action=Action.STATE_CHANGE,
                object_type="notice_mail_failed",
                object_ids=[matter.pk] if matter else [],
                unit_id=unit_id or getattr(matter, "owning_unit_id", None),
                channel="task",
                note=kind,
            )
    return Sent(notified=len(fresh), emails=emails)


def notifications_mark_read(*, user: Any, ids: list[int] | None = None) -> int:
    """Mark the user's own notices read (all of them, or ``ids``); others' are untouched."""
    notices = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        notices = notices.filter(pk__in=ids)
    return notices.update(read_at=timezone.now())
