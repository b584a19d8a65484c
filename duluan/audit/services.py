"""Writing the audit log. One function: :func:`audit_record`."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from duluan.org.scope import recorded_account
from duluan.org.types import Actor

from .models import Action, AuditEvent

MAX_IDS = 1000


def audit_record(
    *,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_ids: Iterable[int] = (),
    unit_id: int | None = None,
    request: HttpRequest | None = None,
    channel: str = "web",
    note: str = "",
) -> AuditEvent:
    """Append one event. Ids only: no opinion text, no phone numbers.

    ``action`` is one of :class:`Action` (a free string is refused, so the log's
    vocabulary stays in one place and every action has its Vietnamese name)."""
    if action not in Action.values:
        raise ValueError(f"unknown audit action {action!r}: add it to audit.models.Action")
    ids = [int(i) for i in object_ids][:MAX_IDS]
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AuditEvent.objects.create(
        actor=recorded_account(actor),
        action=action,
        object_type=object_type,
        object_ids=ids,
        unit_id=unit_id,
        ip=ip or None,
        channel=channel,
        note=note[:200],
    )
