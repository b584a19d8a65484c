"""What waits for an officer in reporting: the count beside "Báo cáo định kỳ".

The monthly synthesis (by the 20th, seed 002) that the actor's own units owe for
the last complete month and have not sent yet: due, then overdue, until the next
month takes its place (the compliance board keeps the history). Own units are
those where the actor writes reports (``reporting.permissions.EDIT`` held
directly); a unit owes the report when a schedule binds it, as
:func:`duluan.reporting.schedules.obligations` reads them. One query.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, Q

from duluan.org.models import Unit
from duluan.org.scope import own_unit_ids
from duluan.org.types import Actor

from . import permissions
from .choices import ReportType, State
from .compliance import latest_due_period
from .models import PeriodicReport, Schedule
from .schedules import DEFAULT_SCHEDULES


def reports_owed_count(actor: Actor, *, now: datetime | None = None) -> int:
    """Own units that have not sent last month's monthly report (none without ``EDIT``)."""
    units = own_unit_ids(actor, permissions.EDIT)
    if not units:
        return 0
    monthly = ReportType.MONTHLY
    period = latest_due_period(monthly, now)
    active = Schedule.objects.filter(is_active=True)
    # As schedules.rules and _rule_units: the active rows when there are any (a row
    # names a level, or else a depth), the defaults otherwise.
    bound = Exists(
        active.filter(report_type=monthly).filter(
            Q(level_id=OuterRef("level_id")) | Q(level__isnull=True, depth=OuterRef("depth"))
        )
    )
    default_depths = [r.depth for r in DEFAULT_SCHEDULES if r.report_type == monthly]
    by_default = ~Exists(active) & Q(depth__in=[d for d in default_depths if d is not None])
    sent = Exists(
        PeriodicReport.objects.filter(
            unit_id=OuterRef("pk"), report_type=monthly, period=period.code, state=State.SUBMITTED
        )
    )
    owing = Unit.objects.filter(pk__in=units, is_active=True).filter(bound | by_default)
    return int(owing.exclude(sent).count())
