"""Units in reach, the actor's own units, accounts: what every network read starts from."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet

from duluan.core.errors import NotFoundError
from duluan.org.models import RoleAssignment, Unit, User
from duluan.org.scope import access_object, access_unit_in_reach, own_unit_ids, root_paths
from duluan.org.scope import scoped_units as _scoped_units
from duluan.org.types import Actor

from ..permissions import MANAGE, NOT_FOUND

M = TypeVar("M", bound=Model)


def within(actor: Actor, unit_id: int | None, perm: str) -> Unit | None:
    """The unit a list is narrowed to (with its subtree), if one is asked for; one out
    of reach answers as missing rather than as an empty list."""
    return access_unit_in_reach(actor, unit_id, perm) if unit_id else None


def units_in_reach(actor: Actor, perm: str) -> QuerySet[Unit]:
    """Active units the actor reaches with ``perm``, in tree order (forms offer these)."""
    return _scoped_units(actor, perm).filter(is_active=True).order_by("path")


def reaches_any(actor: Actor, perm: str) -> bool:
    return _scoped_units(actor, perm).exists()


def top_unit(actor: Actor, perm: str) -> Unit | None:
    """The shallowest active unit in reach: what a page shows when no unit is chosen."""
    return units_in_reach(actor, perm).order_by("depth", "path").first()


def reach_roots(actor: Actor, perm: str) -> list[Unit]:
    """The roots of the actor's subtrees for ``perm`` (the tree's roots for a superuser)."""
    paths = root_paths(actor, perm)
    if paths == [""]:
        return list(Unit.get_root_nodes())
    return list(Unit.objects.filter(path__in=paths))


def own_units_q(actor: Actor, perm: str = MANAGE, unit_field: str = "unit") -> Q:
    """Rows of units where the actor holds ``perm`` directly (not by descent)."""
    return Q(**{f"{unit_field}_id__in": sorted(own_unit_ids(actor, perm))})


def own_units(actor: Actor, perm: str = MANAGE) -> QuerySet[Unit]:
    """Units where the actor holds ``perm`` directly, in tree order."""
    units: QuerySet[Unit] = Unit.objects.filter(pk__in=sorted(own_unit_ids(actor, perm)))
    return units.order_by("path")


def actor_unit_ids(actor: Actor) -> list[int]:
    """Units where the actor holds any active role (where they would declare)."""
    if not isinstance(actor, User):  # no account, no roles
        return []
    return sorted(
        set(
            RoleAssignment.objects.filter(user_id=actor.pk, is_active=True).values_list(
                "unit_id", flat=True
            )
        )
    )


def actor_units(actor: Actor) -> list[Unit]:
    return list(Unit.objects.filter(pk__in=actor_unit_ids(actor)).order_by("path"))


def first_role_unit(actor: Actor) -> Unit | None:
    """A unit where the actor holds a role (a check-in without a roster entry)."""
    unit: Unit | None = Unit.objects.filter(role_assignments__user=actor).first()
    return unit


def active_account(username: str) -> User | None:
    """The active account with this user name (any case), if there is one."""
    return User.objects.filter(username__iexact=username, is_active=True).first()


def access_own_or_scoped(
    actor: Actor,
    queryset: QuerySet[M],
    pk: Any,
    perm: str,
    *,
    unit_field: str,
    owner_field: str,
) -> M:
    """Staff data: the row if its unit is in the actor's reach for ``perm``, or if it
    is the actor's own (``owner_field`` names the account); otherwise not found."""
    try:
        return access_object(actor, queryset, pk, perm, unit_field=unit_field, message=NOT_FOUND)
    except NotFoundError:
        if not getattr(actor, "is_authenticated", False):
            raise
    try:
        return queryset.get(pk=pk, **{owner_field: actor.pk})
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError(NOT_FOUND) from exc
