"""The JSON API: one NinjaAPI, bearer-token auth, one error handler."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from duluan.core.errors import ApplicationError

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


api.add_router("/auth", auth_router)
