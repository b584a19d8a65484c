"""Domain errors to HTTP answers for the surveys pages (404 out of scope, never 403)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from duluan.core.errors import NotFoundError, PermissionDeniedError, ValidationFailed

View = Callable[..., HttpResponse]


def handled(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFoundError as exc:
            raise Http404(exc.message) from exc
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except ValidationFailed as exc:
            return render(request, "surveys/error.html", {"message": exc.message}, status=422)

    return wrapper
