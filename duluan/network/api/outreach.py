"""Counter-messaging articles and posts, and declarations of personal pages (seen only
by the person and the officers of their own unit; the pages are never fetched)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Schema
from ninja.responses import Status

from duluan.core.api_schemas import PageIn
from duluan.core.dates import PastDate
from duluan.org.api import UnitRef

from ..choices import ArticleKind, Platform
from ..selectors.outreach import (
    article_list,
    declaration_list,
    own_unit_completion,
)
from ..selectors.outreach import (
    my_declarations as declarations_of,
)
from ..services import outreach
from .common import ERRORS, WRITE_ERRORS, NetworkIn, NetworkRouter, YearQuery, scoped_page

router = NetworkRouter(tags=["network"])


# ── articles ────────────────────────────────────────────────────────────────
class ArticleOut(Schema):
    id: int
    unit: UnitRef
    kind: ArticleKind
    platform: Platform
    title: str
    url: str
    published_on: date
    author_name: str
    reach: int
    interactions: int
    counters_rumour: bool
    matter_id: int | None


class ArticlePage(Schema):
    items: list[ArticleOut]
    count: int


class ArticleQuery(YearQuery):
    matter: int | None = Field(None, description="Chỉ bài trả lời vấn đề DLXH này")


class ArticleIn(NetworkIn):
    unit_id: int
    kind: ArticleKind
    platform: Platform
    title: str = Field(min_length=1, max_length=255, pattern=r"\S")
    published_on: PastDate
    url: str = Field("", max_length=500)
    author_id: int | None = None
    author_name: str = Field("", max_length=150)
    reach: int = Field(0, ge=0)
    interactions: int = Field(0, ge=0)
    counters_rumour: bool = False
    matter_id: int | None = None


@router.get("/network/articles", response={200: ArticlePage, **ERRORS})
def list_articles(
    request: HttpRequest, filters: Query[ArticleQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Bài viết, bài đăng trong phạm vi của bạn (lọc theo vấn đề DLXH được trả lời)."""
    return scoped_page(
        request,
        article_list,
        page,
        unit=filters.unit,
        year=filters.year,
        matter_id=filters.matter,
    )


@router.post("/network/articles", response={201: ArticleOut, **WRITE_ERRORS})
def create_article(request: HttpRequest, payload: ArticleIn) -> Status[Any]:
    """Ghi một bài viết hoặc bài đăng, có thể trả lời một vấn đề DLXH."""
    data = payload.model_dump()
    data["kind"], data["platform"] = payload.kind.value, payload.platform.value
    return Status(201, outreach.article_create(actor=request.user, **data))


# ── declarations ───────────────────────────────────────────────────────────
class PageOut(Schema):
    platform: Platform
    address: str
    purpose: str


class DeclarationOut(Schema):
    id: int
    user_id: int
    unit_id: int
    declared_at: datetime
    no_pages: bool
    current: bool
    pages: list[PageOut]

    @staticmethod
    def resolve_current(obj: Any) -> bool:
        return obj.replaced_at is None

    @staticmethod
    def resolve_pages(obj: Any) -> list[Any]:
        return list(obj.pages.all())


class PageBody(NetworkIn):
    platform: Platform
    address: str = Field(min_length=1, max_length=500, pattern=r"\S")
    purpose: str = Field("", max_length=255)


class DeclarationIn(NetworkIn):
    unit_id: int = Field(description="Đơn vị nơi bạn có vai trò")
    pages: list[PageBody] = Field(default_factory=list)
    no_pages: bool = False


@router.get("/network/declarations/mine", response={200: list[DeclarationOut], **ERRORS})
def my_declarations(request: HttpRequest) -> list[Any]:
    """Các bản khai báo của chính bạn (bản hiện hành và lịch sử)."""
    return list(declarations_of(request.user))


@router.post("/network/declarations", response={201: DeclarationOut, **WRITE_ERRORS})
def submit_declaration(request: HttpRequest, payload: DeclarationIn) -> Status[Any]:
    """Khai báo trang cá nhân với đơn vị; thay bản trước (bản trước vẫn được lưu). Không bao giờ truy cập các trang đã khai."""
    pages = [
        outreach.PageIn(platform=p.platform.value, address=p.address, purpose=p.purpose)
        for p in payload.pages
    ]
    return Status(
        201,
        outreach.declaration_submit(
            actor=request.user, unit_id=payload.unit_id, pages=pages, no_pages=payload.no_pages
        ),
    )


@router.get("/network/declarations", response={200: list[DeclarationOut], **ERRORS})
def unit_declarations(request: HttpRequest) -> list[Any]:
    """Bản khai hiện hành ở các đơn vị nơi bạn là cán bộ (chỉ đơn vị mình, không cấp dưới)."""
    return list(declaration_list(request.user))


class CompletionOut(Schema):
    unit_id: int
    required: int
    declared: int
    text: str


@router.get("/network/declarations/completion", response={200: CompletionOut, **ERRORS})
def declaration_completion(request: HttpRequest, unit: int) -> dict[str, Any]:
    """«37/40 đã khai báo» của một đơn vị nơi bạn là cán bộ."""
    done = own_unit_completion(request.user, unit)
    return {
        "unit_id": unit,
        "required": done.required,
        "declared": done.declared,
        "text": done.text,
    }


class ReminderIn(NetworkIn):
    unit_id: int


class SentOut(Schema):
    notified: int
    emails: int


@router.post("/network/declarations/reminders", response={200: SentOut, **WRITE_ERRORS})
def remind_declarations(request: HttpRequest, payload: ReminderIn) -> dict[str, int]:
    """Nhắc những người của đơn vị chưa khai báo (mỗi ngày một lần)."""
    sent = outreach.declarations_remind(actor=request.user, unit_id=payload.unit_id)
    return {"notified": sent.notified, "emails": sent.emails}
