"""Counter-messaging articles in reach; declarations of personal pages (the person
themself and the officers of their own unit only) and how many have declared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from duluan.core.errors import NotFoundError
from duluan.org.models import RoleAssignment, Unit, User
from duluan.org.scope import access_object, own_unit_ids, scope_q, subtree_q
from duluan.org.types import Actor

from ..models import Article, Declaration
from ..permissions import MANAGE, NOT_FOUND, VIEW
from .common import own_units_q


# ── articles ────────────────────────────────────────────────────────────────
def access_article(actor: Actor, article_id: Any, perm: str = VIEW) -> Article:
    """An article of a unit in the actor's reach for ``perm``; otherwise not found."""
    return access_object(
        actor, Article.objects.select_related("unit"), article_id, perm, message=NOT_FOUND
    )


def article_list(
    actor: Actor,
    *,
    within: Unit | None = None,
    year: int | None = None,
    matter_id: int | None = None,
    platform: str | None = None,
) -> QuerySet[Article]:
    articles = Article.objects.filter(scope_q(actor, VIEW))
    if within is not None:
        articles = articles.filter(subtree_q(within))
    if year:
        articles = articles.filter(published_on__year=year)
    if matter_id:
        articles = articles.filter(matter_id=matter_id)
    if platform:
        articles = articles.filter(platform=platform)
    return articles.select_related("unit", "matter").order_by("-published_on", "-id")


def article_by_import_key(key: str) -> Article | None:
    return Article.objects.filter(import_key=key).first()


# ── declarations ────────────────────────────────────────────────────────────
def my_declarations(actor: Actor) -> QuerySet[Declaration]:
    if not isinstance(actor, User):  # no account, no declarations
        return Declaration.objects.none()
    return (
        Declaration.objects.filter(user_id=actor.pk)
        .select_related("unit")
        .prefetch_related("pages")
        .order_by("-declared_at", "-id")
    )


def declaration_list(actor: Actor) -> QuerySet[Declaration]:
    """Current declarations at the actor's own units (officers there only)."""
    return (
        Declaration.objects.filter(own_units_q(actor), replaced_at__isnull=True)
        .select_related("unit", "user")
        .prefetch_related("pages")
        .order_by("unit__path", "user__full_name")
    )


def access_declaration(actor: Actor, declaration_id: Any) -> Declaration:
    """A declaration by the actor, or one made to a unit where they are an officer."""
    declarations = Declaration.objects.select_related("unit", "user").prefetch_related("pages")
    try:
        return declarations.filter(Q(user_id=actor.pk) | own_units_q(actor)).get(pk=declaration_id)
    except (Declaration.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFoundError(NOT_FOUND) from exc


@dataclass(frozen=True)
class Completion:
    required: int
    declared: int
    missing: list[User]

    @property
    def text(self) -> str:
        return f"{self.declared}/{self.required} đã khai báo"


def unit_people(unit_ids: list[int]) -> QuerySet[User]:
    ids = RoleAssignment.objects.filter(
        unit_id__in=unit_ids, is_active=True, user__is_active=True
    ).values_list("user_id", flat=True)
    return User.objects.filter(pk__in=ids).order_by("full_name", "username")


def completion(unit_ids: list[int], *, at: datetime | None = None) -> Completion:
    """People holding a role at the units, and how many have declared there (as of ``at``)."""
    people = list(unit_people(unit_ids))
    declarations = Declaration.objects.filter(unit_id__in=unit_ids)
    if at is not None:
        declarations = declarations.filter(declared_at__lt=at)
    declared_ids = set(declarations.values_list("user_id", flat=True))
    missing = [p for p in people if p.pk not in declared_ids]
    return Completion(required=len(people), declared=len(people) - len(missing), missing=missing)


def own_unit_completion(actor: Actor, unit_id: int) -> Completion:
    """:func:`completion` of one unit where the actor is an officer; otherwise not found."""
    if unit_id not in own_unit_ids(actor, MANAGE):
        raise NotFoundError("Không tìm thấy đơn vị hoặc đơn vị nằm ngoài phạm vi của bạn.")
    return completion([unit_id])


def own_units_completion(actor: Actor) -> list[tuple[Unit, Completion]]:
    """Each unit where the actor is an officer, with its completion."""
    from .common import own_units

    return [(unit, completion([unit.pk])) for unit in own_units(actor, MANAGE)]


def subtree_completion(root: Unit, *, at: datetime | None = None) -> Completion:
    ids = list(Unit.objects.filter(subtree_q(root, field="")).values_list("pk", flat=True))
    return completion(ids, at=at)
