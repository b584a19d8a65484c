"""Reads of periodic reports, scoped to the actor first.

A unit's own staff (``report.view`` held at the unit itself) see its reports
in every state; ancestors see only what was submitted to them. Anything else
answers 404, the same as a report that does not exist.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from duluan.core.errors import NotFoundError, PermissionDeniedError
from duluan.org.models import Unit
from duluan.org.scope import own_unit_ids, scope_q, subtree_q, unit_in_scope
from duluan.org.selectors import unit_get
from duluan.org.types import Actor

from . import permissions
from .choices import State
from .models import PeriodicReport


def _visible_q(actor: Actor | None) -> Q:
    if actor is not None and actor.is_superuser and actor.is_active:
        return Q()
    own = own_unit_ids(actor, permissions.VIEW)
    return Q(unit_id__in=own) | (
        Q(state=State.SUBMITTED) & scope_q(actor, permissions.VIEW, unit_field="unit")
    )


def periodic_report_list(
    actor: Actor,
    *,
    unit_id: int | None = None,
    report_type: str | None = None,
    period: str | None = None,
    state: str | None = None,
) -> QuerySet[PeriodicReport]:
    reports = PeriodicReport.objects.filter(_visible_q(actor))
    if unit_id is not None:
        unit = unit_get(actor, unit_id)
        reports = reports.filter(subtree_q(unit))
    if report_type:
        reports = reports.filter(report_type=report_type)
    if period:
        reports = reports.filter(period=period)
    if state:
        reports = reports.filter(state=state)
    return reports.select_related("unit", "unit__level").order_by(
        "-span_start", "unit__path", "-id"
    )


def periodic_report_get(actor: Actor | None, report_id: int) -> PeriodicReport:
    """A report the actor sees; nobody (a job's deleted author) sees none."""
    try:
        return (
            PeriodicReport.objects.filter(_visible_q(actor))
            .select_related("unit", "unit__level")
            .get(pk=report_id)
        )
    except (PeriodicReport.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError("Không tìm thấy báo cáo.") from exc


def access_periodic_report(actor: Actor, report_id: int, *, perm: str) -> PeriodicReport:
    """The report if the actor holds ``perm`` at its own unit; 403 if the actor only
    sees it; 404 if not even that."""
    report = periodic_report_get(actor, report_id)
    if actor.is_superuser or report.unit_id in own_unit_ids(actor, perm):
        return report
    raise PermissionDeniedError("Bạn không có quyền thực hiện thao tác này với báo cáo của đơn vị.")


def access_unit(actor: Actor, unit_id: int, *, perm: str) -> Unit:
    """A unit the actor may act for (``perm`` held there); 403 when only in sight, else 404."""
    try:
        unit: Unit = Unit.objects.select_related("level").get(pk=unit_id, is_active=True)
    except (Unit.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError("Không tìm thấy đơn vị.") from exc
    if actor.is_superuser or unit.pk in own_unit_ids(actor, perm):
        return unit
    if unit_in_scope(actor, permissions.VIEW, unit):
        raise PermissionDeniedError("Chỉ cán bộ của chính đơn vị mới lập báo cáo của đơn vị.")
    raise NotFoundError("Không tìm thấy đơn vị.")


def own_report_units(actor: Actor, perm: str = permissions.EDIT) -> QuerySet[Unit]:
    """Units the actor writes reports for (where ``perm`` is held directly)."""
    units: QuerySet[Unit]
    if actor.is_superuser:
        units = Unit.objects.filter(is_active=True, depth__lte=2)
    else:
        units = Unit.objects.filter(pk__in=own_unit_ids(actor, perm), is_active=True)
    return units.order_by("path")


def viewable_units(actor: Actor) -> QuerySet[Unit]:
    """Units whose compliance board the actor may open (the reach of ``report.view``)."""
    units: QuerySet[Unit] = Unit.objects.filter(
        scope_q(actor, permissions.VIEW, unit_field=""), is_active=True
    )
    return units
