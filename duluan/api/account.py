"""``/api/me`` and ``/api/tokens``: the caller's own roles and tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from duluan.core.api_schemas import AUTH_ERRORS, ErrorOut
from duluan.core.errors import NotFoundError
from duluan.org.api import UnitRef
from duluan.org.choices import ROLE_PERMS, Role
from duluan.org.selectors import role_list

from .models import ApiToken
from .selectors import token_list
from .services import token_revoke

router = Router(tags=["account"])


class RoleOut(Schema):
    role: Role
    role_label: str
    unit: UnitRef
    perms: list[str]


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    roles: list[RoleOut]


class TokenInfoOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None


@router.get("/me", response={200: MeOut, **AUTH_ERRORS})
def me(request: HttpRequest) -> dict[str, Any]:
    """Tài khoản đang gọi API, các vai trò và quyền theo từng đơn vị."""
    user = request.user
    assert user.is_authenticated  # BearerAuth
    roles = [
        {
            "role": r.role,
            "role_label": str(r.get_role_display()),
            "unit": r.unit,
            "perms": sorted(ROLE_PERMS[r.role]),
        }
        for r in role_list(user).order_by("unit__path", "role")
    ]
    return {"id": user.pk, "username": user.username, "full_name": user.full_name, "roles": roles}


@router.get("/tokens", response={200: list[TokenInfoOut], **AUTH_ERRORS})
def list_tokens(request: HttpRequest) -> list[ApiToken]:
    """Các mã truy cập còn hiệu lực của chính bạn (không bao giờ hiện lại mã đầy đủ)."""
    return list(token_list(request.user))


@router.delete("/tokens/{token_id}", response={204: None, 404: ErrorOut, **AUTH_ERRORS})
def revoke_token(request: HttpRequest, token_id: int) -> Status[None]:
    """Thu hồi một mã truy cập của chính bạn; mã của người khác trả 404."""
    user = request.user
    assert user.is_authenticated  # BearerAuth
    if not token_list(user).filter(pk=token_id).exists():
        raise NotFoundError("Không tìm thấy mã truy cập.")
    token_revoke(user=user, token_id=token_id)
    return Status(204, None)
