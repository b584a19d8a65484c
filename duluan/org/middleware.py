"""Holds accounts that need two-factor sign-in on the code page until they pass it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .two_factor import SESSION_FLAG, requires_two_factor

_OPEN_PREFIXES = ("/static/", "/api/", "/dang-xuat/", "/xac-thuc-hai-buoc/")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get(SESSION_FLAG)
            and not request.path.startswith(_OPEN_PREFIXES)
            and requires_two_factor(user)
        ):
            target = reverse("two_factor") + "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)
