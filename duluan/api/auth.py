"""Bearer-token auth and ``POST /api/auth/token``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import HttpBearer

from duluan.core.api_schemas import AUTH_ERRORS, ErrorOut, ValidationErrorOut
from duluan.core.errors import ApplicationError
from duluan.org.login_guard import authenticate_guarded
from duluan.org.two_factor import code_verify, device_for, requires_two_factor

from .services import rate_allow, token_authenticate, token_issue

if TYPE_CHECKING:
    from duluan.org.models import User


class RateLimited(ApplicationError):
    status = 429


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_authenticate(token)
        if user is not None:
            if not rate_allow(token):
                raise RateLimited(
                    "Quá nhiều yêu cầu với mã truy cập này. Vui lòng thử lại sau ít phút."
                )
            request.user = user
        return user


class TokenIn(Schema):
    username: str
    password: str
    otp: str | None = None


class TokenOut(Schema):
    token: str
    expires_at: str


class InvalidCredentials(ApplicationError):
    status = 401


router = Router(tags=["auth"])


@router.post(
    "/token",
    auth=None,
    response={
        200: TokenOut,
        400: ErrorOut,
        401: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        429: ErrorOut,
    },
)
def obtain_token(request: HttpRequest, payload: TokenIn) -> dict[str, str]:
    """A new token (shown once). 409 when the account already holds its
    ``DULUAN_API_TOKENS_PER_ACCOUNT`` live tokens: revoke one first."""
    user = authenticate_guarded(
        request, username=payload.username, password=payload.password, channel="api"
    )
    if user is None:
        raise InvalidCredentials("Tên đăng nhập hoặc mật khẩu không đúng.")
    if requires_two_factor(user):
        device = device_for(user)
        if device is None or device.confirmed_at is None:
            raise InvalidCredentials(
                "Tài khoản cần xác thực hai bước: hãy đăng nhập trang web một lần để thiết lập."
            )
        if not code_verify(user=user, code=payload.otp or ""):
            raise InvalidCredentials("Cần mã xác thực hai bước hợp lệ trong trường «otp».")
    token, raw = token_issue(user=user, name="api")
    assert token.expires_at is not None
    return {"token": raw, "expires_at": token.expires_at.isoformat()}


class PingOut(Schema):
    username: str


@router.get("/ping", response={200: PingOut, **AUTH_ERRORS})
def ping(request: HttpRequest) -> dict[str, str]:
    """Checks a token: answers the account it belongs to."""
    return {"username": request.user.get_username()}
