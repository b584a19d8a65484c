"""Counter-messaging articles and declarations of personal web pages.

Declarations store what the person typed; nothing here fetches, monitors or
scrapes a declared page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from duluan.audit.models import Action
from duluan.audit.services import audit_record
from duluan.core.errors import NotFoundError, ValidationFailed
from duluan.core.text import nfc
from duluan.notifications.services import Sent, notices_send
from duluan.org.scope import access_unit_in_reach, acting_account, own_unit_ids
from duluan.org.types import Actor

from ..choices import ArticleSource, Platform
from ..models import Article, Declaration, DeclaredPage
from ..permissions import MANAGE, NOT_FOUND
from ..selectors.common import actor_unit_ids
from ..selectors.outreach import completion
from ..selectors.roster import access_member
from .roster import _clean


@transaction.atomic
def article_create(
    *,
    actor: Actor,
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
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
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
        created_by=acting_account(actor),
    )
    if author_id is not None:
        author = access_member(actor, author_id, MANAGE, own=False)
        article.author = author
        article.author_name = article.author_name or author.full_name
    if matter_id is not None:
        from duluan.cases.selectors import matter_get

        article.matter = matter_get(actor, matter_id)
    _clean(article, "Bài viết chưa hợp lệ.")
    article.save()
    return article


# ── declarations ─────────────────────────────────────────────────────────────
@dataclass
class PageIn:
    platform: str
    address: str
    purpose: str = ""


@transaction.atomic
def declaration_submit(
    *, actor: Actor, unit_id: int, pages: list[PageIn], no_pages: bool = False
) -> Declaration:
    """Declare one's pages to a unit where one holds a role; replaces the
    previous declaration there (kept as history)."""
    if unit_id not in actor_unit_ids(actor):
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
    user = acting_account(actor)  # holds a role at the unit, so an account
    now = timezone.now()
    Declaration.objects.filter(user=user, unit_id=unit_id, replaced_at__isnull=True).update(
        replaced_at=now
    )
    declaration = Declaration.objects.create(
        user=user, unit_id=unit_id, declared_at=now, no_pages=no_pages and not pages
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


def declarations_remind(*, actor: Actor, unit_id: int) -> Sent:
    """Officers of the unit itself remind those who have not declared (once a day)."""
    unit = access_unit_in_reach(actor, unit_id, MANAGE)
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
