"""Who may do what in the network app, on top of the one access rule (org.scope).

The app adds no permission of its own; it maps its actions onto the existing ones:

* ``VIEW``: lists of meetings, classes, dialogues, articles (the unit's work):
  ``report.view`` (officers, leaders, analysts, admins);
* ``MANAGE``: recording that work and reading staff data (roster, activity,
  evaluations): ``matter.handle`` (officers and leaders), on their unit and
  its descendants; a member always sees their own record;
* ``SIGN``: signing off an evaluation: ``matter.direct`` (leaders).

Inactive lists and declarations are narrower still: the officers of the
person's own unit (``own_unit_ids``), never ancestors nor siblings.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet

from duluan.core.errors import NotFoundError
from duluan.org.choices import Perm
from duluan.org.models import RoleAssignment, Unit
from duluan.org.scope import has_perm, own_unit_ids, scope_q, unit_in_scope

VIEW = Perm.REPORT_VIEW
MANAGE = Perm.MATTER_HANDLE
SIGN = Perm.MATTER_DIRECT

M = TypeVar("M", bound=Model)

NOT_FOUND = "Không tìm thấy hoặc bạn không có quyền xem mục này."


def unit_for(actor: Any, unit_id: int | None, perm: str) -> Unit:
    """An active unit in the actor's reach for ``perm``; otherwise 404."""
    unit = Unit.objects.filter(pk=unit_id, is_active=True).select_related("level").first()
    if unit is None or not unit_in_scope(actor, perm, unit):
        raise NotFoundError("Không tìm thấy đơn vị hoặc đơn vị nằm ngoài phạm vi của bạn.")
    return unit


def in_scope(actor: Any, queryset: QuerySet[M], pk: Any, perm: str, unit_field: str = "unit") -> M:
    try:
        return queryset.filter(scope_q(actor, perm, unit_field=unit_field)).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError(NOT_FOUND) from exc


def own_units_q(actor: Any, perm: str = MANAGE, unit_field: str = "unit") -> Q:
    """Rows of units where the actor holds ``perm`` directly (not by descent)."""
    return Q(**{f"{unit_field}_id__in": sorted(own_unit_ids(actor, perm))})


def can_manage(actor: Any) -> bool:
    return has_perm(actor, MANAGE)


def actor_units(actor: Any) -> list[int]:
    """Units where the actor holds any active role (where they would declare)."""
    if not getattr(actor, "is_authenticated", False):
        return []
    return sorted(
        set(
            RoleAssignment.objects.filter(user_id=actor.pk, is_active=True).values_list(
                "unit_id", flat=True
            )
        )
    )
