"""Counter-messaging articles and declarations of personal web pages.

Declarations store what the person typed; nothing here fetches, monitors or
scrapes a declared page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.core.text import nfc
from duluan.notifications.services import Sent, notices_send
from duluan.org.models import RoleAssignment, Unit, User
from duluan.org.scope import scope_q

from ..access import MANAGE, NOT_FOUND, VIEW, actor_units, in_scope, own_units_q, unit_for
from ..choices import ArticleSource, Platform
from ..models import Article, Declaration, DeclaredPage, NetworkMember
from .roster import _clean


@transaction.atomic
def article_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    platform: str,
    title: str,
    published_on: date,
    url: str = "",
    author_id: int | None = None,
    author_name: str = "",
    reach: int = 0,
    interactions: int = 0,
    counters_rumour: bool = False,
    matter_id: int | None = None,
    source: str = ArticleSource.MANUAL,
    import_key: str | None = None,
) -> Article:
    unit = unit_for(actor, unit_id, MANAGE)
    article = Article(
        unit=unit,
        kind=kind,
        platform=platform,
        title=nfc(title).strip()[:255],
        url=url.strip(),
        published_on=published_on,
        author_name=nfc(author_name).strip(),
        reach=reach,
        interactions=interactions,
        counters_rumour=counters_rumour,
        source=source,
        import_key=import_key,
        created_by=actor,
    )
    if author_id is not None:
        author = NetworkMember.objects.filter(scope_q(actor, MANAGE), pk=author_id).first()
        if author is None:
            raise NotFoundError(NOT_FOUND)
        article.author = author
        article.author_name = article.author_name or author.full_name
    if matter_id is not None:
        from duluan.cases.selectors import matter_get

        article.matter = matter_get(actor, matter_id)
    _clean(article, "Bài viết chưa hợp lệ.")
    article.save()
    return article


def article_list(
    actor: Any, *, within: Unit | None = None, year: int | None = None, matter_id: int | None = None
) -> QuerySet[Article]:
    articles = Article.objects.filter(scope_q(actor, VIEW))
    if within is not None:
        articles = articles.filter(unit__path__startswith=within.path)
    if year:
        articles = articles.filter(published_on__year=year)
    if matter_id:
        articles = articles.filter(matter_id=matter_id)
    return articles.select_related("unit", "matter").order_by("-published_on", "-id")


def article_get(actor: Any, article_id: int) -> Article:
    return in_scope(actor, Article.objects.select_related("unit"), article_id, VIEW)


# ── declarations ─────────────────────────────────────────────────────────────
@dataclass
class PageIn:
    platform: str
    address: str
    purpose: str = ""


@transaction.atomic
def declaration_submit(
    *, actor: Any, unit_id: int, pages: list[PageIn], no_pages: bool = False
) -> Declaration:
    """Declare one's pages to a unit where one holds a role; replaces the
    previous declaration there (kept as history)."""
    if unit_id not in actor_units(actor):
        raise NotFoundError("Bạn chỉ khai báo với đơn vị nơi mình có vai trò.")
    if not pages and not no_pages:
        raise ValidationFailed(
            "Hãy khai báo ít nhất một trang, hoặc đánh dấu «không có trang cá nhân nào».",
            extra={
                "errors": {
                    "pages": [
                        "Hãy khai báo ít nhất một trang, hoặc đánh dấu «không có trang cá nhân nào»."
                    ]
                }
            },
        )
    for page in pages:
        if page.platform not in Platform.values or not page.address.strip():
            raise ValidationFailed(
                "Mỗi trang cần nền tảng và địa chỉ.",
                extra={"errors": {"pages": ["Mỗi trang cần nền tảng và địa chỉ."]}},
            )
    now = timezone.now()
    Declaration.objects.filter(user=actor, unit_id=unit_id, replaced_at__isnull=True).update(
        replaced_at=now
    )
    declaration = Declaration.objects.create(
        user=actor, unit_id=unit_id, declared_at=now, no_pages=no_pages and not pages
    )
    DeclaredPage.objects.bulk_create(
        [
            DeclaredPage(
                declaration=declaration,
                platform=p.platform,
                address=nfc(p.address).strip()[:500],
                purpose=nfc(p.purpose).strip()[:255],
            )
            for p in pages
        ]
    )
    audit_record(
        actor=actor,
        action=Action.PRIVACY,
        object_type="network_declaration",
        object_ids=[declaration.pk],
        unit_id=unit_id,
        note="declare",
    )
    return declaration


def my_declarations(actor: Any) -> QuerySet[Declaration]:
    return (
        Declaration.objects.filter(user_id=actor.pk)
        .select_related("unit")
        .prefetch_related("pages")
        .order_by("-declared_at", "-id")
    )


def declaration_list(actor: Any) -> QuerySet[Declaration]:
    """Current declarations at the actor's own units (officers there only)."""
    return (
        Declaration.objects.filter(own_units_q(actor), replaced_at__isnull=True)
        .select_related("unit", "user")
        .prefetch_related("pages")
        .order_by("unit__path", "user__full_name")
    )


def declaration_get(actor: Any, declaration_id: int) -> Declaration:
    found = (
        Declaration.objects.select_related("unit", "user")
        .prefetch_related("pages")
        .filter(pk=declaration_id)
        .first()
    )
    if found is None:
        raise NotFoundError(NOT_FOUND)
    if (
        found.user_id == actor.pk
        or Declaration.objects.filter(own_units_q(actor), pk=found.pk).exists()
    ):
        return found
    raise NotFoundError(NOT_FOUND)


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


def subtree_completion(root: Unit, *, at: datetime | None = None) -> Completion:
    ids = list(Unit.objects.filter(path__startswith=root.path).values_list("pk", flat=True))
    return completion(ids, at=at)


def declarations_remind(*, actor: Any, unit_id: int) -> Sent:
    """Officers of the unit itself remind those who have not declared (once a day)."""
    unit = unit_for(actor, unit_id, MANAGE)
    from duluan.org.scope import own_unit_ids

    if unit.pk not in own_unit_ids(actor, MANAGE):
        raise NotFoundError(NOT_FOUND)
    missing = completion([unit.pk]).missing
    day = timezone.localdate()
    return notices_send(
        missing,
        kind="network.declaration_reminder",
        key=f"unit:{unit.pk}:{day:%Y%m%d}",
        title=f"Nhắc khai báo trang thông tin cá nhân với {unit.display_name}",
        url=reverse("network:declaration_mine"),
        body="Theo Quy định 85-QĐ/TW, đề nghị đồng chí khai báo trang cá nhân, tài khoản mạng xã hội đang sử dụng.",
        unit_id=unit.pk,
    )
