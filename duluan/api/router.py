"""The JSON API: one NinjaAPI, bearer-token auth, one error handler per kind of error.

Each app's ``api.py`` holds a ``ninja.Router`` and reads the shared schemas from
``duluan.core.api_schemas``, never from here; the routers are named below by
their dotted paths (ninja imports them), so no app imports the API and the API
imports no app's module itself.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from duluan.core.dates import PYDANTIC_ERROR_TYPE as DATE_BOUNDS
from duluan.core.errors import ApplicationError
from duluan.core.middleware import api_too_large_detail

from .account import router as account_router
from .auth import BearerAuth
from .auth import router as auth_router

api = NinjaAPI(
    title="duluan API",
    version="1",
    description="Tiếp nhận và tra cứu phản ánh dư luận xã hội. Xác thực: Bearer token.",
    auth=BearerAuth(),
    urls_namespace="api",
)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, **exc.extra}, status=exc.status)


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": "Chưa xác thực: thiếu mã truy cập (Bearer token) hoặc mã đã hết hiệu lực."},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = "Không đọc được nội dung yêu cầu." if exc.status_code == 400 else exc.message
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(RequestDataTooBig)
def request_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # Form fields of a multipart body over DATA_UPLOAD_MAX_MEMORY_SIZE; larger
    # bodies of other kinds are refused by ApiJsonErrorsMiddleware before ninja.
    return api.create_response(request, {"detail": api_too_large_detail()}, status=413)


# Pydantic's error types in Vietnamese; ``ctx`` fills the placeholders.
_MESSAGES: dict[str, str] = {
    "missing": "Trường này là bắt buộc.",
    "extra_forbidden": "Trường này không được phép gửi.",
    "enum": "Giá trị không hợp lệ. Chọn một trong: {expected}.",
    "literal_error": "Giá trị không hợp lệ. Chọn một trong: {expected}.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_short": "Không được để trống.",
    "string_too_long": "Tối đa {max_length} ký tự.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "greater_than_equal": "Phải lớn hơn hoặc bằng {ge}.",
    "greater_than": "Phải lớn hơn {gt}.",
    "less_than_equal": "Phải nhỏ hơn hoặc bằng {le}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "date_type": "Ngày không hợp lệ (dạng YYYY-MM-DD).",
    "date_parsing": "Ngày không hợp lệ (dạng YYYY-MM-DD).",
    "date_from_datetime_parsing": "Ngày không hợp lệ (dạng YYYY-MM-DD).",
    "datetime_type": "Thời điểm không hợp lệ (dạng ISO 8601, ví dụ 2026-03-01T08:30:00+07:00).",
    "datetime_parsing": "Thời điểm không hợp lệ (dạng ISO 8601, ví dụ 2026-03-01T08:30:00+07:00).",
    "datetime_from_date_parsing": (
        "Thời điểm không hợp lệ (dạng ISO 8601, ví dụ 2026-03-01T08:30:00+07:00)."
    ),
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "dict_type": "Phải là một đối tượng JSON.",
    "json_invalid": "JSON không hợp lệ.",
}
_FALLBACK = "Giá trị không hợp lệ."


def _message(error: dict[str, Any]) -> str:
    if error.get("type") == DATE_BOUNDS:
        return str(error.get("msg") or _FALLBACK)  # already Vietnamese (core.dates)
    template = _MESSAGES.get(str(error.get("type")), _FALLBACK)
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return _FALLBACK


def _field(loc: list[Any] | tuple[Any, ...]) -> str:
    # ("body", "payload", "subject") -> "subject"; ("query", "limit") -> "limit".
    parts = [str(p) for p in loc]
    if parts[:1] == ["body"]:
        parts = parts[2:]
    elif parts[:1] in (["query"], ["path"], ["header"], ["cookie"], ["form"]):
        parts = parts[1:]
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field(error.get("loc", ())), []).append(_message(error))
    return api.create_response(
        request, {"detail": "Dữ liệu gửi lên chưa hợp lệ.", "errors": errors}, status=422
    )


api.add_router("/auth", auth_router)
api.add_router("/", account_router)
api.add_router("/", "duluan.intake.api.router")
api.add_router("/", "duluan.org.api.router")
api.add_router("/", "duluan.cases.api.router")
api.add_router("/", "duluan.nlp.api.router")
api.add_router("/", "duluan.reporting.api.router")
api.add_router("/", "duluan.surveys.api.router")
api.add_router("/", "duluan.network.api.router")
api.add_router("/", "duluan.dashboard.api.router")
