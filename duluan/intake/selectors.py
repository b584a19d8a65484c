"""Reads of reports, scoped to the actor's subtree before anything else."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from duluan.core.errors import NotFoundError
from duluan.core.pii import mask_pii
from duluan.core.text import fold
from duluan.org.choices import Perm
from duluan.org.models import Unit, User
from duluan.org.scope import own_unit_ids, scope_filter, unit_in_scope
from duluan.org.types import Actor
from duluan.privacy.choices import Purpose
from duluan.privacy.services import consented_ids

from .keys import submitter_key
from .models import Report, ReporterIdentity
from .privacy import SUBJECT_KIND as IDENTITY_SUBJECT_KIND

LIST_COUNT_CAP = 100_000  # the unsearched list counts exactly up to here (docs/scale.md)
SEARCH_COUNT_CAP = 10_000  # a free-text search, up to here


def report_count_capped(reports: QuerySet[Report], cap: int) -> int:
    """How many of ``reports``, counting at most ``cap + 1``: "more than ``cap``"
    without reading every index entry of a province of millions (about a second
    at ten million). No ordering, and only ``heard_at`` (in every list index) in
    the inner query, so the index that serves the filters answers it alone."""
    return int(reports.order_by().values("heard_at")[: cap + 1].count())


@dataclass(frozen=True)
class ReportFilters:
    """What the list page and ``GET /api/reports`` can filter on."""

    date_from: date | None = None
    date_to: date | None = None
    unit_id: int | None = None  # this unit and its subtree
    channel: str | None = None
    kind: str | None = None
    urgency: str | None = None
    mood: str | None = None
    # The dashboard's sentiment (measure ``reports_negative``): the analysis' where the
    # text analytics ran, else the reporter's mood, so a dashboard count links here.
    sentiment: str | None = None
    q: str | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ReportFilters:
        """From a form's cleaned data or an API query: blanks mean "no filter",
        enum members their value, ``unit`` the unit id."""

        def plain(name: str) -> Any:
            value = values.get(name)
            return getattr(value, "value", value) or None

        return cls(
            date_from=plain("date_from"),
            date_to=plain("date_to"),
            unit_id=plain("unit"),
            channel=plain("channel"),
            kind=plain("kind"),
            urgency=plain("urgency"),
            mood=plain("mood"),
            sentiment=plain("sentiment"),
            q=plain("q"),
        )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


_UNITS = Prefetch("unit", queryset=Unit.objects.select_related("level"))


def report_list(actor: Actor, filters: ReportFilters | None = None) -> QuerySet[Report]:
    """Reports of the units the actor may read, newest heard first."""
    f = filters or ReportFilters()
    within = None
    if f.unit_id is not None:
        within = Unit.objects.filter(pk=f.unit_id).only("path").first()
        if within is None or not unit_in_scope(actor, Perm.REPORT_VIEW, within):
            return Report.objects.none()
    reports = Report.objects.filter(scope_filter(actor, Perm.REPORT_VIEW, within=within))
    if f.date_from:
        reports = reports.filter(heard_at__gte=_day_start(f.date_from))
    if f.date_to:
        reports = reports.filter(heard_at__lt=_day_start(f.date_to) + timedelta(days=1))
    for field in ("channel", "kind", "urgency", "mood"):
        value = getattr(f, field)
        if value:
            reports = reports.filter(**{field: value})
    if f.sentiment:
        unanalysed = Q(analysis__isnull=True) | Q(analysis__sentiment="")
        reports = reports.filter(
            Q(analysis__sentiment=f.sentiment) | (unanalysed & Q(mood=f.sentiment))
        )
    if f.q and f.q.strip():
        for word in fold(f.q).split()[:8]:
            reports = reports.filter(search_text__contains=word)
    # Units come in one extra query rather than a join: with the join, SQLite
    # may drive the plan from the small unit tables and sort every report;
    # without it, the newest page is read straight off the (heard_at) index.
    return reports.prefetch_related(_UNITS).order_by("-heard_at", "-id")


def report_get(actor: Actor, report_id: int) -> Report:
    """A report the actor may read; one outside their scope answers as missing."""
    try:
        return report_list(actor).get(pk=report_id)
    except (Report.DoesNotExist, ValueError, TypeError):
        pass
    mine = my_report_list(actor).filter(pk=report_id).first()
    if mine is None:
        raise NotFoundError("Không tìm thấy phản ánh.")
    return mine


def my_report_list(actor: Actor) -> QuerySet[Report]:
    """What this account submitted (anonymous ones too, through the keyed hash)."""
    if not isinstance(actor, User):  # an anonymous visitor, the system actor
        return Report.objects.none()
    return (
        Report.objects.filter(submitter_key=submitter_key(actor.pk))
        .select_related("unit", "unit__level")
        .order_by("-heard_at", "-id")
    )


def report_identity(actor: Actor, report: Report) -> ReporterIdentity | None:
    """The named reporter, only for officers of the report's own unit.

    The contact is blanked unless the person's consent to be contacted back
    is still live: records without consent are excluded from that purpose.
    """
    if report.unit_id not in own_unit_ids(actor, Perm.IDENTITY_VIEW):
        return None
    identity = ReporterIdentity.objects.filter(report=report).first()
    if identity is None:
        return None
    live = consented_ids(subject_kind=IDENTITY_SUBJECT_KIND, purpose=Purpose.CONTACT_BACK)
    if not live.filter(subject_id=identity.pk).exists():
        identity.contact = ""
    return identity


def report_text_for(actor: Actor, report: Report) -> tuple[str, str]:
    """Subject and text as this actor may see them: personal data masked unless
    the actor is an officer of the report's own unit."""
    if report.unit_id in own_unit_ids(actor, Perm.IDENTITY_VIEW):
        return report.subject, report.text
    return mask_pii(report.subject), mask_pii(report.text)


def report_panels(actor: Actor, report: Report) -> list[Any]:
    """What other apps show on the report's page (``report_panels`` modules), in order:
    a built ``Block``, or the registry entry itself for a lazy panel (the page fetches
    it after loading, see :func:`report_panel`); each builder scopes its own rows."""
    from duluan.core.extensions import REPORT_PANELS

    out: list[Any] = []
    for entry in REPORT_PANELS.entries():
        if entry.lazy:
            out.append(entry)
            continue
        block = entry.build(actor, report)
        if block is not None:
            out.append(block)
    return out


def report_panel(actor: Actor, report_id: int, key: str) -> Any:
    """One lazy panel of a report the actor may read (``NotFoundError`` otherwise)."""
    from duluan.core.extensions import REPORT_PANELS

    report = report_get(actor, report_id)
    try:
        entry = REPORT_PANELS.get(key)
    except KeyError as exc:
        raise NotFoundError("Không tìm thấy.") from exc
    return entry.build(actor, report)
