"""Schemas every part of the API shares: errors and limit/offset paging.

In ``core`` so that every app's ``api.py`` may use them without importing the
``api`` app, which mounts those apps' routers (``duluan.api.router``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

MAX_LIMIT = 200
MAX_OFFSET = 100_000_000


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="Thông báo lỗi theo từng trường"
    )


class PageIn(Schema):
    """``limit`` rows from ``offset``; answers carry ``count``, the total that matched."""

    limit: int = Field(
        50, ge=1, le=MAX_LIMIT, description=f"Số dòng mỗi trang (tối đa {MAX_LIMIT})"
    )
    # Bounded: a database integer cannot hold an arbitrary offset (found by fuzzing).
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bao nhiêu dòng đầu")


# The error answers every authenticated operation can give.
# Every authenticated operation may answer these; a 429 when the token is over its rate.
AUTH_ERRORS: dict[int, type[Schema]] = {401: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut}
# Operations that read a JSON body may also answer 400 when it cannot be read.
BODY_ERRORS: dict[int, type[Schema]] = {400: ErrorOut}


def paginate(queryset: QuerySet[Any], page: PageIn) -> dict[str, Any]:
    """One page as ``{"items": [...], "count": N}``: two queries whatever the size."""
    return {
        "items": list(queryset[page.offset : page.offset + page.limit]),
        "count": queryset.count(),
    }
