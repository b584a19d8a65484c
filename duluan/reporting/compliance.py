"""Deadline compliance: who submitted on time, late, or not at all, and reminders.

Due dates are computed from the schedules every time (never frozen on a row),
and an extension recorded through ``duluan.core.calendar.deadline_extend`` on
a unit's report moves that report's due date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from duluan.core.models import DeadlineExtension
from duluan.notifications.selectors import unit_notified_users
from duluan.notifications.services import notices_send
from duluan.org.models import Unit

from .choices import PERIOD_KIND, SCHEDULED_TYPES, Compliance, ReportType, State
from .models import PeriodicReport
from .periods import Period
from .schedules import obligations


@dataclass
class BoardRow:
    unit: Unit
    due_at: datetime
    status: str
    report: PeriodicReport | None = None

    @property
    def status_label(self) -> str:
        return str(Compliance(self.status).label)

    @property
    def submitted_at(self) -> datetime | None:
        return self.report.submitted_at if self.report is not None else None


@dataclass
class Board:
    recipient: Unit
    report_type: str
    period: Period
    rows: list[BoardRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.status for row in self.rows)
        return {status: counted.get(status, 0) for status in Compliance.values}


def _status(report: PeriodicReport | None, due: datetime, now: datetime) -> str:
    if report is not None and report.state == State.SUBMITTED and report.submitted_at:
        return Compliance.ON_TIME if report.submitted_at <= due else Compliance.LATE
    return Compliance.MISSING if now > due else Compliance.PENDING


def _reports(
    unit_ids: list[int], report_type: str, codes: list[str]
) -> dict[tuple[int, str], PeriodicReport]:
    return {
        (r.unit_id, r.period): r
        for r in PeriodicReport.objects.filter(
            unit_id__in=unit_ids, report_type=report_type, period__in=codes
        )
    }


def _extended(reports: Iterable[PeriodicReport]) -> dict[int, datetime]:
    """The latest extension granted on each report (one query for them all)."""
    ids = [r.pk for r in reports]
    if not ids:
        return {}
    rows = (
        DeadlineExtension.objects.filter(
            content_type=ContentType.objects.get_for_model(PeriodicReport), object_id__in=ids
        )
        .values("object_id")
        .annotate(latest=Max("new_due"))
    )
    return {int(row["object_id"]): row["latest"] for row in rows}


def _due(
    computed: datetime, report: PeriodicReport | None, extended: dict[int, datetime]
) -> datetime:
    """The due date that counts: a recorded extension, when later than the schedule's."""
    if report is None or report.pk not in extended:
        return computed
    return max(computed, extended[report.pk])


def compliance_board(
    recipient: Unit, report_type: str, period: Period, *, now: datetime | None = None
) -> Board:
    """Each unit that owes ``recipient`` this report, with its status for ``period``."""
    moment = now or timezone.now()
    owing = obligations(report_type, recipient=recipient)
    found = _reports([o.unit.pk for o in owing], report_type, [period.code])
    extended = _extended(found.values())
    board = Board(recipient=recipient, report_type=report_type, period=period)
    for obligation in owing:
        report = found.get((obligation.unit.pk, period.code))
        due = _due(obligation.due_at(period), report, extended)
        board.rows.append(BoardRow(obligation.unit, due, _status(report, due, moment), report))
    return board


@dataclass
class HistoryRow:
    unit: Unit
    statuses: list[str]

    @property
    def on_time_rate(self) -> float | None:
        """On-time share of the periods already due (None when none is due yet)."""
        due = [s for s in self.statuses if s != Compliance.PENDING]
        if not due:
            return None
        return round(100.0 * sum(s == Compliance.ON_TIME for s in due) / len(due), 1)


def compliance_history(
    recipient: Unit,
    report_type: str,
    last: Period,
    *,
    count: int = 12,
    now: datetime | None = None,
) -> tuple[list[Period], list[HistoryRow]]:
    """Each owing unit's status over the ``count`` periods ending with ``last``."""
    moment = now or timezone.now()
    periods = [last.shifted(-i) for i in range(count - 1, -1, -1)]
    owing = obligations(report_type, recipient=recipient)
    found = _reports([o.unit.pk for o in owing], report_type, [p.code for p in periods])
    extended = _extended(found.values())
    rows = []
    for obligation in owing:
        statuses = []
        for period in periods:
            report = found.get((obligation.unit.pk, period.code))
            due = _due(obligation.due_at(period), report, extended)
            statuses.append(_status(report, due, moment))
        rows.append(HistoryRow(obligation.unit, statuses))
    return periods, rows


def latest_due_period(report_type: str, now: datetime | None = None) -> Period:
    """The most recent period of this type whose report is due by now or soon: the one
    a board opens on (for monthly reports on 23/11: October)."""
    moment = now or timezone.now()
    kind = PERIOD_KIND.get(report_type, PERIOD_KIND[ReportType.MONTHLY])
    return Period.containing(kind, moment).previous()


# ── reminders ────────────────────────────────────────────────────────────────
OVERDUE_WINDOW = timedelta(days=45)


def reminders_send(*, now: datetime | None = None) -> dict[str, int]:
    """Remind units before their due date and after it (once each), and tell the
    recipient which units are late. Idempotent: notices are keyed per unit and period."""
    moment = now or timezone.now()
    counts = {"before": 0, "overdue": 0, "recipients": 0}
    for report_type in SCHEDULED_TYPES:
        kind = PERIOD_KIND[report_type]
        current = Period.containing(kind, moment)
        candidates = [current.shifted(-2), current.shifted(-1), current]
        owing = obligations(report_type)
        if not owing:
            continue
        found = _reports([o.unit.pk for o in owing], report_type, [p.code for p in candidates])
        extended = _extended(found.values())
        late_by_recipient: dict[int, list[str]] = {}
        label = str(ReportType(report_type).label)
        for obligation in owing:
            for period in candidates:
                report = found.get((obligation.unit.pk, period.code))
                if report is not None and report.state == State.SUBMITTED:
                    continue
                due = _due(obligation.due_at(period), report, extended)
                before = timedelta(days=obligation.rule.remind_days_before)
                users = None
                if moment <= due <= moment + before:
                    users = unit_notified_users([obligation.unit])
                    sent = notices_send(
                        users,
                        kind="reporting.due_soon",
                        key=f"{report_type}:{period.code}:{obligation.unit.pk}",
                        title=f"Sắp đến hạn gửi {label.lower()} {period.label}"
                        f" (hạn {timezone.localtime(due):%d/%m/%Y})",
                        url=reverse("reporting:period_list"),
                        body=f"{obligation.unit.name}: {label.lower()} {period.label} cần gửi"
                        f" trước {timezone.localtime(due):%d/%m/%Y}.",
                        unit_id=obligation.unit.pk,
                        now=moment,
                    )
                    counts["before"] += sent.notified
                elif due < moment <= due + OVERDUE_WINDOW:
                    users = unit_notified_users([obligation.unit])
                    sent = notices_send(
                        users,
                        kind="reporting.overdue",
                        key=f"{report_type}:{period.code}:{obligation.unit.pk}",
                        title=f"Quá hạn gửi {label.lower()} {period.label}"
                        f" (hạn {timezone.localtime(due):%d/%m/%Y})",
                        url=reverse("reporting:period_list"),
                        body=f"{obligation.unit.name} chưa gửi {label.lower()} {period.label}.",
                        unit_id=obligation.unit.pk,
                        now=moment,
                    )
                    counts["overdue"] += sent.notified
                    if obligation.recipient_id is not None:
                        late_by_recipient.setdefault(obligation.recipient_id, []).append(
                            f"{obligation.unit.display_name} ({period.short_label})"
                        )
        for recipient_id, names in late_by_recipient.items():
            recipient = Unit.objects.get(pk=recipient_id)
            board = reverse("reporting:compliance") + f"?unit={recipient_id}&type={report_type}"
            sent = notices_send(
                unit_notified_users([recipient]),
                kind="reporting.units_late",
                key=f"{report_type}:{moment.date().isoformat()}:{recipient_id}",
                title=f"{len(names)} đơn vị chưa gửi {label.lower()} đúng hạn",
                url=board,
                body="Các đơn vị quá hạn: " + ", ".join(names[:30]),
                unit_id=recipient.pk,
                now=moment,
            )
            counts["recipients"] += sent.notified
    return counts
