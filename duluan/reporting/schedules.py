"""Who owes which report to whom, and by when.

The rules are :class:`~duluan.reporting.models.Schedule` rows; without any
active row the defaults below apply (seed 002, III.1: the district and sector
unions report to the province by the 20th of every month; quarterly,
six-monthly and annual reports on the same day of the month after).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from duluan.core.calendar import on_a_working_day
from duluan.org.models import Unit
from duluan.org.scope import subtree_q

from .choices import PERIOD_KIND, ReportType
from .models import PeriodicReport, Schedule
from .periods import Period


@dataclass(frozen=True)
class Rule:
    report_type: str
    level_id: int | None = None
    depth: int | None = None
    to_unit_id: int | None = None
    due_day: int = 20
    months_after: int = 1
    remind_days_before: int = 3

    def due_at(self, period: Period) -> datetime:
        """The schedule's day (the 20th by default), moved to the next working day
        when it falls on a day off (``core/calendar.py``)."""
        return on_a_working_day(period.due_at(day=self.due_day, months_after=self.months_after))


DEFAULT_SCHEDULES: list[Rule] = [
    Rule(ReportType.MONTHLY, depth=2),
    Rule(ReportType.QUARTERLY, depth=2),
    Rule(ReportType.HALF_YEARLY, depth=2),
    Rule(ReportType.ANNUAL, depth=2, due_day=15, months_after=1),
]


def rules(report_type: str | None = None) -> list[Rule]:
    rows = list(Schedule.objects.filter(is_active=True))
    found = (
        [
            Rule(
                report_type=r.report_type,
                level_id=r.level_id,
                depth=r.depth,
                to_unit_id=r.to_unit_id,
                due_day=r.due_day,
                months_after=r.months_after,
                remind_days_before=r.remind_days_before,
            )
            for r in rows
        ]
        if rows
        else [
            replace(r, remind_days_before=settings.REPORTING_REMIND_DAYS) for r in DEFAULT_SCHEDULES
        ]
    )
    return [r for r in found if report_type is None or r.report_type == report_type]


def _rule_units(rule: Rule) -> Q:
    if rule.level_id is not None:
        return Q(level_id=rule.level_id)
    return Q(depth=rule.depth)


@dataclass(frozen=True)
class Obligation:
    unit: Unit
    recipient_id: int | None
    rule: Rule

    def due_at(self, period: Period) -> datetime:
        return self.rule.due_at(period)


def obligations(report_type: str, *, recipient: Unit | None = None) -> list[Obligation]:
    """Active units owing ``report_type``; only those reporting to ``recipient`` when given."""
    found: dict[int, tuple[Unit, int | None, Rule]] = {}
    for rule in rules(report_type):
        units = Unit.objects.filter(_rule_units(rule), is_active=True).select_related("level")
        if recipient is not None:
            if rule.to_unit_id is not None and rule.to_unit_id != recipient.pk:
                continue
            units = units.filter(subtree_q(recipient, field=""))
            if rule.to_unit_id is None:
                units = units.filter(depth=recipient.depth + 1)
        for unit in units:
            found.setdefault(unit.pk, (unit, rule.to_unit_id, rule))
    # Units reporting to their parent: the parents in one query.
    parent_paths = {
        unit.path[: -Unit.steplen] for unit, to_unit, _ in found.values() if to_unit is None
    }
    parents = dict(
        Unit.objects.filter(path__in=parent_paths).values_list("path", "pk") if parent_paths else []
    )
    result = [
        Obligation(
            unit=unit,
            recipient_id=to_unit
            if to_unit is not None
            else parents.get(unit.path[: -Unit.steplen]),
            rule=rule,
        )
        for unit, to_unit, rule in found.values()
    ]
    return sorted(result, key=lambda o: o.unit.path)


def due_for(unit: Unit, report_type: str, period: Period) -> datetime | None:
    """The due date of ``unit``'s report, or ``None`` when no schedule binds it
    (ad-hoc reports, reviews, units that owe nothing)."""
    return _due_by(rules(report_type), unit, report_type, period)


def _due_by(
    type_rules: list[Rule], unit: Unit, report_type: str, period: Period
) -> datetime | None:
    if report_type not in PERIOD_KIND or PERIOD_KIND[report_type] != period.kind:
        return None
    for rule in type_rules:
        if rule.level_id is not None and rule.level_id == unit.level_id:
            return rule.due_at(period)
        if rule.level_id is None and rule.depth == unit.depth:
            return rule.due_at(period)
    return None


def reports_due(reports: Iterable[PeriodicReport]) -> dict[int, datetime | None]:
    """When each of ``reports`` is due, by id, computed every time and never stored:
    its schedule's date on a working day (a hot-spot report:
    ``DULUAN_HOT_SPOT_REPORT_HOURS`` after it was opened), or the latest extension
    recorded on it when later; ``None`` when nothing binds it (ad-hoc reports,
    reviews). Two queries whatever their number (``unit`` selected with them)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Max

    from duluan.core.models import DeadlineExtension

    reports = list(reports)
    if not reports:
        return {}
    all_rules = rules()
    extended = dict(
        DeadlineExtension.objects.filter(
            content_type=ContentType.objects.get_for_model(PeriodicReport),
            object_id__in=[r.pk for r in reports],
        )
        .values_list("object_id")
        .annotate(latest=Max("new_due"))
    )
    dues: dict[int, datetime | None] = {}
    for report in reports:
        computed: datetime | None
        if report.report_type == ReportType.HOT_SPOT:
            computed = report.created_at + timedelta(hours=settings.HOT_SPOT_REPORT_HOURS)
        else:
            computed = _due_by(
                [r for r in all_rules if r.report_type == report.report_type],
                report.unit,
                report.report_type,
                Period.parse(report.period),
            )
        latest = extended.get(report.pk)
        if computed is not None and latest is not None and latest > computed:
            computed = latest
        dues[report.pk] = computed
    return dues


def report_due(report: PeriodicReport) -> datetime | None:
    """:func:`reports_due` of one report."""
    return reports_due([report])[report.pk]


def with_due(reports: list[PeriodicReport]) -> list[PeriodicReport]:
    """``reports`` with their ``due_at`` computed together (:func:`reports_due`), so a
    list page reads a bounded number of queries whatever its length."""
    dues = reports_due(reports)
    for report in reports:
        report.__dict__["due_at"] = dues[report.pk]  # PeriodicReport.due_at is cached
    return reports
