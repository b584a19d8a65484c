"""Jobs of the cases app: notices that follow a write (hot spots, escalations,
directions). Each is idempotent: a hot spot is claimed once per matter, a notice
is sent once per (kind, key, recipient)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from duluan.jobs.registry import job_handler

if TYPE_CHECKING:
    from duluan.jobs.models import Job

HOT_SPOT_NOTIFY = "cases.hot_spot_notify"
ESCALATION_NOTIFY = "cases.notify_escalation"
DIRECTION_NOTIFY = "cases.notify_direction"
DIRECTION_REVIEW_NOTIFY = "cases.notify_direction_review"


@job_handler(HOT_SPOT_NOTIFY, queue="ingest")
def hot_spot_notify_job(job: Job) -> dict[str, Any]:
    """In-app notices, e-mail and the webhook outbox for every ancestor's officers.

    The claim and the notices commit together: a worker killed half-way leaves
    the matter unclaimed, and the job's next run sends them.
    """
    from .notify import hot_spot_notify

    with transaction.atomic():
        sent = hot_spot_notify(int(job.payload["matter_id"]))
    return {"notified": sent.notified, "emails": sent.emails, "webhook": sent.webhook}


@job_handler(ESCALATION_NOTIFY, queue="ingest")
def escalation_notify_job(job: Job) -> dict[str, int]:
    from .models import Escalation
    from .reminders import escalation_notices

    escalation = Escalation.objects.select_related("matter", "to_unit", "from_unit").filter(
        pk=int(job.payload["escalation_id"])
    )
    row = escalation.first()
    return {"notified": escalation_notices(row).notified if row else 0}


@job_handler(DIRECTION_NOTIFY, queue="ingest")
def direction_notify_job(job: Job) -> dict[str, int]:
    from .models import Direction
    from .reminders import direction_notices

    row = Direction.objects.select_related("matter", "unit").filter(
        pk=int(job.payload["direction_id"])
    )
    direction = row.first()
    return {"notified": direction_notices(direction).notified if direction else 0}


@job_handler(DIRECTION_REVIEW_NOTIFY, queue="ingest")
def direction_review_notify_job(job: Job) -> dict[str, int]:
    """A draft waits for the leaders (``event`` draft), or went back to its drafter
    (``event`` returned)."""
    from .models import Direction
    from .reminders import direction_draft_notices, direction_returned_notices

    direction = (
        Direction.objects.select_related("matter", "unit", "drafted_by")
        .filter(pk=int(job.payload["direction_id"]))
        .first()
    )
    if direction is None:
        return {"notified": 0}
    send = (
        direction_returned_notices
        if job.payload.get("event") == "returned"
        else direction_draft_notices
    )
    return {"notified": send(direction).notified}
