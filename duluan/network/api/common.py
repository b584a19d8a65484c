"""What every network API module shares: the router, the error answers, the input base
class and the one shape of a filtered, scoped, paged list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from duluan.core.api_schemas import AUTH_ERRORS, BODY_ERRORS, ErrorOut, PageIn, paginate

from ..permissions import VIEW
from ..selectors.common import within

ERRORS: dict[int, Any] = {404: ErrorOut, **AUTH_ERRORS}
WRITE_ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, **AUTH_ERRORS, **BODY_ERRORS}

# The API was one module, ``duluan.network.api``; the OpenAPI operation ids it gave
# (NinjaAPI's default: module and function name) are kept so generated clients still work.
OPERATION_PREFIX = "duluan_network_api_"


class NetworkRouter(Router):
    def add_api_operation(
        self, path: str, methods: list[str], view_func: Callable[..., Any], **kwargs: Any
    ) -> None:
        if kwargs.get("operation_id") is None:
            kwargs["operation_id"] = OPERATION_PREFIX + view_func.__name__
        super().add_api_operation(path, methods, view_func, **kwargs)


class NetworkIn(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class YearQuery(Schema):
    unit: int | None = Field(None, description="Đơn vị và các đơn vị trực thuộc")
    year: int | None = Field(None, ge=1990, le=2100)


def scoped_page(
    request: HttpRequest,
    select: Callable[..., Any],
    page: PageIn,
    *,
    unit: int | None,
    perm: str = VIEW,
    **filters: Any,
) -> dict[str, Any]:
    """One page of ``select(actor, within=unit, **filters)``: everything in the actor's
    reach, or only ``unit``'s subtree when one is asked for (out of reach: 404)."""
    return paginate(select(request.user, within=within(request.user, unit, perm), **filters), page)
