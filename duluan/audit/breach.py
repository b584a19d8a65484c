"""Breach drill: from the audit log, which records an account or a time window exposed.

What a notification to the authority within 72 hours needs: how many records,
of which kinds, which units, how many named people, first and last access.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from .models import Action, AuditEvent


@dataclass
class Exposure:
    events: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None
    accounts: set[int] = field(default_factory=set)
    records: dict[str, set[int]] = field(default_factory=dict)
    identity_reports: set[int] = field(default_factory=set)
    units: set[int] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "first_at": self.first_at.isoformat() if self.first_at else None,
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "accounts": sorted(self.accounts),
            "records": {kind: len(ids) for kind, ids in sorted(self.records.items())},
            "record_ids": {kind: sorted(ids) for kind, ids in sorted(self.records.items())},
            "named_reporters_exposed": len(self.identity_reports),
            "units": sorted(self.units),
        }


def breach_events(
    *, actor_id: int | None = None, since: datetime | None = None, until: datetime | None = None
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if actor_id is not None:
        events = events.filter(actor_id=actor_id)
    if since is not None:
        events = events.filter(at__gte=since)
    if until is not None:
        events = events.filter(at__lte=until)
    return events.order_by("at")


def breach_exposure(
    *, actor_id: int | None = None, since: datetime | None = None, until: datetime | None = None
) -> Exposure:
    exposure = Exposure()
    for event in breach_events(actor_id=actor_id, since=since, until=until).iterator():
        exposure.events += 1
        exposure.first_at = exposure.first_at or event.at
        exposure.last_at = event.at
        if event.actor_id:
            exposure.accounts.add(event.actor_id)
        if event.unit_id:
            exposure.units.add(event.unit_id)
        exposure.records.setdefault(event.object_type, set()).update(event.object_ids)
        if event.action == Action.IDENTITY_VIEW:
            exposure.identity_reports.update(event.object_ids)
    return exposure
