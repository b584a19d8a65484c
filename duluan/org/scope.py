"""The access rule, in one place.

A user acts on the units where they hold a role granting a permission and on
those units' descendants; never on siblings or ancestors. Everything that reads
data scoped by unit starts from :func:`scope_q` or :func:`scoped_units`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet

from duluan.core.errors import NotFoundError

from .choices import ROLE_PERMS
from .models import RoleAssignment, Unit, User
from .types import Actor

_CACHE_ATTR = "_duluan_role_paths"
# Alongside: the ids of those units that have child units (read by the same query).
_PARENTS_ATTR = "_duluan_role_parents"

M = TypeVar("M", bound=Model)


RolePaths = list[tuple[str, str, int]]


def _role_paths(actor: User) -> RolePaths:
    """(role, unit path, unit id) for the actor's active roles, cached on the user."""
    cached: RolePaths | None = getattr(actor, _CACHE_ATTR, None)
    if cached is None or not hasattr(actor, _PARENTS_ATTR):
        rows = list(
            RoleAssignment.objects.filter(user_id=actor.pk, is_active=True, unit__is_active=True)
            .values_list("role", "unit__path", "unit_id", "unit__numchild")
            .order_by("unit__path")
        )
        cached = [(role, path, uid) for role, path, uid, _ in rows]
        setattr(actor, _CACHE_ATTR, cached)
        setattr(actor, _PARENTS_ATTR, {uid for _, _, uid, children in rows if children})
    return cached


def access_fingerprint(actor: Actor | None) -> str:
    """A short digest of everything the access rule reads for ``actor`` (account,
    superuser flag, active roles and their units): equal digests reach the same
    rows. A cache of what an actor may see keys on it, so a granted or withdrawn
    role is a new key at once. No query beyond the cached role read."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return "none"
    parts: list[object] = [actor.pk, bool(actor.is_superuser), type(actor).__name__]
    if isinstance(actor, User):
        parts.extend(_role_paths(actor))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def held_roles(actor: Actor | None, *, with_children: bool = False) -> set[str]:
    """The roles the account holds (at an active unit), no query beyond the cached one;
    ``with_children``: only those held at a unit with child units (a unit that follows
    its children's reports)."""
    if not isinstance(actor, User) or not actor.is_active:
        return set()
    paths = _role_paths(actor)
    parents: set[int] = getattr(actor, _PARENTS_ATTR)
    return {role for role, _, uid in paths if not with_children or uid in parents}


def forget_roles(actor: Actor) -> None:
    """Drop the per-request cache after roles change."""
    for attr in (_CACHE_ATTR, _PARENTS_ATTR):
        if hasattr(actor, attr):
            delattr(actor, attr)


def acting_account(actor: Actor) -> User:
    """The account behind ``actor``, for a row that names who did something.

    Such writes follow a scope check, which an anonymous visitor never passes,
    and the system actor (imports from the command line) writes none of them;
    either is refused with the ``ValueError`` Django raises when a foreign key
    to an account is given something else."""
    if isinstance(actor, User):
        return actor
    raise ValueError(f"{actor!r} is not an account")


def recorded_account(actor: Actor | None) -> User | None:
    """The account to record as having done something, if any: a saved account;
    no one for nobody, an anonymous visitor or the system actor."""
    return actor if isinstance(actor, User) and actor.pk else None


def root_paths(actor: Actor | None, perm: str) -> list[str]:
    """The minimal set of subtree roots the actor reaches with ``perm``."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return []
    if actor.is_superuser:
        return [""]
    if not isinstance(actor, User):  # signed in, active, no superuser: an account
        return []
    paths = sorted({path for role, path, _ in _role_paths(actor) if perm in ROLE_PERMS[role]})
    roots: list[str] = []
    for path in paths:
        if not any(path.startswith(root) for root in roots):
            roots.append(path)
    return roots


def has_perm(actor: Actor | None, perm: str) -> bool:
    return bool(root_paths(actor, perm))


def scope_q(actor: Actor | None, perm: str, *, unit_field: str = "unit") -> Q:
    """A filter limiting rows whose ``unit_field`` lies in the actor's subtrees."""
    roots = root_paths(actor, perm)
    prefix = f"{unit_field}__path" if unit_field else "path"
    if not roots:
        return Q(pk__in=[])
    if roots == [""]:
        return Q()
    query = Q()
    for root in roots:
        query |= Q(**{f"{prefix}__startswith": root})
    return query


def scoped_units(actor: Actor | None, perm: str) -> QuerySet[Unit]:
    units: QuerySet[Unit] = Unit.objects.filter(scope_q(actor, perm, unit_field=""))
    return units


def unit_in_scope(actor: Actor | None, perm: str, unit: Unit) -> bool:
    return any(unit.path.startswith(root) for root in root_paths(actor, perm))


def own_unit_ids(actor: Actor | None, perm: str) -> set[int]:
    """Units where the actor holds ``perm`` directly (not by descent)."""
    if not isinstance(actor, User):  # nobody, an anonymous visitor, the system actor
        return set()
    return {uid for role, _, uid in _role_paths(actor) if perm in ROLE_PERMS[role]}


# Below this many units a subtree is filtered by a list of unit ids, which
# lets the database walk the (unit, date) index of each unit; above it, by
# the path prefix join.
ID_LIST_LIMIT = 2000


def scope_filter(
    actor: Actor | None = None,
    perm: str | None = None,
    *,
    within: Unit | None = None,
    unit_field: str = "unit",
) -> Q:
    """The fastest equivalent of :func:`scope_q`, optionally narrowed to ``within``'s subtree.

    A small reach becomes ``unit_id IN (...)``; a reach that covers every
    root of the tree needs no filter at all; otherwise the path join.
    ``within`` must already be known to lie in the actor's reach; given alone
    (no actor, no permission) it is the fast filter of that unit's subtree,
    for code that already holds the unit (report sections, exports).
    """
    if within is not None:
        roots = [within.path]
    elif perm is not None:
        roots = root_paths(actor, perm)
    else:
        raise TypeError("scope_filter needs a permission or a unit to narrow to")
    if not roots:
        return Q(pk__in=[])
    if roots == [""]:
        return Q()
    # Only a top-level path can be one of the tree's roots: no query otherwise.
    top = {root for root in roots if len(root) == Unit.steplen}
    if top:
        all_roots = set(Unit.get_root_nodes().values_list("path", flat=True))
        if all_roots and all_roots <= top:
            return Q()
    ids = list(
        Unit.objects.filter(subtree_q(roots, field="")).values_list("pk", flat=True)[
            : ID_LIST_LIMIT + 1
        ]
    )
    if len(ids) <= ID_LIST_LIMIT:
        return Q(**{f"{unit_field}_id__in": ids})
    return subtree_q(roots, field=unit_field)


# --- Named helpers: every view, route, section and export filters and loads through these.

UnitsLike = Unit | str | Iterable[Unit | str]


def _paths(units: UnitsLike) -> list[str]:
    items: Iterable[Unit | str] = [units] if isinstance(units, Unit | str) else units
    return [item if isinstance(item, str) else item.path for item in items]


def subtree_q(units: UnitsLike, *, field: str = "unit") -> Q:
    """Rows whose ``field`` (a unit foreign key; ``""`` for units themselves) lies
    in the subtree of any of ``units`` (units or their paths), each included.

    The only place outside ``org`` that needs a subtree filter calls this; no
    ``path__startswith`` is written anywhere else. No units: no rows.
    """
    paths = _paths(units)
    if not paths:
        return Q(pk__in=[])
    key = f"{field}__path__startswith" if field else "path__startswith"
    query = Q()
    for path in paths:
        query |= Q(**{key: path})
    return query


def in_subtree(unit: Unit | str, root: Unit | str) -> bool:
    """Whether ``unit`` is ``root`` or one of its descendants (either given as a unit or its path)."""
    path: str = root if isinstance(root, str) else root.path
    unit_path: str = unit if isinstance(unit, str) else unit.path
    return unit_path.startswith(path)


def access_object(
    actor: Actor,
    queryset: QuerySet[M],
    pk: Any,
    perm: str,
    *,
    unit_field: str = "unit",
    message: str = "Không tìm thấy hoặc bạn không có quyền xem mục này.",
) -> M:
    """The row ``pk`` of ``queryset`` if its unit lies in the actor's reach for
    ``perm``; otherwise :class:`NotFoundError` (missing and out of reach answer
    the same). The generic base of every ``access_<thing>`` helper."""
    try:
        return queryset.filter(scope_q(actor, perm, unit_field=unit_field)).get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotFoundError(message) from exc


def access_unit_in_reach(actor: Actor, unit_id: Any, perm: str) -> Unit:
    """An active unit in the actor's reach for ``perm``; otherwise not found."""
    try:
        unit: Unit = Unit.objects.select_related("level").get(pk=unit_id, is_active=True)
    except (Unit.DoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise NotFoundError("Không tìm thấy đơn vị hoặc đơn vị nằm ngoài phạm vi của bạn.") from exc
    if not unit_in_scope(actor, perm, unit):
        raise NotFoundError("Không tìm thấy đơn vị hoặc đơn vị nằm ngoài phạm vi của bạn.")
    return unit
