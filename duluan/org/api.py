"""``/api/units``: the part of the union tree the caller may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from duluan.core.api_schemas import AUTH_ERRORS, ErrorOut, PageIn, paginate

from .models import Unit
from .selectors import unit_get, unit_list

router = Router(tags=["units"])


class LevelOut(Schema):
    id: int
    name: str
    short_name: str


class UnitRef(Schema):
    id: int
    code: str
    name: str
    short_name: str


class UnitOut(UnitRef):
    level: LevelOut
    depth: int = Field(description="1 là cấp cao nhất của cây")
    numchild: int = Field(description="Số đơn vị trực thuộc trực tiếp")
    is_active: bool
    area: str
    member_count: int


class UnitPage(Schema):
    items: list[UnitOut]
    count: int


class UnitQuery(Schema):
    parent: int | None = Field(None, description="Chỉ các đơn vị trực thuộc trực tiếp đơn vị này")
    level: int | None = Field(None, description="Mã cấp đơn vị (UnitLevel.id)")
    q: str | None = Field(
        None, max_length=100, description="Tìm theo mã, tên, tên ngắn (có hoặc không dấu)"
    )


@router.get("/units", response={200: UnitPage, 404: ErrorOut, **AUTH_ERRORS})
def list_units(
    request: HttpRequest, filters: Query[UnitQuery], page: Query[PageIn]
) -> dict[str, Any]:
    """Các đơn vị trong phạm vi của bạn, theo thứ tự cây."""
    units = unit_list(
        request.user, parent_id=filters.parent, level_id=filters.level, search=filters.q
    )
    return paginate(units, page)


@router.get("/units/{unit_id}", response={200: UnitOut, 404: ErrorOut, **AUTH_ERRORS})
def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    """Một đơn vị. Đơn vị ngoài phạm vi của bạn trả 404 như đơn vị không tồn tại."""
    return unit_get(request.user, unit_id)
