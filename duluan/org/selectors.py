"""Reads of units and people, always scoped to the actor first."""

from __future__ import annotations

from django.db.models import QuerySet

from duluan.core.errors import NotFoundError
from duluan.core.text import fold

from .choices import Perm
from .models import RoleAssignment, Unit, User
from .scope import root_paths, scoped_units
from .types import Actor


def unit_list(
    actor: Actor,
    *,
    parent_id: int | None = None,
    search: str | None = None,
    level_id: int | None = None,
    active: bool | None = None,
) -> QuerySet[Unit]:
    units = scoped_units(actor, Perm.UNIT_VIEW)
    if parent_id is not None:
        parent = unit_get(actor, parent_id)
        units = units.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if level_id is not None:
        units = units.filter(level_id=level_id)
    if active is not None:
        units = units.filter(is_active=active)
    if search:
        units = units.filter(search_key__contains=fold(search))
    return units.select_related("level").order_by("path")


def unit_get(actor: Actor, unit_id: int) -> Unit:
    """One unit in the actor's scope; a unit outside it is reported as missing."""
    try:
        return scoped_units(actor, Perm.UNIT_VIEW).select_related("level").get(pk=unit_id)
    except (Unit.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError("Không tìm thấy đơn vị.") from exc


def unit_roots(actor: Actor) -> QuerySet[Unit]:
    """The top units of the actor's reach (where the tree browser starts)."""
    roots = root_paths(actor, Perm.UNIT_VIEW)
    units: QuerySet[Unit]
    if roots == [""]:
        units = Unit.get_root_nodes().select_related("level")
    else:
        units = Unit.objects.filter(path__in=roots).select_related("level").order_by("path")
    return units


def unit_children(actor: Actor, unit_id: int) -> QuerySet[Unit]:
    parent = unit_get(actor, unit_id)
    children: QuerySet[Unit] = (
        Unit.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .select_related("level")
        .order_by("path")
    )
    return children


def unit_submit_choices(actor: Actor) -> QuerySet[Unit]:
    """Units the actor may file a report for."""
    return scoped_units(actor, Perm.REPORT_SUBMIT).filter(is_active=True).order_by("path")


def role_list(actor: Actor) -> QuerySet[RoleAssignment]:
    if not isinstance(actor, User):  # no account, no roles
        return RoleAssignment.objects.none()
    return RoleAssignment.objects.filter(user_id=actor.pk, is_active=True).select_related(
        "unit", "unit__level"
    )
